"""Themes across audits: which items fall below good most often, overall, by team and by month.

Counted over moderated and signed audits (their grades are final: the moderator's where they
changed one, else the auditor's) of records whose meeting fell in the period. Each count is of
audits, not of children or scores; nothing is averaged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import AuditStatus, Grade
from db.models import AuditFormVersion, AuditGrade, PracticeAudit, Team
from workbench.access import Actor, require_oversight
from workbench.audits.form import DEFAULT_FORM, AuditForm, latest_form
from workbench.messages import translatable

ALL_TEAMS = translatable("workbench.audits", "All teams")
NO_TEAM = translatable("workbench.audits", "No team")


@dataclass(frozen=True, slots=True)
class ThemeRow:
    """One item in one group (the whole scope, a team, or a month)."""

    group: str  # ALL_TEAMS / the team's name / the month "YYYY-MM"
    item_key: str
    item_title: str
    graded: int
    below_good: int
    counts: tuple[int, int, int, int]  # outstanding, good, requires improvement, inadequate

    @property
    def share_below(self) -> float | None:
        return None if self.graded == 0 else self.below_good / self.graded


@dataclass(frozen=True, slots=True)
class ThemesReport:
    form: AuditForm
    scope: str
    start: dt.date
    end: dt.date
    audits: int
    items: tuple[ThemeRow, ...]  # over the scope, most often below good first
    by_team: tuple[ThemeRow, ...]
    by_month: tuple[ThemeRow, ...]

    def months(self) -> list[str]:
        return sorted({row.group for row in self.by_month})

    def teams(self) -> list[str]:
        return sorted({row.group for row in self.by_team})


def _rows(group: str, form: AuditForm, counts: dict[str, Counter[Grade]]) -> list[ThemeRow]:
    rows = []
    for item in form.items:
        c = counts.get(item.key, Counter())
        per = tuple(c[g] for g in Grade)
        rows.append(ThemeRow(group, item.key, item.title, sum(per),
                             c[Grade.REQUIRES_IMPROVEMENT] + c[Grade.INADEQUATE],
                             (per[0], per[1], per[2], per[3])))
    return rows


def audit_themes(db: DbFactory, *, actor: Actor | None, team_id: int | None,
                 start: dt.date, end: dt.date, form_key: str = DEFAULT_FORM) -> ThemesReport:
    """The themes for team ``team_id`` (None: every team, practice leads only) over records met
    from ``start`` to ``end``. Team managers see their own team's, as with the oversight."""
    require_oversight(actor, team_id)
    if end < start:
        raise ValueError("The period ends before it starts: choose an end date on or after the start.")
    begin = dt.datetime.combine(start, dt.time.min, dt.UTC)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, dt.UTC)
    form = latest_form(form_key)
    with db() as s:
        query = (
            select(PracticeAudit.id, PracticeAudit.meeting_at, Team.name, AuditGrade.item_key,
                   func.coalesce(AuditGrade.moderated_grade, AuditGrade.grade))
            .join(AuditGrade, AuditGrade.audit_id == PracticeAudit.id)
            .join(AuditFormVersion, AuditFormVersion.id == PracticeAudit.form_version_id)
            .outerjoin(Team, Team.id == PracticeAudit.team_id)
            .where(AuditFormVersion.form_key == form_key,
                   PracticeAudit.status.in_((AuditStatus.MODERATED, AuditStatus.SIGNED)),
                   PracticeAudit.meeting_at >= begin, PracticeAudit.meeting_at < finish))
        if team_id is not None:
            query = query.where(PracticeAudit.team_id == team_id)
        scope = (ALL_TEAMS if team_id is None
                 else s.scalar(select(Team.name).where(Team.id == team_id)) or "")
        rows = s.execute(query).all()
    overall: dict[str, Counter[Grade]] = {}
    teams: dict[str, dict[str, Counter[Grade]]] = {}
    months: dict[str, dict[str, Counter[Grade]]] = {}
    audits = set()
    for audit_id, meeting_at, team_name, item_key, grade in rows:
        audits.add(audit_id)
        value = Grade(grade)
        overall.setdefault(item_key, Counter())[value] += 1
        teams.setdefault(team_name or NO_TEAM, {}).setdefault(item_key, Counter())[value] += 1
        months.setdefault(f"{meeting_at:%Y-%m}", {}).setdefault(item_key, Counter())[value] += 1
    items = sorted(_rows(scope, form, overall), key=lambda r: (
        -(r.share_below or 0.0), -r.below_good, [i.key for i in form.items].index(r.item_key)))
    by_team = [row for name in sorted(teams) for row in _rows(name, form, teams[name])]
    by_month = [row for month in sorted(months) for row in _rows(month, form, months[month])]
    return ThemesReport(form=form, scope=scope, start=start, end=end, audits=len(audits),
                        items=tuple(items), by_team=tuple(by_team), by_month=tuple(by_month))
