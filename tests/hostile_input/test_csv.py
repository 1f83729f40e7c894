"""The decision export never hands a spreadsheet a formula: every free-text cell that starts like
one (=, +, -, @, tab, carriage return) is quoted, and removing that one quote gives the stored text
back. Tested with hostile text stored on decisions, as the batch command or an old row may hold it."""

import csv
import io

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from eligibility import services
from eligibility.casefile import parse_case
from supervision.views.search import FORMULA_STARTS, _cell
from tests.supervision.recorded import record

from .conftest import HOSTILE
from .strategies import FORMULAS, hostile_text

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]

TEXT_COLUMNS = {1: "application_number", 2: "uci", 3: "applicant_name"}


def storable(value: str) -> bool:
    """What a database can hold: no half surrogate pair, and no NUL on PostgreSQL."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not (connection.vendor == "postgresql" and "\x00" in value)


texts = st.one_of(st.sampled_from(FORMULAS), hostile_text(), st.sampled_from(("-5", "'=1", "''", "@", "")))


@HOSTILE
@given(text=texts)
def test_a_cell_never_starts_like_a_formula_and_one_quote_less_is_the_text(text):
    cell = _cell(text)

    assert not cell.startswith(FORMULA_STARTS)
    assert (cell[1:] if cell.startswith("'") else cell) == text


@HOSTILE
@given(number=texts, uci=texts, name=texts)
def test_exported_decisions_hold_no_formula_and_give_their_text_back(hostile_supervisor, officer, number, uci, name):
    if not all(map(storable, (number, uci, name))):
        return
    base = record(officer)
    stored = services.record_decision(
        officer=officer, facts=parse_case(base.facts, base.received_on), decision="approve",
        identity={"application_number": number[:20], "uci": uci[:10], "applicant_name": name[:200]},
        corrects=base, correction_reason="Export test.")

    response = hostile_supervisor.get(reverse("supervision:export"))

    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline="")))[1:]
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row
    row = next(r for r in rows if r[0] == str(stored.pk))
    for column, field in TEXT_COLUMNS.items():
        cell = row[column]
        assert (cell[1:] if cell.startswith("'") else cell) == getattr(stored, field)
