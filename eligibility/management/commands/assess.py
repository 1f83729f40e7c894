"""``manage.py assess``: the batch interface of shared/contract/assess.md, to the letter.

    python manage.py assess CASE.json [CASE2.json ...]   # or - for standard input
    python manage.py assess --jsonl CASES.jsonl            # one case per line, one result per line
    python manage.py assess --record --officer USERNAME ... # and save each as a finalised decision

Reads the rules from the database as the wizard does and writes nothing unless --record. Exit
status 0 when every case was assessed, 2 when any case was invalid (its error object stands in its
place).
"""

import json
import multiprocessing
import os
import re
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.forms import CONTROL_MESSAGE, has_control_characters
from eligibility import rulebook, services
from eligibility.casefile import CaseError, check_against_rules, parse_case
from eligibility.choices import OfficerDecision, Source
from eligibility.reasons import criterion_summary
from eligibility.rulebook.codes import Outcome
from eligibility.snapshot import RuleHistory

INVALID = 2


def _reject_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


_decoder = json.JSONDecoder(parse_constant=_reject_constant)
# Only a \uD800-\uDFFF escape can put a lone surrogate in decoded text (raw bytes were strict
# UTF-8), and such a string cannot be written back out; this cheap test spares the walk otherwise.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
# One encoder for every line, as json.dumps(..., ensure_ascii=False, separators=(", ", ": ")) would
# build, without building it again for each of 100,000 lines.
_line_encoder = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


BATCH_LINES = 2000  # lines handed to a worker at a time: big enough to amortise the hand-over


class Command(BaseCommand):
    help = "Assess cases given as JSON against the rules in force on each case's receipt date."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="case files, or - for standard input")
        parser.add_argument("--jsonl", action="store_true", help="one case per line, one result per line")
        parser.add_argument(
            "--workers", type=int, default=len(os.sched_getaffinity(0)), metavar="N",
            help="processes assessing --jsonl lines side by side (default: one per CPU); the output keeps "
                 "the input's order",
        )
        parser.add_argument("--record", action="store_true",
                            help="save each assessed case as a finalised decision (needs --officer)")
        parser.add_argument("--officer", metavar="USERNAME", help="the officer the recorded decisions are by")

    def handle(self, *args, files, jsonl, workers, record, officer, **options):
        if workers < 1:
            raise CommandError("--workers must be at least 1", returncode=INVALID)
        translation.activate("en")
        try:
            history = RuleHistory()
        except DatabaseError:  # no rule tables: a database never migrated (or the wrong DATABASE_URL)
            raise CommandError("The database holds no rules: run `manage.py migrate` first (it loads the "
                               "seed's rules), or check DATABASE_URL.", returncode=1) from None
        assessor = Assessor(history, timezone.localdate())
        if record:
            assessor.recorder = _recorder(officer)
            workers = 1  # decisions are written by this process, in input order
        elif officer:
            raise CommandError("--officer is only for --record", returncode=INVALID)
        out = sys.stdout
        for name in files:
            stream = _open(name)
            try:
                if jsonl:
                    _run_lines(assessor, stream, out, workers)
                else:
                    result = assessor.one(stream.read())
                    assessor.invalid |= "error" in result
                    out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
            finally:
                if name != "-":
                    stream.close()
        out.flush()
        if assessor.invalid:
            sys.exit(INVALID)


def _recorder(username):
    """Record each case through the service the wizard uses, as the named officer's decision.
    A batch has no officer's judgement to add: the decision follows the indicative outcome."""
    if not username:
        raise CommandError("--record needs --officer USERNAME", returncode=INVALID)
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active user {username!r}", returncode=INVALID)
    if not user.has_perm("eligibility.add_decision"):
        raise CommandError(f"{username} may not record decisions (not an officer)", returncode=INVALID)

    def record(facts, outcome):
        # The reference becomes the decision's application number: stored text, refused as the
        # desk's forms refuse it (PostgreSQL cannot hold a NUL at all).
        if facts.reference and has_control_characters(facts.reference):
            raise CaseError("reference", str(CONTROL_MESSAGE))
        services.record_decision(officer=user, facts=facts, decision=FOLLOWS[outcome], source=Source.BATCH)

    return record


FOLLOWS = {
    Outcome.ELIGIBLE: OfficerDecision.APPROVE,
    Outcome.NOT_ELIGIBLE: OfficerDecision.REFUSE,
    Outcome.NEEDS_OFFICER_REVIEW: OfficerDecision.REQUEST_INFORMATION,
}


def _open(name):
    """A binary stream: each case is decoded on its own, so bad bytes spoil only that case."""
    if name == "-":
        # A real stdin has a byte buffer; a text stream stood in for it (tests, embedding) has not.
        return getattr(sys.stdin, "buffer", sys.stdin)
    try:
        return open(name, "rb")
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {exc.strerror}", returncode=INVALID) from exc


def _batches(stream):
    batch = []
    for line in stream:
        if line.strip():
            batch.append(line)
            if len(batch) >= BATCH_LINES:
                yield batch
                batch = []
    if batch:
        yield batch


def _run_lines(assessor, stream, out, workers):
    """Assess line by line, in batches; with several workers, batches go to forked processes
    that inherit the rules already read (they never touch the database) and come back in order."""
    batches = _batches(stream)
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        answers = map(assessor.lines, batches)
        for text, invalid in answers:
            out.write(text)
            assessor.invalid |= invalid
        return
    global _worker_assessor
    _worker_assessor = assessor
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for text, invalid in pool.imap(_assess_in_worker, batches):
            out.write(text)
            assessor.invalid |= invalid


_worker_assessor = None


def _assess_in_worker(batch):
    return _worker_assessor.lines(batch)


class Assessor:
    """Turns raw cases into the contract's result or error objects against a rule history."""

    def __init__(self, history: RuleHistory, today):
        self.history = history
        self.today = today
        self.invalid = False  # whether any case so far was invalid: the exit status
        self.recorder = None  # with --record: called with each valid case's facts and outcome

    def lines(self, batch) -> tuple[str, bool]:
        """One output line per case of the batch, and whether any was invalid."""
        results = [self.one(line) for line in batch]
        text = "".join(_line_encoder.encode(result) + "\n" for result in results)
        return text, any("error" in result for result in results)

    def one(self, raw: bytes | str) -> dict:
        try:
            text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
            data = _decoder.decode(text)
        except UnicodeDecodeError:
            return self._error(None, CaseError("case", _("Not UTF-8 text.")))
        except RecursionError:
            return self._error(None, CaseError("case", _("Nested too deeply to be a case.")))
        except ValueError as exc:
            return self._error(None, CaseError("case", _("Not valid JSON: %(error)s") % {"error": exc}))
        if _SURROGATE_ESCAPE.search(text):
            where = lone_surrogate_at(data, "case")
            if where is not None:
                return self._error(None, CaseError(where, _("Contains a \\u escape that is only half of a character.")))
        reference = data.get("reference") if isinstance(data, dict) else None
        reference = reference if isinstance(reference, str) else None
        try:
            facts = parse_case(data, self.today)
            ruleset = self.history.on(facts.received_on)
            check_against_rules(facts, ruleset)
            assessment = rulebook.assess(facts, ruleset)
            if self.recorder is not None:
                self.recorder(facts, assessment.outcome)
            return result_dict(facts, assessment)
        except CaseError as exc:
            return self._error(reference, exc)
        except rulebook.NoRulesInForce:
            message = _("No rules for this category were in force on %(date)s.")
            return self._error(reference, CaseError("received_on", message % {"date": facts.received_on.isoformat()}))

    @staticmethod
    def _error(reference, error: CaseError) -> dict:
        return {"reference": reference, "error": error.as_dict()}


def lone_surrogate_at(value, path: str) -> str | None:
    """The dotted path of the first string (or key) holding half of a surrogate pair, if any."""
    if isinstance(value, str):
        return path if any("\ud800" <= c <= "\udfff" for c in value) else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        if lone_surrogate_at(key, path) is not None:
            return path  # the key itself cannot be printed; name its parent
        child = key if path == "case" else f"{path}.{key}"
        found = lone_surrogate_at(item, child)
        if found is not None:
            return found
    return None


def result_dict(facts, assessment) -> dict:
    """The contract's result object, worded in the active language."""
    language = translation.get_language()
    return {
        "reference": facts.reference,
        "outcome": assessment.outcome.value,
        "exemption_code": "T52",
        "criteria": {c.criterion.value: criterion_summary(c, language) for c in assessment.criteria},
        "work_permit_max_months": assessment.work_permit_max_months,
        "spouse_open_work_permit": assessment.spouse_open_work_permit,
        "rules_version": assessment.rules_version,
    }
