"""ISO 3166-1 country names in the page's language.

Decisions store the two-letter code; the names come from pycountry (English) and the French
catalogue pycountry ships with them (iso3166-1), so any country an applicant may come from has
its French name without a table of our own to keep up.
"""

import gettext
import unicodedata
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:  # no catalogue for this language: the English names
        return gettext.NullTranslations()


def _language(language: str | None) -> str:
    return "fr" if (language or get_language() or "").startswith("fr") else "en"


@cache
def _name(code: str, language: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return None
    return found.name if language == "en" else _catalogue(language).gettext(found.name)


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in ``language`` (default: the active one); the code itself if unknown."""
    return _name(code, _language(language)) or code


def _sort_key(name: str) -> str:
    # "Égypte" sorts with the E's, as a French reader looks for it.
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@cache
def _sorted_countries(language: str) -> tuple[tuple[str, str], ...]:
    named = ((c.alpha_2, _name(c.alpha_2, language)) for c in pycountry.countries)
    return tuple(sorted(named, key=lambda pair: _sort_key(pair[1])))


def countries_by_name(language: str | None = None) -> tuple[tuple[str, str], ...]:
    """Every country as (code, name), in the alphabetical order of ``language``."""
    return _sorted_countries(_language(language))
