"""The complete record of a decision, as a print view and as a PDF: every fact with a readable label,
the rules version, the working with its reasons and rule ids, notes, the override and its reasons,
every review, every version and a history of who did what, when; each access logged; an officer
reaches only their own decisions' records."""

import io
import re
from decimal import Decimal
from html import unescape

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eligibility.casefile import TOP_FIELDS
from supervision import services
from supervision.models import AccessEvent, SamplingPolicy
from supervision.record import complete_record, detail_lines, fact_groups
from tests.case_examples import case
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db



@pytest.fixture(autouse=True)
def no_sampling(db):
    SamplingPolicy.objects.create(share=Decimal("0"))


@pytest.fixture
def reviewed(officer, supervisor):
    """An override a supervisor disagreed with on one criterion, and the officer's amendment."""
    original = record(officer, decision="refuse", reference="E0001234")
    services.review(item_id=original.review_item.pk, supervisor=supervisor, verdict="disagree",
                    criteria=["language"], comment="The language test results are on file.")
    amendment = record(officer, decision="approve", corrects=original, reference="E0001234")
    return original, amendment


def url(name, decision):
    return reverse(f"supervision:{name}", args=[decision.pk])


def text(response) -> str:
    """The page's text, tags dropped and spaces collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(body))


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def finding_rule_ids(decision) -> list[str]:
    return [f["rule_id"] for c in decision.working["criteria"].values() for f in c["findings"]]


# What the record holds -----------------------------------------------------------------------------
def test_the_print_view_holds_the_whole_record(supervisor_client, supervisor, reviewed):
    original, amendment = reviewed

    page = text(supervisor_client.get(url("record", original)))

    # the facts, with readable labels
    for label, value in [("Country (party to the agreement)", "Mexico (MX)"), ("Status in that country", "Citizen"),
                         ("Category", "Professional"), ("Province or territory of work", "British Columbia"),
                         ("Highest credential", "Bachelor's degree"), ("Years of post-secondary study", "4"),
                         ("Offer of employment number", "A7654321"), ("Wage offered", "$92,000.00 per year, 40 hours"),
                         ("Prevailing wage entered by the officer", "$41.50 per hour (low: $30.00)"),
                         ("Job description", "Provided"), ("Paid experience (full-time months)", "30")]:
        assert f"{label} {value}" in page, label
    # the rules version and the working, with reasons and rule ids
    assert original.rules_version in page
    assert all(rule_id in page for rule_id in finding_rule_ids(original))
    assert "Citizens of Mexico (MX) are covered." in page
    # the override and its reasons, the notes
    assert "Departs from the indicative outcome (override) Yes" in page
    assert "Because." in page
    # the review: who, verdict, criteria, comment
    assert "supervisor" in page and "Disagree" in page and "The language test results are on file." in page
    # the versions
    assert "Original decision" in page and "Amendment after a supervisor's review" in page
    assert timezone.localtime(amendment.created_at).strftime("%Y-%m-%d %H:%M:%S") in page and "Amended." in page
    # the history
    for what in ["Recorded (Original decision)", "Entered the review queue", "Reviewed: disagreed",
                 "Recorded (Amendment after a supervisor's review)", "Viewed"]:
        assert what in page, what


def test_every_field_of_the_case_format_has_a_readable_label():
    full = case(spouse=True, received_on="2026-03-03", non_monetary={"housing": 12000}, employer_letter=False,
                licence_required=True, position={"researcher": True})

    groups = fact_groups(full)

    labels = [line.label for g in groups for line in g.lines]
    assert not any(g.title == "Other fields" for g in groups)
    assert not set(labels) & set(TOP_FIELDS)  # no raw field name stands as a label
    assert "Non-monetary compensation: housing" in labels and "It is a research position" in labels


def test_a_field_outside_the_case_format_is_still_shown_under_its_own_name():
    groups = fact_groups({**case(), "future_field": 7})

    assert groups[-1].title == "Other fields" and groups[-1].lines[0].label == "future_field"


def test_steps_the_officer_did_not_answer_are_shown_as_not_entered():
    unanswered = {k: v for k, v in case().items() if k != "language"}

    groups = fact_groups(unanswered)

    assert [g.title for g in groups if g.not_entered] == ["Language"]
    assert next(g for g in groups if g.title == "Language").lines == ()


def test_the_other_details_are_worded():
    lines = detail_lines({"place_of_application": "port_of_entry", "employer": None, "unanswered_steps": ["language"],
                          "experience_periods": [{"start": "2020-01-01", "end": "2021-12-31", "hours_per_week": 40.0}],
                          "something_new": {"a": 1}})

    assert [(line.label, line.value) for line in lines] == [
        ("Place of application", "At a port of entry"), ("Employer", "—"), ("Steps not answered", "Language"),
        ("Periods of work experience", "2020-01-01 to 2021-12-31, 40 hours a week"), ("something_new", '{"a": 1}')]


def test_the_record_of_the_amendment_shows_both_versions_and_the_review_of_the_original(reviewed):
    original, amendment = reviewed

    held = complete_record(amendment)

    assert [(v.decision.pk, v.kind, v.is_this) for v in held.versions] == [
        (original.pk, "original", False), (amendment.pk, "amendment", True)]
    assert [(r.item.decision_id, r.verdict) for r in held.reviews] == [(original.pk, "disagree")]


def test_the_page_takes_as_many_queries_however_long_its_history(supervisor_client, supervisor, reviewed):
    original, _amendment = reviewed
    with CaptureQueriesContext(connection) as first:
        assert supervisor_client.get(url("record", original)).status_code == 200
    for action in ["view", "export", "replay", "pdf", "view"]:
        services.log(supervisor, action, original.pk)

    with CaptureQueriesContext(connection) as later:
        page = text(supervisor_client.get(url("record", original)))

    assert len(later.captured_queries) == len(first.captured_queries) <= 16
    assert "Exported" in page and "Replayed" in page and "Downloaded the record" in page


# The PDF ---------------------------------------------------------------------------------------------
def test_the_pdf_is_the_same_record_tagged_and_logged(supervisor_client, supervisor, reviewed):
    original, amendment = reviewed

    response = supervisor_client.get(url("record-pdf", amendment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="decision-{amendment.pk}-record.pdf"'
    content = response.content
    assert content.startswith(b"%PDF-") and len(content) > 10_000
    assert AccessEvent.objects.filter(user=supervisor, decision=amendment, action=AccessEvent.Action.PDF).count() == 1
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for assistive technology
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    words = pdf_text(content)
    for expected in [f"Complete record of decision {amendment.application_number}", amendment.rules_version, "Offer of employment number",
                     "A7654321", "Original decision", "Amendment after a supervisor's review",
                     "The language test results are on file.", "Downloaded the record", *finding_rule_ids(amendment)]:
        assert expected in words, expected


def test_the_pdf_fetches_nothing_but_static_files_from_disk(settings):
    from supervision.pdf import _on_disk, _static_roots

    roots = _static_roots()
    desk_css = (settings.BASE_DIR / "static" / "css" / "desk.css").resolve()
    assert _on_disk(desk_css.as_uri(), roots) == desk_css
    assert _on_disk("https://example.org/style.css", roots) is None
    assert _on_disk("file:///etc/passwd", roots) is None


# Who may see it ------------------------------------------------------------------------------------
def test_an_officer_sees_the_record_of_their_own_decision(officer_client, officer):
    decision = record(officer)

    assert officer_client.get(url("record", decision)).status_code == 200
    assert AccessEvent.objects.filter(user=officer, decision=decision, action=AccessEvent.Action.VIEW).exists()


@pytest.mark.parametrize("name", ["record", "record-pdf", "replay"])
def test_an_officer_cannot_reach_another_officers_record(name, other_officer_client, other_officer, officer):
    decision = record(officer)

    assert other_officer_client.get(url(name, decision)).status_code == 404
    assert not AccessEvent.objects.filter(user=other_officer).exists()


@pytest.mark.parametrize("name", ["record", "record-pdf", "replay"])
def test_a_rules_admin_reaches_no_record(name, rules_admin_client, officer):
    assert rules_admin_client.get(url(name, record(officer))).status_code == 404
