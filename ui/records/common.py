"""What the records view's parts share (and the Sign-off tab's signed note uses too)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.export.batch import RecordDocuments
    from workbench.signing.identity import IdentityStore


class PassphraseNeeded(Exception):
    """Making some records' signed PDFs needs the signers' key passphrase, which no secure
    keyring gives here (or the one typed is wrong). Nothing was made, kept or printed for
    them; the message is the service's, naming whose key."""


def identity_store(services: AppServices) -> IdentityStore:
    """This computer's signing keys (``<data folder>/keys``): only needed to make the PDFs of
    records signed before PDFs were kept, and to sign a case history."""
    from workbench.signing.identity import IdentityStore

    return IdentityStore(services.data_dir / "keys", services.secrets, services.clock, services.audit)


def kept_documents(services: AppServices, session_ids: Sequence[int], *, passphrase: str | None = None,
                   cancel: Callable[[], bool] | None = None) -> list[RecordDocuments]:
    """The records' signed supervision file copies (and addenda), in order, for printing or
    reading. Records signed before PDFs were kept have theirs made now, once, with the signers'
    keys (``passphrase`` where no keyring holds it), and kept. Raises :class:`PassphraseNeeded`
    when a key wants a passphrase that was not given or is wrong; other records that cannot be
    had come back with ``error``."""
    from workbench.export.service import ExportError, printable_documents

    try:
        documents = printable_documents(
            services.sessions, identity_store(services), session_ids=session_ids, clock=services.clock,
            actor=services.actor, cancel=cancel, default_passphrase=passphrase)
    except ExportError as error:
        if error.needs_passphrase:
            raise PassphraseNeeded(str(error)) from error
        raise
    asking = [d.error for d in documents if d.needs_passphrase]
    if asking:
        raise PassphraseNeeded("\n".join(dict.fromkeys(asking)))
    return documents
