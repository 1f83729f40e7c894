"""Settings come from the environment, strictly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT = "from django.conf import settings; import django; django.setup(); print({expr})"


def settings_value(expr: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL",
                                                                     "ALLOWED_HOSTS"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "-c", PRINT.format(expr=expr)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)


def test_secret_key_is_required_when_debug_is_off():
    result = settings_value("settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_runs_without_a_secret_key_on_a_sqlite_file_in_the_project():
    result = settings_value("settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
                            DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and str(ROOT / "db.sqlite3") in result.stdout


def test_database_url_points_at_postgresql():
    result = settings_value("settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS", SECRET_KEY="k" * 50,
                            DATABASE_URL="postgres://u:p@db.example:5432/t52", ALLOWED_HOSTS="a.example, b.example")
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout and "['a.example', 'b.example']" in result.stdout


def test_debug_must_be_a_boolean():
    result = settings_value("settings.DEBUG", DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


def test_an_empty_database_url_means_the_default_sqlite_file():
    result = settings_value("settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
                            DEBUG="true", DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and str(ROOT / "db.sqlite3") in result.stdout


def test_the_tests_run_on_the_database_database_url_names(db):
    from django.db import connection

    url = os.environ.get("DATABASE_URL") or "sqlite://"
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")


def test_debug_without_a_secret_key_keeps_one_random_key_in_an_ignored_file():
    first = settings_value("settings.SECRET_KEY", DEBUG="true")
    second = settings_value("settings.SECRET_KEY", DEBUG="true")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert first.stdout.strip() == (ROOT / ".dev-secret-key").read_text(encoding="utf-8").strip()
    assert len(first.stdout.strip()) >= 50
