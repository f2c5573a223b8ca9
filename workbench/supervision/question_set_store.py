"""Question sets as sessions hold them: a snapshot of the content in QuestionSetVersion.

The first session held with a set stores its content and SHA-256; every later session with
the same key and version shares that row, and an old session always reads its own wording
back from it, whatever the file says today.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import QuestionSetVersion
from workbench.messages import translatable
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.question_sets import (
    QuestionSet,
    content_sha256,
    question_set_from_content,
)


def snapshot_question_set(session: Session, question_set: QuestionSet) -> QuestionSetVersion:
    """The stored snapshot of ``question_set``, created on first use."""
    stored = session.scalars(
        select(QuestionSetVersion).where(
            QuestionSetVersion.set_key == question_set.key,
            QuestionSetVersion.version == question_set.version,
        )
    ).one_or_none()
    if stored is None:
        stored = QuestionSetVersion(
            set_key=question_set.key, version=question_set.version, title=question_set.title,
            sha256=question_set.sha256, content=dict(question_set.content),
        )
        session.add(stored)
        session.flush()
        return stored
    if stored.sha256 != question_set.sha256:
        raise QuestionSetError(
            translatable("workbench.supervision", "Question set %1 was changed after sessions were held with "
                                                  "version %2. Keep the old file as it was and save the "
                                                  "changes as %3-v%4.toml with version = %5.")
            .arg(question_set.source, question_set.version, question_set.key, question_set.version + 1,
                 question_set.version + 1)
        )
    return stored


def stored_question_set(version: QuestionSetVersion) -> QuestionSet:
    """The set exactly as a session was held with it (parsed once per content digest)."""
    cached = _BY_DIGEST.get(version.sha256)
    if cached is not None:
        return cached
    content = version.content
    if not isinstance(content, dict) or content_sha256(content) != version.sha256:
        raise QuestionSetError(
            translatable("workbench.supervision", "The stored question set %1 v%2 does not match its "
                                                  "recorded SHA-256, so its wording cannot be trusted; "
                                                  "restore the database from a backup.")
            .arg(version.set_key, version.version)
        )
    parsed = question_set_from_content(content, f"{version.set_key}-v{version.version} (as held)")
    if len(_BY_DIGEST) >= 64:
        _BY_DIGEST.clear()
    _BY_DIGEST[version.sha256] = parsed
    return parsed


# A pure memo: a digest always names the same content, so sharing it across databases is safe.
_BY_DIGEST: dict[str, QuestionSet] = {}
