"""Migration 0006 folds the stored team and staff name keys without accents, as fold_name does."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import alembic_config, upgrade_to_head
from workbench.names import fold_name


def test_stored_name_keys_are_folded_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO team (id, name, name_key, created_at) VALUES "
                                "(1, 'Équipe Nord', 'équipe nord', '2026-01-01 00:00:00')"))
        for staff_id, name in ((1, "Zoë Łucja"), (2, "Zoe Lucja"), (3, "Ann Smith")):
            connection.execute(text(
                "INSERT INTO staff (id, name, name_key, role, team_id, active, created_at) VALUES "
                "(:id, :name, :key, 'worker', 1, 1, '2026-01-01 00:00:00')"),
                {"id": staff_id, "name": name, "key": name.casefold()})
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name_key FROM team")).scalar_one() == "equipe nord"
        keys = dict(connection.execute(text("SELECT id, name_key FROM staff")).all())
    engine.dispose()
    assert fold_name("Équipe Nord") == "equipe nord"
    # Zoë's key becomes Zoe's unless that would make two people of one team the same key.
    assert keys[2] == "zoe lucja"
    assert keys[1] == "zoë łucja"
    assert keys[3] == "ann smith"
