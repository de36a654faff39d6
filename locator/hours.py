"""Opening hours: the City's opening-hours service's periods (Hauki ``date_period`` objects), and
what they say about a moment: open now, until when, and a day's hours as a line of text.

Hauki's model, as its API serves it: a place has date periods (from, to — either may be open-ended);
a period marked ``override`` is an exception (a holiday, a summer schedule) and wins over the regular
ones on the days it covers, the shortest such period winning. A period holds time spans by ISO
weekday (1 Monday … 7 Sunday), each with a state (open, closed, self service, …); a span may run past
midnight (``end_time_on_next_day``) or be the whole day. Span groups with rules (every other week,
the first Monday of a month) are not evaluated here: on such days the hours are unknown, never
guessed. Pure functions: the page and the importer call them, the clock is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# states in which staff are there to help; self service means the doors are open but nobody is
HELP_STATES = frozenset({"open", "with_reservation", "enter_only", "with_key_and_reservation"})
MAX_PERIODS = 500  # per place: a hostile or broken answer cannot make the app loop for long


@dataclass(frozen=True)
class Span:
    weekdays: frozenset[int]
    start: dt.time | None
    end: dt.time | None
    next_day: bool
    full_day: bool
    state: str


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    override: bool
    spans: tuple[Span, ...]
    ruled: bool  # has span groups with rules this module does not evaluate

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def length(self) -> int:
        if self.start is None or self.end is None:
            return 10**6
        return (self.end - self.start).days


class HoursError(ValueError):
    """An answer that is not a list of Hauki date periods (the message says where)."""


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise HoursError(f"{where}: not a date: {str(value)[:40]!r}") from exc


def _time(value: Any, where: str) -> dt.time | None:
    if value in (None, ""):
        return None
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError as exc:
        raise HoursError(f"{where}: not a time: {str(value)[:40]!r}") from exc


def parse_periods(raw: Any) -> tuple[Period, ...]:
    """Hauki date periods (a list, or one page ``{"results": [...]}``) -> Periods; removed periods
    are skipped. Raises HoursError naming the first thing that is not of the API's shape."""
    if isinstance(raw, dict) and isinstance(raw.get("results"), list):
        raw = raw["results"]
    if not isinstance(raw, list):
        raise HoursError("not a list of date periods")
    periods = []
    for i, item in enumerate(raw[:MAX_PERIODS]):
        where = f"period {i + 1}"
        if not isinstance(item, dict):
            raise HoursError(f"{where}: not an object")
        if item.get("is_removed") is True:
            continue
        groups = item.get("time_span_groups") or []
        if not isinstance(groups, list):
            raise HoursError(f"{where}: time_span_groups is not a list")
        spans: list[Span] = []
        ruled = False
        for g, group in enumerate(groups):
            if not isinstance(group, dict) or not isinstance(group.get("time_spans") or [], list):
                raise HoursError(f"{where}, group {g + 1}: not a group of time spans")
            ruled = ruled or bool(group.get("rules"))
            for s, span in enumerate(group.get("time_spans") or []):
                at = f"{where}, span {s + 1}"
                if not isinstance(span, dict):
                    raise HoursError(f"{at}: not an object")
                days = span.get("weekdays") or []
                if not isinstance(days, list) or not all(isinstance(d, int) and 1 <= d <= 7 for d in days):
                    raise HoursError(f"{at}: weekdays must be numbers 1-7")
                full = span.get("full_day") is True
                start, end = _time(span.get("start_time"), at), _time(span.get("end_time"), at)
                if not full and (start is None or end is None):
                    raise HoursError(f"{at}: a span that is not the whole day needs a start and an end time")
                spans.append(Span(frozenset(days), start, end, span.get("end_time_on_next_day") is True, full,
                                  str(span.get("resource_state") or "undefined")))
        periods.append(Period(_date(item.get("start_date"), where), _date(item.get("end_date"), where),
                              item.get("override") is True, tuple(spans), ruled))
    return tuple(periods)


def spans_on(periods: tuple[Period, ...], day: dt.date) -> list[Span] | None:
    """The spans that apply on ``day`` ([] closed all day), or None when the hours are not known."""
    covering = [p for p in periods if p.covers(day)]
    if not covering:
        return None
    exceptions = [p for p in covering if p.override]
    chosen = min(exceptions or covering, key=lambda p: (p.length(), -(p.start or dt.date.min).toordinal()))
    if chosen.ruled:
        return None
    return [s for s in chosen.spans if day.isoweekday() in s.weekdays]


def _intervals(periods: tuple[Period, ...], day: dt.date) -> list[tuple[dt.datetime, dt.datetime, str]] | None:
    spans = spans_on(periods, day)
    if spans is None:
        return None
    out = []
    midnight = dt.datetime.combine(day, dt.time())
    for s in spans:
        if s.full_day:
            out.append((midnight, midnight + dt.timedelta(days=1), s.state))
            continue
        start, end = dt.datetime.combine(day, s.start), dt.datetime.combine(day, s.end)  # type: ignore[arg-type]
        if s.next_day or end <= start:
            end += dt.timedelta(days=1)
        out.append((start, end, s.state))
    return out


@dataclass(frozen=True)
class Status:
    known: bool
    open: bool = False  # staff there to help
    state: str = ""  # the span's state at the moment ("closed" when no span covers it)
    until: dt.datetime | None = None  # when the current help span ends


def status_at(periods: tuple[Period, ...], moment: dt.datetime) -> Status:
    """Open for help at ``moment`` (local time, naive)? Yesterday's spans that run past midnight count."""
    today = _intervals(periods, moment.date())
    yesterday = _intervals(periods, moment.date() - dt.timedelta(days=1))
    if today is None:
        return Status(False)
    for start, end, state in (yesterday or []) + today:
        if start <= moment < end:
            return Status(True, state in HELP_STATES, state, end if state in HELP_STATES else None)
    return Status(True, False, "closed")


def day_hours(periods: tuple[Period, ...], day: dt.date) -> list[tuple[dt.time, dt.time, str]] | None:
    """The day's help hours as (start, end, state) in order, [] closed, None unknown."""
    intervals = _intervals(periods, day)
    if intervals is None:
        return None
    return sorted((a.time(), b.time(), state) for a, b, state in intervals if state in HELP_STATES)


def hhmm(moment: dt.time) -> str:
    """10:00 -> '10', 10:30 -> '10.30' (the Finnish way of writing times, used in all three languages here)."""
    return f"{moment.hour}" if moment.minute == 0 else f"{moment.hour}.{moment.minute:02d}"
