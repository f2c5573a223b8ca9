"""A practice lead's signed response to a disagreement, as a PDF kept with the record.

The supervision-file copy and the extracts were signed before the response existed and never
change, so the response is its own document, like a signed addendum: it names the record and the
disagreement it answers by their content hashes, prints the worker's words and the answer, and
is PAdES-signed by the responder. It goes with the supervision-file copy, and with the extract of
the child the disagreement concerns (one about the whole session may name any child, so it goes
to no child's file).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

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

KIND = "response"


@dataclass(frozen=True)
class ResponseFacts:
    session_id: int
    disagreement_id: int  # the disagreement signature it answers (one response each)
    meeting_at: dt.datetime
    worker: str
    supervisor: str
    about: str  # "C-1002" (the child) or "" for the session as a whole
    child_id: int | None
    statement: str
    disagreed_at: dt.datetime
    disagreement_sha256: str
    responder: str
    responded_at: dt.datetime
    text: str
    content_sha256: str
    fingerprint: str


def response_pdf(facts: ResponseFacts) -> bytes:
    st = styles()
    width = content_width()
    about = f"about {facts.about}" if facts.about else "about the session as a whole"
    story: list[Any] = [
        banner("SUPERVISION RECORD · response to a disagreement", width),
        para("Response to a recorded disagreement", st["title"]),
        para(f"The supervision of {facts.worker} by {facts.supervisor} on "
             f"{when(facts.meeting_at, time=False)} (session {facts.session_id}). The signed record "
             "is unchanged; this response refers to the disagreement by its content SHA-256.",
             st["subtitle"]),
        para(f"{facts.worker} recorded this disagreement {about}, {when(facts.disagreed_at)}, "
             "in their own words:", st["h2"]),
        para(facts.statement, st["answer"]),
        para(f"The response of {facts.responder} (practice lead), {when(facts.responded_at)}",
             st["h1"]),
        para(facts.text, st["answer"]),
        para("Signature", st["h1"]),
        table([[para(h, st["cellhead"]) for h in ("Signed by", "Time", "Certificate SHA-256")],
               [para(facts.responder, st["cell"]), para(when(facts.responded_at), st["cell"]),
                para(facts.fingerprint, st["small"])]],
              [width * 0.3, width * 0.25, width * 0.45]),
        para(f"The disagreement it answers: content SHA-256 {facts.disagreement_sha256}. The "
             "response's signature covers the SHA-256 of its content (its text, author, time and "
             "the disagreement's hash), shown in the footer, and is also a digital signature "
             "(PAdES) in this PDF.", st["small"]),
    ]
    keywords = [f"psw-kind={KIND}", f"psw-session={facts.session_id}",
                f"psw-disagreement={facts.disagreement_id}", f"psw-content-sha256={facts.content_sha256}"]
    if facts.child_id is not None:
        keywords.append(f"psw-child={facts.child_id}")
    return build_pdf(story, PageFrame(f"Response to a disagreement · {facts.worker} · "
                                      f"{when(facts.meeting_at, time=False)}",
                                      f"Response content SHA-256 {facts.content_sha256}"),
                     title=f"Response to a disagreement (session {facts.session_id})",
                     author=facts.responder, subject="Signed response to a recorded disagreement",
                     keywords="; ".join(keywords))
