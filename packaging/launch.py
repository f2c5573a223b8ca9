"""The bundled app's entry point: the same `workbench` command an installed package has."""

import multiprocessing
import sys

from workbench.cli import main

if __name__ == "__main__":
    # The import and the export start worker processes; in a frozen app each of them starts
    # this same executable, which must run the worker, not the app (PyInstaller's rule).
    multiprocessing.freeze_support()
    sys.exit(main())
