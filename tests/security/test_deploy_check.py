"""`manage.py check --deploy` passes with production environment values, and fails without them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the test run puts in its own environment (config/settings_test.py) must not leak in.
OURS = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def check_deploy(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in OURS}
    environment.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "t52.example.gc.ca", "DATABASE_URL": "postgres://desk:secret@db.example:5432/t52",
    })
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_with_production_values():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_https_is_not_enforced():
    result = check_deploy(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr and "security.W004" in result.stderr
