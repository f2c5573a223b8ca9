"""Data the benchmark builds for itself: nothing is downloaded."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

from db.engine import make_engine
from db.migrate import upgrade_to_head

TODAY = dt.date(2026, 11, 26)


def demo_database(path: Path, *, scale: int) -> str:
    """The demo team scaled up (120 children a unit), as a plain SQLite file."""
    from db.engine import make_db_factory
    from workbench.demo import build_demo

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    build_demo(make_db_factory(engine), today=TODAY, scale=scale)
    engine.dispose()
    return url


def million_scores_database(path: Path, *, cases: int = 10_000, sessions_per_case: int = 25,
                            scores_per_discussion: int = 4, seed: int = 7,
                            start: dt.datetime = dt.datetime(2024, 1, 1, 10)) -> tuple[str, list[int]]:
    """A database holding cases * sessions * scores scaling scores (1,000,000 by default).

    Written with plain sqlite3 executemany into the migrated schema: the ORM would take
    minutes, and the point is the read, not the write.
    """
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    rng = random.Random(seed)
    now = "2026-11-26 10:00:00.000000"
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA journal_mode=MEMORY")
    with con:
        con.execute("INSERT INTO team (id, name, name_key, created_at) VALUES (1, 'T', 't', ?)", (now,))
        con.execute("INSERT INTO question_set_version (id, set_key, version, title, sha256, content) "
                    "VALUES (1, 'default', 1, 't', ?, '{}')", ("0" * 64,))
        workers = cases // 50
        con.executemany(
            "INSERT INTO staff (id, name, name_key, role, team_id, active, created_at) "
            "VALUES (?, ?, ?, ?, 1, 1, ?)",
            [(i, f"W{i}", f"w{i}", "worker" if i > 1 else "team_manager", now)
             for i in range(1, workers + 2)],
        )
        con.executemany(
            "INSERT INTO child (id, la_child_id, created_at) VALUES (?, ?, ?)",
            [(c, f"C{c:06d}", now) for c in range(1, cases + 1)],
        )
        con.executemany(
            "INSERT INTO case_allocation (id, child_id, worker_id, team_id, kind, key_dates, details, "
            "created_at, updated_at) VALUES (?, ?, ?, 1, 'child_in_need', '{}', '{}', ?, ?)",
            [(c, c, 2 + (c - 1) // 50, now, now) for c in range(1, cases + 1)],
        )
        session_rows, worries, discussion_rows, score_rows = [], [], [], []
        session_id = discussion_id = score_id = 0
        worry_ids: dict[int, list[int]] = {}
        for c in range(1, cases + 1):
            worry_ids[c] = [len(worries) + k + 1 for k in range(scores_per_discussion // 2)]
            worries.extend((w, c, f"Danger statement {w}", now) for w in worry_ids[c])
        for w in range(workers):
            for n in range(sessions_per_case):
                session_id += 1
                at = (start + dt.timedelta(days=28 * n)).strftime("%Y-%m-%d %H:%M:%S.%f")
                session_rows.append((session_id, 1, 2 + w, at, now, now))
                for c in range(1 + w * 50, 1 + (w + 1) * 50):
                    discussion_id += 1
                    discussion_rows.append((discussion_id, session_id, c, c, now))
                    for k in range(scores_per_discussion):
                        score_id += 1
                        score_rows.append((score_id, discussion_id, c, at, worry_ids[c][k % 2],
                                           "worker" if k < 2 else "supervisor", rng.randint(0, 10), now))
        con.executemany("INSERT INTO worry (id, case_id, danger_statement, safety_goal, created_at) "
                        "VALUES (?, ?, ?, '', ?)", worries)
        con.executemany(
            "INSERT INTO supervision_session (id, supervisor_id, supervisee_id, meeting_at, kind, status, "
            "question_set_version_id, present, blind_scaling, workload, wellbeing, learning_development, "
            "appreciative_inquiry, created_at, updated_at) VALUES (?, ?, ?, ?, 'case_one_to_one', 'draft', "
            "1, '[]', 0, '', '', '', '', ?, ?)", session_rows)
        con.executemany(
            "INSERT INTO case_discussion (id, session_id, child_id, case_id, agenda_position, "
            "agenda_reasons, answers, child_voice, impact_statement, escalation_decision, "
            "score_difference_note, updated_at) "
            "VALUES (?, ?, ?, ?, 0, '[]', '{}', '', '', '', '', ?)", discussion_rows)
        con.executemany(
            "INSERT INTO scaling_score (id, discussion_id, case_id, meeting_at, worry_id, rater_role, score, "
            "reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)", score_rows)
    con.execute("ANALYZE")
    con.close()
    return url, rng.sample(range(1, cases + 1), min(200, cases))
