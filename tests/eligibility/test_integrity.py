"""The hash chain's pure part (eligibility/integrity.py): the canonical form covers every value a
decision records, one representation per stored value, and ``walk`` finds every altered row and
every break. No database."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from eligibility import integrity
from eligibility.integrity import GENESIS, Problem, Row, Tally

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))]))
ids = st.integers(1, 2**62)
STRATEGIES = {
    "officer_id": ids, "created_at": moments, "received_on": st.dates(), "permit_valid_until": st.none() | st.dates(),
    "facts": json_values, "details": json_values, "working": json_values,
    "departs": st.booleans(), "spouse_open_work_permit": st.none() | st.booleans(),
    "work_permit_max_months": st.integers(0, 32767), "corrects_id": st.none() | ids, "assessment_id": st.none() | ids,
}
field_values = {name: STRATEGIES.get(name, st.text(max_size=30)) for name in integrity.FIELDS}
records = st.fixed_dictionaries(field_values)
hashes = st.text("0123456789abcdef", min_size=64, max_size=64)


def digest(record, sequence=1, previous=GENESIS):
    return integrity.record_hash(record, sequence=sequence, previous_hash=previous)


@given(records, st.data())
def test_changing_any_recorded_value_changes_the_hash(record, data):
    name = data.draw(st.sampled_from(integrity.FIELDS))
    value = data.draw(field_values[name])
    assume(integrity.normal(value) != integrity.normal(record[name]))

    assert digest({**record, name: value}) != digest(record)


@given(records, st.integers(1, 2**62), st.integers(1, 2**62), hashes, hashes)
def test_the_place_in_the_chain_and_the_previous_hash_are_in_the_hash(record, sequence, other, previous, another):
    assume(sequence != other and previous != another)

    assert digest(record, sequence, previous) != digest(record, other, previous)
    assert digest(record, sequence, previous) != digest(record, sequence, another)


@given(records)
def test_the_hash_is_hex_sha256(record):
    assert len(digest(record)) == 64 and set(digest(record)) <= set("0123456789abcdef")


def test_two_text_values_swapped_between_fields_change_the_hash():
    record = {name: "" for name in integrity.FIELDS} | {"notes": "A", "correction_reason": "B"}

    assert digest(record) != digest({**record, "notes": "B", "correction_reason": "A"})


def test_a_record_missing_a_field_is_refused_rather_than_hashed_without_it():
    record = {name: "" for name in integrity.FIELDS}
    del record["notes"]

    with pytest.raises(KeyError):
        digest(record)


@pytest.mark.parametrize(("one", "other"), [
    (datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5))), datetime(2026, 3, 2, 14, 30, tzinfo=UTC)),
    ({"b": 1, "a": [1, 2]}, {"a": [1, 2], "b": 1}),
    (2.0, 2),
    (1e20, 100000000000000000000),  # how PostgreSQL's jsonb gives a large float back
    ((1, "a"), [1, "a"]),
], ids=["same instant in two zones", "key order", "integral float", "large float", "tuple and list"])
def test_one_stored_value_has_one_canonical_form(one, other):
    assert integrity.normal(one) == integrity.normal(other)


@pytest.mark.parametrize("value", [datetime(2026, 3, 2, 9, 30), float("nan"), Decimal("1.5"), object()],
                         ids=["naive moment", "nan", "decimal outside a JSON field", "object"])
def test_a_value_no_decision_stores_is_refused(value):
    with pytest.raises((TypeError, ValueError)):
        integrity.normal(value)


def test_record_of_reads_json_fields_as_the_database_gives_them_back():
    values = {name: "" for name in integrity.FIELDS} | {
        "facts": {"wage": Decimal("41.50"), "received_on": date(2026, 3, 2), "periods": ({"hours": 40},)},
        "details": {}, "working": {}, "received_on": "2026-03-02", "permit_valid_until": None,
        "created_at": datetime(2026, 3, 2, 9, 30, 0, 123456, tzinfo=UTC)}

    record = integrity.record_of(SimpleNamespace(**values))

    assert record["facts"] == {"wage": "41.50", "received_on": "2026-03-02", "periods": [{"hours": 40}]}
    assert record["received_on"] == date(2026, 3, 2)


# Walking a chain ---------------------------------------------------------------------------------
def chain_of(n: int) -> list[Row]:
    rows, previous = [], GENESIS
    for sequence in range(1, n + 1):
        record = {name: "" for name in integrity.FIELDS} | {"officer_id": 7, "notes": f"decision {sequence}"}
        rows.append(Row(100 + sequence, sequence, previous, digest(record, sequence, previous), record))
        previous = rows[-1].record_hash
    return rows


def findings(rows, head="last"):
    if head == "last":
        head = (rows[-1].sequence, rows[-1].record_hash) if rows else (0, GENESIS)
    tally = Tally()
    found = [(f.problem, f.decision_id, f.detail) for f in integrity.walk(rows, tally, head)]
    return found, tally


def test_an_untouched_chain_is_intact():
    found, tally = findings(chain_of(5))

    assert found == [] and tally.intact and tally.rows == 5


@pytest.mark.parametrize("head", [(0, GENESIS), None], ids=["fresh head", "no head"])
def test_an_empty_chain_is_intact(head):
    found, tally = findings([], head)

    assert found == [] and tally.intact


def test_an_altered_decision_is_named():
    rows = chain_of(5)
    rows[2] = replace(rows[2], record={**rows[2].record, "notes": "rewritten"})

    found, tally = findings(rows)

    assert found == [(Problem.ALTERED, 103, "")]
    assert (tally.altered, tally.breaks) == (1, 0)


def test_a_removed_decision_breaks_the_chain_before_the_next_one():
    rows = chain_of(5)
    del rows[2]

    found, tally = findings(rows)

    assert found == [(Problem.MISSING, 104, "3-3")]
    assert (tally.altered, tally.breaks) == (0, 1)


def test_removing_the_latest_decisions_shows_at_the_head():
    rows = chain_of(5)
    head = (5, rows[-1].record_hash)

    found, _ = findings(rows[:3], head)

    assert found == [(Problem.HEAD, None, f"5 {rows[-1].record_hash}")]


def test_an_altered_decision_given_a_fresh_hash_breaks_the_link_after_it():
    rows = chain_of(5)
    record = {**rows[1].record, "notes": "rewritten"}
    rows[1] = Row(102, 2, rows[1].previous_hash, digest(record, 2, rows[1].previous_hash), record)

    found, _ = findings(rows)

    assert found == [(Problem.UNLINKED, 103, "")]


def test_a_row_added_at_the_end_without_moving_the_head_is_found():
    rows = chain_of(5)

    found, _ = findings(rows, head=(4, rows[3].record_hash))

    assert found == [(Problem.HEAD, None, f"4 {rows[3].record_hash}")]
