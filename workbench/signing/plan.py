"""A sign-off step's plan: what the signer is shown and what is then signed, read once.

The sign dialog asks :func:`workbench.signing.desk.prepare_plan` for a :class:`SignPlan` when it
opens: one read of the session gives the facts it shows, the canonical content whose SHA-256 it
shows, and (for the supervisor's signature) what its charts are drawn from. The plan is frozen and is
handed to :meth:`~workbench.signing.signoff.SignOffService.sign` (or the worker's steps), which
signs only if the record, read again under its write lock, still has that SHA-256; otherwise
it refuses with :class:`~workbench.signing.signoff.NoteChanged` and nothing is written. So what
the signer saw is exactly what is signed, even if someone else saves a change meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from db.enums import SessionKind, SessionStatus

if TYPE_CHECKING:
    from workbench.export.at_signoff import ChartInputs


class Step(StrEnum):
    SIGN = "sign"
    COUNTERSIGN = "countersign"
    DISAGREE = "disagree"
    ADDENDUM = "addendum"


@dataclass(frozen=True)
class SignFacts:
    """What the sign dialog shows about what is being signed, and whether the signer can sign."""

    session_id: int
    status: SessionStatus
    supervisor_name: str
    worker_name: str
    meeting_at: dt.datetime
    children: int
    content_sha256: str
    signer_name: str
    has_identity: bool
    has_authority: bool
    keyring_secure: bool
    #: The children discussed, as (case discussion id, label) in agenda order: what a
    #: disagreement or addendum may concern (or None: the session as a whole).
    discussions: tuple[tuple[int, str], ...] = ()
    identity_trusted: bool = False  # issued by the organisation's signing authority
    authority_can_issue: bool = False  # this computer's keyring opens the authority's key
    #: A one-to-one supervision note or a group consultation's note.
    kind: SessionKind = SessionKind.CASE_ONE_TO_ONE


@dataclass(frozen=True)
class SignPlan:
    """One step by one signer on one session, as read when the dialog opened."""

    step: Step
    signer_id: int
    facts: SignFacts
    #: The session's canonical content (:func:`workbench.signing.content.canonical_bytes`):
    #: ``facts.content_sha256`` is its SHA-256.
    content: bytes
    #: For the supervisor's signature: what the note's charts are drawn from, read with the rest
    #: (:func:`workbench.signing.desk.draw_plan_charts` draws them while the passphrase is typed).
    charts: ChartInputs | None = None

    @property
    def session_id(self) -> int:
        return self.facts.session_id

    @property
    def content_sha256(self) -> str:
        return self.facts.content_sha256

    def covered(self) -> dict[str, Any]:
        """The content as the PDF builders take it."""
        value = json.loads(self.content)
        assert isinstance(value, dict)
        return value
