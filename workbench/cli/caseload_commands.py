"""Subcommands about caseloads: import, caseload, demo."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    del subparsers  # the import, caseload and demo subcommands are added here
