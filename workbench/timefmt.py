"""One clock for people: times are stored in UTC and shown in the computer's local zone.

Every screen, PDF and command that shows a time formats it here, so the Records list, the
sign-off screen and the signed PDFs agree with the editor the meeting was typed in (a summer
meeting at 15:00 in London is "15:00", and in a PDF "15:00 BST", never "14:00 UTC").

Each function takes an explicit ``tz``; None means the computer's local zone at that instant
(``datetime.astimezone()``, which follows summer time), so tests pass a ``ZoneInfo`` and never
depend on the machine's TZ. A PDF names the zone, since it is read long after, and elsewhere.
"""

from __future__ import annotations

import datetime as dt


def local(value: dt.datetime, tz: dt.tzinfo | None = None) -> dt.datetime:
    """``value`` (aware; a naive value is taken as UTC) in ``tz``, else the local zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(tz)


def local_date(value: dt.datetime, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar day ``value`` falls on where it is shown (a meeting at 00:30 BST is that day)."""
    return local(value, tz).date()


def zone_name(value: dt.datetime) -> str:
    """The zone's short name at that instant ("BST", "GMT", "CET"); an offset as "UTC+03:00"
    where the zone has no abbreviation, and "UTC" for UTC itself."""
    name = value.tzname() or ""
    if name and name[0] not in "+-" and name != "UTC+00:00":
        return name
    offset = value.utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def clock_time(value: dt.datetime, tz: dt.tzinfo | None = None, *, zone: bool = False) -> str:
    """"15:00" (with ``zone``: "15:00 BST")."""
    shown = local(value, tz)
    return f"{shown:%H:%M} {zone_name(shown)}" if zone else f"{shown:%H:%M}"


def short_time(value: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """A command's terse form, the zone named: "2026-07-20 15:00 BST"."""
    shown = local(value, tz)
    return f"{shown:%Y-%m-%d %H:%M} {zone_name(shown)}"


def letter_day(value: dt.date) -> str:
    """A date the way a council letter writes it: 20 November 2026 (no locale, no zero pad)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def letter_time(value: dt.datetime, tz: dt.tzinfo | None = None, *, time: bool = True) -> str:
    """A date and time the way a signed PDF prints it, the zone named: "20 July 2026, 15:00 BST"
    (``time=False``: the local day alone)."""
    shown = local(value, tz)
    day = letter_day(shown.date())
    return f"{day}, {shown:%H:%M} {zone_name(shown)}" if time else day


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
