"""What every answer to hostile input must show: no script from the input in the page, and a
refused form that says why (naming the field) and keeps what was typed."""

import html
import re

from config.middleware import MAX_QUERY_VALUE
from tests.eligibility.wizard.journey import page_errors, summary_links

from .strategies import MARKUP

# The payloads that would run if shown unescaped (markers a page's own HTML never contains).
LIVE = tuple(m for m in MARKUP if "t52" in m)


def sent_values(pairs) -> list[str]:
    return [value for _name, value in pairs]


def assert_no_live_markup(response, values) -> None:
    """No payload of the input comes back as markup: escaped, it reads ``&lt;script&gt;``."""
    page = response.content.decode("utf-8", "replace")
    for payload in LIVE:
        if any(payload in v for v in values):
            assert payload not in page, f"{payload!r} shown unescaped"


def encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_value(response, name: str) -> str | None:
    """The value an input is shown with; the tag found by its name, the value read exactly."""
    page = response.content.decode()
    found = re.search(rf'<input\b[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    if not found:
        return None
    value = re.search(r'\bvalue="([^"]*)"', found.group(0))
    return html.unescape(value.group(1)) if value else ""


def assert_refused_clearly(response) -> None:
    """A refused form lists its errors at the top, each field's linked to the field."""
    errors = page_errors(response)
    assert errors, "a refused form must say why"
    page = response.content.decode()
    for target in summary_links(response):
        assert re.search(rf'\bid="{re.escape(target)}"', page), f"the summary links to #{target}, not on the page"


def assert_typing_kept(response, pairs, text_inputs) -> None:
    """Each text input sent once (with valid UTF-8) is shown again with exactly what was sent."""
    counts = {}
    for name, _value in pairs:
        counts[name] = counts.get(name, 0) + 1
    for name, value in pairs:
        if name in text_inputs and counts[name] == 1 and encodable(value):
            assert shown_value(response, name) == value, f"{name}: what was typed is lost"


def forged_query(pairs) -> bool:
    """A query string refused whole, before any page (config/middleware.py): a NUL, or a value no
    page makes."""
    return any("\x00" in v or len(v) > MAX_QUERY_VALUE for v in sent_values(pairs))
