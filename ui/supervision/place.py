"""Where each draft was left (page, child, step), so a restart reopens it there.

Kept beside the user's data as a small JSON file, written atomically on every move; it holds
ids only, never note text. A missing or damaged file just means starting at the agenda.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ui.supervision.flow import Place

log = logging.getLogger(__name__)

FILE_NAME = "supervision-places.json"
KEEP = 20  # the most recent sessions remembered


class PlaceMemory:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def recall(self, session_id: int) -> Place | None:
        return Place.from_json(self._read().get(str(session_id)))

    def remember(self, session_id: int, place: Place) -> None:
        data = self._read()
        data.pop(str(session_id), None)
        data[str(session_id)] = place.as_json()
        while len(data) > KEEP:
            data.pop(next(iter(data)))
        try:
            from workbench.files import write_atomically

            write_atomically(self.path, json.dumps(data).encode("utf-8"))
        except OSError as error:  # losing the place is an inconvenience, not a loss of data
            log.warning("could not remember the place in the session: %s", error)
