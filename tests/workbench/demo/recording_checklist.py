"""The recording checklist a practice lead applies to a supervision record, as code.

Each check reads the text of one exported PDF (what pdftotext gets from it, words joined by
single spaces) beside the plain facts of the record it was made from (``NoteRecord``: what the
record should show, e.g. whose scores, which actions), and returns what is missing, in words a
practitioner would use. An empty list means the item is there.

A supervision-file copy ("note") is checked for the meeting and for every child discussed;
a child's extract ("extract") for the meeting and that one child, and it must not carry the
worker's personal part (workload, wellbeing, learning, what went well).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from workbench.export.layout import day
from workbench.export.record import ChildPart, NoteRecord


@dataclass(frozen=True)
class Document:
    """One exported PDF: its name, kind ("note" or "extract"), its text and its record."""

    name: str
    kind: str
    text: str
    record: NoteRecord
    child: ChildPart | None = None  # the extract's child

    @property
    def children(self) -> tuple[ChildPart, ...]:
        return self.record.children if self.child is None else (self.child,)


Check = Callable[[Document], Iterator[str]]

# The scale's wording each status is scored on (the question set's variant labels).
WORDING_FOR_STATUS = {"Child protection plan": "Child protection", "Child in need": "Child in need",
                      "Looked after": "Looked after"}
# What a decision for a child of this status never says.
DECISIONS_NEVER = {
    "Looked after": ("child protection plan", "child in need plan", "step down"),
    "Child in need": ("child protection plan", "placement", "care plan"),
    "Child protection plan": ("placement", "care plan", "child in need plan and review"),
}
# The coded fact a status carries beside its kind, as the extract prints it: a looked-after
# child's legal status (C1, C2, V2 ...), a child protection plan's category of abuse. A child in
# need has no legal order: the status is the kind itself (Annex A list 6 has no legal status).
STATUS_DETAIL = {"Looked after": ("legal_status", "legal status"),
                 "Child protection plan": ("category_of_abuse", "category")}
WORKER_PART_HEADINGS = ("Workload", "Wellbeing", "Learning and development")
FAMILY = ("parent", "child", "network")


def words(text: str) -> str:
    """Text as pdftotext gives it in a words-only read: runs of white space as one space."""
    return " ".join(text.split())


def has(doc: Document, text: str) -> bool:
    return words(text) in doc.text


def has_in_order(doc: Document, text: str, gap: int = 20) -> bool:
    """The words of ``text`` in order, with at most ``gap`` other words between two of them: a
    label wrapped in a narrow table cell is read with its neighbour cells' lines between."""
    pattern = rf"(?:\s+\S+){{0,{gap}}}?\s+".join(re.escape(w) for w in text.split())
    return re.search(pattern, doc.text) is not None


# -- the meeting ---------------------------------------------------------------------------------

def meeting_date(doc: Document) -> Iterator[str]:
    if not has(doc, f"Meeting date {doc.record.when(doc.record.meeting_at)}"):
        yield "the meeting date"


def duration(doc: Document) -> Iterator[str]:
    if not has(doc, f"Duration {doc.record.duration_minutes} minutes"):
        yield "how long the meeting lasted"


def supervisor(doc: Document) -> Iterator[str]:
    if not has(doc, f"Supervisor {doc.record.supervisor}"):
        yield "the supervisor"


def worker(doc: Document) -> Iterator[str]:
    if not has(doc, f"Social worker {doc.record.supervisee}"):
        yield "the social worker"


def present(doc: Document) -> Iterator[str]:
    if not has(doc, "Present " + ", ".join(doc.record.present)):
        yield "who was present"


def approved(doc: Document) -> Iterator[str]:
    wanted = (f"Approved by {doc.record.supervisor}" if doc.kind == "extract"
              else f"Approved {doc.record.supervisor} Supervisor")
    if not has(doc, wanted):
        yield "the supervisor's approval"


def worker_response(doc: Document) -> Iterator[str]:
    name = doc.record.supervisee
    if not (has(doc, f"{name} agrees that this is a true record") or has(doc, f"{name} recorded")):
        yield "the worker's response (countersignature or disagreement)"


def worker_part_absent_from_extract(doc: Document) -> Iterator[str]:
    if doc.kind != "extract":
        return
    for qa in doc.record.worker_part:
        if qa.answer.strip() and has(doc, qa.answer):
            yield f"the worker's personal part is on the child's file: '{qa.answer[:40]}…'"
    for heading in WORKER_PART_HEADINGS:
        if re.search(rf"\b{heading}\b", doc.text):
            yield f"the worker's personal part is on the child's file (heading '{heading}')"


def no_placeholder_text(doc: Document) -> Iterator[str]:
    if "Demo note" in doc.text:
        yield "real text instead of a 'Demo note' placeholder"


# -- each child ----------------------------------------------------------------------------------

def child_id(doc: Document, part: ChildPart) -> Iterator[str]:
    if not has(doc, part.la_child_id):
        yield "the child's id"


def statutory_facts(doc: Document, part: ChildPart) -> Iterator[str]:
    for label in ("Statutory facts", f"Case / legal status {part.case_kind}", "Since", "Last visit",
                  "Last review", "Next review or conference"):
        if not has(doc, label):
            yield f"the statutory facts ({label})"
    facts = (part.case_record or {}).get("statutory") or {}
    if facts.get("as_at") != "meeting" or not has(doc, "as at the meeting"):
        yield "the statutory facts as they were at the meeting"
    yield from legal_status(doc, part, facts)
    meeting = doc.record.meeting_at.date()
    for key, label in (("start_date", "Since"), ("last_visit_date", "Last visit"),
                       ("last_review_date", "Last review")):
        if facts.get(key) and not has(doc, f"{label} {day(facts[key])}"):
            yield f"the statutory facts ({label} {day(facts[key])})"
        if facts.get(key) and facts[key] > meeting.isoformat():
            yield f"the statutory facts of the meeting, not later ones ({label} {day(facts[key])})"


def legal_status(doc: Document, part: ChildPart, facts: dict[str, object]) -> Iterator[str]:
    """The legal status and its start: the kind the meeting was held under (the same the record's
    part is headed with), its order or category where it has one, and the day it started."""
    if facts.get("case_kind") is None or not facts.get("start_date"):
        yield "the legal status and its start"
        return
    status = part.case_kind
    detail = STATUS_DETAIL.get(part.case_kind)
    if detail is not None:
        key, label = detail
        if not facts.get(key):
            yield f"the {label} of a child whose status is '{part.case_kind}'"
            return
        status += f"; {label}: {facts[key]}"
    if not has(doc, f"Case / legal status {status}"):
        yield f"the legal status ({status})"
    if not has(doc, f"Since {day(str(facts['start_date']))}"):
        yield f"the legal status's start (Since {day(str(facts['start_date']))})"


def _answer(part: ChildPart, question_start: str) -> str:
    return next((qa.answer for qa in part.answers if qa.question.startswith(question_start)), "")


def harm(doc: Document, part: ChildPart) -> Iterator[str]:
    text = _answer(part, "Harm")
    if not text.strip() or not has(doc, "Harm:") or not has(doc, text):
        yield "the harm"


def danger_statements_and_goals(doc: Document, part: ChildPart) -> Iterator[str]:
    worries = [w for w in part.worries if not w["closed_here"]]
    if not worries:
        yield "a danger statement"
    for number, w in enumerate(part.worries, start=1):
        parts = w.get("parts") or {}
        for key, label in (("who_is_worried", "Who is worried"),
                           ("what_adults_do", "What the adults do or fail to do"),
                           ("if_nothing_changes", "What may happen if nothing changes")):
            if not parts.get(key) or not has(doc, f"{label}: {parts[key]}"):
                yield f"danger statement {number}: {label.lower()}"
        if not has(doc, f"Safety goal {number} (for danger statement {number})"):
            yield f"the safety goal paired with danger statement {number}"
        if not parts.get("time_frame") or not has(doc, f"For how long: {parts['time_frame']}"):
            yield f"safety goal {number}: its time frame"


def strengths_and_safety(doc: Document, part: ChildPart) -> Iterator[str]:
    strengths, safety = _answer(part, "Existing strengths"), _answer(part, "Existing safety")
    if not strengths.strip() or not has(doc, "Existing strengths"):
        yield "existing strengths"
    if not safety.strip() or not has(doc, "Existing safety"):
        yield "existing safety"
    if strengths.strip() and strengths == safety:
        yield "strengths and existing safety told apart"


def next_steps_and_plan(doc: Document, part: ChildPart) -> Iterator[str]:
    if not _answer(part, "Next steps").strip() or not has(doc, "Next steps"):
        yield "next steps"
    if not has(doc, "Safety plan:"):
        yield "the safety plan's status"


def scores(doc: Document, part: ChildPart) -> Iterator[str]:
    wording = WORDING_FOR_STATUS.get(part.case_kind)
    if wording is None or not has(doc, f"Scale wording: {wording}"):
        yield f"the scale's wording that fits '{part.case_kind}'"
    if not has(doc, "0 = ") or not has(doc, "10 = "):
        yield "the scale's two ends"
    for score in part.scores:
        if not has_in_order(doc, score["voice"]):
            yield f"the score of {score['voice']}"
        if not score["reason"].strip() or not has(doc, score["reason"]):
            yield f"the reason for {score['voice']}'s score"


def escalation_and_divergence(doc: Document, part: ChildPart) -> Iterator[str]:
    by_scale: dict[object, list[dict[str, object]]] = {}
    for score in part.scores:
        by_scale.setdefault(score["worry_id"], []).append(score)
    low = apart = False
    for group in by_scale.values():
        values = {str(s["rater_role"]): int(str(s["score"])) for s in group}
        low = low or min(values.values()) <= 2
        if "worker" in values and "supervisor" in values:
            apart = apart or abs(values["worker"] - values["supervisor"]) >= 3
        family = [int(str(s["score"])) for s in group if s["rater_role"] in FAMILY]
        others = [int(str(s["score"])) for s in group if s["rater_role"] not in FAMILY]
        apart = apart or any(abs(f - o) >= 3 for f in family for o in others)
    if low and not (part.escalation_decision.strip() and has(doc, "Escalation decision")
                    and has(doc, part.escalation_decision)):
        yield "the escalation decision (a score is 2 or below)"
    if apart and not (part.score_difference_note.strip() and has(doc, "Where the scores differed")
                      and has(doc, part.score_difference_note)):
        yield "what was agreed where the scores differed"


def child_voice(doc: Document, part: ChildPart) -> Iterator[str]:
    direct = (part.case_record or {}).get("direct_work") or []
    spoken = part.child_voice.strip() and has(doc, part.child_voice)
    if not spoken and not direct:
        yield "the child's voice, in their words or through direct work"


def words_and_pictures(doc: Document, part: ChildPart) -> Iterator[str]:
    direct = (part.case_record or {}).get("direct_work") or []
    if not (has(doc, "Words and Pictures explanation of what is happening? Yes")
            or has(doc, "Words and Pictures explanation of what is happening? No")
            or any(w.get("words_and_pictures_status") for w in direct)):
        yield "the Words and Pictures status"


def decisions(doc: Document, part: ChildPart) -> Iterator[str]:
    if not part.decisions:
        yield "a decision"
    for decision in part.decisions:
        if not has(doc, decision["text"]) or not decision["rationale"].strip() \
                or not has(doc, decision["rationale"]):
            yield f"the decision '{decision['text']}' with its rationale"
        for never in DECISIONS_NEVER.get(part.case_kind, ()):
            if never in decision["text"].lower():
                yield (f"a decision that fits '{part.case_kind}' (not '{decision['text']}', "
                       f"which speaks of a {never})")


def actions(doc: Document, part: ChildPart) -> Iterator[str]:
    if not part.actions_agreed:
        yield "an action agreed"
    for action in part.actions_agreed:
        line = f"{action['description']} {action['owner_name']} {day(action['due_date'])}"
        if not has(doc, line):
            yield f"the action '{action['description']}' with its owner and date"


def actions_reviewed(doc: Document, part: ChildPart) -> Iterator[str]:
    if part.actions_reviewed and not has(doc, "Last time's actions reviewed"):
        yield "last time's actions reviewed"
    for action in part.actions_reviewed:
        if not has(doc, action["description"]):
            yield f"the review of '{action['description']}'"


def impact(doc: Document, part: ChildPart) -> Iterator[str]:
    if not part.impact_statement.strip() or not has(doc, part.impact_statement):
        yield "the impact statement"


MEETING_CHECKS: tuple[Check, ...] = (
    meeting_date, duration, supervisor, worker, present, approved, worker_response,
    worker_part_absent_from_extract, no_placeholder_text,
)
CHILD_CHECKS: tuple[Callable[[Document, ChildPart], Iterator[str]], ...] = (
    child_id, statutory_facts, harm, danger_statements_and_goals, strengths_and_safety,
    next_steps_and_plan, scores, escalation_and_divergence, child_voice, words_and_pictures,
    decisions, actions, actions_reviewed, impact,
)
ITEMS_PER_CHILD = len(CHILD_CHECKS)


def missing(doc: Document) -> list[str]:
    """Everything the checklist finds missing in ``doc`` ("DEMO-0003: the harm"), none if it passes."""
    found = [item for check in MEETING_CHECKS for item in check(doc)]
    for part in doc.children:
        found += [f"{part.la_child_id}: {item}" for check in CHILD_CHECKS for item in check(doc, part)]
    return found


def items_checked(doc: Document) -> int:
    return len(MEETING_CHECKS) + ITEMS_PER_CHILD * len(doc.children)
