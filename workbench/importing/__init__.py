"""Caseload import: CSV, Excel and the Ofsted Annex A workbook into cases, in one transaction.

Modules, by idea: ``reading`` (the file and its cells), ``values`` and ``headers`` (untidy
values and headers made clean), ``annex_a`` (what each list means), ``rows`` (rows into
records), ``sheets`` (which sheets, which header row), ``cases`` (records into one case per
child per worker), ``reconcile`` (the database, in bulk), ``report`` and ``service``.
"""

from workbench.importing.errors import ImportFailed
from workbench.importing.preview import ImportPreview, PlannedClosure
from workbench.importing.reading import MAX_FILE_BYTES
from workbench.importing.report import CreatedStaff, ImportReport
from workbench.importing.rows import RowProblem, UnallocatedRow
from workbench.importing.service import import_caseload, plan_import
from workbench.importing.undo import ImportSummary, UndoReport, list_imports, undo_import

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
