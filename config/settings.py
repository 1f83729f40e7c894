"""All settings, read from the environment (see README, "Settings").

Production differs from a developer's machine only through environment values, never through
code paths here.
"""

import os
import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_amount(name: str, default: str) -> Decimal:
    """A positive amount of dollars, as typed in the environment ("500", "1040000.00")."""
    raw = os.environ.get(name) or default
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive amount of dollars, not {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # A developer's checkout: a random key kept in an ignored file, so sessions outlive a restart.
    _dev_key = BASE_DIR / ".dev-secret-key"
    if not _dev_key.exists():
        _dev_key.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    SECRET_KEY = _dev_key.read_text(encoding="utf-8").strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "import_export",
    "bootstrap",  # django-bootstrap-static: Bootstrap 5's files from a package, no CDN
    "occupations",
    "eligibility",
    "supervision",
    "rulesadmin",
    "axes",  # sign-in lockout; before "security", whose failed-sign-in receiver reads axes's verdict
    "csp",
    "security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "security.middleware.RecordRefusalsMiddleware",  # outermost but the headers: sees every 403
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.RefuseForgedParameters",  # a NUL or a huge query value: 400, never a database error
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # history rows name who made the change
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.SessionLimitsMiddleware",  # idle and 12-hour limits; needs the user and messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: turns a lockout into its page
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# The system of record is PostgreSQL; a SQLite file in the project is the default so a newcomer
# can run the app with nothing installed. Persistent connections: measured on these machines, a
# two-query page went from 256 to ~1,240 requests/s on PostgreSQL.
DATABASES = {
    # An empty DATABASE_URL counts as unset, as shells and .env files often leave it.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Concurrent writers wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Plausible amounts (issue 15). The remuneration step saves an amount above these only once the
# officer ticks a confirmation: a bound on slips of the keyboard ($9,000,000 an hour), not a rule,
# and any amount may be confirmed (the batch command's contract has no such bound and keeps none).
# Wages and prevailing wages per week, month or year are held to the hourly bound at the offer's
# weekly hours, 52 weeks a year (as the engine compares wages); amounts given a year (the
# non-monetary elements) to the yearly bound, by default the hourly one at 40 hours a week for 52
# weeks ($1,040,000).
PLAUSIBLE_HOURLY_WAGE_MAX = env_amount("PLAUSIBLE_HOURLY_WAGE_MAX", "500")
PLAUSIBLE_YEARLY_AMOUNT_MAX = env_amount("PLAUSIBLE_YEARLY_AMOUNT_MAX", str(PLAUSIBLE_HOURLY_WAGE_MAX * 40 * 52))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security ----------------------------------------------------------------------------------------
# The desk holds applicants' personal information (Protected B) and its decisions may go before a
# court (docs/decisions/0006-security.md). Production differs from a developer's checkout only by
# environment values: with DEBUG on (local http) cookies are not marked Secure and no HSTS is sent.
# `manage.py check --deploy --fail-level WARNING` passes with production values (tests, .ci/run).

# HTTPS. Plain http is redirected to https unless SECURE_SSL_REDIRECT=false (the tests' live server,
# or a proxy that redirects itself). Behind a TLS-terminating proxy, SECURE_PROXY_SSL_HEADER=true
# trusts its X-Forwarded-Proto (only when the proxy sets it and the app is reachable through it only).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health$"]  # the health check of a load balancer or Docker, over http inside
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies of our own in front of the app, each adding to X-Forwarded-For: how the client's address
# is found for the lockout and the security log (security/network.py). 0: the peer's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# HSTS: browsers use only https for a year once they have seen it (sent on https responses only).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # consent only: nothing is submitted

# Cookies: Secure (unless DEBUG), out of reach of scripts (the session warning's script gets the
# CSRF token from its markup), not sent on cross-site requests other than top-level links.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Strict would sign an officer out when following a link from e-mail
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Sessions (security.middleware.SessionLimitsMiddleware). Idle: 30 minutes after the last request
# the session ends, in the database as in the browser: a request saves the session, pushing its
# expiry 30 minutes on, when the last save is SESSION_REFRESH_AFTER old (not on every request:
# one UPDATE less per page). The page warns SESSION_WARNING_BEFORE ahead and offers to stay signed
# in (static/js/session-timeout.js). Absolute: 12 hours from sign-in however active. Wizard drafts
# are saved at each step: nothing is lost when a session ends.
SESSION_COOKIE_AGE = 30 * 60
SESSION_REFRESH_AFTER = 60
SESSION_WARNING_BEFORE = 5 * 60
SESSION_ABSOLUTE_LIMIT = 12 * 60 * 60

# Sign-in lockout (django-axes): 5 failures for one username from one address lock that pair out
# for 30 minutes (security.views.locked_out says so); a success clears the count. Tests sign in
# with force_login, which axes does not see. `manage.py axes_reset_username NAME` unlocks early.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "config.auth.RoleBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the 30 minutes the page announces, no more
AXES_LOCKOUT_CALLABLE = "security.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "security.network.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the security log (security.SecurityEvent)
AXES_VERBOSE = False  # no start-up banner on every command's output

# Headers. Content-Security-Policy (django-csp 4): no inline script or style anywhere, so none is
# allowed; data: images are Bootstrap's CSS icons. Then Referrer-Policy, COOP, nosniff, framing
# refused twice (frame-ancestors and X-Frame-Options), and the browser features the desk never uses.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "usb", "xr-spatial-tracking")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No applicant's details in the logs: query strings, UCIs, application numbers and e-mail
    # addresses are masked on every handler, runserver's request lines included (security/logging.py).
    "filters": {"personal_details": {"()": "security.logging.RedactPersonalDetails"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter",
                                     "format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_details"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                          "filters": ["personal_details"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint's progress steps and fontTools' subsetting notes: INFO chatter on every PDF.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
        "axes": {"level": "WARNING"},  # lockouts, not a line for each step of every sign-in
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
