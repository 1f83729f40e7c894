"""The test run: the same settings, read from an environment with a throwaway secret key.

Tests run production-like (DEBUG off). Nothing here differs from config.settings except the
environment it is read in.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a fresh throwaway key per run
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API with live_server
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # the test client and live server speak http

from config.settings import *  # noqa: E402,F403

# Tests render pages without running collectstatic first, so no hashed-name manifest exists.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
