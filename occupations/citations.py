"""Rule rows' source citations in the page's language.

A row's ``source`` is its provenance, for rules admins; what pages show is the row's citation in
the page's language (``citation_en`` / ``citation_fr``, looked up by ``wordings.citation``). A
text no row has as its provenance (an officer's, one recorded before citations existed) is shown
without internal references (data files' estimate ids, the domain brief's points), its fixed words
(the instructions' section titles, the categories, a few phrases of the seed) and country names
in the active language, and anything else (a notice number) as typed. The stored text is never
changed: it is the record.
"""

import re
from functools import cache

import pycountry
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import wordings
from .country_names import country_name

# The fixed words of the seed's citations, as the instructions' English and French versions name them.
PHRASES = (
    _("Introduction"),
    _("General criteria for professionals and technicians"),
    _("Language requirement"),
    _("Length of stay"),
    _("Specific criteria for professionals"),
    _("Specific criteria for technicians"),
    _("Country-specific occupations"),
    _("Spousal provisions – T53"),
    _("Professionals"),
    _("Technicians"),
    _("associate's degree, its equivalent or higher"),
    _("ESDC Job Bank Wages"),
    _("open data"),
    _("revision"),
)

# Fixed words around a country's name: French cannot put "de" before any name ("du Japon",
# "de l’Australie"), so the name follows a colon.
AROUND_A_COUNTRY = (
    _("citizen or permanent resident of %(country)s"),
    _("citizen of %(country)s"),
)


def _english(phrase) -> str:
    with translation.override("en"):
        return str(phrase)


@cache
def _table(language: str) -> tuple[re.Pattern, dict[str, str]]:
    with translation.override(language):
        shown = {_english(p): str(p) for p in PHRASES}
    shown.update({c.name: country_name(c.alpha_2, language) for c in pycountry.countries})
    shown = {english: local for english, local in shown.items() if english != local}
    # Longest first, so "citizen or permanent resident of" wins over "citizen of".
    alternatives = "|".join(re.escape(e) for e in sorted(shown, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), shown


@cache
def _code(english_name: str) -> str:
    return pycountry.countries.get(name=english_name).alpha_2


@cache
def _around_countries(language: str) -> tuple[tuple[re.Pattern, str], ...]:
    names = "|".join(re.escape(c.name) for c in sorted(pycountry.countries, key=lambda c: len(c.name), reverse=True))
    found = []
    for phrase in AROUND_A_COUNTRY:  # the longer first
        before = _english(phrase).split("%(country)s")[0]
        with translation.override(language):
            local = str(phrase)
        found.append((re.compile(rf"(?<!\w){re.escape(before)}({names})(?!\w)"), local))
    return tuple(found)


@cache
def _cited(text: str, language: str) -> str:
    if language == "en" or not text:
        return text
    for pattern, local in _around_countries(language):
        text = pattern.sub(lambda m, local=local: local % {"country": country_name(_code(m.group(1)), language)}, text)
    pattern, shown = _table(language)
    return pattern.sub(lambda m: shown[m.group(0)], text)


# Internal references a stored text may carry: a data file's estimate ids ("; Source2025_NHQ=LFS
# 2023-24 PR NOC5"), a clause or an aside citing the domain brief ("; permanent residents as
# principals: domain brief, open point 3", "(domain brief S30c, APEGA)").
_INTERNAL = (
    (re.compile(r";\s*Source\d{4}_\w+=[^;()]*?(?=\s*\(|;|$)"), ""),
    (re.compile(r";[^;]*\bdomain brief\b[^;]*"), ""),
    (re.compile(r"\(\s*domain brief[^,()]*(?:,\s*|(?=\)))"), "("),
    (re.compile(r"\s*\(\s*\)"), ""),
)


@cache
def without_internal(text: str) -> str:
    for pattern, replacement in _INTERNAL:
        text = pattern.sub(replacement, text)
    return text.strip()


def _language(language: str | None) -> str:
    return "fr" if (language or translation.get_language() or "").startswith("fr") else "en"


def provenance(text: str, language: str | None = None) -> str:
    """A row's provenance as rules admins read it in the admin: as stored, its fixed words in
    ``language`` (default: active), internal references kept."""
    return _cited(text, _language(language))


def cited(text: str, language: str | None = None) -> str:
    """How to show ``text`` (a stored source: a rule row's provenance, or the engine's citation of
    a wage row) in ``language`` (default: active): the row's citation, else the text without
    internal references and with its fixed words translated."""
    language = _language(language)
    found = wordings.citation(text, language)
    if found is not None:
        return found
    return _cited(without_internal(text), language)
