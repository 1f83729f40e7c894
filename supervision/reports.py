"""Reports for supervisors: how many decisions, with which outcomes, where the rules most often
find a criterion not met, how often officers depart from the rules and how often supervisors agree.

Every figure is an aggregate the database computes (GROUP BY and conditional counts); no decision
row is loaded into Python. Rows come back as plain dicts of codes and counts; labels, tables and
charts are the views' business.

``filters`` is a plain dict, as ``ReportFilterForm.filters()`` gives it (keys: recorded_from,
recorded_to, officer (an id), country, category, noc, outcome, decision, departs (a bool), review);
missing or None means "any". Dates are the days decisions were recorded, in the desk's time zone.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from eligibility.choices import OfficerDecision
from eligibility.models import Decision
from eligibility.rulebook.codes import Criterion, Outcome
from occupations.models import UnitGroup

from .models import Review, ReviewItem

NOT_IN_QUEUE = "none"  # review: decisions that never entered the review queue
TOP_NOC = 10

OUTCOMES = [o.value for o in Outcome]
DECISIONS = [d.value for d in OfficerDecision]
VERDICTS = [v.value for v in Review.Verdict]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def decision_filter(filters: dict, prefix: str = "") -> Q:
    """The filters as one condition on decisions, reached through ``prefix`` (e.g. from a review)."""
    f = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    q = Q()
    if f.get("recorded_from"):
        q &= Q(**{f"{prefix}created_at__gte": _start_of(f["recorded_from"])})
    if f.get("recorded_to"):
        # Bounds on the stored timestamp (not a cast to a date) keep the created_at index usable.
        q &= Q(**{f"{prefix}created_at__lt": _start_of(f["recorded_to"] + timedelta(days=1))})
    if f.get("officer"):
        q &= Q(**{f"{prefix}officer": f["officer"]})
    for key, field in (("country", "country"), ("category", "category"), ("noc", "noc_code"),
                       ("outcome", "outcome"), ("decision", "decision")):
        if f.get(key):
            q &= Q(**{f"{prefix}{field}": f[key]})
    if f.get("departs") is not None:
        q &= Q(**{f"{prefix}departs": f["departs"]})
    if f.get("review") == NOT_IN_QUEUE:
        q &= Q(**{f"{prefix}review_item__isnull": True})
    elif f.get("review"):
        q &= Q(**{f"{prefix}review_item__status": f["review"]})
    return q


def decisions(filters: dict):
    return Decision.objects.filter(decision_filter(filters)).order_by()


def _counts() -> dict:
    """Decisions, each indicative outcome, each officer's decision, and overrides."""
    counts = {"total": Count("id")}
    counts.update({o: Count("id", filter=Q(outcome=o)) for o in OUTCOMES})
    counts.update({d: Count("id", filter=Q(decision=d)) for d in DECISIONS})
    counts["overrides"] = Count("id", filter=Q(departs=True))
    return counts


COUNT_KEYS = ["total", *OUTCOMES, *DECISIONS, "overrides"]


def breakdown(filters: dict) -> list[dict]:
    """One pass over the decisions: counts per (month, country, category). By month, by country
    and by category are sums of these groups (a few hundred at most), so the decisions are read
    once for all three."""
    return list(decisions(filters).annotate(month=TruncMonth("created_at"))
                .values("month", "country", "category").annotate(**_counts())
                .order_by("month", "country", "category"))


def _rollup(groups: list[dict], key: str) -> list[dict]:
    totals: dict = {}
    for group in groups:
        row = totals.setdefault(group[key], {key: group[key], **dict.fromkeys(COUNT_KEYS, 0)})
        for count in COUNT_KEYS:
            row[count] += group[count]
    return [totals[k] for k in sorted(totals)]


def by_month(groups: list[dict]) -> list[dict]:
    months = _rollup(groups, "month")
    for row in months:
        row["month"] = timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime) else row["month"]
    return months


def by_country(groups: list[dict]) -> list[dict]:
    return _rollup(groups, "country")


def by_category(groups: list[dict]) -> list[dict]:
    return _rollup(groups, "category")


def totals(groups: list[dict]) -> dict:
    total = dict.fromkeys(COUNT_KEYS, 0)
    for group in groups:
        for count in COUNT_KEYS:
            total[count] += group[count]
    return total


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def override_rate(months: list[dict]) -> list[dict]:
    """Per month: decisions, those departing from the indicative outcome, and their share."""
    return [{"month": m["month"], "total": m["total"], "overrides": m["overrides"],
             "rate": _rate(m["overrides"], m["total"])} for m in months]


def top_noc(filters: dict, limit: int = TOP_NOC) -> list[dict]:
    """The most frequent NOC codes (most decisions first, then by code), with their titles."""
    rows = list(decisions(filters).values("noc_code").annotate(**_counts()).order_by("-total", "noc_code")[:limit])
    titles = {g["code"]: g for g in UnitGroup.objects.filter(code__in=[r["noc_code"] for r in rows])
              .values("code", "title_en", "title_fr")}
    for row in rows:
        title = titles.get(row["noc_code"], {})
        row["title_en"], row["title_fr"] = title.get("title_en", ""), title.get("title_fr", "")
    return rows


def criteria_not_met(filters: dict) -> list[dict]:
    """How often each criterion was found not met, most often first (then in the officer's order).

    Counted inside the stored working with JSON key lookups. This is the reports' costly part:
    the working is a large JSON value stored out of line (TOAST), and each lookup reads it again.
    A criterion not met makes the indicative outcome "not eligible" (and only then), so the
    working is only read for those decisions. A column of the criteria not met, written with the
    decision, would make this a plain count."""
    not_eligible = Q(outcome=Outcome.NOT_ELIGIBLE)  # first, so the working is only read for these
    counts = {c.value: Count("id", filter=not_eligible & Q(**{f"working__criteria__{c.value}__result": "not_met"}))
              for c in Criterion}
    found = decisions(filters).aggregate(total=Count("id"), **counts)
    total = found.pop("total")
    order = {c.value: i for i, c in enumerate(Criterion)}
    rows = [{"criterion": c, "not_met": n, "share": _rate(n, total)} for c, n in found.items()]
    return sorted(rows, key=lambda r: (-r["not_met"], order[r["criterion"]]))


def review_agreement(filters: dict) -> list[dict]:
    """Reviews of the filtered decisions, by the month of the review: concurred, disagreed,
    returned, and agreement (concurred out of concurred and disagreed, as on the sampling page)."""
    rows = list(Review.objects.filter(decision_filter(filters, prefix="item__decision__"))
                .annotate(month=TruncMonth("created_at")).values("month")
                .annotate(total=Count("id"), **{v: Count("id", filter=Q(verdict=v)) for v in VERDICTS})
                .order_by("month"))
    for row in rows:
        row["month"] = timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime) else row["month"]
        row["rate"] = _rate(row[Review.Verdict.CONCUR], row[Review.Verdict.CONCUR] + row[Review.Verdict.DISAGREE])
    return rows


REVIEW_STATUSES = [NOT_IN_QUEUE, *(s.value for s in ReviewItem.Status)]
