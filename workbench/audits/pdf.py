"""An audit as a PDF (unsigned; :mod:`workbench.audits.signing` signs it with PAdES)."""

from __future__ import annotations

from typing import Any

from workbench.audits.service import AuditView
from workbench.export.layout import (
    PageFrame,
    banner,
    build_pdf,
    content_width,
    para,
    styles,
    table,
    when,
)


def audit_pdf(view: AuditView) -> bytes:
    st = styles()
    width = content_width()
    story: list[Any] = [
        banner("PRACTICE QUALITY AUDIT", width),
        para(view.form.title, st["title"]),
        para(f"{view.child_label} · supervision of {view.worker_name} by {view.manager_name}, "
             f"{when(view.meeting_at, time=False)}", st["subtitle"]),
        table([[para(label, st["cellhead"]), para(value, st["cell"])] for label, value in (
            ("Team", view.team_name or "—"),
            ("Form", f"{view.form.key} version {view.form.version}"),
            ("Sampled", view.sampled_how),
            ("Auditor", f"{view.auditor_name}, completed {when(view.completed_at)}"),
            ("Moderator", f"{view.moderator_name}, moderated {when(view.moderated_at)}"),
        )], [width * 0.2, width * 0.8], header=False),
        para("Grades", st["h1"]),
    ]
    rows: list[list[Any]] = [[para(h, st["cellhead"]) for h in
                              ("Item", "Grade", "Evidence", "Moderation")]]
    for g in view.grades:
        moderation = "Agreed" if g.moderated_grade is None else (
            f"Changed to {g.moderated_grade.label}: {g.moderation_reason}")
        rows.append([para(g.title, st["cell"]), para(g.grade.label if g.grade else "", st["cell"]),
                     para(g.evidence, st["cell"]), para(moderation, st["cell"])])
    story.append(table(rows, [width * 0.22, width * 0.14, width * 0.4, width * 0.24]))
    if view.moderation_note:
        story += [para("Moderation note", st["h2"]), para(view.moderation_note, st["answer"])]
    story.append(para("Responses", st["h1"]))
    if not view.responses:
        story.append(para("Neither the worker nor the manager responded before signing.",
                          st["body"]))
    for r in view.responses:
        story += [para(f"{r.author_name} ({r.author_role.replace('_', ' ')}), "
                       f"{when(r.responded_at)}", st["h2"]),
                  para(r.text, st["answer"])]
    story += [
        para("Signature", st["h1"]),
        para(f"Signed by {view.auditor_name}, {when(view.signed_at)}; certificate "
             f"{view.certificate_fingerprint or ''}", st["body"]),
        para("The signature covers the SHA-256 of the audit's content (shown in the footer) and "
             "is also a digital signature (PAdES) in this PDF.", st["small"]),
    ]
    facts = ["psw-kind=audit", f"psw-audit={view.audit_id}", f"psw-session={view.session_id}",
             f"psw-content-sha256={view.content_sha256 or ''}"]
    return build_pdf(story, PageFrame(f"Practice audit {view.audit_id} · {view.worker_name}",
                                      f"Audit content SHA-256 {view.content_sha256 or ''}"),
                     title=f"Practice quality audit {view.audit_id}", author=view.auditor_name,
                     subject="Practice quality audit of a supervision record",
                     keywords="; ".join(facts))
