"""``manage.py verify_decisions``: walk the recorded decisions' hash chain (eligibility/integrity.py)
and report every decision whose stored values no longer give its hash (changed behind the
application's back), every break in the chain (decisions removed, or a row not appended through
the application) and whether the chain's head matches its last decision.

    python manage.py verify_decisions

Streams the decisions in chain order (bounded memory on a million) inside one read-only snapshot,
so decisions recorded while it runs neither hide nor fake a problem. Prints a summary with the
counts and the head (position and hash: noted elsewhere, it also shows a chain rewritten whole).
Exit status 0 when intact, 1 when not. The output is for operators and, like replay_decisions,
in English.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from eligibility import integrity
from eligibility.integrity import Problem
from eligibility.models import ChainHead, Decision

CHUNK = 2000


class Command(BaseCommand):
    help = "Check every recorded decision against its hash and the chain; exit 1 when anything was changed."

    def handle(self, *args, **options):
        started = time.perf_counter()
        write = self.stdout.write
        tally = integrity.Tally()
        fresh = not connection.in_atomic_block  # (a caller's transaction has its snapshot already)
        with transaction.atomic():
            if fresh and connection.vendor == "postgresql":  # the head and the rows from one snapshot
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            head = ChainHead.objects.filter(pk=ChainHead.ROW).values_list("sequence", "record_hash").first()
            columns = ("id", "sequence", "previous_hash", "record_hash")
            values = (Decision.objects.order_by("sequence")
                      .values_list(*columns, *integrity.FIELDS).iterator(chunk_size=CHUNK))
            rows = (integrity.Row(*v[:4], dict(zip(integrity.FIELDS, v[4:], strict=True))) for v in values)
            for finding in integrity.walk(rows, tally, head):
                write(_describe(finding))
        seconds = time.perf_counter() - started
        write(f"Decisions checked: {tally.rows}. Altered: {tally.altered}. Breaks in the chain: {tally.breaks}. "
              f"({seconds:.1f} s)")
        write(f"Chain head: position {tally.last_sequence}, hash {tally.last_hash}")
        if tally.intact:
            write("Intact: every decision matches its hash and the chain is unbroken.")
        else:
            write("NOT intact: the decisions above were changed, removed or added behind the application's back.")
            raise SystemExit(1)


def _describe(finding: integrity.Finding) -> str:
    where = f"decision {finding.decision_id} (position {finding.sequence})"
    if finding.problem is Problem.ALTERED:
        return f"Altered: {where}: its stored values no longer give its record hash"
    if finding.problem is Problem.MISSING:
        return f"Break before {where}: positions {finding.detail} are missing (decisions removed)"
    if finding.problem is Problem.UNLINKED:
        return f"Break at {where}: its previous hash is not the record hash of the decision before it"
    return (f"Break at the end: the chain's head ({finding.detail}) is not its last decision "
            f"(position {finding.sequence}): decisions removed from, or added to, its end")
