"""Reports for supervisors: how many decisions, with which outcomes, where the rules most often
find a criterion not met, how often officers depart from the rules and how often supervisors agree.

Every figure is an aggregate the database computes (GROUP BY and conditional counts); no decision
row is loaded into Python. Rows come back as plain dicts of codes and counts; labels, tables and
charts are the views' business.

Each function takes ``decisions``: what to count, a ``Counted`` (``counted(filterset)`` makes it
from the decision search's filters, ``search.ReportFilter``, so the reports and the search filter
the same way) or a plain queryset of decisions. A ``Counted`` holds either the decisions
themselves or their tallies (``DecisionTally``, ``ReviewTally``: supervision/tallies.py), with
the same column names, and says how to count them: ``Count("id")`` of decisions, or the sum of
the tallies' counts. The figures' code is the same for both. Tallies answer whenever the filters
are among their columns (``tallies_serve``), the review status included (the tallies move with
it): counting a million decisions took 0.4–1.7 s per figure on PostgreSQL; summing their tallies
is several times faster. Dates that cut a month are answered in two parts (``Combined``): the
whole months from the tallies, the days at either end from the decisions, each figure adding the
two. Otherwise (a text search) the decisions are counted, reading only narrow columns.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from eligibility.choices import OfficerDecision
from eligibility.rulebook.codes import Criterion, Outcome
from eligibility.selectors import latest_versions
from occupations.models import UnitGroup

from .models import DecisionTally, Review, ReviewTally
from .search import day_start

TOP_NOC = 10

OUTCOMES = [o.value for o in Outcome]
DECISIONS = [d.value for d in OfficerDecision]
VERDICTS = [v.value for v in Review.Verdict]


# What is counted: decisions or their tallies --------------------------------------------------
@dataclass(frozen=True)
class Counted:
    """The rows a report counts and how. ``decisions``: Decision rows, or DecisionTally rows with
    their count in ``decisions``; ``reviews``: Review rows, or ReviewTally rows (count in
    ``reviews``). The tallies carry the decision's column names, so one filter or GROUP BY fits both."""

    decisions: QuerySet
    reviews: QuerySet
    tallied: bool

    @classmethod
    def of(cls, decisions: QuerySet) -> "Counted":
        """Each application once, as its latest version (a decision no other corrects), as the
        tallies count them; the reviews of every version (a review counts for the version it was
        made on, corrected since or not)."""
        reviews = Review.objects.filter(item__decision__in=decisions.order_by().values("pk"))
        return cls(latest_versions(decisions).order_by(), reviews.order_by(), False)

    def count(self, condition: Q | None = None):
        """The number of decisions (among those matching ``condition``)."""
        if self.tallied:  # a SUM of no rows is NULL, a count is 0
            return Coalesce(Sum("decisions", filter=condition), 0)
        return Count("id", filter=condition)

    def count_reviews(self, condition: Q | None = None):
        if self.tallied:
            return Coalesce(Sum("reviews", filter=condition), 0)
        return Count("id", filter=condition)

    def decisions_by_month(self) -> QuerySet:
        """The decisions with ``month``: the month recorded (a tally's own column)."""
        return self.decisions if self.tallied else self.decisions.annotate(month=TruncMonth("created_at"))

    def reviews_by_month(self) -> QuerySet:
        """The reviews with ``month``: the month reviewed."""
        return self.reviews if self.tallied else self.reviews.annotate(month=TruncMonth("created_at"))


# The filters the tallies can answer: the filter's name -> the tally's column. The review filter's
# values are the tallies' codes: "none" (tallies.NOT_QUEUED, never queued) or a ReviewItem.Status.
TALLIED_FILTERS = {"officer": "officer_id", "country": "country", "category": "category", "noc": "noc_code",
                   "outcome": "outcome", "decision": "decision", "departs": "departs", "review": "review_status"}
NOT_FILTERS = {"sort"}  # the search's form also holds the sort, which changes no count


@dataclass(frozen=True)
class Combined:
    """Dates that cut a month, counted in parts that share no decision: the whole months between
    them from the tallies, the days at either end from the decisions. Each figure adds its parts."""

    parts: tuple[Counted, ...]
    tallied = True  # in part


def tallies_serve(data: dict) -> bool:
    """Whether the tallies can give these filters' figures (a FilterSet's cleaned data), in whole
    or in part: only filters on the tallies' columns (the review status is one: its changes move
    the counts) and recorded dates. A text search needs the decisions themselves."""
    used = {name for name, value in data.items() if value not in (None, "")} - NOT_FILTERS
    return used <= {*TALLIED_FILTERS, "recorded_from", "recorded_to"}


def _month_after(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def whole_months(start: date | None, end: date | None) -> tuple[date | None, date | None] | None:
    """The whole months inside a range of recorded dates (None: open), as their first day and the
    last day of the last; None when the range holds no whole month."""
    first = start if start is None or start.day == 1 else _month_after(start)
    last = end if end is None or (end + timedelta(days=1)).day == 1 else end.replace(day=1) - timedelta(days=1)
    if first is not None and last is not None and first > last:
        return None
    return first, last


def _tally_condition(data: dict, officer_ids: dict, recorded: str) -> Q:
    """The filters on a tally; ``recorded`` is its column of the month the decision was recorded.
    The recorded dates must be whole months (``whole_months``)."""
    condition = Q()
    for name, column in TALLIED_FILTERS.items():
        value = data.get(name)
        if value in (None, ""):
            continue
        if name == "officer":
            value = officer_ids[value]
        elif name == "departs":
            value = value == "yes"
        condition &= Q(**{column: value})
    if data.get("recorded_from"):  # the 1st of a month: that month and after
        condition &= Q(**{f"{recorded}__gte": data["recorded_from"]})
    if data.get("recorded_to"):  # a month's last day: months starting on or before it
        condition &= Q(**{f"{recorded}__lte": data["recorded_to"]})
    return condition


def _tallies(data: dict, officer_ids: dict) -> Counted:
    return Counted(DecisionTally.objects.filter(_tally_condition(data, officer_ids, "month")).order_by(),
                   ReviewTally.objects.filter(_tally_condition(data, officer_ids, "decision_month")).order_by(),
                   True)


def counted(filterset, tallies: bool = True) -> "Counted | Combined":
    """What the figures count for a valid filterset (``search.ReportFilter``): the tallies when
    they serve its filters (and ``tallies`` is on), with the decisions of any days outside whole
    months; else the filtered decisions."""
    data = filterset.form.cleaned_data
    if not (tallies and tallies_serve(data)):
        return Counted.of(filterset.qs)
    start, end = data.get("recorded_from"), data.get("recorded_to")
    months = whole_months(start, end)
    if months is None:  # a few days or weeks: the decisions are few
        return Counted.of(filterset.qs)
    first, last = months
    whole = _tallies({**data, "recorded_from": first, "recorded_to": last}, filterset.officer_ids)
    if first == start and last == end:
        return whole
    # The days before the first whole month and after the last, each its own part: one range of
    # the index each (an OR of the two would read every decision between them).
    days = []
    if first != start:
        days.append(Counted.of(filterset.qs.filter(created_at__lt=day_start(first))))
    if last != end:
        days.append(Counted.of(filterset.qs.filter(created_at__gte=day_start(last + timedelta(days=1)))))
    return Combined((whole, *days))


def _counted(decisions) -> Counted:
    return decisions if isinstance(decisions, Counted) else Counted.of(decisions)


def _parts(decisions) -> tuple[Counted, ...]:
    return decisions.parts if isinstance(decisions, Combined) else (_counted(decisions),)


def _as_date(month) -> date:
    """A month from the tallies (a date) or from TruncMonth on the decisions (an aware datetime)."""
    return timezone.localtime(month).date() if isinstance(month, datetime) else month


def _added(rows: list[dict], key: tuple[str, ...], counts: list[str]) -> list[dict]:
    """Rows of several parts with the same key made one, their counts added, in key order."""
    merged: dict = {}
    for row in rows:
        found = merged.setdefault(tuple(row[k] for k in key), {**row, **dict.fromkeys(counts, 0)})
        for count in counts:
            found[count] += row[count]
    return [merged[k] for k in sorted(merged)]


# The figures ------------------------------------------------------------------------------------
def _counts(counted: Counted) -> dict:
    """Decisions, each indicative outcome, each officer's decision, and overrides."""
    counts = {"total": counted.count()}
    counts.update({o: counted.count(Q(outcome=o)) for o in OUTCOMES})
    counts.update({d: counted.count(Q(decision=d)) for d in DECISIONS})
    counts["overrides"] = counted.count(Q(departs=True))
    return counts


COUNT_KEYS = ["total", *OUTCOMES, *DECISIONS, "overrides"]


def breakdown(decisions) -> list[dict]:
    """One pass over the decisions: counts per (month, country, category). By month, by country
    and by category are sums of these groups (a few hundred at most), so the decisions are read
    once for all three."""
    parts = _parts(decisions)
    if len(parts) == 1:
        counted = parts[0]
        return list(counted.decisions_by_month().values("month", "country", "category").annotate(
            **_counts(counted)).order_by("month", "country", "category"))
    rows = [{**row, "month": _as_date(row["month"])} for counted in parts
            for row in counted.decisions_by_month().values("month", "country", "category").annotate(**_counts(counted))]
    return _added(rows, ("month", "country", "category"), COUNT_KEYS)


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


def top_noc(decisions, limit: int = TOP_NOC) -> list[dict]:
    """The most frequent NOC codes (most decisions first, then by code), with their titles."""
    parts = _parts(decisions)
    if len(parts) == 1:
        counted = parts[0]
        rows = list(counted.decisions.values("noc_code").annotate(**_counts(counted))
                    .order_by("-total", "noc_code")[:limit])
    else:  # a part's top ten need not be the whole's: every code's counts, added
        rows = _added([row for counted in parts for row in counted.decisions.values("noc_code").annotate(
            **_counts(counted))], ("noc_code",), COUNT_KEYS)
        rows = sorted(rows, key=lambda r: (-r["total"], r["noc_code"]))[:limit]
    titles = {g["code"]: g for g in UnitGroup.objects.filter(code__in=[r["noc_code"] for r in rows])
              .values("code", "title_en", "title_fr")}
    for row in rows:
        title = titles.get(row["noc_code"], {})
        row["title_en"], row["title_fr"] = title.get("title_en", ""), title.get("title_fr", "")
    return rows


def criteria_not_met(decisions) -> list[dict]:
    """How often each criterion was found not met, most often first (then in the officer's order).

    Counted on the decision's ``criteria_not_met`` column (the codes, written with the decision
    from its working), not inside the working itself: reading the working's JSON for a million
    decisions took over ten seconds."""
    found = dict.fromkeys(["total", *(c.value for c in Criterion)], 0)
    for counted in _parts(decisions):
        counts = {c.value: counted.count(Q(criteria_not_met__contains=c.value)) for c in Criterion}
        for name, n in counted.decisions.aggregate(total=counted.count(), **counts).items():
            found[name] += n
    total = found.pop("total")
    order = {c.value: i for i, c in enumerate(Criterion)}
    rows = [{"criterion": c, "not_met": n, "share": _rate(n, total)} for c, n in found.items()]
    return sorted(rows, key=lambda r: (-r["not_met"], order[r["criterion"]]))


def review_agreement(decisions) -> list[dict]:
    """Reviews of the decisions, by the month of the review: concurred, disagreed, returned, and
    agreement (concurred out of concurred and disagreed, as on the sampling page)."""
    rows = [{**row, "month": _as_date(row["month"])} for counted in _parts(decisions)
            for row in counted.reviews_by_month().values("month").annotate(
                total=counted.count_reviews(), **{v: counted.count_reviews(Q(verdict=v)) for v in VERDICTS})]
    rows = _added(rows, ("month",), ["total", *VERDICTS])
    for row in rows:
        row["rate"] = _rate(row[Review.Verdict.CONCUR], row[Review.Verdict.CONCUR] + row[Review.Verdict.DISAGREE])
    return rows
