"""A span of calendar time (whole months and days) and its words: the intervals a supervision
policy is written in. Light at import: the settings read them before the first paint."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from workbench.messages import Message, translatable, translatable_plural


class PolicyError(ValueError):
    """The policy file says something that cannot be used; the message says what to fix."""


@dataclass(frozen=True, order=True)
class Interval:
    """A span of calendar time: whole months and days (a month keeps the day of the month)."""

    months: int = 0
    days: int = 0

    def after(self, day: dt.date) -> dt.date:
        """``day`` moved on by this interval (31 Jan + 1 month is 28 or 29 Feb)."""
        index = day.year * 12 + day.month - 1 + self.months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        moved = dt.date(year, month + 1, min(day.day, last))
        return moved + dt.timedelta(days=self.days)

    @property
    def label(self) -> Message:
        """The interval in words for people ("fortnightly", "every 6 weeks"), translatable; not
        the policy file's words, which :attr:`text` gives."""
        named = {Interval(months=1): translatable("workbench.intervals", "monthly"),
                 Interval(days=7): translatable("workbench.intervals", "weekly"),
                 Interval(days=14): translatable("workbench.intervals", "fortnightly")}
        if self in named:
            return named[self]
        if self.months and self.days:
            return translatable("workbench.intervals", "every %1 and %2").arg(
                    translatable_plural("workbench.intervals", "%n month(s)", None, self.months),
                    translatable_plural("workbench.intervals", "%n day(s)", None, self.days))
        if self.months:
            return translatable_plural("workbench.intervals", "every %n month(s)", None, self.months)
        if self.days and self.days % 7 == 0:
            return translatable_plural("workbench.intervals", "every %n week(s)", None, self.days // 7)
        return translatable_plural("workbench.intervals", "every %n day(s)", None, self.days)

    @property
    def text(self) -> str:
        """The words :meth:`parse` reads back: 'monthly', 'fortnightly', '6 weeks', '6 months'.
        They are the policy file's syntax, English in every language (never translated)."""
        named = {Interval(months=1): "monthly", Interval(days=7): "weekly",
                 Interval(days=14): "fortnightly"}
        if self in named:
            return named[self]
        if self.months and self.days:
            raise PolicyError(translatable(
                    "workbench.intervals", "%1 cannot be written in one unit.").arg(self.label))
        if self.months:
            return f"{self.months} month{'s' if self.months != 1 else ''}"
        if self.days % 7 == 0:
            weeks = self.days // 7
            return f"{weeks} week{'s' if weeks != 1 else ''}"
        return f"{self.days} day{'s' if self.days != 1 else ''}"

    @classmethod
    def parse(cls, text: str) -> Interval:
        """'monthly', 'weekly', 'fortnightly', '14 days', '6 weeks', '6 months'."""
        words = text.strip().lower()
        named = {"monthly": cls(months=1), "weekly": cls(days=7), "fortnightly": cls(days=14)}
        if words in named:
            return named[words]
        number, _, unit = words.partition(" ")
        if not number.isdigit() or int(number) < 1:
            raise PolicyError(translatable(
                    "workbench.intervals", "'%1' is not an interval: write e.g. 'monthly', '14 days', '6 "
                                           "weeks' or '6 months'.").arg(text))
        count = int(number)
        unit = unit.strip().rstrip("s")
        if unit == "day":
            return cls(days=count)
        if unit == "week":
            return cls(days=7 * count)
        if unit == "month":
            return cls(months=count)
        raise PolicyError(translatable("workbench.intervals", "'%1': the unit must be days, weeks or months.")
                          .arg(text))
