"""The kept signed PDFs as the screens read them: for printing, for the Sign-off tab's view of
a note, and a child's case history. The UI paints or shows what these return.

A record signed before PDFs were kept has its PDFs made now, once, with the signers' keys, and
kept; when a key wants a passphrase that was not given (or is wrong) :class:`PassphraseNeeded`
says whose, and nothing is made, kept or shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from db.engine import DbFactory, transaction
from db.enums import DocumentKind
from db.models import Staff, SupervisionSession
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.messages import message_in, translatable

if TYPE_CHECKING:
    from workbench.export.batch import RecordDocuments
    from workbench.signing.identity import IdentityStore


class PassphraseNeeded(Exception):
    """Making some records' signed PDFs needs the signers' key passphrase, which no secure
    keyring gives here (or the one typed is wrong). Nothing was made, kept or printed for
    them; the message is the service's, naming whose key."""


def kept_documents(db: DbFactory, identities: IdentityStore, clock: Clock,
                   session_ids: Sequence[int], *, actor: Actor | None, passphrase: str | None = None,
                   cancel: Callable[[], bool] | None = None) -> list[RecordDocuments]:
    """The records' signed supervision file copies (and addenda), in order, for printing or
    reading. Raises :class:`PassphraseNeeded` when a key wants a passphrase that was not given
    or is wrong; other records that cannot be had come back with ``error``."""
    from workbench.export.service import ExportError, printable_documents

    try:
        documents = printable_documents(db, identities, session_ids=session_ids, clock=clock,
                                        actor=actor, cancel=cancel, default_passphrase=passphrase)
    except ExportError as error:
        if error.needs_passphrase:
            raise PassphraseNeeded(message_in(error)) from error
        raise
    asking = [d.error for d in documents if d.needs_passphrase]
    if asking:
        raise PassphraseNeeded("\n".join(dict.fromkeys(asking)))
    return documents


def signed_note(db: DbFactory, identities: IdentityStore, audit: AuditTrail, clock: Clock,
                session_id: int, *, actor: Actor | None, passphrase: str | None = None) -> bytes:
    """The kept signed note (supervision file copy) of a session, newest version, for its
    supervisor or worker; the audit trail records it as viewed.

    Raises :class:`~workbench.access.AccessDenied` for anyone else, :class:`PassphraseNeeded`
    when the PDFs must be made first and the signers' keys want a passphrase."""
    from workbench.export.batch import ExportError
    from workbench.export.stored import has_main_documents, newest_documents, read_pdf

    me = actor.staff_id if actor is not None else None
    with db() as s:
        sess = s.get_one(SupervisionSession, session_id)
        if me not in (sess.supervisor_id, sess.supervisee_id):
            raise AccessDenied(translatable(
                    "workbench.export", "Only the supervisor and the worker of a session can open its note "
                                        "here; practice leads use the Records tab."))
        kept = has_main_documents(newest_documents(s, [session_id]).get(session_id, []))
    if not kept:
        for record in kept_documents(db, identities, clock, [session_id], actor=actor,
                                     passphrase=passphrase):
            if record.error:
                raise ExportError(record.error)
    with transaction(db) as s:
        refs = newest_documents(s, [session_id]).get(session_id, [])
        notes = [r for r in refs if r.kind is DocumentKind.NOTE and not r.is_addendum]
        if not notes:
            raise ExportError(translatable(
                    "workbench.export", "This note has no signed PDF kept yet: export it from the Records "
                                        "tab to make it."))
        audit.record(s, actor_id=me, action="record_viewed", entity_type="supervision_session",
                     entity_id=session_id, details={"document_id": notes[-1].id})
        return read_pdf(s, notes[-1].id)


def write_case_history(db: DbFactory, identities: IdentityStore, audit: AuditTrail,
                       child_id: int, path: Path, *, actor: Actor | None) -> Path:
    """Every signed discussion of the child ``actor`` may see, as one PDF at ``path``; signed by
    the person who compiles it when their key opens here without asking (else left unsigned:
    each record keeps its own signed PDF)."""
    from workbench.errors import PassphraseRequired, WrongPassphrase
    from workbench.export.service import export_case_history
    from workbench.signing.identity import SigningError

    signer = None
    if actor is not None:
        with db() as s:
            staff = s.get_one(Staff, actor.staff_id)
        try:
            signer = identities.load(staff)
        except (SigningError, PassphraseRequired, WrongPassphrase):  # asks: left unsigned
            signer = None
    return export_case_history(db, audit, child_id=child_id, out_path=path,
                               actor_id=actor.staff_id if actor else None, actor=actor, signer=signer)
