"""Practice quality audits (no Qt): versioned audit forms, sampling records, the audit from
grading through moderation and responses to signature, and the themes across audits.

- :func:`draw_sample`, :func:`open_audits`, :func:`save_grades`, :func:`complete_audit`,
  :func:`moderate_audit`, :func:`respond_to_audit`, :func:`sign_audit`;
- :func:`audit_view`, :func:`list_audits`, :func:`audit_record_text`, :func:`signed_audit_pdf`;
- :func:`audit_themes` and :func:`write_themes_workbook`; the chart is
  :func:`workbench.charts.audits.themes_figure`.
"""

from workbench.audits.form import (
    DEFAULT_FORM,
    AuditForm,
    AuditFormError,
    AuditItem,
    latest_form,
    parse_form,
    shipped_forms,
)
from workbench.audits.sampling import CRITERIA, Sample, SampledRecord, SamplingError, draw_sample
from workbench.audits.service import (
    AuditError,
    AuditView,
    GradeView,
    ResponseView,
    audit_record_text,
    audit_view,
    complete_audit,
    list_audits,
    moderate_audit,
    open_audits,
    respond_to_audit,
    save_grades,
)
from workbench.audits.signing import SignedAudit, sign_audit, signed_audit_pdf
from workbench.audits.themes import ThemeRow, ThemesReport, audit_themes
from workbench.audits.workbook import write_themes_workbook

__all__ = [
    "CRITERIA",
    "DEFAULT_FORM",
    "AuditError",
    "AuditForm",
    "AuditFormError",
    "AuditItem",
    "AuditView",
    "GradeView",
    "ResponseView",
    "Sample",
    "SampledRecord",
    "SamplingError",
    "SignedAudit",
    "ThemeRow",
    "ThemesReport",
    "audit_record_text",
    "audit_themes",
    "audit_view",
    "complete_audit",
    "draw_sample",
    "latest_form",
    "list_audits",
    "moderate_audit",
    "open_audits",
    "parse_form",
    "respond_to_audit",
    "save_grades",
    "shipped_forms",
    "sign_audit",
    "signed_audit_pdf",
    "write_themes_workbook",
]
