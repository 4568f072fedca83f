"""Business-time arithmetic: add, subtract and measure minutes that count only in business hours.

Pure Python (zoneinfo), no database. Opening hours are local wall-clock times in the calendar's
time zone, so a 09:00-17:00 day stays 09:00-17:00 across daylight-saving changes; all arithmetic
is done on UTC instants so that a 23- or 25-hour day is measured correctly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

UTC = dt.UTC
# How far to look for the next open hour before giving up (a calendar that is closed for ever).
MAX_SEARCH_DAYS = 3 * 366
MIDNIGHT = dt.time(0, 0)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("business-time arithmetic needs aware datetimes")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekly opening hours (weekday 0 = Monday) and closed dates, in one time zone.

    No hours at all means "always open" (24/7), the behaviour when nothing is configured.
    """

    timezone: str = "UTC"
    hours: dict[int, tuple[tuple[dt.time, dt.time], ...]] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()

    @classmethod
    def build(cls, timezone: str, hours: Iterable[tuple[int, dt.time, dt.time]],
              holidays: Iterable[dt.date] = ()) -> BusinessCalendar:
        by_day: dict[int, list[tuple[dt.time, dt.time]]] = {}
        for weekday, opens, closes in hours:
            if not 0 <= weekday <= 6:
                raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
            if closes != MIDNIGHT and closes <= opens:
                raise ValueError("closing time must be after opening time (00:00 means midnight)")
            by_day.setdefault(weekday, []).append((opens, closes))
        merged = {d: tuple(sorted(spans)) for d, spans in by_day.items()}
        ZoneInfo(timezone)  # fails early on an unknown zone
        return cls(timezone=timezone, hours=merged, holidays=frozenset(holidays))

    @property
    def always_open(self) -> bool:
        return not self.hours

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    # -- the open intervals ---------------------------------------------------------------------
    def _day_intervals(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        if day in self.holidays:
            return []
        zone = self.zone
        spans = []
        for opens, closes in self.hours.get(day.weekday(), ()):
            start = dt.datetime.combine(day, opens, tzinfo=zone).astimezone(UTC)
            end_day = day + dt.timedelta(days=1) if closes == MIDNIGHT else day
            end = dt.datetime.combine(end_day, closes, tzinfo=zone).astimezone(UTC)
            if end > start:
                spans.append((start, end))
        # Overlapping spans (a configuration slip) are merged so that no minute counts twice.
        merged: list[tuple[dt.datetime, dt.datetime]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def intervals_from(self, moment: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """Open intervals (UTC) that end after moment, clipped to start no earlier than it."""
        moment = _utc(moment)
        day = moment.astimezone(self.zone).date() - dt.timedelta(days=1)
        for _ in range(MAX_SEARCH_DAYS):
            for start, end in self._day_intervals(day):
                if end > moment:
                    yield max(start, moment), end
            day += dt.timedelta(days=1)

    def intervals_until(self, moment: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """Open intervals (UTC) that start before moment, newest first, clipped to end by it."""
        moment = _utc(moment)
        day = moment.astimezone(self.zone).date() + dt.timedelta(days=1)
        for _ in range(MAX_SEARCH_DAYS):
            for start, end in reversed(self._day_intervals(day)):
                if start < moment:
                    yield start, min(end, moment)
            day -= dt.timedelta(days=1)

    # -- arithmetic ------------------------------------------------------------------------------
    def add(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The instant when ``minutes`` of business time have passed since start."""
        if minutes < 0:
            return self.subtract(start, -minutes)
        if self.always_open:
            return _utc(start) + dt.timedelta(minutes=minutes)
        left = dt.timedelta(minutes=minutes)
        for begin, end in self.intervals_from(start):
            if left <= dt.timedelta(0):
                return begin  # zero minutes: the next open instant
            span = end - begin
            if left <= span:
                return begin + left
            left -= span
        return _utc(start) + dt.timedelta(minutes=minutes)  # never open: wall-clock fallback

    def subtract(self, end: dt.datetime, minutes: float) -> dt.datetime:
        """The instant ``minutes`` of business time before end."""
        if minutes < 0:
            return self.add(end, -minutes)
        if self.always_open:
            return _utc(end) - dt.timedelta(minutes=minutes)
        left = dt.timedelta(minutes=minutes)
        for begin, finish in self.intervals_until(end):
            span = finish - begin
            if left <= span:
                return finish - left
            left -= span
        return _utc(end) - dt.timedelta(minutes=minutes)

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Business minutes in [start, end]; 0 when end is not after start."""
        start, end = _utc(start), _utc(end)
        if end <= start:
            return 0.0
        if self.always_open:
            return (end - start).total_seconds() / 60
        total = dt.timedelta(0)
        for begin, finish in self.intervals_from(start):
            if begin >= end:
                break
            total += min(finish, end) - begin
        return total.total_seconds() / 60

    def is_open(self, moment: dt.datetime) -> bool:
        if self.always_open:
            return True
        moment = _utc(moment)
        return any(begin <= moment < end for begin, end in self._day_intervals_around(moment))

    def _day_intervals_around(self, moment: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
        day = moment.astimezone(self.zone).date()
        return [span for d in (day - dt.timedelta(days=1), day) for span in self._day_intervals(d)]

    def within_hours(self, moment: dt.datetime) -> bool:
        """True when moment lies in an open interval, its closing instant included."""
        if self.always_open:
            return True
        moment = _utc(moment)
        return any(begin <= moment <= end for begin, end in self._day_intervals_around(moment))


ALWAYS_OPEN = BusinessCalendar()
