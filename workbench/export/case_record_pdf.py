"""The parts of a child's record kept at signing (workbench.supervision.case_record) as PDF
sections: the statutory facts, the safety network and plan, and the latest direct work with
the child's own words and drawings (each scaled to fit the page)."""

from __future__ import annotations

import io
from typing import Any

from db.enums import CaseKind, DirectWorkTool, SafetyPlanStatus, WordsAndPicturesStatus
from workbench.export.layout import content_width, day, para, table

DRAWING_MAX_HEIGHT_CM = 9.0


def _label(enum_cls: Any, value: str | None, fallback: str = "") -> str:
    if not value:
        return fallback
    try:
        return str(enum_cls(value).label)
    except ValueError:
        return value


def statutory_flowables(record: dict[str, Any] | None, st: dict[str, Any]) -> list[Any]:
    """The statutory facts as a two-column table (nothing for a record signed without them)."""
    if not record:
        return []
    facts = record.get("statutory") or {}
    not_known = "not in the caseload"
    seen = facts.get("seen_alone")
    seen_text = {True: "yes", False: "no"}.get(seen, "not recorded") if seen is not None else "not recorded"
    visit = day(facts.get("last_visit_date")) or not_known
    status = _label(CaseKind, facts.get("case_kind"))
    if facts.get("legal_status"):
        status += f"; legal status: {facts['legal_status']}"
    if facts.get("category_of_abuse"):
        status += f"; category: {facts['category_of_abuse']}"
    rows = [
        ("Case / legal status", status),
        ("Since", day(facts.get("start_date")) or not_known),
        ("Last visit", f"{visit} · seen alone: {seen_text}" if facts.get("last_visit_date") else visit),
        ("Last review", day(facts.get("last_review_date")) or not_known),
        ("Next review or conference", day(facts.get("next_review_date")) or not_known),
    ]
    width = content_width()
    body = [[para(k, st["cellhead"]), para(v, st["cell"])] for k, v in rows]
    when = "the meeting" if facts.get("as_at") == "meeting" else "signing"  # older records: signing
    return [para(f"Statutory facts (from the caseload, as at {when})", st["h2"]),
            table(body, [width * 0.28, width * 0.72], header=False)]


def safety_flowables(record: dict[str, Any] | None, st: dict[str, Any]) -> list[Any]:
    """The safety network, its last meeting and the safety plan as they stood at signing."""
    if not record:
        return []
    width = content_width()
    out: list[Any] = [para("Safety planning (as it stood when this record was signed)", st["h2"])]
    network = record.get("safety_network") or []
    if network:
        rows = [[para(h, st["cellhead"]) for h in ("Safety network", "Relationship", "Role", "Since")]]
        rows += [[para(m["name"], st["cell"]), para(m.get("relationship", ""), st["cell"]),
                  para(m.get("role", ""), st["cell"]), para(day(m.get("since")), st["cell"])]
                 for m in network]
        out.append(table(rows, [width * 0.24, width * 0.18, width * 0.38, width * 0.2]))
    else:
        out.append(para("No safety network recorded.", st["body"]))
    meeting = record.get("last_network_meeting")
    if meeting:
        out.append(para(f"{day(meeting['held_on'])}: " + ", ".join(meeting.get("attendees", [])),
                        st["body"], bold_label="Last network meeting:"))
    else:
        out.append(para("none recorded", st["body"], bold_label="Last network meeting:"))
    plan = record.get("safety_plan") or {}
    status = _label(SafetyPlanStatus, plan.get("status"), "No safety plan yet")
    review = day(plan.get("review_date"))
    out.append(para(status + (f" · review by {review}" if review else ""), st["body"],
                    bold_label="Safety plan:"))
    rules = plan.get("rules") or []
    if rules:
        out.append(para("The plan's rules, in the family's own words", st["question"]))
        out += [para(f"{n}. {rule}", st["answer"]) for n, rule in enumerate(rules, 1)]
    links = record.get("action_links") or []
    if links:
        out.append(para("Next steps agreed about it", st["question"]))
        out += [para(f"“{x.get('description') or 'an action'}” is about {x['about']}.", st["answer"])
                for x in links]
    return out


def _drawing(png: bytes, width: float) -> Any:
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    reader = ImageReader(io.BytesIO(png))
    w, h = reader.getSize()
    scale = min(width / w, DRAWING_MAX_HEIGHT_CM * cm / h)
    image = Image(io.BytesIO(png), width=w * scale, height=h * scale)
    image.hAlign = "LEFT"
    return image


def direct_work_flowables(record: dict[str, Any] | None, drawings: dict[int, bytes],
                          st: dict[str, Any]) -> list[Any]:
    """The latest direct work (up to the meeting), the child's words and drawings."""
    if not record:
        return []
    works = record.get("direct_work") or []
    out: list[Any] = [para("Direct work and the child's voice", st["h2"])]
    if not works:
        out.append(para("No direct work with the child recorded up to this meeting.", st["body"]))
        return out
    width = content_width()
    for work in works:
        heading = f"{day(work['done_on'])} · {_label(DirectWorkTool, work['tool'])} · by {work['done_by']}"
        if work.get("words_and_pictures_status"):
            heading += " · " + _label(WordsAndPicturesStatus, work["words_and_pictures_status"])
        out.append(para(heading, st["question"]))
        for label, words in work.get("parts", []):
            out.append(para(f"“{words}”", st["answer"], bold_label=f"{label}:"))
        for drawing in work.get("drawings", []):
            png = drawings.get(drawing["id"])
            if png is None:
                out.append(para(f"Drawing {drawing['file_name']} (not available)", st["small"]))
                continue
            out.append(_drawing(png, width * 0.7))
            out.append(para(f"The child's drawing ({drawing['file_name']}, SHA-256 "
                            f"{drawing['sha256'][:16]}…)", st["small"]))
    return out
