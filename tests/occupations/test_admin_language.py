"""The admin's pages have the language toggle every page of the desk has, back to the same page,
even for a visitor who reached the page by its /fr/ address and has no saved language."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def toggle(body: str) -> tuple[str, str]:
    """The language toggle's (language, next) as the page's form would post them."""
    form = re.search(r'<form id="language-form".*?</form>', body, re.S).group(0)
    return (re.search(r'name="language" value="(\w+)"', form).group(1),
            html.unescape(re.search(r'name="next" value="([^"]*)"', form).group(1)))


@pytest.mark.parametrize(("page", "other"), [
    ("/en/admin/occupations/changeset/", "/fr/admin/occupations/changeset/"),
    ("/fr/admin/occupations/listing/?country_code__exact=AU", "/en/admin/occupations/listing/?country_code__exact=AU"),
])
def test_the_admin_switches_language_on_the_same_page(rules_admin_client, page, other):
    language, next_page = toggle(rules_admin_client.get(page).content.decode())

    switched = rules_admin_client.post("/i18n/setlang/", {"language": language, "next": next_page})

    assert switched.status_code == 302 and switched.url == other
    assert rules_admin_client.get(switched.url).status_code == 200
