"""One folding of names: case, spacing and accents, including letters NFKD keeps whole."""

from __future__ import annotations

import pytest

from workbench.names import fold_name, name_matches


@pytest.mark.parametrize(("typed", "stored"), [
    ("zoe", "Zoë"), ("lucja", "Łucja"), ("LUCJA  nowak", "Łucja\u00a0Nowak"), ("bjorn", "Bjørn"),
    ("jose", "José"), ("francoise", "FRANÇOISE"), ("strasse", "Straße"),
])
def test_names_match_without_case_or_accents(typed: str, stored: str) -> None:
    assert fold_name(typed) == fold_name(stored)
    assert name_matches(typed, f"{stored} Smith")


def test_different_names_stay_different() -> None:
    assert not name_matches("zoe", "Zara Brown")
    assert not name_matches("zoe", None)
    assert fold_name("  Ann\u00a0 SMITH ") == "ann smith"
