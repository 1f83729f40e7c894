"""Sign-in lockout (django-axes with the desk's page), the keep-alive, and the security log page."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from security.models import SecurityEvent

pytestmark = pytest.mark.django_db
PASSWORD = "unused-in-tests-1"  # the personas' (tests/conftest.py)


def sign_in(client, password, username="officer"):
    return client.post(reverse("login"), {"username": username, "password": password})


def fail_five_times(client, username="officer"):
    return [sign_in(client, "wrong-password", username) for _ in range(5)]


def test_refuses_the_right_password_after_five_failures_with_a_clear_message(client, officer):
    answers = fail_five_times(client)
    assert [a.status_code for a in answers[:4]] == [200] * 4  # the form again, with its error
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked" in page and "5 failed attempts" in page and "30 minutes" in page
    assert 'class="desk-title' in page  # the desk's own layout, not axes's bare text
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_the_language_of_the_sign_in_page(client, officer):
    fail_five_times(client)
    response = client.post("/fr/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert '<html lang="fr">' in response.content.decode()


def test_four_failures_then_the_right_password_signs_in_and_clears_the_count(client, officer):
    for _ in range(4):
        sign_in(client, "wrong-password")
    assert sign_in(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()


def test_the_lockout_is_for_that_username_from_that_address_only(client, officer, supervisor):
    fail_five_times(client)
    assert sign_in(client, PASSWORD, username="supervisor").status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert sign_in(elsewhere, PASSWORD).status_code == 302


def test_the_lockout_ends_after_thirty_minutes(client, officer):
    fail_five_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert sign_in(client, PASSWORD).status_code == 302


def test_sessions_opened_with_force_login_are_unaffected_by_a_lockout(client, officer, officer_client):
    fail_five_times(client)
    assert officer_client.get(reverse("home")).status_code == 200


def test_keep_alive_answers_no_content_and_pushes_the_session_expiry_on(officer_client):
    from django.contrib.sessions.models import Session

    key = officer_client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=2))
    response = officer_client.post(reverse("security:keep-alive"))
    assert response.status_code == 204
    assert Session.objects.get(pk=key).expire_date > timezone.now() + timedelta(minutes=29)


def test_keep_alive_refuses_a_get_and_sends_the_signed_out_to_sign_in(officer_client, client):
    assert officer_client.get(reverse("security:keep-alive")).status_code == 405
    response = client.post(reverse("security:keep-alive"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_keep_alive_needs_the_csrf_token(officer):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert strict.post(reverse("security:keep-alive")).status_code == 403


def test_supervisors_read_the_security_log_newest_first(supervisor_client, client, officer):
    sign_in(client, "wrong-password")
    sign_in(client, PASSWORD)
    page = supervisor_client.get(reverse("security:log")).content.decode()
    assert page.index("Signed in") < page.index("Sign-in failed")
    assert "officer" in page


def test_officers_may_not_read_the_security_log(officer_client):
    assert officer_client.get(reverse("security:log")).status_code == 403


def test_the_security_log_pages_back_with_older(supervisor_client, officer):
    SecurityEvent.objects.bulk_create(SecurityEvent(kind="signed_in", username=f"u{i}") for i in range(60))
    first = supervisor_client.get(reverse("security:log"))
    assert first.context["older"] is not None
    second = supervisor_client.get(reverse("security:log"), {"before": first.context["older"]})
    assert len(first.context["events"]) == 50 and len(second.context["events"]) >= 10
