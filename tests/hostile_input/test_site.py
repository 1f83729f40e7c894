"""Hostile input to the pages every role shares: signing in, the language toggle, occupation
suggestions, the rules in force, the home page, the health check and the security pages; and a
forged or missing CSRF token (a 403 page, never a 500)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given

from .checks import assert_no_live_markup, forged_query, sent_values
from .conftest import HOSTILE, TALLY, Hostile
from .strategies import hostile_text, hostile_value, tampered

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]


@HOSTILE
@given(data=tampered({"username": "officer", "password": "wrong-password-1"}))
def test_hostile_sign_in_attempts_are_refused_with_a_message(hostile_anonymous, officer, data):
    pairs, _hostile = data
    response = hostile_anonymous.post(reverse("login"), pairs)
    assert response.status_code in (200, 403, 429)
    assert_no_live_markup(response, sent_values(pairs))
    if response.status_code == 200:
        assert "_auth_user_id" not in hostile_anonymous.client.session


@HOSTILE
@given(data=tampered({"language": "fr", "next": "/en/rules/"}))
def test_the_language_toggle_never_follows_a_hostile_next_off_the_site(hostile_officer, data):
    pairs, _hostile = data
    response = hostile_officer.post(reverse("set_language"), pairs)
    assert response.status_code in (200, 302, 204)
    if response.status_code == 302:  # a relative address on this site, never another site or a script
        target = urlsplit(response.url.replace("\\", "/"))
        assert (target.scheme, target.netloc) == ("", ""), response.url


@HOSTILE
@given(q=hostile_value())
def test_occupation_suggestions_for_hostile_text_are_a_list(hostile_officer, q):
    response = hostile_officer.get(reverse("noc-suggestions"), [("q", q)])
    if forged_query([("q", q)]):
        assert response.status_code == 400
        return
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@HOSTILE
@given(data=tampered({"on": "2025-03-03"}, ["on", "q"]))
def test_the_rules_in_force_on_a_hostile_date_are_todays_with_a_message(hostile_rules_admin, data):
    pairs, _hostile = data
    response = hostile_rules_admin.get(reverse("rules-in-force"), pairs)
    assert response.status_code == (400 if forged_query(pairs) else 200)
    assert_no_live_markup(response, sent_values(pairs))


@HOSTILE
@given(query=hostile_text())
def test_shared_pages_ignore_a_hostile_query_string(hostile_supervisor, query):
    for url in (reverse("home"), reverse("login"), "/health", reverse("security:keep-alive"),
                reverse("security:log")):
        response = hostile_supervisor.get(url, [("q", query), ("next", query)])
        assert response.status_code in (200, 302, 400, 403, 405), url  # 400: a NUL (config/middleware.py)
        assert_no_live_markup(response, [query])


def test_a_post_without_its_csrf_token_is_a_403_page_not_a_500(officer):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.force_login(officer)
    hostile = Hostile(browser)

    for token in ([], [("csrfmiddlewaretoken", "forged")], [("csrfmiddlewaretoken", "\x00" * 64)]):
        response = hostile.post(reverse("wizard-start"), token)
        assert response.status_code == 403
        assert b"CSRF" in response.content or b"403" in response.content
    assert TALLY[403] >= 3

