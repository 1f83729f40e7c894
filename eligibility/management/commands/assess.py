"""``manage.py assess``: the batch interface of shared/contract/assess.md, to the letter.

    python manage.py assess CASE.json [CASE2.json ...]   # or - for standard input
    python manage.py assess --jsonl CASES.jsonl            # one case per line, one result per line

Reads the rules from the database as the wizard does and writes nothing. Exit status 0 when every
case was assessed, 2 when any case was invalid (its error object stands in its place).
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from eligibility import rulebook
from eligibility.casefile import CaseError, parse_case
from eligibility.reasons import criterion_summary
from eligibility.snapshot import RuleHistory

INVALID = 2


def _reject_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


_decoder = json.JSONDecoder(parse_constant=_reject_constant)


class Command(BaseCommand):
    help = "Assess cases given as JSON against the rules in force on each case's receipt date."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="case files, or - for standard input")
        parser.add_argument("--jsonl", action="store_true", help="one case per line, one result per line")

    def handle(self, *args, files, jsonl, **options):
        translation.activate("en")
        self.history = RuleHistory()
        self.today = timezone.localdate()
        self.invalid = False
        out = sys.stdout
        for name in files:
            stream = self._open(name)
            try:
                if jsonl:
                    self._run_lines(stream, out)
                else:
                    out.write(json.dumps(self._one(stream.read()), ensure_ascii=False, indent=2) + "\n")
            finally:
                if stream is not sys.stdin:
                    stream.close()
        out.flush()
        if self.invalid:
            sys.exit(INVALID)

    def _open(self, name):
        if name == "-":
            return sys.stdin
        try:
            return open(name, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror}", returncode=INVALID) from exc

    def _run_lines(self, stream, out):
        chunk = []
        for line in stream:
            if not line.strip():
                continue
            chunk.append(json.dumps(self._one(line), ensure_ascii=False, separators=(", ", ": ")))
            if len(chunk) >= 1000:
                out.write("\n".join(chunk) + "\n")
                chunk.clear()
        if chunk:
            out.write("\n".join(chunk) + "\n")

    def _one(self, text: str) -> dict:
        try:
            data = _decoder.decode(text)
        except ValueError as exc:
            return self._error(None, CaseError("case", f"not valid JSON: {exc}"))
        reference = data.get("reference") if isinstance(data, dict) else None
        reference = reference if isinstance(reference, str) else None
        try:
            facts = parse_case(data, self.today)
        except CaseError as exc:
            return self._error(reference, exc)
        return result_dict(facts, rulebook.assess(facts, self.history.on(facts.received_on)))

    def _error(self, reference, error: CaseError) -> dict:
        self.invalid = True
        return {"reference": reference, "error": error.as_dict()}


def result_dict(facts, assessment) -> dict:
    """The contract's result object."""
    return {
        "reference": facts.reference,
        "outcome": assessment.outcome.value,
        "exemption_code": "T52",
        "criteria": {c.criterion.value: criterion_summary(c) for c in assessment.criteria},
        "work_permit_max_months": assessment.work_permit_max_months,
        "spouse_open_work_permit": assessment.spouse_open_work_permit,
        "rules_version": assessment.rules_version,
    }
