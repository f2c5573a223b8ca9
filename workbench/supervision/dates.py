"""Dates that can be trusted: no meetings in the future, and late records say so."""

from __future__ import annotations

import datetime as dt

from workbench.messages import translatable, translatable_plural
from workbench.supervision.errors import InvalidInput

# A manager who opens the session as the meeting starts may type its planned start time.
MEETING_START_GRACE = dt.timedelta(minutes=15)
LATE_ENTRY_AFTER = dt.timedelta(days=7)
MAX_DURATION_MINUTES = 12 * 60


def check_meeting_at(meeting_at: dt.datetime, now: dt.datetime) -> None:
    """Refuse a meeting time that has not happened yet (or has no time zone)."""
    if meeting_at.tzinfo is None:
        raise InvalidInput(translatable(
                "workbench.supervision", "The meeting time has no time zone; this is a fault in the app, "
                                         "please report it."))
    if meeting_at > now + MEETING_START_GRACE:
        raise InvalidInput(
            translatable("workbench.supervision", "The meeting date %1 is in the future (it is now %2). "
                                                  "Enter the date and time the meeting actually happened.")
            .arg(format(meeting_at, "%d/%m/%Y %H:%M"),
                 format(now.astimezone(meeting_at.tzinfo), "%d/%m/%Y %H:%M"))
        )


def check_duration(duration_minutes: int | None) -> None:
    if duration_minutes is None:
        return
    if not 0 < duration_minutes <= MAX_DURATION_MINUTES:
        raise InvalidInput(
            translatable("workbench.supervision", "A duration of %1 minutes is not possible; enter the "
                                                  "length of the meeting in minutes (1 to %2).")
            .arg(duration_minutes, MAX_DURATION_MINUTES)
        )


def is_late_entry(meeting_at: dt.datetime, recorded_at: dt.datetime) -> bool:
    """True when the record was started more than seven days after the meeting."""
    return recorded_at - meeting_at > LATE_ENTRY_AFTER


def late_entry_message(meeting_at: dt.datetime, recorded_at: dt.datetime) -> str | None:
    """What the record says about itself when it was typed long after the meeting."""
    if not is_late_entry(meeting_at, recorded_at):
        return None
    days = (recorded_at - meeting_at).days
    return translatable_plural(
            "workbench.supervision", "Recorded late: this note was started on %1, %n day(s) after the "
                                     "meeting on %2.", None, days).arg(f"{recorded_at:%d/%m/%Y}",
                                                                       f"{meeting_at:%d/%m/%Y}")
