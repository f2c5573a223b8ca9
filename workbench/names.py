"""Folding of names as they come from untidy spreadsheets."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold_name(value: str) -> str:
    """Case, spacing and non-breaking spaces folded: '  Ann\u00a0 SMITH ' -> 'ann smith'."""
    text = unicodedata.normalize("NFKC", value).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip().casefold()
