"""The hash chain over recorded decisions (docs/decisions/0007-decision-integrity.md).

Each decision carries its place in the chain (``sequence``: 1, 2, 3, ... with no gaps), the hash
of the decision before it (``previous_hash``; the first one's is ``GENESIS``) and its own
``record_hash``: the SHA-256 of a canonical serialisation of everything it records (``FIELDS``),
its sequence and the previous hash. Changing any recorded value changes the hash; removing or
inserting a decision breaks the links after it. ``walk`` finds both in a stream of rows.

No database here: ``record_of`` reads the values off a decision (or any object with the same
attributes, such as a migration's historical model), as the database will give them back; the
rest is plain Python over plain values.
"""

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Value

GENESIS = "0" * 64  # the previous hash of the first decision: never blank, never a real SHA-256

# What a decision records, by attribute name. Appending a name here changes every hash: it needs
# a migration that recomputes the chain. The row id is left out on purpose: the database assigns
# it at the insert, after the hash is made; ``sequence`` is the decision's place instead.
FIELDS = (
    "officer_id", "created_at", "source",
    "application_number", "uci", "applicant_name", "received_on", "country", "category", "noc_code",
    "facts", "details", "rules_version", "working", "outcome", "criteria_not_met",
    "decision", "departs", "departure_reason_code", "departure_reason", "notes",
    "work_permit_max_months", "permit_valid_until", "spouse_open_work_permit",
    "corrects_id", "correction_reason", "assessment_id",
)
JSON_FIELDS = frozenset({"facts", "details", "working"})
DATE_FIELDS = frozenset({"received_on", "permit_valid_until"})


def record_of(decision) -> dict:
    """The values ``FIELDS`` names, as the database stores them: the JSON fields through the
    encoder the model writes them with (dates as text, tuples as lists, decimals as text), dates
    given as text read as dates. So the hash made before the insert is the one recomputed from
    the row read back."""
    record = {}
    for name in FIELDS:
        value = getattr(decision, name)
        if isinstance(value, Value):  # the seeder passes a constant expression for speed: its value is stored
            value = value.value
        if name in JSON_FIELDS:
            value = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
        elif name in DATE_FIELDS and isinstance(value, str):
            value = date.fromisoformat(value)
        elif name == "created_at" and isinstance(value, str):
            value = datetime.fromisoformat(value)
        record[name] = value
    return record


def normal(value):
    """One representation per stored value. Floats with an integral value become integers:
    PostgreSQL's jsonb gives ``1e20`` back as ``100000000000000000000``, and ``2.0`` may come back
    either way depending on how it was written; both mean the same number."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be stored")
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a decision's moments are time-zone aware")
        return value.astimezone(UTC).isoformat()  # the same instant hashes the same in any zone
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normal(v) for v in value]
    raise TypeError(f"{type(value).__name__} is not a value a decision stores")


def canonical(record: Mapping, *, sequence: int, previous_hash: str) -> bytes:
    """Sorted-key, separator-tight JSON in UTF-8 of ``FIELDS`` plus the chain's two values.
    A missing field is an error, not a blank: the hash must cover all of them."""
    body = {name: normal(record[name]) for name in FIELDS}
    body["sequence"] = int(sequence)
    body["previous_hash"] = str(previous_hash)
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def record_hash(record: Mapping, *, sequence: int, previous_hash: str) -> str:
    return hashlib.sha256(canonical(record, sequence=sequence, previous_hash=previous_hash)).hexdigest()


# Checking a chain -----------------------------------------------------------------------------
class Problem(StrEnum):
    ALTERED = "altered"  # the stored values no longer give the stored hash
    MISSING = "missing"  # positions skipped before this row: decisions removed
    UNLINKED = "unlinked"  # its previous hash is not the stored hash of the row before it
    HEAD = "head"  # the chain's recorded end does not match its last row


@dataclass(frozen=True)
class Row:
    id: int
    sequence: int
    previous_hash: str
    record_hash: str
    record: Mapping


@dataclass(frozen=True)
class Finding:
    problem: Problem
    decision_id: int | None  # None for the head
    sequence: int
    detail: str = ""  # for MISSING, "first-last" positions; for HEAD, what the head says


@dataclass
class Tally:
    """What ``walk`` counted; filled in as it goes (it is a generator)."""

    rows: int = 0
    altered: int = 0
    breaks: int = 0
    last_sequence: int = 0
    last_hash: str = GENESIS

    @property
    def intact(self) -> bool:
        return not self.altered and not self.breaks


def walk(rows: Iterable[Row], tally: Tally, head: tuple[int, str] | None) -> Iterator[Finding]:
    """Every problem in ``rows`` (in sequence order), then whether ``head`` (sequence and hash of
    the chain's recorded end; None when there is no head) matches the last row. Streams: holds
    one row at a time."""
    for row in rows:
        tally.rows += 1
        if record_hash(row.record, sequence=row.sequence, previous_hash=row.previous_hash) != row.record_hash:
            tally.altered += 1
            yield Finding(Problem.ALTERED, row.id, row.sequence)
        expected = tally.last_sequence + 1
        if row.sequence > expected:
            tally.breaks += 1
            yield Finding(Problem.MISSING, row.id, row.sequence, f"{expected}-{row.sequence - 1}")
        elif row.sequence < expected or row.previous_hash != tally.last_hash:
            tally.breaks += 1
            yield Finding(Problem.UNLINKED, row.id, row.sequence)
        tally.last_sequence, tally.last_hash = row.sequence, row.record_hash
    if head is None and tally.rows == 0:
        return
    if head != (tally.last_sequence, tally.last_hash):
        tally.breaks += 1
        yield Finding(Problem.HEAD, None, tally.last_sequence,
                      "no head" if head is None else f"{head[0]} {head[1]}")
