"""The desk's language toggle returns to the same page in the other language, also for a visitor
who reached the page by its /fr/ address (no saved language: set_language alone left it in French)."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def toggle(body: str) -> tuple[str, str]:
    form = re.search(r'<form action="/i18n/setlang/".*?</form>', body, re.S).group(0)
    return (re.search(r'name="language" value="(\w+)"', form).group(1),
            html.unescape(re.search(r'name="next" value="([^"]*)"', form).group(1)))


@pytest.mark.parametrize(("page", "other"), [("/fr/rules/?on=2025-03-03", "/en/rules/?on=2025-03-03"),
                                             ("/en/", "/fr/")])
def test_the_toggle_returns_to_the_same_page_in_the_other_language(officer_client, page, other):
    language, next_page = toggle(officer_client.get(page).content.decode())

    switched = officer_client.post("/i18n/setlang/", {"language": language, "next": next_page})

    assert switched.status_code == 302 and switched.url == other
