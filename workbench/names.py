"""Folding of names, the one way the workbench compares what people type with what is stored.

Case, spacing, non-breaking spaces and accents are folded, so "zoe" finds Zoë, "lucja" finds
Łucja and "ann  SMITH" finds Ann Smith. Team and staff ``name_key`` columns hold names folded
by :func:`fold_name` (migration 0006 re-folded those stored before accents were folded).
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Letters NFKD does not take apart into a base letter and an accent.
_LETTERS = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
    "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
})


def fold_name(value: str) -> str:
    """Case, spacing, non-breaking spaces and accents folded: '  Zoë\u00a0 ŁUCJA ' -> 'zoe lucja'."""
    text = unicodedata.normalize("NFKD", value.translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().casefold()


def name_matches(wanted: str, name: str | None) -> bool:
    """``wanted`` (as typed) appears in ``name``, both folded: 'zoe' matches 'Zoë Brown'."""
    return name is not None and fold_name(wanted) in fold_name(name)
