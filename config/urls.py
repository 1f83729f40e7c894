from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.forms import SignInForm
from config.health import health
from eligibility import views as eligibility_views
from eligibility.wizard import views as wizard

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("health", health, name="health"),  # for load balancers and Docker: outside the language prefixes
]

urlpatterns += i18n_patterns(
    path("", wizard.home, name="home"),
    path("assessments/new/", wizard.start, name="wizard-start"),
    path("assessments/<int:pk>/<slug:step>/", wizard.step, name="wizard-step"),
    path("occupations/suggest/", wizard.noc_suggestions, name="noc-suggestions"),
    path("decisions/<int:pk>/", eligibility_views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/correct/", eligibility_views.correct_decision, name="decision-correct"),
    path("rules/", eligibility_views.rules_in_force, name="rules-in-force"),
    path("supervision/", include("supervision.urls")),
    path("security/", include("security.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# A database that is away answers 503 "briefly unavailable", not a 500 or 400 (config/errors.py).
handler500 = "config.errors.server_error"
handler400 = "config.errors.bad_request"
