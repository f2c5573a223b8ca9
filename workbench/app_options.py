"""The options the desktop app and the command line share, defined once so that they agree.

``workbench --demo`` reaches the app through :func:`workbench.cli.main`, and the app parses
its own argv again (Qt's options are mixed in); both add these options from here.
"""

from __future__ import annotations

import argparse


def add_app_options(parser: argparse.ArgumentParser) -> None:
    """``--database URL``, ``--demo`` and ``--sign-in NAME``."""
    parser.add_argument("--database", metavar="URL",
                        help="database URL, e.g. postgresql://user@host/db (default: the embedded "
                        "SQLite file in your data folder, or WORKBENCH_DATABASE)")
    parser.add_argument("--demo", action="store_true",
                        help="use the demo database (filled with the synthetic demo team)")
    parser.add_argument("--sign-in", metavar="NAME", dest="sign_in",
                        help="desktop app: sign in as NAME without the dialog, with the passphrase "
                        "in WORKBENCH_SIGN_IN_PASSPHRASE (on the demo, the demo passphrase)")
