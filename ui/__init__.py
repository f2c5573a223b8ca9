"""The PySide6 floor: windows, views, item models, dialogs and the background-task runner."""
