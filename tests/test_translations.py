"""The French catalogue: complete, in step with the code, compiled, and used by the pages.

The catalogue is made and refreshed with (GNU gettext must be installed):

    .venv/bin/python manage.py makemessages -l fr --add-location=file --no-obsolete
        --ignore=.venv --ignore=staticfiles --ignore=bench      (one command)
    .venv/bin/python manage.py compilemessages -l fr --ignore=.venv

``--add-location=file`` keeps the file each string comes from (context for the translator)
without line numbers, so a diff of the catalogue shows only strings added, removed or moved
between files. No JavaScript file calls gettext, so there is no ``djangojs`` catalogue.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.eligibility.wizard.journey import Wizard, text

LOCALE = Path(settings.BASE_DIR) / "locale"
PO_PATH = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
MAKEMESSAGES_OPTIONS = {"locale": ["fr"], "add_location": "file", "no_obsolete": True,
                        "ignore_patterns": [".venv", "staticfiles", "bench"], "verbosity": 0}

# %(name)s, %(n)d, %(code)r, %s, %d, %% and str.format's {name}.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdr]|%[sdr%]|\{[A-Za-z_]\w*\}")
TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _catalogue(path=PO_PATH) -> polib.POFile:
    return polib.pofile(str(path))


def _key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _shown(key: tuple) -> str:
    return (f"[{key[0]}] " if key[0] else "") + repr(key[1][:100])


def _forms(entry) -> list[tuple[str, str]]:
    """(source, translation) pairs: one for a plain entry, one per plural form otherwise."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    return [(entry.msgid if n == 0 else entry.msgid_plural, text)
            for n, text in sorted(entry.msgstr_plural.items())]


def _placeholder_problems(entry) -> list[str]:
    problems = []
    for source, translated in _forms(entry):
        wanted, got = sorted(PLACEHOLDER.findall(source)), sorted(PLACEHOLDER.findall(translated))
        # French singular may leave the count out ("un" for 1), never add one.
        lenient = entry.msgid_plural and source == entry.msgid and set(got) <= set(wanted)
        if wanted != got and not lenient:
            problems.append(f"{_shown(_key(entry))}: placeholders {wanted} in English, {got} in French")
        if sorted(TAG.findall(source)) != sorted(TAG.findall(translated)):
            problems.append(f"{_shown(_key(entry))}: HTML tags differ")
        if source.count("\n") != translated.count("\n"):
            problems.append(f"{_shown(_key(entry))}: line breaks differ")
    return problems


# (a) Complete -------------------------------------------------------------------------------
def test_every_french_entry_is_translated_and_none_is_fuzzy():
    po = _catalogue()
    assert po.metadata.get("Language") == "fr"
    assert "nplurals=2; plural=(n > 1);" in po.metadata.get("Plural-Forms", "")
    entries = [e for e in po if not e.obsolete]
    assert len(entries) > 500, "the catalogue looks truncated"
    untranslated = [_shown(_key(e)) for e in entries if not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [_shown(_key(e)) for e in entries if "fuzzy" in e.flags]
    obsolete = [_shown(_key(e)) for e in po if e.obsolete]
    assert not untranslated, f"{len(untranslated)} entries without a French translation: {untranslated}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries (check the guess, then drop the flag): {fuzzy}"
    assert not obsolete, f"obsolete (#~) entries left in the catalogue: {obsolete}"


def test_every_french_entry_keeps_the_placeholders_tags_and_line_breaks():
    problems = [p for e in _catalogue() if not e.obsolete for p in _placeholder_problems(e)]
    assert not problems, "\n".join(problems)


# (b) In step with the code ------------------------------------------------------------------
@pytest.fixture
def regenerated(tmp_path, settings, monkeypatch):
    """The catalogue as makemessages would leave it now, made from a copy of locale/.

    makemessages writes into any ``locale`` folder of the directory it runs in, so it runs in a
    folder of links to the project's files and folders, the locale folder left out, and writes
    into the copy (LOCALE_PATHS)."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msgattrib")):
        pytest.fail("GNU gettext (xgettext, msgmerge, msgattrib) is needed to check the catalogue: "
                    "apt-get install gettext")
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy)
    source = tmp_path / "source"
    source.mkdir()
    base = Path(settings.BASE_DIR)
    for item in base.iterdir():
        if item.name != "locale" and item.name not in MAKEMESSAGES_OPTIONS["ignore_patterns"]:
            (source / item.name).symlink_to(item, target_is_directory=item.is_dir())
    settings.LOCALE_PATHS = [str(copy)]
    monkeypatch.chdir(source)
    before = PO_PATH.read_bytes()
    call_command("makemessages", symlinks=True, **MAKEMESSAGES_OPTIONS)
    assert PO_PATH.read_bytes() == before, "the check wrote into the project's own catalogue"
    return _catalogue(copy / "fr" / "LC_MESSAGES" / "django.po")


def test_makemessages_would_not_change_the_catalogue(regenerated):
    """Every translatable string in the code is in the catalogue, and none there is stale."""
    now = {_key(e): e for e in _catalogue() if not e.obsolete}
    fresh = {_key(e): e for e in regenerated if not e.obsolete}
    missing = sorted(_shown(k) for k in fresh.keys() - now.keys())
    stale = sorted(_shown(k) for k in now.keys() - fresh.keys())
    assert not missing and not stale, (
        f"Run makemessages (see this module's docstring) and translate. "
        f"In the code but not the catalogue: {missing}. In the catalogue but no longer in the code: {stale}.")
    changed = sorted(_shown(k) for k in now if (now[k].msgstr, now[k].msgstr_plural, sorted(now[k].flags))
                     != (fresh[k].msgstr, fresh[k].msgstr_plural, sorted(fresh[k].flags)))
    assert not changed, f"makemessages would change these entries (flags or fuzzy matches): {changed}"


# (c) Compiled -------------------------------------------------------------------------------
def test_the_compiled_catalogue_matches_the_po_file():
    assert MO_PATH.exists(), "locale/fr/LC_MESSAGES/django.mo is missing: run compilemessages -l fr --ignore=.venv"
    po, mo = _catalogue(), polib.mofile(str(MO_PATH))

    def contents(entries):
        return {_key(e): (e.msgstr, dict(sorted(e.msgstr_plural.items()))) for e in entries}

    # msgfmt compiles what is translated and not fuzzy; every entry of the .mo is such an entry.
    source, compiled = contents(e for e in po if e.translated()), contents(mo)
    differing = sorted(_shown(k) for k in source.keys() | compiled.keys() if source.get(k) != compiled.get(k))
    assert not differing, f"django.mo is out of date with django.po (run compilemessages -l fr --ignore=.venv): {differing}"
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


# The pages use it ---------------------------------------------------------------------------
def test_the_officer_home_page_is_in_french(officer_client):
    response = officer_client.get("/fr/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in page
    assert "Vos évaluations" in page and "Commencer une nouvelle évaluation" in page
    assert "Your assessments" not in page


def test_a_french_assessment_reads_in_french_from_the_first_step_to_the_decision(officer_client):
    with translation.override("fr"):
        wizard = Wizard.start(officer_client)
        assert wizard.url("case").startswith("/fr/")
        first = text(wizard.get("case"))
        assert "Date de réception de la demande" in first and "Date the application was received" not in first
        wizard.walk("JP", "professional")
        review = text(wizard.get("review"))
        assert "Résultat indicatif" in review and "Admissible" in review
        assert "Indicative outcome" not in review
        decision = wizard.record("approve")
        page = text(officer_client.get(reverse("decision-detail", args=[decision.pk])))
    assert "Le raisonnement" in page and "Satisfait" in page
    # The engine's reasons are worded in French too, with the figures in place.
    assert "Le code 21231 de la CNP" in page
    assert "The working" not in page and "is on the" not in page


def test_the_rules_in_force_page_is_in_french(officer_client):
    page = text(officer_client.get("/fr/rules/"))
    assert "Règles en vigueur" in page and "Rules in force" not in page
