"""Benchmark figures for the signed exports (run: python -m bench.pdf_export).

* one session note PDF (3+ pages, 2 charts), unsigned and signed, beside a bare 3-page
  reportlab document (the floor), with the charts drawn fresh ("cold") and already drawn ("warm");
* batch export of 200 signed notes (supervisor + worker signatures) on every core.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import best_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))


def bare_three_pages() -> bytes:
    import io

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    story = []
    for page in range(3):
        story += [Paragraph(f"Page {page} paragraph {i} " + "text " * 40, style) for i in range(8)]
        story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def main() -> dict[str, float]:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    from pdf_screenshots import TODAY, build_sample  # type: ignore[import-not-found]

    from db.engine import make_engine, make_session_factory
    from db.models import Staff, SupervisionSession
    from workbench.audit import AuditTrail
    from workbench.export import charts
    from workbench.export.documents import note_pdf
    from workbench.export.record import load_note_record
    from workbench.export.service import export_records, signed_documents, unlock_signers
    from workbench.secrets import SecretStore
    from workbench.signing.demo import DEMO_PASSPHRASE
    from workbench.signing.identity import IdentityStore

    scratch = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    url = f"sqlite:///{scratch / 'sample.db'}"
    build_sample(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    identities = IdentityStore(scratch / "keys", SecretStore(), lambda: TODAY)
    with factory() as s:
        last = max(x.id for x in s.query(SupervisionSession))
        staff = [x.id for x in s.query(Staff)]
        record = load_note_record(s, last)
    passphrases = dict.fromkeys(staff, DEMO_PASSPHRASE)
    keys = unlock_signers(factory, identities, set(staff), passphrases)
    pages = len(note_pdf(record).split(b"/Type /Page\n")) - 1

    def cold() -> None:
        charts._cache.clear()
        charts._readers.clear()
        note_pdf(record)

    figures = {
        "floor_bare_3_pages_s": best_of(bare_three_pages),
        "note_unsigned_warm_charts_s": best_of(lambda: note_pdf(record)),
        "note_signed_warm_charts_s": best_of(lambda: signed_documents(record, ("note",), keys)),
        "note_unsigned_cold_charts_s": best_of(cold, repeat=3),
        "note_pages": float(pages),
    }
    # 200 distinct signed notes (two children, two charts each), on every core: first with no
    # chart drawn yet, then again with the charts kept on disk by the first run.
    engine.dispose()
    url = f"sqlite:///{scratch / 'batch.db'}"
    build_sample(url, sessions=200)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    identities = IdentityStore(Path(url.removeprefix("sqlite:///")).parent / "keys", SecretStore(),
                               lambda: TODAY)
    with factory() as s:
        chosen = [x.id for x in s.query(SupervisionSession).order_by(SupervisionSession.id)]
        passphrases = dict.fromkeys([x.id for x in s.query(Staff)], DEMO_PASSPHRASE)
    for label in ("charts_not_yet_drawn", "charts_kept_on_disk"):
        start = time.perf_counter()
        result = export_records(factory, identities, AuditTrail(lambda: TODAY), session_ids=chosen,
                                out_dir=scratch / f"batch-{label}", actor_id=None, kinds=("note",),
                                passphrases=passphrases, chart_cache=scratch / "charts")
        figures[f"batch_200_signed_notes_{label}_s"] = time.perf_counter() - start
        assert len(result.written) == 200
    engine.dispose()
    return figures


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
