"""What poppler reads in a PDF the workbench made (the tests judge PDFs as a reader would)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_text(pdf: bytes, tmp_path: Path, *, words_only: bool = True) -> str:
    """pdftotext's text of ``pdf``: with ``words_only``, its words joined by single spaces (so a
    phrase wrapped across lines is still found); otherwise as laid out, line by line."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split()) if words_only else out
