"""The Records table finds a child by id or by name, as spelled (case and accents folded)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from ui.records.model import RecordsFilter, RecordsModel
from workbench.export.finding import RecordRow


def _row(session_id: int, children: tuple[str, ...], names: tuple[str, ...]) -> RecordRow:
    return RecordRow(session_id, dt.datetime(2026, 11, session_id, 10, tzinfo=dt.UTC), "North",
                     "Sam Manager", "Alex Worker", "countersigned", children,
                     tuple(range(len(children))), False, names)


def test_a_child_is_found_by_name_without_accents(qtbot: QtBot) -> None:
    model = RecordsModel()
    model.set_rows([_row(1, ("C-1",), ("Zoë Brown",)), _row(2, ("C-2",), ("Łucja Nowak",)),
                    _row(3, ("C-3",), ("",))])
    proxy = RecordsFilter()
    proxy.setSourceModel(model)
    shown = lambda: sorted(proxy.record_at(r).session_id for r in range(proxy.rowCount()))  # noqa: E731
    proxy.set_filter(child="zoe")
    assert shown() == [1]
    proxy.set_filter(child="LUCJA")
    assert shown() == [2]
    proxy.set_filter(child="c-3")
    assert shown() == [3]
    proxy.set_filter(child="")
    assert shown() == [1, 2, 3]
