"""Sign-ins, failed sign-ins and sign-outs go into the security log, whichever page they use."""

import pytest
from django.test import Client
from django.urls import reverse

from security import services
from security.models import SecurityEvent

pytestmark = pytest.mark.django_db
PASSWORD = "unused-in-tests-1"


def events():
    return list(SecurityEvent.objects.order_by("id").values_list("kind", "username", "user__username", "path"))


def test_records_a_sign_in_with_who_from_where(officer):
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user, event.username, event.ip_address) == ("signed_in", officer, "officer", "192.0.2.7")
    assert event.path == "/en/accounts/login/"


def test_records_a_failed_sign_in_with_the_username_as_typed(client, officer):
    client.post(reverse("login"), {"username": "nobody-here", "password": "wrong"})
    assert events() == [("sign_in_failed", "nobody-here", None, "/en/accounts/login/")]


def test_records_the_failure_that_locks_out_and_each_refused_attempt(client, officer):
    for _ in range(6):
        client.post(reverse("login"), {"username": "officer", "password": "wrong-password"})
    kinds = [kind for kind, *_ in events()]
    assert kinds == ["sign_in_failed"] * 4 + ["locked_out"] * 2


def test_records_a_sign_out(officer_client):
    officer_client.post(reverse("logout"))
    assert events()[-1] == ("signed_out", "officer", "officer", "/en/accounts/logout/")


def test_a_sign_out_without_a_session_records_nothing(client):
    client.post(reverse("logout"))
    assert events() == []


def test_records_sign_ins_and_failures_on_the_admin_too(client, rules_admin):
    client.post(reverse("admin:login"), {"username": "rulesadmin", "password": "wrong"})
    client.post(reverse("admin:login"), {"username": "rulesadmin", "password": PASSWORD})
    assert [(kind, path) for kind, _u, _n, path in events()] == [
        ("sign_in_failed", "/en/admin/login/"), ("signed_in", "/en/admin/login/")]


def test_a_typed_username_is_trimmed_to_the_field(officer):
    event = services.record(SecurityEvent.Kind.SIGN_IN_FAILED, username="x" * 400)
    assert len(event.username) == 150


def test_the_log_cannot_be_changed(officer):
    from django.db import IntegrityError, transaction

    event = services.record(SecurityEvent.Kind.SIGNED_IN, user=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).update(username="someone-else")
    assert SecurityEvent.objects.get(pk=event.pk).username == "officer"


@pytest.mark.postgres
def test_the_log_cannot_be_deleted_on_postgresql(officer):
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's trigger refuses changes only: its test runs empty tables with DELETE")
    event = services.record(SecurityEvent.Kind.SIGNED_IN, user=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).delete()
    assert SecurityEvent.objects.filter(pk=event.pk).exists()
