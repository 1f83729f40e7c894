"""manage.py assess with hostile JSON is tried in tests/eligibility/test_assess_command.py (random
lines, nesting, surrogates, bad UTF-8). What it left out: ``--record`` stores the case's
reference as the decision's application number, so a hostile reference must be refused or stored
as text, never crash the batch, and show escaped on the decision's pages."""

import json

import pytest
from django.urls import reverse
from hypothesis import example, given

from eligibility.models import Decision
from tests.case_examples import case
from tests.eligibility.test_assess_command import INVALID, out_lines, run_command

from .checks import assert_no_live_markup
from .conftest import BATCH, HOSTILE
from .strategies import hostile_text

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]


@HOSTILE
@given(reference=hostile_text())
@example(reference="R\x00")  # PostgreSQL cannot store it: refused, not a crash
@example(reference='<script>alert("t52")</script>')
def test_a_hostile_reference_is_refused_or_recorded_as_text(officer, hostile_officer, reference):
    try:
        line = json.dumps(case(reference=reference), ensure_ascii=True)
    except UnicodeEncodeError:
        return
    before = Decision.objects.count()

    code, out = run_command("-", jsonl=True, record=True, officer=officer.username, stdin=line + "\n")

    BATCH[code] += 1
    assert code in (0, INVALID)
    (result,) = map(json.loads, out_lines(out))
    if code == INVALID:
        assert result["error"]["field"] == "reference" and Decision.objects.count() == before
        return
    decision = Decision.objects.latest("pk")
    assert decision.application_number == json.loads(line)["reference"][:20]  # as JSON reads it
    for url in (reverse("decision-detail", args=[decision.pk]), reverse("home")):
        response = hostile_officer.get(url)
        assert response.status_code == 200
        assert_no_live_markup(response, [reference])
