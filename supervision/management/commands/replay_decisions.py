"""``manage.py replay_decisions --from YYYY-MM-DD --to YYYY-MM-DD``: replay every decision recorded in
the period (both dates included, in the project's time zone), under its own rules version and
under today's rules, and report:

- how many are confirmed (own version rebuilt, identical outcome and working) and how many are
  not reproducible, with why, and which;
- the decisions whose outcome would differ under today's rules.

Reads the rule rows once and streams the decisions. Writes nothing. Exit status 0 when every
decision in the period is confirmed, 1 otherwise (a different outcome today is reported, not an
error: rules change), 2 for bad arguments.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from eligibility.models import Decision
from eligibility.snapshot import RuleHistory, Versions
from supervision.replay import Why, replay

WHY_TEXT = {
    Why.RULES_EDITED: "rule data in force on its receipt date has been edited since: the original rules cannot be "
                      "rebuilt from current data",
    Why.WORKING_DIFFERS: "same rules version, but the assessment now gives another working",
    Why.FACTS_UNREADABLE: "the stored facts no longer pass the case format's checks",
    Why.NO_RULES: "no criteria for its category in the rules rebuilt for its receipt date",
}
CHUNK = 2000
LISTED = 200  # decisions listed by name per section; the counts always cover them all


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date; expected YYYY-MM-DD", returncode=2) from None


class Command(BaseCommand):
    help = "Replay the decisions recorded in a period under their own rules and today's, and report differences."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day recorded")
        parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="last day recorded")
        parser.add_argument("--today", metavar="YYYY-MM-DD",
                            help="the date whose rules count as today's (default: today)")

    def handle(self, *args, start, end, today, **options):
        start, end = _day(start), _day(end)
        if end < start:
            raise CommandError("--to is before --from", returncode=2)
        today = _day(today) if today else timezone.localdate()
        translation.activate("en")
        zone = timezone.get_current_timezone()
        since = timezone.make_aware(datetime.combine(start, time.min), zone)
        until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
        rows = (Decision.objects.filter(created_at__gte=since, created_at__lt=until)
                .order_by("created_at", "id")
                .only("id", "application_number", "created_at", "received_on", "facts", "rules_version", "working",
                      "outcome"))

        history = RuleHistory()
        versions = Versions(classification=history.classification)
        total, confirmed = 0, 0
        why_counts: Counter = Counter()
        not_reproducible, differ_today = [], []
        n_differ_today = 0
        for decision in rows.iterator(chunk_size=CHUNK):
            total += 1
            result = replay(decision, history=history, versions=versions, today=today)
            if result.confirmed:
                confirmed += 1
            else:
                why_counts[result.why] += 1
                if len(not_reproducible) < LISTED:
                    not_reproducible.append((decision, result))
            if result.differs_today:
                n_differ_today += 1
                if len(differ_today) < LISTED:
                    differ_today.append((decision, result))

        write = self.stdout.write
        write(f"Decisions recorded {start} to {end}: {total}")
        write(f"Replayed under their own rules version: {confirmed} confirmed, {total - confirmed} not reproducible")
        for why, n in sorted(why_counts.items()):
            write(f"  {n} not reproducible: {WHY_TEXT[why]}")
        for decision, result in not_reproducible:
            detail = f"rebuilt {result.own.rules_version}, stored {result.stored_version}" \
                if result.why is Why.RULES_EDITED else result.facts_error or result.why.value
            write(f"  - decision {decision.pk} ({_number(decision)}), received {decision.received_on}: {detail}")
        if total - confirmed > len(not_reproducible):
            write(f"  ... and {total - confirmed - len(not_reproducible)} more")

        version = history.on(today).version
        write(f"Under the rules in force on {today} (version {version}): "
              f"{n_differ_today} would have another outcome")
        for decision, result in differ_today:
            write(f"  - decision {decision.pk} ({_number(decision)}): {decision.outcome} then, "
                  f"{_today(result)} today{_criteria(result)}")
        if n_differ_today > len(differ_today):
            write(f"  ... and {n_differ_today - len(differ_today)} more")
        if confirmed != total:
            raise SystemExit(1)


def _number(decision) -> str:
    return decision.application_number or "no application number"


def _today(result) -> str:
    if result.now is None:
        return "not assessable (facts unreadable)"
    if result.now.error:
        return "not assessable (no criteria for its category in force)"
    return result.now.outcome


def _criteria(result) -> str:
    if result.now is None or result.now.differences is None:
        return ""
    changed = [f"{c.criterion.value} {c.result_before} -> {c.result_after}"
               for c in result.now.differences.criteria if c.result_changed]
    return f"; {', '.join(changed)}" if changed else ""
