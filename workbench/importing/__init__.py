"""Caseload import: CSV, Excel and the Ofsted Annex A workbook into cases, in one transaction.

Modules, by idea: ``reading`` (the file and its cells), ``values`` and ``headers`` (untidy
values and headers made clean), ``annex_a`` (what each list means), ``rows`` (rows into
records), ``sheets`` (which sheets, which header row), ``cases`` (records into one case per
child per worker), ``prepare`` (all of that, writing nothing), ``reconcile`` (the database, in
bulk), ``report`` and ``service``.

The names below are imported when first used: the process a large file is read in imports
``prepare`` alone, without SQLAlchemy and the models (see ``worker``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.importing.errors import ImportFailed
    from workbench.importing.preview import ImportPreview, PlannedClosure
    from workbench.importing.reading import MAX_FILE_BYTES
    from workbench.importing.report import CreatedStaff, ImportReport
    from workbench.importing.rows import RowProblem, UnallocatedRow
    from workbench.importing.service import import_caseload, plan_import
    from workbench.importing.undo import ImportSummary, UndoReport, list_imports, undo_import

_MODULE_OF = {
    "ImportFailed": "errors", "ImportPreview": "preview", "PlannedClosure": "preview",
    "MAX_FILE_BYTES": "reading", "CreatedStaff": "report", "ImportReport": "report",
    "RowProblem": "rows", "UnallocatedRow": "rows", "import_caseload": "service",
    "plan_import": "service", "ImportSummary": "undo", "UndoReport": "undo",
    "list_imports": "undo", "undo_import": "undo",
}

__all__ = [
    "MAX_FILE_BYTES",
    "CreatedStaff",
    "ImportFailed",
    "ImportPreview",
    "ImportReport",
    "ImportSummary",
    "PlannedClosure",
    "RowProblem",
    "UnallocatedRow",
    "UndoReport",
    "import_caseload",
    "list_imports",
    "plan_import",
    "undo_import",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value
