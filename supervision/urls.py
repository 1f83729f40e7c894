"""Supervision's pages, under /<lang>/supervision/. Each area's module lists its own routes."""

from django.urls import path

from .views import review

app_name = "supervision"

urlpatterns = [
    path("", review.queue, name="queue"),
    path("decisions/<int:pk>/review/", review.review_decision, name="review"),
    path("sampling/", review.sampling, name="sampling"),
    path("access-log/", review.access_log, name="access-log"),
]
