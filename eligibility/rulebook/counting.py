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
# The earliest year a period of work may be dated in. Not a rule of the instructions: a bound on
# typing. Someone who started work before 1950 would be over 90 today, so an earlier date is a
# slip (0202 for 2020) or a forged request, which would otherwise count centuries of experience.
EARLIEST_WORK_YEAR = 1950


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


def counted_end(period: WorkPeriod, received_on: date) -> date:
    """The last day of the period that counts: experience is what the applicant had when the
    application was received (the rules in force on that date are applied to the case as it
    stood then), so work after the receipt date does not count. A period that starts after the
    receipt date counts nothing (its counted end falls before its start)."""
    return min(period.end, received_on)


def is_cut(period: WorkPeriod, received_on: date) -> bool:
    """The period runs past the receipt date: only its part up to that date counts."""
    return period.end > received_on


def full_time_months(periods, received_on: date | None = None) -> int:
    """Paid experience in whole full-time-equivalent months (domain brief §8.5: "2 years" is 24
    months of full-time-equivalent paid work; part-time pro-rated), counted up to
    ``received_on`` when given (``counted_end``). Rounded down: a requirement of 24 months is not
    met by 23.9."""
    total = sum(calendar_months(p.start, p.end if received_on is None else counted_end(p, received_on))
                * min(1.0, p.hours_per_week / FULL_TIME_HOURS_PER_WEEK)
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


def capped_by_passport(valid_until: date | None, passport_expiry: date | None) -> bool:
    """The permit ends on the passport's expiry: read from what a decision stores (its validity
    and the passport's expiry), so a recorded decision says which cap applied without working it
    out again. When the length of stay and the passport end the same day, the passport is named:
    both are true, and the passport is the one the officer can check on the document."""
    return valid_until is not None and passport_expiry is not None and valid_until == passport_expiry
