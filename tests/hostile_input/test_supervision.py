"""Hostile values on the supervisors' pages: the review and sampling forms, the search's and the
reports' GET filters, the CSV and SVG figures, the access log's page link, and decisions whose
stored text is hostile (as the batch command or an old row may hold it), shown escaped on the
queue, search, review, record, replay and decision pages and in the admin's changelist."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from eligibility import services
from tests.supervision.recorded import record

from .checks import LIVE, assert_no_live_markup, assert_refused_clearly, forged_query, sent_values
from .conftest import HOSTILE, _hostile
from .strategies import hostile_date, hostile_text, hostile_value, tampered

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]

FILTERS = ("q", "recorded_from", "recorded_to", "officer", "country", "category", "noc", "outcome", "decision",
           "departs", "review", "sort", "cursor")
VALID_FILTERS = {"q": "W301", "recorded_from": "2026-01-01", "recorded_to": "2026-12-31", "country": "MX",
                 "category": "professional", "noc": "21300", "outcome": "eligible", "decision": "approve",
                 "departs": "no", "review": "none", "sort": "newest"}


@pytest.fixture
def decision(officer):
    return record(officer)


@HOSTILE
@given(data=tampered(VALID_FILTERS, FILTERS))
def test_hostile_search_filters_get_a_message_or_results(hostile_supervisor, decision, data):
    pairs, _hostile = data
    for name in ("supervision:search", "supervision:export", "supervision:reports"):
        response = hostile_supervisor.get(reverse(name), pairs)
        assert response.status_code in (200, 400), (name, response.status_code)
        if forged_query(pairs):
            assert response.status_code == 400
        elif response.status_code == 400:
            assert_refused_clearly(response)
        if name != "supervision:export":
            assert_no_live_markup(response, sent_values(pairs))


@HOSTILE
@given(data=tampered(VALID_FILTERS, FILTERS), name=st.one_of(st.sampled_from(("months", "noc", "criteria")),
                                                            hostile_text()))
def test_hostile_report_figures_and_filters_get_a_figure_or_an_answer(hostile_supervisor, decision, data, name):
    pairs, _hostile = data
    # A long address is test_site's (its time, not its answer, is the question there).
    slug = "".join(c for c in name if c.isascii() and (c.isalnum() or c in "-_"))[:300] or "x"
    for kind in ("csv", "svg"):
        response = hostile_supervisor.get(f"/en/supervision/reports/{slug}.{kind}", pairs)
        assert response.status_code in (200, 400, 404)


@HOSTILE
@given(data=tampered({"verdict": "disagree", "criteria": "experience", "comment": "See the letters."}))
def test_hostile_reviews_are_refused_on_the_field_or_recorded_and_shown_escaped(
        hostile_supervisor, hostile_officer, officer, data):
    pairs, _hostile = data
    decision = record(officer)  # one not yet reviewed, so the form is shown
    url = reverse("supervision:review", args=[decision.pk])
    response = hostile_supervisor.post(url, pairs)
    assert response.status_code in (200, 302)
    assert_no_live_markup(response, sent_values(pairs))
    if response.status_code == 200:
        assert_refused_clearly(response)
        return
    for shown in (hostile_supervisor.get(url), hostile_officer.get(reverse("home")),
                  hostile_supervisor.get(reverse("supervision:record", args=[decision.pk]))):
        assert shown.status_code == 200
        assert_no_live_markup(shown, sent_values(pairs))


@HOSTILE
@given(data=tampered({"percent": "12.5"}))
def test_a_hostile_sampling_share_is_refused_on_the_field(hostile_supervisor, data):
    pairs, _hostile = data
    response = hostile_supervisor.post(reverse("supervision:sampling"), pairs)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert_refused_clearly(response)


@HOSTILE
@given(before=hostile_value())
def test_a_hostile_access_log_page_link_is_answered(hostile_supervisor, decision, before):
    response = hostile_supervisor.get(reverse("supervision:access-log"), [("before", before)])
    assert response.status_code == (400 if forged_query([("before", before)]) else 200)


@HOSTILE
@given(pk=st.one_of(st.integers(min_value=-(10**30), max_value=10**30), st.sampled_from((2**31, 2**63, 2**64))),
       page=st.sampled_from(("review", "record", "record.pdf", "replay")))
def test_any_decision_number_in_a_link_is_found_or_not_found(hostile_supervisor, pk, page):
    path = f"/en/supervision/decisions/{pk}/{page}" + ("" if page.endswith(".pdf") else "/")
    assert hostile_supervisor.get(path).status_code in (404,)


# Stored hostile text, shown escaped everywhere --------------------------------------------------
@HOSTILE
@given(name=hostile_text(), number=hostile_text(), notes=hostile_text(), uci=hostile_text())
def test_a_decision_holding_hostile_text_is_shown_escaped_on_every_page(officer, supervisor, name, number, notes,
                                                                        uci):
    """The desk's forms refuse much of this; a decision recorded another way (the batch, an
    older version, the database) may still hold it, and every page must show it as text."""
    from django.db import connection

    if connection.vendor == "postgresql" and any("\x00" in v for v in (name, number, notes, uci)):
        return  # PostgreSQL cannot hold a NUL at all: no decision can carry one
    values = [name, number, notes, uci]
    if any(not v.encode("utf-8", "surrogatepass") or not _utf8(v) for v in values):
        return  # no database stores half a surrogate pair either
    decision = record(officer)
    # At most what the decision form lets through (notes 8,000 characters, a correction's reason
    # 4,000): the record's PDF lays out every character (a 100,000-character word took minutes).
    stored = services.record_decision(
        officer=officer, facts=_facts(decision), decision="approve", notes=notes[:8000],
        identity={"application_number": number[:20], "uci": uci[:10], "applicant_name": name[:200]},
        corrects=decision, correction_reason=notes[:4000])
    superuser = get_user_model().objects.create_superuser(f"root{stored.pk}", password="unused-in-tests-1")
    clients = {"officer": _hostile(officer), "supervisor": _hostile(supervisor), "superuser": _hostile(superuser)}
    pages = [("officer", reverse("home")), ("officer", reverse("decision-detail", args=[stored.pk])),
             ("supervisor", reverse("supervision:queue")), ("supervisor", reverse("supervision:search")),
             ("supervisor", reverse("supervision:review", args=[stored.pk])),
             ("supervisor", reverse("supervision:record", args=[stored.pk])),
             ("supervisor", reverse("supervision:replay", args=[stored.pk])),
             ("supervisor", reverse("supervision:access-log")),
             ("superuser", reverse("admin:eligibility_decision_changelist")),
             ("superuser", reverse("admin:eligibility_decision_change", args=[stored.pk]))]
    for who, url in pages:
        response = clients[who].get(url)
        assert response.status_code == 200, url
        assert_no_live_markup(response, values)
    pdf = clients["supervisor"].get(reverse("supervision:record-pdf", args=[stored.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for payload in LIVE:
        assert payload.encode() not in pdf.content


def _utf8(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _facts(decision):
    from eligibility.casefile import parse_case

    return parse_case(decision.facts, decision.received_on)


@HOSTILE
@given(day=hostile_date())
def test_a_hostile_rules_date_is_refused_with_a_message(hostile_officer, day):
    response = hostile_officer.get(reverse("rules-in-force"), [("on", day)])
    assert response.status_code == (400 if forged_query([("on", day)]) else 200)
