"""Oversight of supervision for practice leads and team managers (no Qt).

- :func:`oversight_report`: per worker, supervision against policy (next due, overdue,
  upcoming); children not discussed within their interval; notes awaiting signature or
  countersignature; open disagreements; overdue actions; stuck cases; lasting divergence;
  the spread and movement of latest scores (never an average across children); direct-work
  coverage (children with direct work in the last three months, by worker and by tool); the
  completeness of the optional record items in the period's signed records (per item, per
  worker, and which records left which items unanswered).
- :class:`OversightReader`: the same, the headline at once and each other figure when first
  wanted (what the Oversight screen shows, one figure at a time).
- :func:`worker_children`: the drill-down from a worker to their children.
- :func:`respond_to_disagreement`: a practice lead's signed answer to a disagreement.
- :func:`write_workbook`: the report as an .xlsx workbook, one sheet per figure.
- The policy is data: :class:`OversightPolicy`, :func:`load_policy`.
"""

from workbench.oversight.compute import ALL_TEAMS, PeriodError, worker_children
from workbench.oversight.disagreements import (
    ResponseError,
    respond_to_disagreement,
    responses_for_session,
)
from workbench.oversight.policy import (
    DEFAULT_POLICY,
    Interval,
    OversightPolicy,
    PolicyError,
    Stage,
    load_policy,
)
from workbench.oversight.reader import OversightReader, oversight_report
from workbench.oversight.report import OversightReport
from workbench.oversight.workbook import write_workbook

__all__ = [
    "ALL_TEAMS",
    "DEFAULT_POLICY",
    "Interval",
    "OversightPolicy",
    "OversightReader",
    "OversightReport",
    "PeriodError",
    "PolicyError",
    "ResponseError",
    "Stage",
    "load_policy",
    "oversight_report",
    "respond_to_disagreement",
    "responses_for_session",
    "worker_children",
    "write_workbook",
]
