"""docs/occupation-classification.md is generated, up to date, and says what the rules in force say.

The page is written from the CSV the migrations publish; these tests check it against the rule
set the engine reads (``ruleset_on(today)`` in a freshly migrated database), so the docs, the
shipped data and the rules in force cannot drift apart. Clauses: "All NOC-0 and NOC-A occupations
are permitted, except the following" and "The following occupations that are listed as NOC B are
permitted" (Country-specific occupations, each country's lists).
"""

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from eligibility.rulebook.codes import Category, ListingKind
from eligibility.snapshot import ruleset_on
from occupations import choices
from occupations.models import UnitGroup

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "occupation-classification.md"
COUNTRIES = ("AU", "JP", "MX")
ELECTRICIANS = {"72200", "72201", "72202"}


def _generator():
    spec = importlib.util.spec_from_file_location("occupation_classification",
                                                  ROOT / "docs" / "occupation_classification.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _generator()


def _row(entry) -> dict:
    """A rule in force, in the shape of a CSV row, for the generator's words."""
    judgement = entry.officer_judgement
    return {"kind": entry.kind.value, "only_if": entry.only_if.value if entry.only_if else "",
            "unless": entry.unless.value if entry.unless else "",
            "judgement": judgement.value if judgement else "", "wording": entry.wording}


def _coded(ruleset, country, category, code):
    """The entries in force that name this code (entries without a code apply to every occupation)."""
    return [e for kind in ListingKind for e in ruleset.listings_for(country, category, kind, code)
            if e.noc_code == code]


def _teer_0_1(ruleset) -> list[str]:
    return sorted(code for code in ruleset.unit_groups if code[1] in gen.PROFESSIONAL_TEERS)


def _page_rows(heading: str, until: str) -> dict[str, list[str]]:
    """The table rows of the page's section, by code: their cells without the code."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index(heading):text.index(until, text.index(heading))]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_the_classification_page_is_what_the_generator_writes_now():
    assert PAGE.read_text(encoding="utf-8") == gen.render(), (
        "docs/occupation-classification.md is stale: run `python docs/occupation_classification.py`")


def test_the_page_asks_the_officer_the_questions_the_desk_asks():
    with translation.override("en"):
        assert {code: str(label) for code, label in choices.JUDGEMENT.items()} == gen.JUDGEMENT
        assert {code: str(label) for code, label in choices.POSITION_QUESTION.items()} == gen.POSITION


@pytest.mark.django_db
def test_every_teer_0_1_unit_group_is_classified_exactly_once_per_country_among_the_rules_in_force():
    ruleset = ruleset_on(date.today())
    codes = _teer_0_1(ruleset)
    assert len(codes) == 145
    assert codes == sorted(gen.professional_table(gen.read_classification(), gen.read_unit_groups()))
    for country in COUNTRIES:
        counts = {code: len(_coded(ruleset, country, Category.PROFESSIONAL, code)) for code in codes}
        assert {code: n for code, n in counts.items() if n != 1} == {}, country


@pytest.mark.django_db
def test_the_page_gives_for_every_unit_group_what_the_rules_in_force_say():
    ruleset = ruleset_on(date.today())
    titles = dict(UnitGroup.objects.values_list("code", "title_en"))
    page = _page_rows("## Professionals", "### Entries without a NOC code")
    assert sorted(page) == _teer_0_1(ruleset)
    for code, (title, teer, au, jp, mx, wording, _note) in page.items():
        in_force = {c: [_row(e) for e in _coded(ruleset, c, Category.PROFESSIONAL, code)] for c in COUNTRIES}
        assert (title, teer) == (titles[code], code[1]), code
        assert [au, jp, mx] == [gen.cell(in_force[c]) for c in COUNTRIES], code
        assert wording == gen._per_country({c: " / ".join(r["wording"] for r in in_force[c]) for c in COUNTRIES}), code


@pytest.mark.django_db
def test_entries_that_apply_to_every_occupation_are_the_ones_the_page_names():
    ruleset = ruleset_on(date.today())
    in_force = sorted((e.country, e.category.value, gen.classify(**{k: v for k, v in _row(e).items() if k != "wording"}))
                      for e in ruleset.listings if e.noc_code is None and e.country in COUNTRIES)
    shipped = sorted((r["country"], r["category"], gen.classify(r["kind"], r["only_if"], r["unless"], r["judgement"]))
                     for r in gen.read_classification() if not r["noc_code"])
    assert in_force == shipped == [
        ("JP", "professional", "Excluded if it is a research position unless the employer is an academic entity")]
    assert f"- Japan: {shipped[0][2]}" in PAGE.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_each_technician_list_on_the_page_is_the_list_in_force():
    ruleset = ruleset_on(date.today())
    shipped = gen.read_classification()
    for country in COUNTRIES:
        in_force = sorted((e.noc_code, gen.listed(*(_row(e)[k] for k in ("only_if", "unless", "judgement"))),
                           e.wording)
                          for e in ruleset.listings if e.country == country and e.category is Category.TECHNICIAN)
        page = sorted((r["noc_code"], gen.listed(r["only_if"], r["unless"], r["judgement"]), r["wording"])
                      for r in gen.technician_rows(shipped, country))
        assert in_force == page, country
        assert all(e.kind is ListingKind.PERMITTED for e in ruleset.listings
                   if e.country == country and e.category is Category.TECHNICIAN)


@pytest.mark.django_db
def test_electricians_covers_72200_72201_and_72202_alike_in_every_list_that_names_it():
    """"electricians" (Australia's and Mexico's technician lists): NOC 2016 7241, 7242 and 7243
    became 72200, 72201 and 72202; one reading for the three, in every country."""
    ruleset = ruleset_on(date.today())
    readings = {}
    for e in ruleset.listings:
        if e.category is Category.TECHNICIAN and e.wording == "electricians":
            readings.setdefault(e.country, {})[e.noc_code] = (e.kind, e.only_if, e.unless, e.officer_judgement)
    assert sorted(readings) == ["AU", "MX"]
    for country, by_code in readings.items():
        assert set(by_code) == ELECTRICIANS, country
        assert len(set(by_code.values())) == 1, country
    assert len({reading for by_code in readings.values() for reading in by_code.values()}) == 1


@pytest.mark.django_db
def test_a_technician_list_name_shared_by_countries_is_read_the_same_way_in_each():
    ruleset = ruleset_on(date.today())
    by_name: dict[str, dict[str, set]] = {}
    for e in ruleset.listings:
        if e.category is Category.TECHNICIAN:
            by_name.setdefault(e.wording, {}).setdefault(e.country, set()).add(
                (e.noc_code, e.kind, e.only_if, e.unless, e.officer_judgement))
    differing = {name: by_country for name, by_country in by_name.items()
                 if len({frozenset(v) for v in by_country.values()}) > 1}
    assert differing == {}
