"""The app under gunicorn on the run's test database, for faults that need real processes.

These tests commit what they write (gunicorn's workers and the test's own threads read it on
their own connections), so, as for the browser tests, pytest-django's ``transactional_db`` is
replaced by one that puts the migrated database back after each test (tests/browser/database.py
says why a plain flush does not do here). PostgreSQL only: row locks, table locks and killing a
backend's client are what is tested.
"""

import os
import secrets

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from bench.server import gunicorn, log_tail
from bench.wizard_steps import Browser
from config.roles import OFFICER
from tests.browser.database import Snapshot

requires_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                         reason="row and table locks and killed backends: PostgreSQL only")


@pytest.fixture(scope="session")
def _migrated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return Snapshot.take()


@pytest.fixture
def transactional_db(_migrated, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            _migrated.restore()


@pytest.fixture
def desk_officer(transactional_db):
    """An officer whose password gunicorn's hashers can read (the suite's MD5 is not among them)."""
    user = get_user_model().objects.create_user("fault-officer", password=secrets.token_urlsafe(16))
    user.groups.add(Group.objects.get(name=OFFICER.group_name))
    return user


def server_env() -> dict:
    """gunicorn's environment: the test settings on this run's test database, with this process's
    secret key so the sessions signed in here are valid there."""
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "DATABASE_URL": url,
            "SECRET_KEY": settings.SECRET_KEY, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false", "LOG_LEVEL": "WARNING"}


@pytest.fixture
def live_desk(transactional_db, tmp_path):
    """Start gunicorn: ``live_desk(workers=3, threads=1)`` gives ``(process, port)``."""
    started = []

    def start(workers: int = 3, threads: int = 1):
        context = gunicorn(server_env(), tmp_path / "gunicorn.log", workers=workers, threads=threads)
        started.append(context)
        return context.__enter__()

    yield start
    for context in started:
        context.__exit__(None, None, None)
    log = tmp_path / "gunicorn.log"
    if log.exists() and "Traceback" in log.read_text(errors="replace"):
        print("gunicorn's log:\n" + log_tail(log, 60))


def browser_for(user, port: int) -> Browser:
    """A browser signed in as ``user`` (a session made here with force_login, valid on gunicorn)
    holding a CSRF cookie whose value the forms send back, as wizard_steps' browser does."""
    client = Client()
    client.force_login(user)
    browser = Browser(port)
    browser.cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": secrets.token_hex(16)}
    return browser


def walk_to_decision(browser: Browser, steps) -> str:
    """Start an assessment and POST every step; the draft's base path (``/en/assessments/N``)."""
    status, location, _, _ = browser.request("POST", "/en/assessments/new/", {})
    assert status == 302, status
    base = location.rsplit("/", 2)[0]
    for name, form in steps:
        status, location, page, _ = browser.request("POST", f"{base}/{name}/", form)
        assert status == 302, f"{name}: {status} {page[:300]}"
    return base
