"""The oversight policy as data: how often workers are supervised, when a case is "stuck".

A council sets these; the defaults follow the common practice the design records:

- most workers are supervised **monthly**;
- a newly qualified worker in their assessed year (ASYE, from ``Staff.asye_start``) is
  supervised **weekly for the first six weeks, fortnightly to six months, then monthly**;
- a child is discussed at least every 28 days (14 while their worker is newly qualified):
  that rule is ``workbench.caseload_scores.supervision_due`` and is not restated here;
- a case is *stuck* when its score has not moved across ``stuck_sessions`` scored sessions,
  or is at ``low_score`` or below and not rising;
- views *diverge* when two sides' scores on a scale differ by ``divergence`` or more, and the
  divergence *lasts* when it is so in ``divergence_sessions`` consecutive scored sessions.

:func:`policy_from_mapping` reads the same fields from a TOML table (``workbench oversight
--policy FILE``), so a council changes numbers without changing code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.intervals import Interval, PolicyError
from workbench.messages import translatable

__all__ = ["DEFAULT_POLICY", "Interval", "OversightPolicy", "PolicyError", "Stage", "load_policy",
           "policy_from_mapping"]


@dataclass(frozen=True)
class Stage:
    """Until ``until`` after the ASYE start, supervision is due every ``every``."""

    until: Interval
    every: Interval


@dataclass(frozen=True)
class OversightPolicy:
    supervision: Interval = Interval(months=1)  # noqa: RUF009 (a frozen dataclass)
    asye_stages: tuple[Stage, ...] = (
        Stage(until=Interval(days=42), every=Interval(days=7)),
        Stage(until=Interval(months=6), every=Interval(days=14)),
    )
    #: A session due within this many days of the report's date is "upcoming".
    upcoming_days: int = 14
    stuck_sessions: int = 3
    low_score: float = 3.0
    divergence: float = 3.0
    divergence_sessions: int = 2
    #: Where the policy came from (a file's path, or "default"), printed with the report.
    source: str = field(default="default", compare=False)

    def interval_on(self, day: dt.date, asye_start: dt.date | None) -> Interval:
        """How often a worker whose assessed year began on ``asye_start`` is supervised on ``day``."""
        if asye_start is not None and day >= asye_start:
            for stage in self.asye_stages:
                if day < stage.until.after(asye_start):
                    return stage.every
        return self.supervision

    def next_due(self, last: dt.date | None, asye_start: dt.date | None) -> dt.date | None:
        """When the next session is due after one held on ``last``; with none held, one
        interval after the ASYE start (None: never supervised and no start to count from)."""
        if last is None:
            if asye_start is None:
                return None
            return self.interval_on(asye_start, asye_start).after(asye_start)
        return self.interval_on(last, asye_start).after(last)

    def expected_sessions(self, start: dt.date, end: dt.date, asye_start: dt.date | None) -> int:
        """Sessions the policy asks for in ``start``..``end``: one at the start and one each
        interval after it (the interval in force on each step's day)."""
        count, day = 0, start
        while day <= end:
            count += 1
            day = self.interval_on(day, asye_start).after(day)
        return count


def policy_from_mapping(values: Mapping[str, Any], *, source: str = "file") -> OversightPolicy:
    """A policy from a TOML table; fields left out keep their defaults.

    ``supervision = "monthly"``; ``[[asye_stage]] until = "6 weeks", every = "weekly"``;
    ``upcoming_days``, ``stuck_sessions``, ``low_score``, ``divergence``,
    ``divergence_sessions`` as numbers.
    """
    policy = OversightPolicy(source=source)
    known = {"supervision", "asye_stage", "upcoming_days", "stuck_sessions", "low_score",
             "divergence", "divergence_sessions"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise PolicyError(translatable("workbench.oversight", "unknown policy setting %1; the settings are "
                                                              "%2.")
                          .arg(', '.join(unknown), ', '.join(sorted(known))))
    changes: dict[str, Any] = {}
    if "supervision" in values:
        changes["supervision"] = Interval.parse(str(values["supervision"]))
    if "asye_stage" in values:
        stages = values["asye_stage"]
        if not isinstance(stages, list) or not all(isinstance(s, Mapping) for s in stages):
            raise PolicyError(translatable(
                    "workbench.oversight", "asye_stage must be a list of tables with 'until' and 'every'."))
        try:
            changes["asye_stages"] = tuple(
                Stage(until=Interval.parse(str(s["until"])), every=Interval.parse(str(s["every"])))
                for s in stages)
        except KeyError as missing:
            raise PolicyError(translatable(
                    "workbench.oversight", "each asye_stage needs 'until' and 'every' (%1 is missing).")
                    .arg(missing)) \
                from missing
    for name in ("upcoming_days", "stuck_sessions", "divergence_sessions"):
        if name in values:
            value = values[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < (0 if name ==
                                                                                  "upcoming_days" else 2):
                raise PolicyError(translatable(
                        "workbench.oversight", "%1 must be a whole number (%2 or more).")
                        .arg(name, '0' if name == 'upcoming_days' else '2'))
            changes[name] = value
    for name in ("low_score", "divergence"):
        if name in values:
            value = values[name]
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 10:
                raise PolicyError(translatable(
                        "workbench.oversight", "%1 must be a number from 0 to 10.").arg(name))
            changes[name] = float(value)
    return replace(policy, **changes)


def load_policy(text: str, *, source: str) -> OversightPolicy:
    """A policy from TOML text (PolicyError with the line when it is not TOML)."""
    import tomllib

    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(translatable("workbench.oversight", "the policy file is not valid TOML: %1.")
                          .arg(error)) from error
    return policy_from_mapping(values, source=source)


DEFAULT_POLICY = OversightPolicy()
