"""The logs carry ids, never applicants' names, UCIs or other personal details."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse

from security.logging import RedactPersonalDetails, redact

NAME, UCI = "Tanaka", "12345678"


@pytest.fixture
def console():
    """What the root logger's handler (settings.LOGGING) writes, as it writes it."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, RedactPersonalDetails) for f in h.filters))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.parametrize("text", [
    f"GET /en/supervision/decisions/?q={NAME}&sort=newest", "UCI 1234-5678", "UCI 12 3456 7890", "UCI 1234567890",
    "application W301234567", "offer A1234567", "mail yuki.tanaka@example.jp"])
def test_masks_query_strings_ucis_application_numbers_and_e_mail(text):
    masked = redact(text)
    assert "[redacted]" in masked
    assert not any(part in masked for part in (NAME, "5678", "W301234567", "A1234567", "@example"))


def test_keeps_ids_dates_times_and_noc_codes():
    text = "decision 4321 recorded 2026-11-26 10:15:00 in 0.125 s, NOC 21300, page /en/decisions/4321/"
    assert redact(text) == text


@pytest.mark.django_db
def test_a_not_found_search_logs_neither_name_nor_uci(supervisor_client, console):
    supervisor_client.get(reverse("supervision:search") + "nowhere/", {"q": f"{NAME} {UCI}"})
    logging.getLogger("django.request").warning("Not Found: %s?%s", "/en/x/", f"q={NAME}")
    written = console.getvalue()
    assert "Not Found" in written
    assert NAME not in written and UCI not in written


def test_an_exception_logged_with_a_uci_in_its_message_is_masked(console):
    message = f"duplicate key (uci)=({UCI}) for {NAME.lower()}@example.jp"
    try:
        raise ValueError(message)  # a traceback shows this line: the details stay in the variable
    except ValueError:
        logging.getLogger("eligibility").exception("batch assess failed for case %s", "W301234567")
    written = console.getvalue()
    assert "ValueError" in written and "Traceback" in written
    assert UCI not in written and "W301234567" not in written and "@example.jp" not in written


def test_runserver_request_lines_lose_their_query_string():
    from django.core.servers.basehttp import WSGIRequestHandler

    handler = next(h for h in logging.getLogger("django.server").handlers
                   if any(isinstance(f, RedactPersonalDetails) for f in h.filters))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        request = WSGIRequestHandler.__new__(WSGIRequestHandler)
        request.request = None  # runserver's socket: only read for a 400's SSL check
        request.client_address = ("127.0.0.1", 5000)
        request.log_message('"%s" %s %s', f"GET /en/supervision/decisions/?q={NAME}+{UCI} HTTP/1.1", "200", "512")
    finally:
        handler.setStream(previous)
    written = stream.getvalue()
    assert "/en/supervision/decisions/" in written and "200" in written
    assert NAME not in written and UCI not in written


def gunicorn_access_line(tmp_path, config_module: str | None) -> str:
    from gunicorn import glogging
    from gunicorn.config import Config

    config = Config()
    if config_module:
        config.set("access_log_format", __import__(config_module, fromlist=["x"]).access_log_format)
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = glogging.Logger(config)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/en/supervision/decisions/?q={NAME}", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": "/en/supervision/decisions/", "QUERY_STRING": f"q={NAME}", "REMOTE_ADDR": "10.0.0.1",
               "HTTP_REFERER": f"https://t52.example/en/supervision/decisions/?q={UCI}", "HTTP_USER_AGENT": "test"}
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    return (tmp_path / "access.log").read_text()


def test_gunicorns_access_log_names_the_path_without_query_or_referrer(tmp_path):
    line = gunicorn_access_line(tmp_path, "config.gunicorn")
    assert "GET /en/supervision/decisions/ HTTP/1.1" in line and " 200 " in line
    assert NAME not in line and UCI not in line


def test_gunicorns_default_access_log_would_leak_the_query(tmp_path):
    """The reason for config/gunicorn.py: without it, the search's query string is in the log."""
    assert NAME in gunicorn_access_line(tmp_path, None)
