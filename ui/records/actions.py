"""The records view's printing, as a plain function the task runner calls (no widgets here):
the kept signed PDFs, painted onto a printer; the core finds them and records the printing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ui.services import AppServices


@dataclass(frozen=True)
class Printed:
    """What a print job did: pages painted, records printed, records that could not be."""

    pages: int
    session_ids: tuple[int, ...]
    failed: tuple[tuple[int, str], ...] = ()
    cancelled: bool = False


def print_records(services: AppServices, printer: QPrinter, session_ids: Sequence[int],
                  progress: ProgressFn, is_cancelled: CancelCheck, *,
                  passphrase: str | None = None) -> Printed:
    """Paint the records' supervision file copies (and their addenda) onto ``printer`` as one
    job; once all is painted, the audit trail records each record as printed.

    Records signed before PDFs were kept have theirs made and kept first, with the signers'
    keys; when those want a passphrase (none given, or a wrong one) this raises
    :class:`~workbench.export.kept.PassphraseNeeded` before anything is painted."""
    from ui.records.printing import paint_documents
    from workbench.export.kept import kept_documents
    from workbench.export.service import record_printed

    progress(0, len(session_ids), "")
    documents = kept_documents(services.db, services.identities, services.clock, session_ids,
                               actor=services.actor, passphrase=passphrase, cancel=is_cancelled)
    ready = [d for d in documents if not d.error]
    pdfs = [pdf for d in ready for _, pdf in d.files]
    failed = tuple((d.session_id, d.error) for d in documents if d.error)
    if not pdfs:
        return Printed(0, (), failed)
    pages = paint_documents(printer, pdfs, is_cancelled=is_cancelled,
                            progress=lambda done, total: progress(done, total, ""))
    if is_cancelled():
        return Printed(pages, (), failed, cancelled=True)
    printed = tuple(d.session_id for d in ready)
    record_printed(services.db, services.audit, session_ids=printed, actor_id=services.actor_id,
                   details={"pages": pages})
    return Printed(pages, printed, failed)
