"""Criteria whose facts were never entered are *not assessed* (issue 15, point 1).

Until now the wizard filled the steps an officer never answered (a case decided on an earlier
criterion) with neutral stand-ins: NOC 21231 in Ontario, no experience, a wage of $1 a year. They
were stored as the decision's facts, shown as if entered, and the criteria read from them were
stored as *not met*, so the reports counted experience, remuneration and documents against cases
nobody looked at. Each such decision says which steps were not answered
(``details["unanswered_steps"]``, written by the wizard since the first build).

This migration makes those records say what happened:
- the stand-in facts of the unanswered steps are taken out of ``facts`` (``noc_code`` becomes
  blank when the occupation was never entered);
- each criterion that needs one of them is stored as not assessed, with the engine's finding
  ``facts_01_not_entered`` naming the facts missing; the outcome and ``criteria_not_met`` are
  worked out again from the criteria (an early-settled case keeps its not-met criterion, so its
  outcome stays "not eligible"; a decision whose outcome would change is left as it was and named);
- without the employment offered, no permit length: ``work_permit_max_months`` becomes blank.

Decisions are insert-only and hash-chained (0002, 0005). The chain is checked first and the
migration stops, changing nothing, if it is not intact: a rewrite must never launder tampering.
Then the guard is lifted in this transaction, the rows rewritten, and the chain sealed again from
the first rewritten row (every later hash depends on it), as 0005 sealed it; the guard is put back.
The decisions' previous hashes are recomputed, so an outside copy of the old hashes no longer
matches from that row on: this migration is the record of why. The reports' tallies are refilled
by supervision's migration that follows this one.
"""

import importlib
from types import SimpleNamespace

from django.core.management.base import CommandError
from django.db import migrations, models

from eligibility import integrity

insert_only = importlib.import_module("eligibility.migrations.0002_decision_insert_only")
chain_migration = importlib.import_module("eligibility.migrations.0005_decision_hash_chain")

CHUNK = 2000
PG_TRIGGER = "eligibility_decision_insert_only"

# As of this migration (eligibility/rulebook/rules/entered.py and eligibility/casefile.py PARTS):
# the facts each wizard step enters, and the facts each criterion needs.
STEP_FIELDS = {
    "occupation": ("noc_code", "position", "province", "economic_region", "offer_number", "compliance_fee_paid",
                   "employment_months"),
    "credentials": ("regulated", "licence_required", "licensed", "education", "employer_letter",
                    "noc_requirements_met"),
    "experience": ("experience_months",),
    "language": ("language",),
    "remuneration": ("wage", "non_monetary", "prevailing_wage"),
    "documents": ("documents", "extension_need_shown"),
}
NEEDS = {
    "status": (),
    "occupation": ("noc_code",),
    "education": ("education", "noc_code"),
    "experience": ("experience_months",),
    "credentials": ("education", "experience_months", "noc_code", "province"),
    "language": ("language",),
    "remuneration": ("wage", "noc_code", "province"),
    "employer": ("offer_number", "compliance_fee_paid"),
    "documentation": ("documents",),
}
CRITERIA = tuple(NEEDS)


class ChainBroken(CommandError):
    """The decisions' hash chain is not intact: nothing is rewritten over it."""


def _outcome(results) -> str:
    if "not_met" in results:
        return "not_eligible"
    if "undetermined" in results or "not_assessed" in results:
        return "needs_officer_review"
    return "eligible"


def rewritten(facts: dict, working: dict, unanswered) -> tuple[dict, dict] | None:
    """The decision's facts and working with the unanswered steps' stand-ins taken out, or None
    when the outcome would change (left as recorded) or nothing changes."""
    dropped = {name for step in unanswered for name in STEP_FIELDS.get(step, ())}
    if not dropped:
        return None
    facts = {k: v for k, v in facts.items() if k not in dropped}
    criteria = dict(working["criteria"])
    for criterion, needs in NEEDS.items():
        missing = [name for name in needs if name in dropped]
        if missing:
            criteria[criterion] = {"result": "not_assessed", "findings": [{
                "result": "not_assessed", "section": "general_criteria", "section_detail": "",
                "rule_id": "facts_01_not_entered", "code": "facts.not_entered",
                "params": {"criterion": criterion, "facts": ",".join(missing)}}]}
    outcome = _outcome([criteria[c]["result"] for c in CRITERIA])
    if outcome != working["outcome"]:
        return None
    working = {**working, "criteria": criteria}
    if "employment_months" in dropped:
        stay = (working.get("work_permit_reason") or {}).get("params", {}).get("stay")
        working["work_permit_max_months"] = None
        working["work_permit_reason"] = {"rule_id": "stay_01_length_of_stay", "code": "stay.not_entered",
                                         "params": {"months": None, "stay": stay}}
    return facts, working


def _not_met(working: dict) -> str:
    return " ".join(c for c in CRITERIA if working["criteria"][c]["result"] == "not_met")


def _check_chain(Decision, ChainHead) -> None:
    tally = integrity.Tally()
    rows = (integrity.Row(values[0], values[1], values[2], values[3],
                          integrity.record_of(SimpleNamespace(**dict(zip(integrity.FIELDS, values[4:], strict=True)))))
            for values in Decision.objects.order_by("sequence")
            .values_list("id", "sequence", "previous_hash", "record_hash", *integrity.FIELDS).iterator(chunk_size=CHUNK))
    head = ChainHead.objects.filter(pk=1).values_list("sequence", "record_hash").first()
    problems = list(integrity.walk(rows, tally, head))
    if problems:
        raise ChainBroken(
            f"The decisions' hash chain is not intact ({len(problems)} problem(s), the first at position "
            f"{problems[0].sequence}): run manage.py verify_decisions. Nothing was changed; decisions with "
            "steps not answered are rewritten only over an intact chain.")


def mark_not_assessed(apps, schema_editor):
    Decision = apps.get_model("eligibility", "Decision")
    ChainHead = apps.get_model("eligibility", "ChainHead")
    candidates = Decision.objects.filter(details__has_key="unanswered_steps").exclude(details__unanswered_steps=[])
    changes, kept = {}, []
    for pk, facts, working, details in candidates.values_list("pk", "facts", "working", "details").iterator(
            chunk_size=CHUNK):
        new = rewritten(facts, working, details.get("unanswered_steps") or ())
        if new is None:
            kept.append(pk)
        else:
            changes[pk] = new
    if kept:
        print(f"\n  eligibility 0009: {len(kept)} decision(s) with steps not answered left as recorded "
              f"(their outcome would change): {kept[:50]}")
    if not changes:
        return
    _check_chain(Decision, ChainHead)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE eligibility_decision DISABLE TRIGGER {PG_TRIGGER}")
    else:
        for sql in insert_only.SQLITE_REVERSE:
            schema_editor.execute(sql)
    batch = []
    for pk, (facts, working) in changes.items():
        batch.append(Decision(pk=pk, facts=facts, working=working, criteria_not_met=_not_met(working),
                              noc_code=facts.get("noc_code", ""), work_permit_max_months=working["work_permit_max_months"]))
        if len(batch) >= CHUNK:
            Decision.objects.bulk_update(batch, ["facts", "working", "criteria_not_met", "noc_code",
                                                 "work_permit_max_months"])
            batch = []
    Decision.objects.bulk_update(batch, ["facts", "working", "criteria_not_met", "noc_code", "work_permit_max_months"])
    # Seal again from the first rewritten row.
    first = Decision.objects.filter(pk__in=list(changes)).order_by("sequence").values_list("sequence", flat=True)[0]
    previous = (Decision.objects.filter(sequence=first - 1).values_list("record_hash", flat=True).first()
                or integrity.GENESIS)
    sequence, seals = first - 1, []
    for values in (Decision.objects.filter(sequence__gte=first).order_by("sequence")
                   .values_list("id", "sequence", *integrity.FIELDS).iterator(chunk_size=CHUNK)):
        sequence = values[1]
        record = integrity.record_of(SimpleNamespace(**dict(zip(integrity.FIELDS, values[2:], strict=True))))
        digest = integrity.record_hash(record, sequence=sequence, previous_hash=previous)
        seals.append((values[0], sequence, previous, digest))
        previous = digest
        if len(seals) >= CHUNK:
            chain_migration._write(schema_editor, seals)
            seals = []
    if seals:
        chain_migration._write(schema_editor, seals)
    ChainHead.objects.filter(pk=1).update(sequence=sequence, record_hash=previous)
    if vendor == "postgresql":
        # The rewritten rows leave deferred foreign-key checks pending, and an ALTER TABLE may not
        # run while they are: they are run now, then the guard goes back.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE eligibility_decision ENABLE TRIGGER {PG_TRIGGER}")
    else:
        for sql in insert_only.SQLITE:
            schema_editor.execute(sql)


def guard_again(apps, schema_editor):
    """SQLite's insert-only triggers, dropped by the table rebuilds of the column changes."""
    if schema_editor.connection.vendor == "sqlite":
        for sql in [*insert_only.SQLITE_REVERSE, *insert_only.SQLITE]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [("eligibility", "0008_one_correction_per_decision")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, guard_again),  # backwards, the last step
        migrations.AlterField(
            model_name="decision",
            name="noc_code",
            field=models.CharField(blank=True, max_length=5, verbose_name="NOC 2021 code"),
        ),
        migrations.AlterField(
            model_name="decision",
            name="work_permit_max_months",
            field=models.PositiveSmallIntegerField(blank=True, null=True,
                                                   verbose_name="longest permit the rules allow (months)"),
        ),
        migrations.RunPython(guard_again, migrations.RunPython.noop),
        # Forwards only: the stand-ins taken out are not put back.
        migrations.RunPython(mark_not_assessed, migrations.RunPython.noop),
    ]
