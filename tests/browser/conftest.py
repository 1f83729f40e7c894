"""Real-browser tests: Debian's chromium driven by Playwright against a live server, with axe-core.

What this conftest gives the journeys:

* ``live_server`` (pytest-django's): the app on a live server, one per session, on the test
  database of the run (SQLite or PostgreSQL, whatever ``DATABASE_URL`` says).
* ``browser``: one headless chromium per session (``/usr/bin/chromium``, or ``T52_CHROMIUM``);
  never a downloaded one. The tests are skipped, with the reason, when it is missing.
* ``desk`` (desk.py): a fresh browser context per test, a helper to sign personas in, and ``look(name)``,
  which screenshots the page to ``test-output/browser/<test>/<nn>-<name>.png`` and runs axe on it,
  in the page's language and in the other one.
* ``check_accessibility(page)`` (accessibility.py): axe with the WCAG 2.0/2.1 A and AA rules; fails listing every
  violation (rule id, impact, nodes).

The database. The live server's requests run outside the test's transaction, so these tests
commit what they write, and must put the database back afterwards. pytest-django's answer,
``transactional_db`` (which ``live_server`` pulls in), ends every test with a flush, and that
clashes with this project twice: recorded decisions and published rule rows are insert-only,
guarded by database triggers (eligibility/0002, occupations/0007) — SQLite's refuse the flush's
DELETE (PostgreSQL's TRUNCATE fires no row trigger) — and a flush also empties the rule data,
golden scenarios and groups that migrations loaded. ``serialized_rollback`` does not help: Django
reloads its copy at the *start* of each test with ``save()``, an UPDATE of each published row
still there, which the same triggers refuse.

So this conftest replaces ``transactional_db`` for the browser tests (``live_server`` asks for it
by name) with one that does it in the open, after each test: in one transaction it lifts SQLite's
guards (the migrations' own trigger SQL, so nothing drifts), empties every table with Django's
own flush SQL, puts the guards back, and reinserts the rows copied when the session's first
browser test started (the database as migrations left it). The tests must not carry the
``django_db`` mark (it would bring pytest-django's own flush back). pytest-django runs them after
every other database test, as it does all transactional tests.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests.browser.database import Snapshot
from tests.browser.desk import Desk

CHROMIUM = os.environ.get("T52_CHROMIUM", "/usr/bin/chromium")
BROWSER_DIR = Path(__file__).resolve().parent
OUTPUT = BROWSER_DIR.parents[1] / "test-output" / "browser"  # git-ignored


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: a real browser (chromium) against a live server; "
                                       "deselect with -m 'not browser'")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _migrated(django_db_setup, django_db_blocker):
    """The database as migrations left it, copied before the first browser test changes it."""
    with django_db_blocker.unblock():
        return Snapshot.take()


@pytest.fixture
def transactional_db(_migrated, django_db_blocker):
    """pytest-django's ``transactional_db``, replaced for the browser tests (``live_server`` asks
    for it by name): database access for the test and the live server, committed as the app
    commits, and the migrated state put back afterwards (see the module's docstring)."""
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            _migrated.restore()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set T52_CHROMIUM)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright's event loop runs in this thread, Django (asgiref's Local) keeps the
    # thread's database connections apart from those it had before: close each set at the
    # switch, or one is left open and PostgreSQL refuses to drop the test database at the end.
    connections.close_all()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()
        connections.close_all()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """A journey that ran to its end fails all the same when axe found violations on its way, or a
    page's title did not name it or was not translated (desk.py)."""
    outcome = yield
    desk = getattr(item, "funcargs", {}).get("desk")
    if desk is not None and desk.findings and outcome.excinfo is None:
        outcome.force_exception(AssertionError(
            f"accessibility: {len(desk.findings)} finding(s) (axe's WCAG 2.0/2.1 A/AA violations, page titles)\n\n"
            + "\n\n".join(desk.findings)))


@pytest.fixture
def desk(request, browser, live_server):
    folder = OUTPUT / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    desk = Desk(browser, live_server, folder)
    yield desk
    desk.close()
    # Closing the contexts closes their connections to the live server; wait for the threads
    # that served them, so no request is still running (or holding a database connection, kept
    # by CONN_MAX_AGE) when the database is put back or, at the end, dropped.
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)
