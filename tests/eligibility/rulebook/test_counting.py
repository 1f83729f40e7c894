"""Counting experience and the permit's validity (eligibility/rulebook/counting.py)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from eligibility.rulebook.counting import (
    WorkPeriod,
    add_months,
    calendar_months,
    capped_by_passport,
    counted_end,
    full_time_months,
    overlapping,
    permit_valid_until,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def test_two_calendar_years_full_time_are_24_months():
    assert full_time_months([WorkPeriod(date(2022, 1, 1), date(2023, 12, 31), 40)]) == 24


def test_one_day_short_of_two_years_is_23_months():
    assert full_time_months([WorkPeriod(date(2022, 1, 1), date(2023, 12, 30), 40)]) == 23


def test_part_time_is_pro_rated_to_30_hours_a_week():
    assert full_time_months([WorkPeriod(date(2022, 1, 1), date(2023, 12, 31), 15)]) == 12


def test_more_than_full_time_counts_as_full_time():
    assert full_time_months([WorkPeriod(date(2022, 1, 1), date(2022, 12, 31), 60)]) == 12


def test_periods_add_up():
    periods = [WorkPeriod(date(2020, 1, 1), date(2020, 12, 31), 40), WorkPeriod(date(2022, 1, 1), date(2022, 12, 31), 40)]
    assert full_time_months(periods) == 24


def test_overlapping_periods_are_found():
    periods = [WorkPeriod(date(2020, 1, 1), date(2020, 12, 31), 20), WorkPeriod(date(2020, 6, 1), date(2021, 5, 31), 20)]
    assert overlapping(periods) == (0, 1)
    assert overlapping(periods[:1]) is None


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 26), 12) == date(2027, 11, 26)


def test_permit_runs_12_months_less_a_day_from_issue():
    assert permit_valid_until(date(2026, 11, 26), 12, None) == date(2027, 11, 25)


def test_permit_never_outlasts_the_passport():
    assert permit_valid_until(date(2026, 11, 26), 12, date(2027, 3, 1)) == date(2027, 3, 1)


@given(start=days, end=days)
def test_months_grow_with_the_period_and_match_whole_months(start, end):
    start, end = min(start, end), max(start, end)
    months = calendar_months(start, end)
    assert months >= 0
    assert calendar_months(start, end + timedelta(days=1)) > months
    whole = int(months + 1e-9)
    assert add_months(start, whole) - timedelta(days=1) <= end


@given(start=days, months=st.integers(min_value=1, max_value=60), passport=st.none() | days)
def test_permit_validity_is_within_the_months_and_the_passport(start, months, passport):
    until = permit_valid_until(start, months, passport)
    assert until <= add_months(start, months) - timedelta(days=1)
    if passport is not None:
        assert until <= passport


# Counted up to the receipt date (issue 15) -----------------------------------------------------
RECEIVED = date(2026, 12, 1)


def test_a_period_running_past_the_receipt_date_counts_up_to_it():
    """The issue's case: 2025-01-01 to 2028-12-31, received 2026-12-01, counted 48 months."""
    period = WorkPeriod(date(2025, 1, 1), date(2028, 12, 31), 40)
    assert counted_end(period, RECEIVED) == RECEIVED
    assert full_time_months([period], RECEIVED) == 23


def test_a_period_wholly_after_the_receipt_date_counts_nothing():
    assert full_time_months([WorkPeriod(date(2027, 1, 1), date(2027, 12, 31), 40)], RECEIVED) == 0


def test_an_end_date_at_the_end_of_time_counts_up_to_the_receipt_date():
    """9999-12-31 was a server error and 9999-11-30 about 96,000 months."""
    for end in (date(9999, 12, 31), date(9999, 11, 30)):
        assert full_time_months([WorkPeriod(date(2024, 12, 1), end, 40)], RECEIVED) == 24


@given(start=days, length=st.integers(0, 4000), received=days)
def test_nothing_after_the_receipt_date_ever_counts(start, length, received):
    period = WorkPeriod(start, start + timedelta(days=length), 40)
    assert full_time_months([period], received) == full_time_months(
        [WorkPeriod(start, min(period.end, received), 40)])
    assert full_time_months([period], received) <= full_time_months([period])


def test_the_permit_capped_by_the_passport_is_read_from_what_is_stored():
    passport = date(2027, 3, 1)
    until = permit_valid_until(date(2026, 11, 26), 12, passport)
    assert capped_by_passport(until, passport)
    assert not capped_by_passport(permit_valid_until(date(2026, 11, 26), 12, date(2030, 1, 1)), date(2030, 1, 1))
    assert not capped_by_passport(until, None)  # older decisions recorded without the passport
    assert not capped_by_passport(None, passport)  # refused: no permit
