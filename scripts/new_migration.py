"""Autogenerate a migration from the models: python scripts/new_migration.py "message" [rev-id]."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from db.engine import make_engine
from db.migrate import alembic_config, upgrade_to_head


def main() -> None:
    message = sys.argv[1]
    rev_id = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'scratch.db'}")
        upgrade_to_head(engine)
        command.revision(alembic_config(engine), message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    main()
