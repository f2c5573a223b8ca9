"""The caseload chart's order and row geometry: pure, no matplotlib, so the UI's table, the
chart and the tests agree on one order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.caseload_scores import GlanceRow

#: The glance chart shows at most this many children (the lowest first) unless told otherwise.
MAX_GLANCE_ROWS = 60


def glance_sort_key(row: GlanceRow) -> tuple[bool, float, float, bool, str, int]:
    """Lowest latest score first; at equal scores the steepest fall first; then overdue first.

    Children with no score yet come after every scored child (there is nothing to rank them
    by), overdue ones first among them. A first score (no previous) counts as no change.
    """
    change = row.change if row.change is not None else 0.0
    latest = row.latest_score if row.latest_score is not None else 0.0
    return (row.latest_score is None, latest, change, not row.overdue, row.child_label.casefold(),
            row.case_id)


def glance_order(rows: Iterable[GlanceRow]) -> list[GlanceRow]:
    """The rows as the glance chart lists them, top to bottom."""
    return sorted(rows, key=glance_sort_key)


def case_at_row(case_ids: Sequence[int], y: float) -> int | None:
    """The case drawn at data height ``y`` (row i is centred on y = i), or None between rows."""
    index = round(y)
    if 0 <= index < len(case_ids) and abs(y - index) <= 0.5:
        return case_ids[index]
    return None
