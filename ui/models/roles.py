"""Item data roles shared by the workbench's models and views."""

from __future__ import annotations

from PySide6.QtCore import Qt

#: The domain object behind a row (an immutable record from the services: frozen dataclass, named tuple).
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value that sorts correctly (ordinals for dates, ints for numbers, folded text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The folded text the filter line edit matches against.
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3
