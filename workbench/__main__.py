"""`python -m workbench`: the command line, or the desktop app with no subcommand."""

import sys

from workbench.cli import main

sys.exit(main())
