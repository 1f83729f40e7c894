"""The idle-session warning's markup on every signed-in page, with no inline script."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_signed_in_pages_carry_the_warning_and_its_script(officer_client):
    page = officer_client.get(reverse("home")).content.decode()
    dialog = re.search(r'<div id="session-timeout"[^>]*>', page).group(0)
    assert 'role="alertdialog"' in dialog and " hidden" in dialog
    assert 'data-warn-after="1500"' in dialog and 'data-expire-after="1800"' in dialog
    assert f'data-keep-alive-url="{reverse("security:keep-alive")}"' in dialog
    assert re.search(r'data-csrf-token="[A-Za-z0-9]{32,}"', dialog)
    assert "Your session will end in 5 minutes without activity" in page
    assert ">Stay signed in</button>" in page
    assert re.search(r'<script src="[^"]*js/session-timeout\.js" defer></script>', page)


def test_no_page_has_inline_script_or_style(officer_client):
    page = officer_client.get(reverse("home")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "<style" not in page and " style=" not in page


def test_the_sign_in_page_has_no_warning(client):
    page = client.get(reverse("login")).content.decode()
    assert "session-timeout" not in page
