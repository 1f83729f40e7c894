"""The hostile-input run: a sender that posts raw form bodies and query strings (duplicated
fields, lone surrogates and all), fails the test on any server error with its traceback, and
counts every request, so the run can say how many attempts it made and what came of them.

``HOSTILE_EXAMPLES`` sets hypothesis's examples per property test (default 15: the whole run
took 54 s on SQLite on a quiet machine; HOSTILE_EXAMPLES=100 for a long run)."""

import os
import traceback
from collections import Counter
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

settings.register_profile(
    "hostile", max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "15")), deadline=None, derandomize=False,
    # The database and the signed-in client are set up once per test, not once per example:
    # each example is one more request to the same desk, as an attacker's would be.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
HOSTILE = settings.get_profile("hostile")

TALLY: Counter = Counter()  # status code -> requests, over the whole run
BATCH: Counter = Counter()  # exit status of manage.py assess -> hostile batch runs


def encoded(pairs) -> str:
    """A form body or query string from (name, value) pairs; a lone surrogate goes as the bytes a
    broken client would send (not valid UTF-8), rather than stopping the test client."""
    if isinstance(pairs, dict):
        pairs = list(pairs.items())
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


class Hostile:
    """One signed-in browser sending hostile requests."""

    def __init__(self, client: Client):
        self.client = client

    def _checked(self, response):
        TALLY[response.status_code] += 1
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            trace = "".join(traceback.format_exception(*exc)) if exc else response.content[:2000]
            pytest.fail(f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']} answered "
                        f"{response.status_code}:\n{trace}")
        return response

    def get(self, url: str, pairs=()):
        query = encoded(pairs)
        return self._checked(self.client.get(f"{url}?{query}" if query else url))

    def post(self, url: str, pairs=()):
        return self._checked(self.client.post(url, encoded(pairs), content_type="application/x-www-form-urlencoded"))


def _hostile(user) -> Hostile:
    # Exceptions come back as a 500 response (with exc_info) rather than raised in the test, as a
    # real client would see them; ``Hostile`` fails the test on it.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return Hostile(client)


@pytest.fixture
def hostile_officer(officer):
    return _hostile(officer)


@pytest.fixture
def hostile_supervisor(supervisor):
    return _hostile(supervisor)


@pytest.fixture
def hostile_rules_admin(rules_admin):
    return _hostile(rules_admin)


@pytest.fixture
def hostile_anonymous(db):
    return Hostile(Client(raise_request_exception=False))


def pytest_terminal_summary(terminalreporter):
    if not TALLY and not BATCH:
        return
    from django.db import connection

    total = sum(TALLY.values())
    errors = sum(n for status, n in TALLY.items() if status >= 500)
    answers = ", ".join(f"{status}: {n}" for status, n in sorted(TALLY.items()))
    terminalreporter.write_sep("-", "hostile input")
    terminalreporter.write_line(f"{total} hostile requests on {connection.vendor} "
                                f"({HOSTILE.max_examples} examples a property); answers by status: {answers}; "
                                f"server errors: {errors}")
    if BATCH:
        runs = ", ".join(f"exit {code}: {n}" for code, n in sorted(BATCH.items()))
        terminalreporter.write_line(f"{sum(BATCH.values())} hostile batch runs (manage.py assess --record): {runs}")
