"""What a consultation's signed record holds beside any session's content (signing.content)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from db.models import Consultation, SupervisionSession
from workbench.signing.content import iso


def consultation_content(s: Session, session: SupervisionSession) -> dict[str, Any] | None:
    """The consultation's steps and people, or None for a session that is not a consultation."""
    consultation = s.get(Consultation, session.id)
    if consultation is None:
        return None
    from workbench.consultation.service import accountable_manager_present

    return {
        "presenter_request": consultation.presenter_request,
        "story": consultation.story,
        "spread_discussion": consultation.spread_discussion,
        "next_steps": consultation.next_steps,
        "takeaway": consultation.takeaway,
        "time_boxes": dict(sorted((consultation.time_boxes or {}).items())),
        "scores_revealed_at": iso(consultation.scores_revealed_at),
        "accountable_manager_present": accountable_manager_present(s, session),
        "members": [
            {"id": m.id, "staff_id": m.staff_id, "record_name": m.record_name, "agency": m.agency,
             "role": m.role, "consent_to_be_named": m.consent_to_be_named}
            for m in consultation.members
        ],
    }
