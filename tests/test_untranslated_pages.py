"""Switching to French shows no English string of ours: every page the officer, supervisor and
rules-admin journeys reach is rendered at its /fr/ address, and no English source of a French
catalogue entry may be found in what the page shows (its text, and the attributes read aloud or
shown: aria-label, title, placeholder, alt, a button's value).

Entries whose French is the English (``Code``, ``Documentation``) cannot be told apart and are
left out, as are very short ones ("OK", "TEER"), which would match names and codes by chance.
An entry with placeholders is looked for by its longest fixed part."""

import html
import re
from datetime import timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from occupations.models import ChangeSet, Listing, Noc2016Link, Regulation, UnitGroup, WageRate
from rulesadmin.models import GoldenScenario
from supervision.models import SamplingPolicy
from tests.eligibility.wizard.journey import ANSWER_STEPS, Wizard, months_of_experience, plan, post_data
from tests.rule_changes import rules_admin
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db

PO_PATH = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdr]|%[sdr%]|\{[A-Za-z_]\w*\}")
TAG = re.compile(r"<[^>]+>")
SHOWN_ATTRIBUTES = re.compile(
    r"""\b(?:aria-label|title|placeholder|alt)\s*=\s*"([^"]*)"|<input\b[^>]*\btype="(?:submit|button)"[^>]*\bvalue="([^"]*)\"""")


def meaningful(fragment: str) -> bool:
    return len(fragment) >= 8 or len(fragment.split()) >= 2


@cache
def english_sources() -> tuple[str, ...]:
    """The English a French page must not show: per translated entry, its longest fixed part."""
    found = set()
    for entry in polib.pofile(str(PO_PATH)):
        # An entry left untranslated counts too: its English is what the page would show.
        if entry.obsolete or entry.msgstr == entry.msgid:
            continue
        parts = [re.sub(r"\s+", " ", p).strip(" ,.:;()\"'—-") for p in PLACEHOLDER.split(TAG.sub(" ", entry.msgid))]
        longest = max(parts, key=len)
        if meaningful(longest):
            found.add(longest)
    return tuple(sorted(found))


def shown_text(body: str) -> str:
    """What a reader meets on the page: the text and the shown attributes, white space collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    # An editable text area holds what someone typed or stored (a golden scenario's case, as JSON);
    # a read-only one (the draft notes and letter) is ours.
    body = re.sub(r"<textarea\b(?![^>]*\breadonly)[^>]*>.*?</textarea>", " ", body, flags=re.S | re.I)
    attributes = [a or b for a, b in SHOWN_ATTRIBUTES.findall(body)]
    text = TAG.sub(" ", body) + " " + " ".join(attributes)
    return re.sub(r"\s+", " ", html.unescape(text))


def english_on(body: str, context: int = 0, stored: tuple[str, ...] = ()) -> list[str]:
    """The English found, each with ``context`` characters either side (to find it on the page).
    ``stored``: text kept as entered (a golden scenario's title, a regulator's name), not looked in."""
    text = shown_text(body)
    for value in stored:
        text = text.replace(value, " ")
    found = []
    for source in english_sources():
        if hit := re.search(rf"(?<![\w-]){re.escape(source)}(?![\w-])", text):
            found.append(f"{source!r} in …{text[max(0, hit.start() - context):hit.end() + context]}…"
                         if context else source)
    return found


def stored_english() -> tuple[str, ...]:
    """What rules admins and the seed's sources store in English only, shown as stored: the golden
    scenarios' texts, Job Bank regions' names, NOC 2016 titles, list entries' review notes and rule
    rows' provenance (rules admins' pages); and usernames. (List wordings, regulators and rule rows'
    citations are not among them: they are shown in French.) Longest first, so a longer value is
    taken out whole."""
    values = set()
    for scenario in GoldenScenario.objects.all():
        values |= {scenario.title, scenario.notes, scenario.source}
    values |= set(Regulation.objects.values_list("source", flat=True))
    values |= set(WageRate.objects.values_list("region_name", flat=True))
    values |= set(Listing.objects.values_list("review_note", flat=True))
    values |= set(get_user_model().objects.values_list("username", flat=True))  # "supervisor" in the menu
    values |= set(Noc2016Link.objects.values_list("noc2016_title", flat=True))
    return tuple(sorted((v for v in values if v), key=len, reverse=True))


class Pages:
    """The pages seen so far, each checked as it is fetched."""

    def __init__(self):
        self.problems: dict[str, list[str]] = {}
        self.count = 0
        self.stored = stored_english()

    def check(self, response, label: str, status: int = 200, stored: tuple[str, ...] = ()):
        assert response.status_code == status, (label, response.status_code)
        self.count += 1
        if found := english_on(response.content.decode(), context=40, stored=self.stored + stored):
            self.problems[label] = found
        return response

    def get(self, client, url: str, label: str | None = None, status: int = 200, stored=(), **params):
        assert url.startswith("/fr/"), url
        return self.check(client.get(url, params), label or url, status, stored)

    def assert_all_french(self, at_least: int):
        assert self.count >= at_least, f"only {self.count} pages were checked"
        assert not self.problems, "English on French pages:\n" + "\n".join(
            f"{page}: {found}" for page, found in self.problems.items())


@pytest.fixture
def pages():
    with translation.override("fr"):
        yield Pages()


def test_the_catalogue_gives_enough_english_to_look_for():
    assert len(english_sources()) > 400
    assert "Indicative outcome" in english_sources()


def test_the_scan_finds_english_left_on_a_page():
    assert english_on("<p>Résultat indicatif</p>") == []
    assert english_on("<h2>Indicative outcome</h2>") == ["Indicative outcome"]
    assert english_on('<a aria-label="Indicative outcome" href="#">x</a>') == ["Indicative outcome"]
    assert english_on('<input type="submit" value="Indicative outcome">') == ["Indicative outcome"]
    assert english_on("<script>var s = 'Indicative outcome';</script>") == []
    assert english_on('<textarea name="notes">Indicative outcome</textarea>') == []  # typed by someone
    assert english_on('<textarea readonly>Indicative outcome</textarea>') == ["Indicative outcome"]


# The officer ---------------------------------------------------------------------------------
def test_the_officers_journey_shows_no_english_in_french(officer_client, pages):
    client = officer_client
    pages.get(Client(), reverse("login"), "sign-in page")
    pages.get(client, reverse("home"), "home")
    pages.get(client, reverse("rules-in-force"), "rules in force")
    pages.get(client, reverse("rules-in-force"), "rules in force (errors)", on="demain")
    wizard = Wizard.start(client)
    # What the officer types is in French, as a French-speaking officer would type it.
    answers = plan("JP", "technician", experience=months_of_experience(30),
                   language={"evidence": "Entrevue en anglais"})
    for step in ANSWER_STEPS:
        pages.get(client, wizard.url(step), f"{step} (empty)")
        if step != "documents":  # nothing on it is required
            wrong = post_data(step, {"periods": [{"employer": "X", "start": "2024-01-01", "end": "2023-01-01"}]}) \
                if step == "experience" else {}
            pages.check(wizard.post(step, wrong), f"{step} (errors)")
        if step == "occupation":
            pages.check(wizard.post(step, answers[step], "check"), "occupation (checked)")
        wizard.answer(step, answers[step])
        pages.get(client, wizard.url(step), f"{step} (answered)")
    pages.get(client, wizard.url("review"), "review")
    pages.get(client, wizard.url("decision"), "decision step")
    pages.check(wizard.decide("approve"), "decision step (errors: a departure without a reason)")
    refused = wizard.record("refuse")
    detail = reverse("decision-detail", args=[refused.pk])
    pages.get(client, detail, "decision page (refused, with a letter)")
    pages.get(client, detail, "decision page (drafts in French)", draft="fr")
    pages.get(client, reverse("supervision:record", args=[refused.pk]), "record")
    pages.get(client, reverse("supervision:replay", args=[refused.pk]), "replay")

    asked = Wizard.start(client).walk("MX", "professional", remuneration={"amount": "60000"})
    more = asked.record("request_information", departure_reason_code="other", departure_reason="Pourquoi pas.")
    pages.get(client, reverse("decision-detail", args=[more.pk]), "decision page (more information)")
    pages.get(client, reverse("home"), "home (with decisions)")
    pages.assert_all_french(at_least=30)


# The supervisor ------------------------------------------------------------------------------
def test_the_supervisors_journey_shows_no_english_in_french(officer, supervisor_client, pages):
    client = supervisor_client
    SamplingPolicy.objects.create(share=Decimal("1"))
    departed = record(officer, decision="refuse", reference="W1")
    record(officer, decision="approve", country="AU", reference="W2")
    record(officer, decision="request_information", country="MX", reference="W3")
    today = timezone.localdate()
    pages.get(client, reverse("supervision:queue"), "queue")
    review = reverse("supervision:review", args=[departed.pk])
    pages.get(client, review, "review page")
    pages.check(client.post(review, {"verdict": "disagree"}), "review page (errors)")
    client.post(review, {"verdict": "disagree", "criteria": ["experience"], "comment": "À revoir."})
    pages.get(client, reverse("supervision:queue"), "queue (reviewed)")
    pages.get(client, reverse("supervision:sampling"), "sampling")
    pages.get(client, reverse("supervision:search"), "search")
    pages.get(client, reverse("supervision:search"), "search (results)",
              recorded_from=(today - timedelta(days=30)).isoformat(), recorded_to=today.isoformat())
    pages.get(client, reverse("supervision:search"), "search (errors)", status=400, recorded_from="hier")
    pages.get(client, reverse("supervision:record", args=[departed.pk]), "record")
    pages.get(client, reverse("supervision:replay", args=[departed.pk]), "replay")
    pages.get(client, reverse("decision-detail", args=[departed.pk]), "decision page")
    pages.get(client, reverse("supervision:reports"), "reports")
    pages.get(client, reverse("supervision:access-log"), "access log")
    pages.assert_all_french(at_least=13)


# The rules admin -----------------------------------------------------------------------------
RULE_TABLES = ("country", "categoryrule", "listing", "regulation", "wagerate", "unitgroup", "noc2016link")


def test_the_rules_admins_journey_shows_no_english_in_french(officer, pages):
    record(officer, country="AU", category="technician", noc_code="72300", province="ON", regulated=None,
           licensed=True, education={"credential": "diploma", "years": 2, "country": "AU"}, experience_months=48)
    client = Client()
    client.force_login(rules_admin("anna-rules"))
    pages.get(client, reverse("admin:index"), "admin index")
    pages.get(client, reverse("admin:occupations_changeset_changelist"), "change sets")
    pages.get(client, reverse("admin:occupations_changeset_add"), "change set (add)")
    pages.check(client.post(reverse("admin:occupations_changeset_add"), {"title": ""}), "change set (add, errors)")
    client.post(reverse("admin:occupations_changeset_add"), {"title": "Plombiers", "description": "Avis 2026-12"})
    change_set = ChangeSet.objects.get(title="Plombiers")
    plumbers = Listing.objects.get(country_code="AU", category="technician", unit_group="72300", replaces__isnull=True)
    action = {"action": "remove_in_change_set", ACTION_CHECKBOX_NAME: [plumbers.pk]}
    pages.check(client.post(reverse("admin:occupations_listing_changelist"), action), "pick a change set")
    client.post(reverse("admin:occupations_listing_changelist"), {**action, "pick": "1", "change_set": change_set.pk})
    # The NOC table lists both titles, each in its own column.
    titles = tuple(sorted(UnitGroup.objects.values_list("title_en", flat=True), key=len, reverse=True))
    for table in RULE_TABLES:
        pages.get(client, reverse(f"admin:occupations_{table}_changelist"), f"{table} list",
                  stored=titles if table == "unitgroup" else ())
        if table != "noc2016link":
            pages.get(client, reverse(f"admin:occupations_{table}_add"), f"{table} (add)")
    # A row's own page shows its citation as stored, in its editable field.
    pages.get(client, reverse("admin:occupations_listing_change", args=[plumbers.pk]), "listing row",
              stored=(plumbers.source,))
    pages.get(client, reverse("admin:occupations_country_rules_index"), "country rules")
    pages.get(client, reverse("admin:occupations_country_rules", args=["AU", "technician"]), "AU technician rules")
    pages.get(client, reverse("admin:occupations_changeset_change", args=[change_set.pk]), "change set")
    pages.get(client, reverse("admin:occupations_changeset_impact", args=[change_set.pk]), "impact preview")
    pages.get(client, reverse("admin:occupations_changeset_history", args=[change_set.pk]), "change set history")
    client.post(reverse("admin:occupations_changeset_submit", args=[change_set.pk]))
    approver = Client()
    approver.force_login(rules_admin("ben-rules"))
    pages.get(approver, reverse("admin:occupations_changeset_approve", args=[change_set.pk]), "approve")
    pages.get(client, reverse("admin:rulesadmin_goldenscenario_changelist"), "golden scenarios")
    pages.get(client, reverse("admin:rulesadmin_goldenscenario_add"), "golden scenario (add)")
    scenario = GoldenScenario.objects.order_by("code").first()
    pages.get(client, reverse("admin:rulesadmin_goldenscenario_change", args=[scenario.pk]), "golden scenario")
    pages.get(client, reverse("admin:rulesadmin_goldenscenario_run"), "golden scenarios (run)")
    pages.get(client, reverse("admin:rulesadmin_goldenscenario_import"), "golden scenarios (import)",
              stored=("case and expected", "case et expected"))  # the file's keys, as written in the file
    pages.get(client, reverse("admin:occupations_unitgroup_import_structure"), "NOC import")
    pages.assert_all_french(at_least=25)
