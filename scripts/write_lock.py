"""Write requirements.lock: every distribution installed in this environment, pinned.

`make lock` runs it after installing the newest versions pyproject.toml allows; `make` then
installs with the lock as constraints, so a fresh machine gets the versions that were tested.
"""

from __future__ import annotations

import sys
from importlib.metadata import distributions
from pathlib import Path

from packaging.utils import canonicalize_name

PROJECT = "practice-supervision-workbench"
HEADER = ("# The versions `make test` passed with; `make` installs with these as constraints.\n"
          "# Written by `make lock` (scripts/write_lock.py); edit pyproject.toml, not this file.\n")


def pins() -> list[str]:
    found = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    for name in (PROJECT, "pip", "setuptools"):  # the project itself, and the installer's own
        found.pop(canonicalize_name(name), None)
    return [f"{name}=={version}" for name, version in sorted(found.items())]


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "requirements.lock")
    target.write_text(HEADER + "\n".join(pins()) + "\n", encoding="utf-8")
    print(f"{target}: {len(pins())} pinned", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
