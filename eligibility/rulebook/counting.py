"""Figures an officer would otherwise work out by hand, counted as the rules read them.

Pure functions, like the rules: the wizard's forms call them instead of doing arithmetic of their
own, so the wizard and any other adapter count the same way.
"""

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

# "2 years"/"4 years" of paid experience are counted as full-time-equivalent months, part-time
# work pro-rated (domain brief §8.5, an interpretation). Full time is IRCC's usual measure of
# 30 hours a week; more hours in a week do not make more than a week.
FULL_TIME_HOURS_PER_WEEK = 30.0
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True, slots=True)
class WorkPeriod:
    """One period of paid work: first and last day (inclusive) and the usual hours a week."""

    start: date
    end: date
    hours_per_week: float


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def calendar_months(start: date, end: date) -> float:
    """Months from ``start`` to ``end``, both days included: whole calendar months, then the
    days left over as a fraction of an average month (1 Jan 2022 to 31 Dec 2023 is 24)."""
    if end < start:
        return 0.0
    whole = (end.year - start.year) * 12 + end.month - start.month + 1
    while whole > 0 and add_months(start, whole) - timedelta(days=1) > end:
        whole -= 1
    rest = (end - (add_months(start, whole) - timedelta(days=1))).days
    return whole + rest / DAYS_PER_MONTH


def full_time_months(periods) -> int:
    """Paid experience in whole full-time-equivalent months (domain brief §8.5: "2 years" is 24
    months of full-time-equivalent paid work; part-time pro-rated). Rounded down: a requirement
    of 24 months is not met by 23.9."""
    total = sum(calendar_months(p.start, p.end) * min(1.0, p.hours_per_week / FULL_TIME_HOURS_PER_WEEK)
                for p in periods)
    return math.floor(total + 1e-9)


def overlapping(periods) -> tuple[int, int] | None:
    """The positions of the first two periods that share a day, if any: counting both would
    count the same weeks twice."""
    ordered = sorted(range(len(periods)), key=lambda i: periods[i].start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if periods[b].start <= periods[a].end:
            return (min(a, b), max(a, b))
    return None


def permit_valid_until(issued_on: date, months: int, passport_expiry: date | None) -> date:
    """The permit's last day: ``months`` from issue (the length of stay, already capped by the
    employment), and never past the passport's expiry (domain brief §3.4: "work-permit validity
    can never exceed the passport's validity")."""
    until = add_months(issued_on, months) - timedelta(days=1)
    if passport_expiry is not None and passport_expiry < until:
        return passport_expiry
    return until
