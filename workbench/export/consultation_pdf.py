"""A case consultation's steps in its PDFs: in full on the presenter's supervision-file copy,
briefly on the child's file (what was asked, the spread of scores, the proposals, the take-away).

The children's own parts (the mapping, the scales) print as any session's do
(documents._child_section); this adds what only a consultation has.
"""

from __future__ import annotations

from typing import Any

from workbench.consultation.steps import Step
from workbench.export.layout import para
from workbench.export.record import NoteRecord

NO_DECISION = ("The group proposed these next steps. The accountable team manager was not in the "
               "consultation: they are proposals until that manager decides.")


def consultation_steps(story: list[Any], record: NoteRecord, st: dict[str, Any], *, brief: bool) -> None:
    c = record.consultation
    if c is None:
        return
    story.append(para("The consultation", st["h1"]))
    steps = [(Step.REQUEST, c["presenter_request"])]
    if not brief:
        steps.append((Step.STORY, c["story"]))
    for step, text in steps:
        story.append(para(step.heading, st["question"]))
        story.append(para(text, st["answer"]))
    spreads = []
    for part in record.children:
        scores = [sc["score"] for sc in part.scores if sc.get("worry_id") is None]
        if scores:
            spreads.append(f"{part.label}: {len(scores)} people scored from {min(scores)} to "
                           f"{max(scores)} (" + ", ".join(str(n) for n in sorted(scores)) + ")")
    if spreads:
        story.append(para("The group's scales, side by side", st["question"]))
        for line in spreads:
            story.append(para(line, st["answer"]))
    if c["spread_discussion"]:
        story.append(para("What the spread told the group", st["question"]))
        story.append(para(c["spread_discussion"], st["answer"]))
    story.append(para(Step.NEXT_STEPS.heading, st["question"]))
    story.append(para(c["next_steps"], st["answer"]))
    if not c["accountable_manager_present"]:
        story.append(para(NO_DECISION, st["answer"]))
    story.append(para(Step.TAKEAWAY.heading + " (in the presenter's words)", st["question"]))
    story.append(para(c["takeaway"], st["answer"]))
