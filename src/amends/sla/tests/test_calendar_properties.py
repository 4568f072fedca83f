"""Property tests for business-hour arithmetic (hypothesis), including daylight-saving changes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from amends.sla.calendar import BusinessCalendar

PARIS = BusinessCalendar.build(
    "Europe/Paris",
    [(d, dt.time(9), dt.time(12, 30)) for d in range(5)] + [(d, dt.time(13, 30), dt.time(18)) for d in range(5)]
    + [(5, dt.time(10), dt.time(14))],
    holidays=[dt.date(2025, 12, 25), dt.date(2026, 1, 1), dt.date(2026, 5, 1)],
)
# Hours that straddle the 02:00-03:00 gap and the 02:00-03:00 repeat of the DST changes.
NIGHT_SHIFT = BusinessCalendar.build("Europe/Paris", [(d, dt.time(1), dt.time(4)) for d in range(7)])
CALENDARS = st.sampled_from([PARIS, NIGHT_SHIFT])

# Instants around the 2025 autumn and 2026 spring changes and a plain stretch in between.
instants = st.datetimes(min_value=dt.datetime(2025, 10, 20), max_value=dt.datetime(2026, 4, 10),
                        timezones=st.just(dt.UTC))
minutes = st.floats(min_value=0, max_value=60 * 24 * 10, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(CALENDARS, instants, minutes.filter(lambda m: m > 0.01))
def test_a_deadline_never_falls_outside_business_hours(cal: BusinessCalendar, start: dt.datetime, m: float) -> None:
    due = cal.add(start, m)
    assert cal.within_hours(due)
    assert due > start


@settings(max_examples=150, deadline=None)
@given(CALENDARS, instants, minutes)
def test_adding_then_measuring_gives_back_the_minutes(cal: BusinessCalendar, start: dt.datetime, m: float) -> None:
    due = cal.add(start, m)
    assert abs(cal.minutes_between(start, due) - m) < 1e-6
    assert abs(cal.minutes_between(cal.subtract(due, m), due) - m) < 1e-6


@settings(max_examples=150, deadline=None)
@given(CALENDARS, instants, minutes, st.floats(min_value=0, max_value=60 * 24 * 5),
       st.floats(min_value=0, max_value=60 * 24 * 5))
def test_pausing_and_resuming_never_shortens_a_deadline(cal: BusinessCalendar, start: dt.datetime, m: float,
                                                        pause_after: float, pause_for: float) -> None:
    from amends.sla.services import shifted_due

    due = cal.add(start, m)
    paused_at = start + dt.timedelta(minutes=pause_after)
    resumed_at = paused_at + dt.timedelta(minutes=pause_for)
    new_due = shifted_due(cal, due, paused_at, resumed_at)
    assert new_due >= due
    if paused_at < due:
        # The business time that was left at the pause is all still there after the resume.
        left_before = cal.minutes_between(paused_at, due)
        assert cal.minutes_between(resumed_at, new_due) >= left_before - 1e-6


def test_a_day_of_hours_is_the_same_local_hours_on_both_sides_of_dst() -> None:
    spring_friday = dt.datetime(2026, 3, 27, 17, 0, tzinfo=dt.UTC)  # 18:00 in Paris (CET)
    due = PARIS.add(spring_friday, 60)  # Saturday 10:00-11:00 local, after the Sunday change? no: Saturday
    assert due.astimezone(PARIS.zone).hour == 11
    monday = PARIS.add(dt.datetime(2026, 3, 28, 13, 0, tzinfo=dt.UTC), 30)  # Sat 14:00 CET closes: Mon 09:30 CEST
    local = monday.astimezone(PARIS.zone)
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 30)
    assert local.utcoffset() == dt.timedelta(hours=2)


def test_the_night_of_the_spring_change_has_two_business_hours_and_autumn_four() -> None:
    spring = dt.datetime(2026, 3, 29, 0, 0, tzinfo=dt.UTC)
    assert NIGHT_SHIFT.minutes_between(spring, spring + dt.timedelta(hours=5)) == 120
    autumn = dt.datetime(2025, 10, 25, 22, 0, tzinfo=dt.UTC)
    assert NIGHT_SHIFT.minutes_between(autumn, autumn + dt.timedelta(hours=8)) == 240


def test_holidays_are_closed() -> None:
    christmas_eve_evening = dt.datetime(2025, 12, 24, 16, 30, tzinfo=dt.UTC)  # 17:30 Paris
    due = PARIS.add(christmas_eve_evening, 60)
    local = due.astimezone(PARIS.zone)
    assert local.date() == dt.date(2025, 12, 26) and (local.hour, local.minute) == (9, 30)


def test_no_hours_means_always_open() -> None:
    cal = BusinessCalendar.build("UTC", [])
    start = dt.datetime(2026, 1, 1, 3, tzinfo=dt.UTC)
    assert cal.add(start, 90) == start + dt.timedelta(minutes=90)
