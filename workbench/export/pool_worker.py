"""What a process of the export's PDF-making pool runs.

Kept apart from :mod:`workbench.export.batch` so that a new (spawned) process imports almost
nothing before :func:`init` lowers its CPU priority: reportlab and pyHanko then never take a
core from the app, whose UI thread (and whichever of its threads holds the GIL the UI waits
for) wins every contest for the CPU. On a two-core machine with an import running, two pool
processes at normal priority starved the app for tens of milliseconds at a time.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.export.making import ReplayPlan
    from workbench.export.stored import MadeDocument
    from workbench.signing.identity import SigningIdentity

Transport = tuple[bytes, bytes]
BACKGROUND_NICENESS = 10

_keys: dict[int, SigningIdentity] = {}


def lower_priority() -> None:
    """This process yields the CPU to the app (best effort: not every system allows it)."""
    nice = getattr(os, "nice", None)  # POSIX only
    if nice is not None:
        # A refused change leaves the work correct, only less polite.
        with contextlib.suppress(OSError):
            nice(BACKGROUND_NICENESS)


def init(transport: dict[int, Transport]) -> None:
    """Pool initializer: priority first, then the signers' keys and the heavy imports (paid
    once per process, before the first job)."""
    lower_priority()
    global _keys
    from workbench.signing.identity import SigningIdentity

    _keys = {k: SigningIdentity.from_transport(v) for k, v in transport.items()}
    import pyhanko.sign  # noqa: F401
    import reportlab.platypus  # noqa: F401


def replay_job(plan: ReplayPlan) -> list[MadeDocument]:
    from workbench.export.making import replay

    return replay(plan, _keys)
