"""One rule for text a user reads: no internal references (the domain brief and its open points,
data source ids, database ids), and money always with its currency. The pages officers and
supervisors read, rendered from real decisions in both languages, are scanned for the patterns
those references take."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.eligibility.wizard.journey import Wizard, decision_url, text

pytestmark = pytest.mark.django_db

INTERNAL = {
    "the domain brief": re.compile(r"domain brief|brief du domaine|open point|point ouvert", re.I),
    "a data source id": re.compile(r"Source20\d\d|_NHQ|\bLFS\b|\bS30[a-z]?\b"),
    "a file's revision": re.compile(r"open data \(revision|données ouvertes \(révision", re.I),
    "a database id": re.compile(r"\b(?:[Dd][ée]cision|decision) (?:n[o°] ?)?\d{1,9}\b"),
    # A figure right after "median", "low" or "offered" with no dollar sign before or after it.
    "an amount without its currency": re.compile(
        r"\b(?:median|low|médiane|faible|offered|offert)\b:? ?(\d[\d ,.]*\d|\d)(?![\d,.]|\s\d)(?!\s?\$)", re.I),
}


def found(page: str) -> list[str]:
    return [f"{what}: {m.group(0)!r}" for what, pattern in INTERNAL.items() for m in pattern.finditer(page)]


def test_the_patterns_catch_what_the_review_found():
    for shown in ("permanent residents as principals: domain brief, open point 3",
                  "Source2025_NHQ=LFS 2023-24 PR NOC5", "corrects decision 3", "Median: 65.0",
                  "ESDC Job Bank Wages 2025 open data (revision 2025-11-19)"):
        assert found(shown), shown
    for fine in ("Median: $65.00 an hour", "médiane 65,00 $ de l'heure", "Decision W301234567",
                 "Job Bank, wages 2025, Windsor–Sarnia, median"):
        assert not found(fine), fine


def _pages(client, supervisor_client, language: str) -> dict[str, str]:
    with translation.override(language):
        lawyer = Wizard.start(client).walk("MX", occupation={"noc": "41101", "position_foreign_legal_consultant": "no"}).record("refuse")
        engineer = Wizard.start(client).walk("AU", occupation={"noc": "21231", "province": "ON",
                                                               "economic_region": "ER3570"})
        remuneration, review = engineer.get("remuneration"), engineer.get("review")
        settled = Wizard.start(client).walk("VN", until="occupation").record("refuse")
        australian = engineer.record("approve")
        pages = {
            "remuneration step": remuneration,
            "review": review,
            "lawyer's decision": client.get(decision_url(lawyer)),
            "settled decision": client.get(decision_url(settled)),
            "approved decision": client.get(decision_url(australian)),
            "home": client.get(reverse("home")),
        }
        for name, decision in (("lawyer", lawyer), ("settled", settled), ("approved", australian)):
            pages[f"{name}'s record"] = supervisor_client.get(reverse("supervision:record", args=[decision.pk]))
        pages["search"] = supervisor_client.get(reverse("supervision:search"))
        pages["reports"] = supervisor_client.get(reverse("supervision:reports"))
        pages["queue"] = supervisor_client.get(reverse("supervision:queue"))
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: text(response) for name, response in pages.items()}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_shows_an_internal_reference(officer_client, supervisor_client, language):
    officer_client.cookies.load({"django_language": language})
    supervisor_client.cookies.load({"django_language": language})

    problems = {name: hits for name, page in _pages(officer_client, supervisor_client, language).items()
                if (hits := found(page))}

    assert problems == {}
