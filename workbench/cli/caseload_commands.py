"""Subcommands about caseloads: import, caseload, demo. (Filled in by the foundation work.)"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    # Placeholder parsers are added by the importer / demo work.
    del subparsers


__all__ = ["register", "argparse"]
