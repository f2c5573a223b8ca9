"""`make bench` (python -m bench): build the data, measure every figure, print the table.

``--smoke`` runs every measurement once on tiny data, so the test suite can prove the
benchmark still works without paying for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import measures
from bench.harness import (
    Result,
    Spread,
    in_own_process,
    load_average,
    no_keyring,
    print_table,
    write_json,
)

ROOT = Path(__file__).resolve().parents[1]


#: The figures' groups, in the order they are measured (``--only`` picks some).
GROUPS = ("startup", "import", "caseload", "chart", "history", "oversight", "pdf", "batch", "latency",
          "memory", "server")
_only: set[str] = set(GROUPS)


def _guard(name: str, fn: Callable[[], Result | list[Result]]) -> list[Result]:
    if name.split()[0] not in _only:
        return []
    start = time.perf_counter()
    try:
        found = fn()
    except Exception as error:  # a broken figure is a FAIL row, not a crashed benchmark
        traceback.print_exc()
        return [Result(name, None, error=f"{type(error).__name__}: {error}"[:70])]
    print(f"  measured {name} in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return found if isinstance(found, list) else [found]


def _pdf_figures(smoke: bool, *, with_batch: bool = True) -> list[Result]:
    env = os.environ | {"MPLBACKEND": "Agg", "BENCH_PDF_BATCH": "1" if with_batch else "0"}
    if smoke:
        env["BENCH_SMOKE"] = "1"
    out = subprocess.run([sys.executable, "-m", "bench.pdf_export"], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True, timeout=1200).stdout
    f = json.loads(out[out.index("{"):])
    batch, cores = int(f["batch_size"]), os.cpu_count()
    pages = f"{f['note_pages']:.0f} pages, 2 charts"
    floor = f"bare {f['note_pages']:.0f}-page reportlab"

    def timed(name: str, figure: str, **kwargs: Any) -> Result:
        found = f[name]
        floor_times = found["floor_times"]
        return Result.of(figure, Spread(tuple(found["times"])), floor if floor_times else "",
                         Spread(tuple(floor_times)) if floor_times else None, found["ratio"],
                         **kwargs)

    notes = [
        timed("note_unsigned_warm_charts", "session note PDF, unsigned", max_ratio=4.0,
              max_seconds=0.060, note=f"{pages}; charts drawn when the sign dialog opens"),
        timed("note_signed_warm_charts", "session note PDF, signed", max_seconds=0.090),
        timed("note_unsigned_cold_charts", "session note PDF, unsigned, charts drawn fresh",
              note="info: the cost when nothing was drawn before"),
    ]
    if not with_batch:
        return notes
    return [
        *notes,
        Result(f"batch export of {batch} signed notes", f["batch_signed_notes_stored_s"],
               max_seconds=15.0, note=f"{cores} cores; the PDFs signed at sign-off, no key needed"),
        Result(f"re-render and sign {batch} notes from scratch",
               f["rerender_and_sign_batch_notes_2_processes_s"],
               note="info: 2 processes; what the first export of bulk-signed (demo) records costs"),
        Result("sign a 10-child session with its PDFs", f["sign_10_child_session_with_its_pdfs_s"],
               note="info: runs in the background runner"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="tiny data, one run each")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"measure only these, comma-separated, of: {', '.join(GROUPS)}")
    args = parser.parse_args(argv)
    smoke = args.smoke
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if unknown := only - set(GROUPS):
        parser.error(f"unknown figures {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("MPLBACKEND", "Agg")
    no_keyring()

    from bench.data import demo_database, million_scores_database
    from tests.support.annex_a import write_annex_a

    with tempfile.TemporaryDirectory(prefix="workbench-bench-", ignore_cleanup_errors=True) as tmp:
        scratch = Path(tmp)
        data_dir = scratch / "data"
        data_dir.mkdir()
        started = time.perf_counter()
        print("building data …", file=sys.stderr, flush=True)
        workbook = scratch / "annex-a.xlsx"
        rows = 0
        if only & {"import", "latency"}:
            rows = write_annex_a(workbook, rows=500 if smoke else 50_000, seed=3, teams=6,
                                 workers_per_team=6).rows
        demo_url = demo_database(scratch / "demo.db", scale=1) if "startup" in only else ""
        big_url = (demo_database(scratch / "big.db", scale=1 if smoke else 42)
                   if only & {"caseload", "memory"} else "")
        scores_url, case_ids = (million_scores_database(
            scratch / "scores.db", **({"cases": 100, "sessions_per_case": 3} if smoke else {}))
            if "history" in only else ("", []))
        # 5,000 cases, 100 workers, 50 monthly sessions each up to the week before TODAY: 1,000,000 scores.
        oversight_url, _ = (million_scores_database(
            scratch / "oversight.db", start=dt.datetime(2023, 3, 8, 10),
            **({"cases": 100, "sessions_per_case": 3} if smoke else {"cases": 5_000,
                                                                    "sessions_per_case": 50}))
            if "oversight" in only else ("", []))
        print(f"data built in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        # On disk before anything is measured: 180 MB of the 500 MB just built were still
        # waiting to be written (Dirty: in /proc/meminfo), and the kernel wrote them out over
        # the next half minute, while the start-up and import figures were being taken.
        os.sync()
        load_at_start = load_average()

        results: list[Result] = []
        _only.clear()
        _only.update(only)
        # A start is a third of a second and moves most with the machine: fifteen pairs.
        results += _guard("startup", lambda: measures.startup(demo_url, data_dir, repeat=1 if smoke else 15))
        imports = 1 if smoke else 5
        results += _guard("import", lambda: in_own_process(
            measures.import_annex_a, workbook, rows, scratch, repeat=imports))
        results += _guard("caseload", lambda: measures.open_caseload(
            big_url, *_encrypted_copy(big_url, scratch), repeat=1 if smoke else 15))
        results += _guard("chart", lambda: measures.scale_chart(repeat=1 if smoke else 9))
        results += _guard("history", lambda: measures.history_query(
            scores_url, case_ids[:50] if smoke else case_ids, repeat=1 if smoke else 5))
        results += _guard("oversight", lambda: in_own_process(
            measures.oversight, oversight_url, data_dir, repeat=1 if smoke else 7))
        if only & {"pdf", "batch"}:  # one process measures both
            group = "pdf" if "pdf" in only else "batch"
            results += _guard(group, lambda: _pdf_figures(smoke, with_batch="batch" in only))
        sessions = 4 if smoke else 40
        results += _guard("latency", lambda: measures.ui_latency(
            workbook, scratch, lambda run: _export_job(scratch / f"latency-{run}", sessions=sessions),
            repeat=1 if smoke else 3))
        results += _guard("memory", lambda: measures.peak_memory(big_url, data_dir))
        results += _guard("server", lambda: _server_figures(smoke))

        load_at_end = load_average()
        print()
        print_table(results, (load_at_start, load_at_end), os.cpu_count())
        meta = {"python": platform.python_version(), "machine": platform.machine(),
                "cores": os.cpu_count(), "smoke": smoke, "load_average_start": load_at_start,
                "load_average_end": load_at_end, "seconds": round(time.perf_counter() - started, 1)}
        write_json(results, args.json, meta)
        print(f"\nwritten {args.json} ({meta['seconds']} s)")
        return 0 if all(r.passed is not False for r in results) or smoke else 1


def _server_figures(smoke: bool) -> list[Result]:
    from bench.server import figures

    return figures(smoke=smoke)


def _export_job(scratch: Path, *, sessions: int) -> object:
    """An export that makes and signs its PDFs (records signed in bulk) on a process pool."""
    from bench.pdf_export import _sample
    from db.models import Staff, SupervisionSession
    from workbench.audit import AuditTrail
    from workbench.encryption import DEMO_PASSPHRASE
    from workbench.export.service import export_records

    _engine, db, identities = _sample(scratch / "export", sessions=sessions)
    with db() as s:
        chosen = [x.id for x in s.query(SupervisionSession)]
        passphrases = dict.fromkeys([x.id for x in s.query(Staff)], DEMO_PASSPHRASE)

    def job(progress: Callable[[int, int, str], None], is_cancelled: Callable[[], bool]) -> object:
        return export_records(db, identities, AuditTrail(identities.clock), session_ids=chosen,
                              out_dir=scratch / "out", actor_id=None, kinds=("note",),
                              passphrases=passphrases, workers=2, cancel=is_cancelled,
                              progress=lambda done, total: progress(done, total, ""))
    return job


def _encrypted_copy(plain_url: str, scratch: Path) -> tuple[str, object]:
    """An encrypted copy of the database (sqlcipher_export): its URL and key."""
    import sqlcipher3

    from workbench.keys import DataKey

    key = DataKey.generate()
    source = plain_url.removeprefix("sqlite:///")
    target = scratch / "big-encrypted.db"
    con = sqlcipher3.connect(source)
    con.execute(f"ATTACH DATABASE '{target}' AS enc KEY \"x'{key.reveal().hex()}'\"")
    con.execute("SELECT sqlcipher_export('enc')")
    con.execute("DETACH DATABASE enc")
    con.close()
    return f"sqlite:///{target}", key


if __name__ == "__main__":
    sys.exit(main())
