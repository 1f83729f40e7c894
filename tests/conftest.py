"""Personas and clients only; factories live in tests/factories.py."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from config.roles import OFFICER, RULES_ADMIN, SUPERVISOR


@pytest.fixture(autouse=True)
def _no_cached_values():
    """Django's cache (each process's memory) outlives a test's database: each test starts with none."""
    cache.clear()


def _user(username, role):
    user = get_user_model().objects.create_user(username=username, password="unused-in-tests-1")
    user.is_staff = role.staff
    user.save()
    user.groups.add(Group.objects.get(name=role.group_name))
    return user


@pytest.fixture
def officer(db):
    return _user("officer", OFFICER)


@pytest.fixture
def supervisor(db):
    return _user("supervisor", SUPERVISOR)


@pytest.fixture
def rules_admin(db):
    return _user("rulesadmin", RULES_ADMIN)


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer_client(officer):
    return _signed_in(officer)


@pytest.fixture
def supervisor_client(supervisor):
    return _signed_in(supervisor)


@pytest.fixture
def rules_admin_client(rules_admin):
    return _signed_in(rules_admin)


@pytest.fixture
def other_officer(db):
    """A second officer, for what one officer must never see of another's work."""
    return _user("officer2", OFFICER)


@pytest.fixture
def other_officer_client(other_officer):
    return _signed_in(other_officer)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Personas are created with a password; a fast hasher keeps the many small tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_unless_asked():
    """Each test starts in English. A request to a /fr/ page leaves French active in the thread
    (LocaleMiddleware does not undo it), and reverse() would then give /fr/ URLs to the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
