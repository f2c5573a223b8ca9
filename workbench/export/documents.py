"""The kinds of PDF: the supervision-file copy of a session, the extract for one child's file,
a signed addendum, and a child's case history. Each is built from plain records
(:mod:`workbench.export.record`) and returned as bytes, unsigned; :mod:`workbench.export.pades`
signs them. The copy and the extracts are made once, when the supervisor signs (see
:mod:`workbench.export.stored`), so they show what is known then: the worker's part is a box
their own signature fills later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.export.case_record_pdf import (
    direct_work_flowables,
    safety_flowables,
    statutory_flowables,
)
from workbench.export.charts import chart_flowable
from workbench.export.layout import (
    PageFrame,
    banner,
    build_pdf,
    content_width,
    day,
    para,
    styles,
    table,
)
from workbench.export.record import (
    ROLE_LABELS,
    SIGNATURE_LABELS,
    ChildPart,
    NoteRecord,
    SignatureLine,
    fallback_plan,
)
from workbench.export.worker_box import BoxPlace, reserved_box
from workbench.history import ScaleHistory, short_label
from workbench.supervision.mapping import Part, PlanItem
from workbench.supervision.worry_parts import DEFAULT_LABELS, GOAL_PARTS, STATEMENT_PARTS

NOTE = "note"
EXTRACT = "extract"
ADDENDUM = "addendum"
HISTORY = "history"
STATUS_LABELS = {"action": {"open": "Open", "done": "Done", "carried": "Carried forward",
                            "dropped": "Dropped"},
                 "rater": {"worker": "Worker", "supervisor": "Supervisor", "parent": "Parent",
                           "child": "Child", "network": "Network"}}


def keywords(kind: str, record: NoteRecord, child: ChildPart | None = None) -> str:
    """Machine-readable facts in the PDF's Keywords, which ``workbench verify`` reads back."""
    parts = [f"psw-kind={kind}", f"psw-session={record.session_id}",
             f"psw-content-sha256={record.content_sha256}"]
    if child is not None:
        parts.append(f"psw-child={child.child_id}")
    return "; ".join(parts)


def _footer(record: NoteRecord) -> str:
    text = f"Record content SHA-256 {record.content_sha256}"
    if record.audit_chain_head:
        text += f" · audit chain head at signing {record.audit_chain_head[:24]}…"
    return text


def present_for(record: NoteRecord, child: ChildPart) -> tuple[str, ...]:
    """Those present, as one child's file shows them: an entry that names another child of the
    session (a carer typed as "Mum of C-1002", say) is left out of this child's file."""
    others = [marker.casefold() for part in record.children if part.child_id != child.child_id
              for marker in (part.la_child_id, part.child_name or "") if marker.strip()]
    return tuple(name for name in record.present
                 if not any(marker in name.casefold() for marker in others))


def _meeting_table(record: NoteRecord, st: dict[str, Any], *, child: ChildPart | None) -> Any:
    rows = [
        ("Meeting date", record.when(record.meeting_at)),
        ("Duration", f"{record.duration_minutes} minutes" if record.duration_minutes else ""),
        ("Kind", record.kind),
        ("Team", record.team),
        ("Facilitator" if record.consultation else "Supervisor", record.supervisor),
        ("Presenter" if record.consultation else "Social worker", record.supervisee),
        ("Present", ", ".join(record.present if child is None else present_for(record, child))),
        ("Questions used", record.question_set),
    ]
    if child is not None:
        rows.insert(0, ("Child", f"{child.label} · {child.case_kind}"))
    cells = [[para(k, st["cellhead"]), para(v, st["cell"])] for k, v in rows if v]
    return table(cells, [34 * 2.835, content_width() - 34 * 2.835], header=False)


def _qa(story: list[Any], items: Sequence[Any], st: dict[str, Any]) -> None:
    section = None
    for item in items:
        if item.section and item.section != section:
            section = item.section
            story.append(para(section, st["h2"]))
        story.append(para(item.question, st["question"]))
        story.append(para(item.answer, st["answer"]))


def _answers_of(story: list[Any], part: ChildPart, section_ids: Sequence[str], st: dict[str, Any],
                *, titled: bool) -> None:
    """The answers to the questions of ``section_ids`` (each under its section's title when
    ``titled``; a part that prints its own heading passes False)."""
    for section_id in section_ids:
        items = [qa for qa in part.answers if qa.section_id == section_id]
        if items and titled:
            story.append(para(items[0].section, st["h2"]))
        for qa in items:
            story.append(para(qa.question, st["question"]))
            story.append(para(qa.answer, st["answer"]))


def _worry_note(w: dict[str, Any]) -> str:
    if w["closed_here"]:
        return "closed in this meeting: " + (w.get("closed_reason") or "no reason given")
    return "opened in this meeting" if w["opened_here"] else "carried forward and reviewed"


def _parts(story: list[Any], record: NoteRecord, w: dict[str, Any], ids: Sequence[str],
           free_text: str, st: dict[str, Any]) -> None:
    """A statement or goal: each part on its own line, labelled ("Who is worried: …"), or the
    free text it was written as (older records, older sets)."""
    parts = w.get("parts") or {}
    if not any(parts.get(i) for i in ids):
        story.append(para(free_text or "(not written)", st["answer"]))
        return
    labels = {p.id: p.label for p in record.worry_parts}
    for part_id in ids:
        if parts.get(part_id):
            label = labels.get(part_id, DEFAULT_LABELS[part_id])
            story.append(para(parts[part_id], st["answer"], bold_label=f"{label}:"))


def _worries(story: list[Any], record: NoteRecord, part: ChildPart, title: str, st: dict[str, Any]) -> None:
    if not part.worries:
        return
    story.append(para(title, st["h2"]))
    for number, w in enumerate(part.worries, start=1):
        story.append(para(f"{record.statement_label} {number} ({_worry_note(w)})", st["question"]))
        _parts(story, record, w, STATEMENT_PARTS, w["danger_statement"], st)


def _goals(story: list[Any], record: NoteRecord, part: ChildPart, title: str, st: dict[str, Any]) -> None:
    if not part.worries:
        return
    story.append(para(title, st["h2"]))
    for number, w in enumerate(part.worries, start=1):
        story.append(para(f"{record.goal_label} {number} (for {record.statement_label.lower()} {number})",
                          st["question"]))
        _parts(story, record, w, GOAL_PARTS, w["safety_goal"], st)


def _scales(story: list[Any], record: NoteRecord, part: ChildPart, item: PlanItem,
            st: dict[str, Any]) -> None:
    width = content_width()
    # Each scale by the number its statement has above (the statement is printed there in full).
    worry_names = {w["id"]: f"{record.statement_label} {n}: {short_label(w['danger_statement'], 70)}"
                   for n, w in enumerate(part.worries, start=1)}
    if part.scores or not part.history.is_empty:
        story.append(para(item.title, st["h2"]))
    if part.scores:
        wording = part.scale
        if wording is not None:
            story.append(para(f"Scale wording: {wording.label}. {wording.wording.strip()}", st["small"]))
            story.append(para(f"0 = {wording.low}; 10 = {wording.high}.", st["small"]))
            if part.scale_variant_reason:
                story.append(para(f"Why this wording: {part.scale_variant_reason}", st["small"]))
        elif record.scale_wording:
            story.append(para(record.scale_wording, st["small"]))
        rows = [[para(h, st["cellhead"]) for h in ("Scale", "Rater", "Score", "Reason")]]
        for sc in part.scores:
            scale = worry_names.get(sc["worry_id"], "Case as a whole")
            rater = sc.get("voice") or STATUS_LABELS["rater"].get(sc["rater_role"], sc["rater_role"])
            rows.append([para(scale, st["cell"]), para(rater, st["cell"]),
                         para(str(sc["score"]), st["cell"]), para(sc["reason"], st["cell"])])
        story.append(table(rows, [width * 0.30, width * 0.26, width * 0.08, width * 0.36]))
    if not part.history.is_empty:
        story.append(chart_flowable(part.history, width))
    _answers_of(story, part, item.sections, st, titled=False)
    for label, text in (("Escalation decision", part.escalation_decision),
                        ("Where the scores differed", part.score_difference_note)):
        if text.strip():
            story.append(para(label, st["question"]))
            story.append(para(text, st["answer"]))


def _decisions(story: list[Any], part: ChildPart, item: PlanItem, st: dict[str, Any]) -> None:
    """The one decisions heading: the decisions with their rationale, then the impact statement."""
    width = content_width()
    answers = [qa for qa in part.answers if qa.section_id in item.sections]
    impact_printed = any(qa.answer == part.impact_statement for qa in answers)
    if not (part.decisions or answers or part.impact_statement.strip()):
        return
    story.append(para(item.title, st["h2"]))
    if part.decisions:
        rows = [[para("Decision", st["cellhead"]), para("Why", st["cellhead"])]]
        rows += [[para(d["text"], st["cell"]), para(d["rationale"], st["cell"])] for d in part.decisions]
        story.append(table(rows, [width * 0.45, width * 0.55]))
    _answers_of(story, part, item.sections, st, titled=False)
    if part.impact_statement.strip() and not impact_printed:
        story.append(para("Impact", st["question"]))
        story.append(para(part.impact_statement, st["answer"]))


def _child_section(story: list[Any], record: NoteRecord, part: ChildPart, st: dict[str, Any],
                   *, heading: bool) -> None:
    """One child's discussion in the mapping order (:mod:`workbench.supervision.mapping`), the
    order the app walks it: each part is printed where the plan puts it, in the set's words."""
    width = content_width()
    if heading:
        story.append(para(f"{part.label} · {part.case_kind}", st["h1"]))
    if part.agenda_reasons:
        story.append(para("Why on the agenda: " + "; ".join(part.agenda_reasons), st["small"]))
    story += statutory_flowables(part.case_record, st)
    placed = {section for item in record.plan for section in item.sections}
    for item in record.plan or fallback_plan({}):
        if item.part is Part.REVIEW and part.actions_reviewed:
            story.append(para(item.title, st["h2"]))
            rows = [[para(h, st["cellhead"]) for h in ("Action", "Status", "Note")]]
            rows += [[para(a["description"], st["cell"]),
                      para(STATUS_LABELS["action"].get(a["status"], a["status"]), st["cell"]),
                      para(a["status_reason"], st["cell"])] for a in part.actions_reviewed]
            story.append(table(rows, [width * 0.5, width * 0.15, width * 0.35]))
        elif item.part is Part.DANGER_STATEMENTS:
            _worries(story, record, part, item.title, st)
        elif item.part is Part.SAFETY_GOALS:
            _goals(story, record, part, item.title, st)
        elif item.part is Part.SCALE:
            _scales(story, record, part, item, st)
        elif item.part is Part.DECISIONS:
            _decisions(story, part, item, st)
        elif item.part is Part.ACTIONS and part.actions_agreed:
            story.append(para(item.title if item.title.lower() != "actions" else "Actions agreed", st["h2"]))
            rows = [[para(h, st["cellhead"]) for h in ("What", "Who", "By when")]]
            rows += [[para(a["description"], st["cell"]), para(a["owner_name"], st["cell"]),
                      para(day(a["due_date"]), st["cell"])] for a in part.actions_agreed]
            story.append(table(rows, [width * 0.6, width * 0.22, width * 0.18]))
        elif item.part is Part.CHILD_VOICE:
            _answers_of(story, part, item.sections, st, titled=True)
            if part.child_voice.strip() and not any(qa.answer == part.child_voice for qa in part.answers):
                story.append(para("The child's voice", st["question"]))
                story.append(para(part.child_voice, st["answer"]))
            unplaced = [qa for qa in part.answers if qa.section_id not in placed]
            for qa in unplaced:  # answers the set no longer asks: kept, after the child's voice
                story.append(para(qa.question, st["question"]))
                story.append(para(qa.answer, st["answer"]))
        elif item.part is Part.SAFETY_PLAN:  # as kept when the record was signed
            story += safety_flowables(part.case_record, st)
        elif item.part is Part.DIRECT_WORK:
            story += direct_work_flowables(part.case_record, part.drawings, st)
        else:
            _answers_of(story, part, item.sections, st, titled=True)


def _addenda(story: list[Any], record: NoteRecord, st: dict[str, Any],
             discussion_id: int | None = None) -> None:
    """The addenda concerning ``discussion_id``'s child alone (a child's file), or every addendum
    (None: the whole record). One about the session may name any child: never in a child's file."""
    chosen = [a for a in record.addenda if discussion_id is None or a.discussion_id == discussion_id]
    if not chosen:
        return
    story.append(para("Addenda (signed corrections; the original above is unchanged)", st["h1"]))
    for a in chosen:
        story.append(para(f"Addendum {a.id} by {a.author}, {record.when(a.created_at)}", st["question"]))
        story.append(para(a.text, st["answer"]))


def _approvals(record: NoteRecord) -> list[SignatureLine]:
    return [sig for sig in record.signatures if sig.kind == "approval" and sig.addendum_id is None]


def signature_block(record: NoteRecord, st: dict[str, Any], places: list[BoxPlace]) -> list[Any]:
    """The supervisor's signature (what is known at sign-off), then the box the worker's own
    signature fills later (see :mod:`workbench.export.worker_box`)."""
    from reportlab.platypus import KeepTogether

    width = content_width()
    rows = [[para(h, st["cellhead"]) for h in ("Signed", "Name and role", "Time", "Certificate SHA-256")]]
    for sig in _approvals(record):
        who = f"{sig.name}\n{ROLE_LABELS.get(sig.role, sig.role)}"
        rows.append([para(SIGNATURE_LABELS.get(sig.kind, sig.kind), st["cell"]), para(who, st["cell"]),
                     para(record.when(sig.signed_at), st["cell"]), para(sig.fingerprint, st["small"])])
    flow: list[Any] = [para("Signatures", st["h1"]),
                       table(rows, [width * 0.19, width * 0.23, width * 0.2, width * 0.38]),
                       para("Each signature covers the SHA-256 of the record's content shown in the "
                            "footer, and is also a digital signature (PAdES) in this PDF that any PDF "
                            "reader can check. Corrections are separate signed addenda; this record "
                            "never changes.", st["small"])]
    return [KeepTogether(flow), *reserved_box(places)]


def _heading(record: NoteRecord, what: str) -> str:
    return f"{what} · {record.supervisee} · {record.when(record.meeting_at, time=False)}"


def note_pdf(record: NoteRecord, places: list[BoxPlace] | None = None) -> bytes:
    """The supervision-file copy: every child discussed in the session, as signed by the
    supervisor (``places`` receives where the worker's signature box landed)."""
    st = styles()
    story: list[Any] = [
        para("Case consultation record" if record.consultation else "Case supervision record", st["title"]),
        para("Supervision file copy: all children discussed", st["subtitle"]),
        _meeting_table(record, st, child=None),
    ]
    if record.consultation is not None:
        from workbench.export.consultation_pdf import consultation_steps

        consultation_steps(story, record, st, brief=False)
    elif record.worker_part:
        if not record.worker_part[0].section:  # the set names no section for it
            story.append(para("The worker's part", st["h1"]))
        _qa(story, record.worker_part, st)
    for part in record.children:
        _child_section(story, record, part, st, heading=True)
    story += signature_block(record, st, [] if places is None else places)
    return build_pdf(story, PageFrame(_heading(record, "Supervision record"), _footer(record)),
                     title=f"Case supervision record {record.when(record.meeting_at, time=False)}",
                     author=record.supervisor, subject="Supervision file copy",
                     keywords=keywords(NOTE, record))


def extract_pdf(record: NoteRecord, part: ChildPart, places: list[BoxPlace] | None = None) -> bytes:
    """One child's extract for the child's file, marked as supervision, approved by the supervisor."""
    st = styles()
    approval = next((s for s in record.signatures if s.kind == "approval"), None)
    approved = (f"Approved by {approval.name} ({ROLE_LABELS.get(approval.role, approval.role).lower()}) "
                f"on {record.when(approval.signed_at)}" if approval else "Not approved")
    story: list[Any] = [
        banner("SUPERVISION RECORD · for the child's file", content_width()),
        para("Case consultation: summary for the child's file" if record.consultation
             else "Case supervision: extract for the child's file", st["title"]),
        para(approved, st["subtitle"]),
        _meeting_table(record, st, child=part),
    ]
    if record.consultation is not None:
        from workbench.export.consultation_pdf import consultation_steps

        consultation_steps(story, record, st, brief=True)
    _child_section(story, record, part, st, heading=False)
    story += signature_block(record, st, [] if places is None else places)
    meeting_day = record.when(record.meeting_at, time=False)
    return build_pdf(story, PageFrame(f"Supervision · {part.label} · {meeting_day}", _footer(record)),
                     title=f"Supervision extract {part.la_child_id} {meeting_day}",
                     author=record.supervisor, subject="Supervision record for the child's file",
                     keywords=keywords(EXTRACT, record, part))


def addendum_pdf(record: NoteRecord, addendum_id: int, *, content_sha256: str,
                 original_sha256: str, chain_head: str | None = None) -> bytes:
    """A signed correction on its own: what it corrects (the original, unchanged, by its content
    hash), the correction as typed, and its author's signature (PAdES-signed by them)."""
    st = styles()
    addendum = next(a for a in record.addenda if a.id == addendum_id)
    signature = next(s for s in record.signatures if s.addendum_id == addendum_id)
    part = next((p for p in record.children if p.discussion_id == addendum.discussion_id), None)
    width = content_width()
    story: list[Any] = [
        banner("SUPERVISION RECORD · addendum", width),
        para("Addendum to a signed supervision record", st["title"]),
        para(f"A signed correction by {addendum.author}, {record.when(addendum.created_at)}. The original "
             "record is unchanged; this addendum refers to it by its content SHA-256.", st["subtitle"]),
        _meeting_table(record, st, child=part),
        para("Refers to", st["h2"]),
        para(f"The supervision record of {record.when(record.meeting_at, time=False)} (session "
             f"{record.session_id}), content SHA-256 {original_sha256}", st["small"]),
        para(f"Addendum {addendum.id}" + (f" · {part.label}" if part else " · the whole record"), st["h1"]),
        para(addendum.text, st["answer"]),
        para("Signature", st["h1"]),
        table([[para(h, st["cellhead"]) for h in ("Signed", "Name and role", "Time", "Certificate SHA-256")],
               [para(SIGNATURE_LABELS["addendum"], st["cell"]),
                para(f"{signature.name}\n{ROLE_LABELS.get(signature.role, signature.role)}", st["cell"]),
                para(record.when(signature.signed_at), st["cell"]),
                para(signature.fingerprint, st["small"])]],
              [width * 0.19, width * 0.23, width * 0.2, width * 0.38]),
        para("The signature covers the SHA-256 of this addendum's content (its text, author, time and "
             "the original's content hash), shown in the footer, and is also a digital signature "
             "(PAdES) in this PDF.", st["small"]),
    ]
    facts = [f"psw-kind={ADDENDUM}", f"psw-session={record.session_id}", f"psw-addendum={addendum_id}",
             f"psw-content-sha256={content_sha256}", f"psw-original-sha256={original_sha256}"]
    if part is not None:
        facts.append(f"psw-child={part.child_id}")
    footer = f"Addendum content SHA-256 {content_sha256}"
    if chain_head:
        footer += f" · audit chain head at signing {chain_head[:24]}…"
    return build_pdf(story, PageFrame(_heading(record, f"Addendum {addendum_id}"), footer),
                     title=f"Addendum {addendum_id} to the supervision record "
                           f"{record.when(record.meeting_at, time=False)}",
                     author=addendum.author, subject="Signed addendum to a supervision record",
                     keywords="; ".join(facts))


def history_pdf(records: Sequence[NoteRecord], child_id: int, history: ScaleHistory) -> bytes:
    """Every signed discussion of one child, oldest first, after the case's full scale chart."""
    st = styles()
    parts = [(r, p) for r in records for p in r.children if p.child_id == child_id]
    if not parts:
        raise ValueError("This child has no signed supervision discussions to put in a case history.")
    first = parts[0][1]
    (oldest, _), (newest, _) = parts[0], parts[-1]
    width = content_width()
    story: list[Any] = [
        banner("SUPERVISION RECORD · case history", width),
        para("Case supervision history", st["title"]),
        para(f"{first.label} · {first.case_kind} · {len(parts)} signed discussions from "
             f"{oldest.when(oldest.meeting_at, time=False)} to {newest.when(newest.meeting_at, time=False)}",
             st["subtitle"]),
    ]
    if not history.is_empty:
        story.append(chart_flowable(history, width, title="Scale history: every signed discussion"))
    for record, part in parts:
        approval = next((s for s in record.signatures if s.kind == "approval"), None)
        story.append(para(f"{record.when(record.meeting_at, time=False)} · {record.supervisee} with "
                          f"{record.supervisor}", st["h1"]))
        signed = ", ".join(f"{SIGNATURE_LABELS.get(s.kind, s.kind)} by {s.name} {record.when(s.signed_at)}"
                           for s in record.signatures if s.addendum_id is None)
        story.append(para(signed or ("Approved" if approval else ""), st["small"]))
        _child_section(story, record, part, st, heading=False)
        _addenda(story, record, st, part.discussion_id)
    frame = PageFrame(f"Supervision history · {first.label}",
                      f"{len(parts)} signed records · each record's content SHA-256 is in its own PDF")
    return build_pdf(story, frame, title=f"Supervision history {first.la_child_id}",
                     author="Practice Supervision Workbench", subject="Case supervision history",
                     keywords=f"psw-kind={HISTORY}; psw-child={child_id}; psw-sessions="
                              + ",".join(str(r.session_id) for r, _ in parts))
