"""Benchmark figures for the signed records (run: python -m bench.pdf_export).

* one session note PDF (3+ pages, 2 charts), unsigned and signed, beside a bare 3-page
  reportlab document (the floor), with the charts drawn fresh ("cold") and already drawn ("warm");
* signing a 10-child session, which now makes and keeps its signed PDFs (the copy and ten
  extracts), as the supervisor's sign-off step runs it;
* the batch export of 200 signed notes: the signed PDFs kept since sign-off, written to a folder
  (the design's figure: <= 15 s on 2 cores, with progress and cancel);
* for comparison, rendering and signing (supervisor + worker) the same 200 notes from scratch on
  2 processes, which every export did before the PDFs were kept; and the first export of records
  signed before that (it makes each record's copy and extracts once and keeps them).
"""

from __future__ import annotations

import concurrent.futures as futures
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Spread, interleaved, repeated, timed

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

PROCESSES = 2
#: The batch size; the test suite's smoke run of the benchmark uses a handful.
BATCH = 4 if os.environ.get("BENCH_SMOKE") else 200


def bare_pages(pages: int = 3) -> bytes:
    """The floor: a bare reportlab document of ``pages`` pages of paragraphs."""
    import io

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    story = []
    for page in range(pages):
        story += [Paragraph(f"Page {page} paragraph {i} " + "text " * 40, style) for i in range(8)]
        story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def _fail_keyring() -> None:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())  # the samples never touch a real keyring


def _sample(folder: Path, **kwargs: Any) -> tuple[Any, Any, Any]:
    """(engine, session factory, identity store) of a signed sample in ``folder``."""
    from pdf_screenshots import TODAY, build_sample  # type: ignore[import-not-found]

    from db.engine import make_db_factory, make_engine
    from workbench.secrets import SecretStore
    from workbench.signing.identity import IdentityStore

    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'sample.db'}"
    build_sample(url, **kwargs)
    engine = make_engine(url)
    return engine, make_db_factory(engine), IdentityStore(folder / "keys", SecretStore(), lambda: TODAY)


_keys: dict[int, Any] = {}


def _init_worker(transport: dict[int, tuple[bytes, bytes]]) -> None:
    from workbench.signing.identity import SigningIdentity

    _keys.update({k: SigningIdentity.from_transport(v) for k, v in transport.items()})


def _note_from_scratch(record: Any) -> int:
    """Render one note and sign it as sign-off does: the supervisor, then the worker's box."""
    from workbench.export.making import supervisor_documents, worker_documents, worker_signature

    made = supervisor_documents(record, _keys[record.supervisor_id], extracts=False)
    worker = worker_signature(record)
    if worker is not None:
        made = worker_documents(made, worker, _keys[record.supervisee_id], record)
    return len(made[0].pdf)


def _single_note_figures(scratch: Path, figures: dict[str, Any]) -> None:
    from db.models import Staff, SupervisionSession
    from workbench.export import charts
    from workbench.export.documents import note_pdf
    from workbench.export.making import supervisor_documents
    from workbench.export.record import load_note_record
    from workbench.signing.demo import DEMO_PASSPHRASE

    engine, db, identities = _sample(scratch / "one")
    with db() as s:
        last = max(x.id for x in s.query(SupervisionSession))
        record = load_note_record(s, last)
        supervisor = identities.load(s.get_one(Staff, record.supervisor_id), passphrase=DEMO_PASSPHRASE)
    engine.dispose()

    def cold() -> None:
        charts.clear_cache()
        note_pdf(record)

    smoke = bool(os.environ.get("BENCH_SMOKE"))
    # 25 pairs: with 15, the signed note's ratio to its floor moved by a fifth between runs.
    repeat, warmup = (1, 0) if smoke else (25, 3)
    pages = len(note_pdf(record).split(b"/Type /Page\n")) - 1
    floor = lambda: timed(lambda: bare_pages(pages))  # noqa: E731
    unsigned, floor_a, ratio_a = interleaved(lambda: timed(lambda: note_pdf(record)), floor,
                                             repeat=repeat, warmup=warmup)
    signed, floor_b, ratio_b = interleaved(
        lambda: timed(lambda: supervisor_documents(record, supervisor, extracts=False)), floor,
        repeat=repeat, warmup=warmup)
    figures["note_unsigned_warm_charts"] = _spread(unsigned, floor_a, ratio_a)
    figures["note_signed_warm_charts"] = _spread(signed, floor_b, ratio_b)
    figures["note_unsigned_cold_charts"] = _spread(repeated(cold, repeat=1 if smoke else 5,
                                                            warmup=warmup))
    figures["note_pages"] = float(pages)


def _spread(figure: Spread, floor: Spread | None = None, ratio: float | None = None) -> Any:
    """A figure's timings for the parent process (JSON)."""
    return {"times": figure.times, "floor_times": floor.times if floor else None, "ratio": ratio}


def _sign_ten_children(scratch: Path, figures: dict[str, Any]) -> None:
    from db.enums import SessionStatus
    from db.models import SupervisionSession
    from workbench.audit import AuditTrail
    from workbench.export import charts
    from workbench.signing.demo import DEMO_PASSPHRASE
    from workbench.signing.signoff import SignOffService

    # Best of 3 (a smoke run proves it works with one): each with its charts not yet drawn.
    unsigned = 2 if os.environ.get("BENCH_SMOKE") else 4
    engine, db, identities = _sample(scratch / "ten", sessions=5, children=10, unsigned=unsigned)
    with db() as s:
        ready = [(x.id, x.supervisor_id) for x in s.query(SupervisionSession).filter_by(
            status=SessionStatus.READY_TO_SIGN).order_by(SupervisionSession.id)]
    clock = identities.clock
    service = SignOffService(db, identities, AuditTrail(clock), clock)
    service.sign(ready[0][0], signer_id=ready[0][1], passphrase=DEMO_PASSPHRASE)  # imports paid
    times = []
    for session_id, supervisor_id in ready[1:]:
        charts.clear_cache()
        start = time.perf_counter()
        service.sign(session_id, signer_id=supervisor_id, passphrase=DEMO_PASSPHRASE)
        times.append(time.perf_counter() - start)
    figures["sign_10_child_session_with_its_pdfs_s"] = min(times)
    engine.dispose()


def _batch_figures(scratch: Path, figures: dict[str, Any]) -> None:
    from db.models import Staff, SupervisionSession
    from workbench.audit import AuditTrail
    from workbench.export.record import load_note_record
    from workbench.export.service import export_records
    from workbench.signing.demo import DEMO_PASSPHRASE

    engine, db, identities = _sample(scratch / "batch", sessions=BATCH)
    clock = identities.clock
    with db() as s:
        chosen = [x.id for x in s.query(SupervisionSession).order_by(SupervisionSession.id)]
        passphrases = dict.fromkeys([x.id for x in s.query(Staff)], DEMO_PASSPHRASE)
        keys = {i: identities.load(s.get_one(Staff, i), passphrase=DEMO_PASSPHRASE) for i in passphrases}
        histories: dict[int, Any] = {}
        records = [load_note_record(s, sid, histories) for sid in chosen]

    # Render and sign the 200 notes from scratch, as every export did before they were kept.
    transport = {k: v.to_transport() for k, v in keys.items()}
    start = time.perf_counter()
    with futures.ProcessPoolExecutor(PROCESSES, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=_init_worker, initargs=(transport,)) as pool:
        sizes = list(pool.map(_note_from_scratch, records))
    figures["rerender_and_sign_batch_notes_2_processes_s"] = time.perf_counter() - start
    assert len(sizes) == BATCH

    # The first export of records signed in bulk (the demo's way): each record's copy and
    # extracts are made once, on 2 processes, and kept.
    start = time.perf_counter()
    first = export_records(db, identities, AuditTrail(clock), session_ids=chosen,
                           out_dir=scratch / "first-export", actor_id=None, kinds=("note",),
                           passphrases=passphrases, workers=PROCESSES)
    figures["first_export_batch_makes_and_keeps_pdfs_s"] = time.perf_counter() - start
    assert first.made == BATCH

    # The batch figure: 200 signed notes from the store; no key at all on this computer.
    from workbench.secrets import SecretStore
    from workbench.signing.identity import IdentityStore

    no_keys = IdentityStore(scratch / "no-keys", SecretStore(), clock)
    progress: list[int] = []
    start = time.perf_counter()
    result = export_records(db, no_keys, AuditTrail(clock), session_ids=chosen,
                            out_dir=scratch / "batch-export", actor_id=None, kinds=("note",),
                            progress=lambda done, total: progress.append(done))
    figures["batch_signed_notes_stored_s"] = time.perf_counter() - start
    assert len(result.written) == BATCH
    assert progress[-1] == BATCH
    engine.dispose()


def main() -> dict[str, float]:
    _fail_keyring()
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pdf-", ignore_cleanup_errors=True) as tmp:
        scratch = Path(tmp)
        _single_note_figures(scratch, figures)
        if os.environ.get("BENCH_PDF_BATCH", "1") == "1":
            _sign_ten_children(scratch, figures)
            _batch_figures(scratch, figures)
    figures["batch_size"] = float(BATCH)
    return figures


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
