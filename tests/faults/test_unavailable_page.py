"""The answers when the database is away: /health says so, and pages say "briefly unavailable"
(503) instead of a 500 or a 400, in the officer's language. The restart itself is in
test_database_restart.py; here the handlers meet the exceptions Django gives them."""

import json

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.utils import translation

from config.errors import bad_request, server_error


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers():
    response = Client().get("/health")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_needs_no_sign_in_and_tells_nothing_else():
    response = Client().get("/health", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200 and set(json.loads(response.content)) == {"status"}


@pytest.mark.django_db
def test_health_refuses_a_post():
    assert Client().post("/health").status_code == 405


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"), InterfaceError("closed")])
def test_a_lost_database_is_a_503_briefly_unavailable_page_not_a_500(error):
    request = RequestFactory().get("/en/")
    try:
        raise error
    except type(error):
        response = server_error(request)

    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "The service is briefly unavailable. What you saved is kept." in response.content.decode()


def test_any_other_server_error_stays_a_500():
    request = RequestFactory().get("/en/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500


def test_a_session_save_cut_by_the_database_is_a_503_not_a_400():
    """Django's session store turns the lost connection into UpdateError, then SessionInterrupted."""
    request = RequestFactory().get("/en/")
    try:
        try:
            try:
                raise OperationalError("the database system is shutting down")
            except OperationalError:
                raise UpdateError  # noqa: B904  as django.contrib.sessions.backends.db does
        except UpdateError:
            raise SessionInterrupted("The request's session was deleted")  # noqa: B904  as SessionMiddleware
    except SessionInterrupted as exception:
        response = bad_request(request, exception)

    assert response.status_code == 503


def test_a_plain_bad_request_stays_a_400():
    request = RequestFactory().get("/en/")

    assert bad_request(request, SessionInterrupted("deleted by a logout")).status_code == 400


def test_the_unavailable_page_speaks_the_officers_language():
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        try:
            raise OperationalError("gone")
        except OperationalError:
            response = server_error(request)

    assert response.status_code == 503 and '<html lang="fr">' in response.content.decode()
