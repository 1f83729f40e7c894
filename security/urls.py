"""Security's pages, under /<lang>/security/."""

from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("keep-alive/", views.keep_alive, name="keep-alive"),
    path("log/", views.security_log, name="log"),
]
