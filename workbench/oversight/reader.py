"""The oversight of supervision, read figure by figure.

:class:`OversightReader` reads the headline at once (who may see it, the workers against the
policy, the summary's numbers and each figure's count, all counted by the database in
``workbench.oversight.headline``) and every other figure's rows when first asked for
(:meth:`OversightReader.read`): a screen that shows one figure at a time reads only that one.
:func:`oversight_report` reads them all, for the CLI, the workbook and the audits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.models import CaseAllocation, Team
from workbench.access import Actor, actor_id, require_oversight
from workbench.audit import AuditTrail
from workbench.caseload_scores import GlanceRow, caseload_glance
from workbench.clock import Clock
from workbench.messages import translatable
from workbench.oversight import compute, headline
from workbench.oversight.completeness import read_completeness, signed_records_query
from workbench.oversight.compute import ALL_TEAMS, PeriodError, report_cutoff, total_of
from workbench.oversight.policy import DEFAULT_POLICY, OversightPolicy
from workbench.oversight.report import (
    FIGURES,
    DirectWorkCoverage,
    DirectWorkRow,
    Movements,
    OversightReport,
)

__all__ = ["FIGURES", "OversightReader", "oversight_report"]


class OversightReader:
    """The oversight for team ``team_id`` (None: every team, practice leads only) over
    ``start``..``end``, as of the period's last day (today if it has not ended).

    Constructing it checks the actor and the period (AccessDenied; PeriodError, nothing read),
    reads the headline and, with ``audit``, records the view. :attr:`report` is what has been
    read so far (figures not read yet are in ``report.pending``); :meth:`read` reads more.
    Safe to use from worker threads: each figure is read once.
    """

    def __init__(self, db: DbFactory, clock: Clock, *, team_id: int | None,
                 start: dt.date, end: dt.date, actor: Actor | None = None,
                 policy: OversightPolicy = DEFAULT_POLICY, audit: AuditTrail | None = None) -> None:
        require_oversight(actor, team_id)
        if end < start:
            raise PeriodError(translatable(
                    "workbench.oversight", "The period ends (%1) before it starts (%2): "
                                           "give the earlier date first.")
                    .arg(end.isoformat(), start.isoformat()))
        self._db, self._team_id, self._actor = db, team_id, actor
        now = clock()
        as_of = min(end, now.date())
        self._cutoff = cutoff = report_cutoff(now, as_of)
        self._lock = threading.Lock()
        self._glance: tuple[list[GlanceRow], dict[int, str]] | None = None
        open_cases = [CaseAllocation.end_date.is_(None), *compute.case_conditions(team_id, actor)]
        since = compute.direct_work_since(as_of)
        with db() as s:
            scope = ALL_TEAMS if team_id is None else s.execute(
                select(Team.name).where(Team.id == team_id)).scalar_one()
            case_counts = headline.open_case_counts(s, open_cases, cutoff)
            workers = compute.read_workers(s, team_id, start, end, as_of, cutoff, policy, case_counts)
            rediscussion = compute.read_rediscussion(s, team_id, actor, start, end, cutoff)
            counted = {
                "children_overdue": sum(late for _cases, late in case_counts.values()),
                "pending_notes": headline.count_rows(
                    s, compute.pending_notes_query(team_id, actor, cutoff)),
                "open_disagreements": headline.count_rows(
                    s, compute.open_disagreements_query(team_id, actor, cutoff)),
                "overdue_actions": headline.count_rows(
                    s, compute.overdue_actions_query(team_id, actor, as_of)),
                "signed_records": headline.count_rows(
                    s, signed_records_query(team_id, actor, start, end, cutoff)),
            }
            total = _direct_work_total(s, open_cases, since, as_of, team_id, scope)
        cases = sum(n for n, _late in case_counts.values())
        if audit is not None:
            with transaction(db) as s:
                audit.record(s, actor_id=actor_id(actor), action="view_oversight",
                             entity_type="team", entity_id=team_id,
                             details={"from": start.isoformat(), "to": end.isoformat(),
                                      "open_cases": cases})
        self._report = OversightReport(
            scope=scope, team_id=team_id, start=start, end=end, as_of=as_of, policy=policy,
            workers=workers, children_overdue=(), rediscussion=rediscussion, pending_notes=(),
            open_disagreements=(), overdue_actions=(), stuck_cases=(), divergences=(),
            distribution=(0,) * 11, movements=Movements(0, 0, 0, 0, 0), open_cases=cases,
            direct_work=DirectWorkCoverage(since=since, workers=(), totals=(total,)),
            pending=frozenset(FIGURES) - {"workers"}, counted=counted)

    @property
    def report(self) -> OversightReport:
        """Everything read so far."""
        return self._report

    def read(self, *keys: str) -> OversightReport:
        """Read figures ``keys`` (of FIGURES) unless already read; the report with them."""
        unknown = set(keys) - set(FIGURES)
        if unknown:
            raise ValueError(f"no oversight figure called {', '.join(sorted(unknown))}; the "
                             f"figures are {', '.join(FIGURES)}")
        with self._lock:
            wanted = [key for key in FIGURES if key in keys and key in self._report.pending]
            if not wanted:
                return self._report
            changes: dict[str, Any] = {}
            with self._db() as s:
                for key in wanted:
                    changes.update(self._figure(s, key))
            self._report = dataclasses.replace(
                self._report, pending=self._report.pending - set(wanted), **changes)
            return self._report

    def read_all(self) -> OversightReport:
        """Every figure: the complete report."""
        return self.read(*FIGURES)

    def _glance_rows(self, s: Session) -> tuple[list[GlanceRow], dict[int, str]]:
        """The open cases at a glance and their children's labels (read once, for the
        children, patterns, scores and direct-work figures)."""
        if self._glance is None:
            cutoff = self._cutoff
            glance = caseload_glance(self._db, lambda: cutoff, team_id=self._team_id,
                                     actor=self._actor)
            self._glance = glance, compute.read_glance_labels(s, glance)
        return self._glance

    def _figure(self, s: Session, key: str) -> dict[str, Any]:
        report, team_id, actor, cutoff = self._report, self._team_id, self._actor, self._cutoff
        as_of = report.as_of
        if key == "notes":
            return {"pending_notes": compute.read_pending_notes(s, team_id, actor, as_of, cutoff)}
        if key == "disagreements":
            return {"open_disagreements": compute.read_open_disagreements(s, team_id, actor, as_of,
                                                                      cutoff)}
        if key == "actions":
            return {"overdue_actions": compute.read_overdue_actions(s, team_id, actor, as_of)}
        if key == "completeness":
            return {"completeness": read_completeness(s, team_id, actor, report.start, report.end,
                                                      cutoff, report.workers, report.scope)}
        glance, labels = self._glance_rows(s)
        if key == "children":
            return {"children_overdue": compute.late_children(glance, as_of, labels)}
        if key == "patterns":
            stuck, divergences = compute.read_score_patterns(s, team_id, actor, cutoff, report.policy,
                                                         glance, labels)
            return {"stuck_cases": stuck, "divergences": divergences}
        if key == "scores":
            return {"distribution": compute.score_distribution(glance),
                    "movements": compute.score_movements(glance)}
        assert key == "direct_work"
        return {"direct_work": compute.read_direct_work(s, team_id, actor, as_of, glance,
                                                    report.workers, report.scope)}


def _direct_work_total(s: Session, open_cases: list[Any], since: dt.date, as_of: dt.date,
                       team_id: int | None, scope: str) -> DirectWorkRow:
    """The direct-work figure's last total row (its whole scope), counted by the database."""
    children, worked, by_tool = headline.direct_work_total(s, open_cases, since, as_of)
    if team_id is None:
        return DirectWorkRow(None, ALL_TEAMS, "", children, worked, by_tool)
    return DirectWorkRow(None, total_of(scope), scope, children, worked, by_tool)


def oversight_report(db: DbFactory, clock: Clock, *, team_id: int | None,
                     start: dt.date, end: dt.date, actor: Actor | None = None,
                     policy: OversightPolicy = DEFAULT_POLICY,
                     audit: AuditTrail | None = None) -> OversightReport:
    """Every oversight figure for team ``team_id`` (None: every team, practice leads only)
    over ``start``..``end``, as of the period's last day (today if it has not ended).

    AccessDenied for a worker, an admin, or a manager asking for another team (or all);
    PeriodError when ``end`` is before ``start``. With ``audit``, the view is recorded.
    """
    return OversightReader(db, clock, team_id=team_id, start=start, end=end, actor=actor,
                           policy=policy, audit=audit).read_all()
