"""The session's idle and absolute limits, and permission refusals in the security log."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from security.models import SecurityEvent
from security.signals import SEEN_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db
HOURS = 60 * 60


def signed_in_hours_ago(client, hours: float):
    session = client.session
    session[SIGNED_IN_AT] = int(time.time() - hours * HOURS)
    session.save()


def test_a_session_idle_for_thirty_minutes_is_over(officer_client):
    key = officer_client.session.session_key
    # The last request was 30 minutes and a second ago: the session's expiry has passed.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = officer_client.get(reverse("home"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_session_unused_for_thirty_minutes_is_signed_out_with_a_message(officer_client):
    session = officer_client.session
    session[SEEN_AT] = int(time.time()) - 30 * 60
    session.save()  # the row itself not yet expired: the middleware's own check ends it
    response = officer_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="session_limit", username="officer").exists()


def test_a_request_a_minute_after_the_last_save_moves_the_idle_limit_thirty_minutes_on(officer_client):
    key = officer_client.session.session_key
    session = officer_client.session
    session[SEEN_AT] = int(time.time()) - 61
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert officer_client.get(reverse("home")).status_code == 200
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_requests_within_a_minute_of_the_last_save_write_nothing(officer_client):
    key = officer_client.session.session_key
    soon = timezone.now() + timedelta(minutes=10)
    Session.objects.filter(pk=key).update(expire_date=soon)
    assert officer_client.get(reverse("home")).status_code == 200
    assert Session.objects.get(pk=key).expire_date == soon


def test_a_session_is_signed_out_twelve_hours_after_sign_in_however_active(officer_client):
    signed_in_hours_ago(officer_client, 12)
    response = officer_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "a session lasts at most 12 hours" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert SecurityEvent.objects.filter(kind="session_limit", username="officer").exists()


def test_a_session_within_twelve_hours_goes_on(officer_client):
    signed_in_hours_ago(officer_client, 11.9)
    assert officer_client.get(reverse("home")).status_code == 200


def test_the_keep_alive_cannot_stretch_a_session_past_twelve_hours(officer_client):
    signed_in_hours_ago(officer_client, 12.5)
    response = officer_client.post(reverse("security:keep-alive"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_sign_in_starts_the_twelve_hour_clock(client, officer):
    before = int(time.time())
    client.post(reverse("login"), {"username": "officer", "password": "unused-in-tests-1"})
    assert client.session[SIGNED_IN_AT] >= before


def test_records_a_refused_page_with_who_and_which(officer_client):
    response = officer_client.get(reverse("supervision:queue"))
    assert response.status_code == 403
    event = SecurityEvent.objects.get(kind="refused")
    assert (event.username, event.user.username, event.path) == ("officer", "officer", "/en/supervision/")


def test_records_an_admin_refusal(rules_admin_client):
    response = rules_admin_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert SecurityEvent.objects.filter(kind="refused", username="rulesadmin", path="/en/admin/auth/user/").exists()


def test_records_a_refused_form_without_its_csrf_token(officer):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert strict.post(reverse("wizard-start")).status_code == 403
    assert SecurityEvent.objects.filter(kind="refused", username="officer").exists()


def test_being_sent_to_sign_in_is_not_a_refusal(client, officer_client):
    assert client.get(reverse("supervision:queue")).status_code == 302
    assert officer_client.get(reverse("admin:index")).status_code == 302  # the admin's own sign-in
    assert not SecurityEvent.objects.filter(kind="refused").exists()


def test_a_refused_search_keeps_its_query_string_out_of_the_log(officer_client):
    officer_client.get(reverse("supervision:search"), {"q": "Tanaka"})
    assert SecurityEvent.objects.get(kind="refused").path == "/en/supervision/decisions/"
