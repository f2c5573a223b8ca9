"""The settings: validated, versioned, in the config folder; an unusable file never stops the app."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import FixedClock
from workbench.intervals import Interval
from workbench.oversight.policy import DEFAULT_POLICY
from workbench.settings import (
    SETTINGS_VERSION,
    Preferences,
    Settings,
    SettingsError,
    config_dir,
    data_dir,
)

CLOCK = FixedClock(dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC))


def test_settings_live_in_the_config_folder_not_the_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path / "config"))
    settings = Settings.load()
    settings.set("idle_lock_minutes", 5)
    assert settings.path == tmp_path / "config" / "settings.json"
    assert json.loads(settings.path.read_text(encoding="utf-8"))["idle_lock_minutes"] == 5
    assert not (data_dir() / "settings.json").exists()
    assert Settings.load().get("idle_lock_minutes") == 5


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert settings.problem is None
    assert settings.preferences() == Preferences(
        database_url="", idle_lock_minutes=15, backup_interval_hours=24,
        supervision_interval="monthly", asye_stages=(("6 weeks", "weekly"), ("6 months", "fortnightly")))
    assert settings.oversight_policy() == DEFAULT_POLICY
    assert not (tmp_path / "settings.json").exists()  # nothing written until something is set


@pytest.mark.parametrize(("key", "value", "says"), [
    ("idle_lock_minutes", -1, "idle_lock_minutes must be from 0 to 1440 minutes"),
    ("idle_lock_minutes", "15", "idle_lock_minutes must be a whole number, not text"),
    ("idle_lock_minutes", True, "idle_lock_minutes must be a whole number, not true/false"),
    ("backup_interval_hours", 10**6, "backup_interval_hours must be from 0 to"),
    ("database_url", "mysql://me:secret@host/db", "a PostgreSQL URL such as"),
    ("supervision_interval", "every so often", "is not an interval"),
    ("asye_stages", [{"until": "6 months", "every": "weekly"}, {"until": "6 weeks", "every": "fortnightly"}],
     "stage 2 must end later than stage 1"),
])
def test_a_bad_value_is_refused_with_what_is_wrong_and_nothing_is_saved(
        tmp_path: Path, key: str, value: object, says: str) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.set("idle_lock_minutes", 7)
    before = settings.path.read_bytes()
    with pytest.raises(SettingsError, match=says) as raised:
        settings.update({"backup_interval_hours": 2, key: value})
    assert "secret" not in str(raised.value)  # a URL's password is never repeated
    assert settings.path.read_bytes() == before
    assert settings.get("backup_interval_hours") == 24


def test_upgrade_from_version_1_in_the_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Version 1 lived in the data folder, sometimes without a version, and took a negative idle
    lock to mean never: it is moved to the config folder as version 2, meaning the same."""
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path / "config"))
    old = data_dir() / "settings.json"
    old.write_text(json.dumps({"settings_version": 1, "database_url": "postgresql://ann@db/team",
                               "idle_lock_minutes": -5, "backup_interval_hours": 6,
                               "someone_elses_key": "kept"}), encoding="utf-8")
    settings = Settings.load()
    assert settings.problem is None
    assert settings.path == config_dir() / "settings.json"
    stored = json.loads(settings.path.read_text(encoding="utf-8"))
    assert stored["settings_version"] == SETTINGS_VERSION == 2
    assert stored["database_url"] == "postgresql://ann@db/team"
    assert stored["idle_lock_minutes"] == 0  # "never", as -5 meant in version 1
    assert stored["backup_interval_hours"] == 6
    assert stored["someone_elses_key"] == "kept"
    assert settings.oversight_policy() == DEFAULT_POLICY  # new in version 2, at its defaults
    assert not old.exists()
    assert old.with_name("settings.json.old").exists()
    assert Settings.load().get("database_url") == "postgresql://ann@db/team"


def test_a_version_1_file_without_a_version_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"backup_interval_hours": -1}', encoding="utf-8")
    settings = Settings(path)
    assert settings.get("backup_interval_hours") == 0
    assert json.loads(path.read_text(encoding="utf-8"))["settings_version"] == 2


@pytest.mark.parametrize(("content", "reason"), [
    (b"\x00\x9f\x92\x96 garbage \xff\xfe", "it is not UTF-8 text"),
    ('{"idle_lock_minutes": 10, "database_url": "caf\u00e9"}'.encode("latin-1"), "it is not UTF-8 text"),
    (b'{"idle_lock_minutes": 10,', "it is not valid JSON (line 1"),
    (b"[1, 2, 3]", "it holds a list instead of a table of settings"),
    (b'{"idle_lock_minutes": "ten", "asye_stages": {"until": 1}}',
     "idle_lock_minutes must be a whole number, not text; asye_stages must be a list, not a table"),
    (b'{"settings_version": "two"}', "its settings_version is not a version number"),
    (b"[" * 100_000 + b"]" * 100_000, "it is nested too deeply to be settings"),
    (b'{"ui_state": {"window": "' + b"x" * 2_000_000 + b'"}}', "far more than settings ever take"),
    (b'{"ui_state": {"window": "' + b"x" * 30_000 + b'"}}', "ui_state must map names to short texts"),
])
def test_an_unusable_file_is_kept_aside_reported_and_replaced_by_the_defaults(
        tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    settings = Settings(path, clock=CLOCK)
    problem = settings.problem
    assert problem is not None
    kept = tmp_path / f"settings.json.bad-{CLOCK().astimezone():%Y%m%d-%H%M%S}"
    assert problem.kept_at == kept
    assert kept.read_bytes() == content  # the bad file, exactly as it was
    assert reason in problem.message
    assert str(path) in problem.message
    assert str(kept) in problem.message
    assert "uses its default settings" in problem.message
    assert settings.preferences() == Settings(tmp_path / "none.json").preferences()
    reread = Settings(path)  # the defaults were written: the next start has nothing to report
    assert reread.problem is None
    assert reread.get("idle_lock_minutes") == 15


def test_a_second_bad_file_the_same_second_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"first")
    Settings(path, clock=CLOCK)
    path.write_bytes(b"second")
    second = Settings(path, clock=CLOCK).problem
    assert second is not None
    assert second.kept_at is not None
    assert second.kept_at.name.endswith("-2")
    assert sorted(p.read_bytes() for p in tmp_path.glob("settings.json.bad-*")) == [b"first", b"second"]


def test_a_file_from_a_newer_version_is_used_not_thrown_away(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"settings_version": 9, "idle_lock_minutes": 3, "new_idea": 1}', encoding="utf-8")
    settings = Settings(path)
    assert settings.problem is None
    assert settings.get("idle_lock_minutes") == 3
    settings.set("idle_lock_minutes", 4)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == {"settings_version": 9, "idle_lock_minutes": 4, "new_idea": 1}


def test_saved_preferences_give_the_policy_the_oversight_uses(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.save_preferences(Preferences(
        database_url="", idle_lock_minutes=30, backup_interval_hours=12,
        supervision_interval="3 weeks", asye_stages=(("4 weeks", "1 week"), ("3 months", "14 days"))))
    again = Settings(tmp_path / "settings.json")
    assert again.get("asye_stages") == [{"until": "4 weeks", "every": "weekly"},
                                        {"until": "3 months", "every": "fortnightly"}]
    policy = again.oversight_policy()
    start = dt.date(2026, 1, 5)
    assert policy.next_due(dt.date(2026, 3, 2), None) == dt.date(2026, 3, 23)  # every 3 weeks
    assert policy.interval_on(dt.date(2026, 1, 26), start) == Interval(days=7)
    assert policy.interval_on(dt.date(2026, 2, 3), start) == Interval(days=14)  # after 4 weeks
    assert policy.interval_on(dt.date(2026, 4, 6), start) == Interval(days=21)  # after 3 months


def test_the_remembered_layout_is_kept_with_the_settings(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.remember_ui_state({"window/geometry": "AdnQywAD", "caseload/splitter/0": "AAAA"})
    settings.remember_ui_state({"window/geometry": "AdnQ"})
    again = Settings(tmp_path / "settings.json")
    assert again.ui_state("window/geometry") == "AdnQ"
    assert again.ui_state("caseload/splitter/0") == "AAAA"
    assert again.ui_state("nothing") is None


@pytest.mark.parametrize("interval", [Interval(months=1), Interval(days=7), Interval(days=14),
                                      Interval(days=42), Interval(days=10), Interval(months=6)])
def test_an_interval_reads_back_from_its_words(interval: Interval) -> None:
    assert Interval.parse(interval.text) == interval


def test_a_config_folder_that_cannot_be_made_leaves_the_defaults_in_use(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path / "a file" / "config"))
    settings = Settings.load()
    assert settings.problem is not None
    assert settings.problem.message.startswith(
        f"The settings in {tmp_path / 'a file' / 'config' / 'settings.json'} could not be used "
        "(its folder could not be made: ")
    assert settings.problem.message.endswith("The workbench uses its default settings; nothing "
                                             "was moved or changed. Set your preferences again "
                                             "in Edit > Preferences…")
    assert settings.get("idle_lock_minutes") == 15
    with pytest.raises(NotADirectoryError):  # saving says so (the dialog shows it)
        settings.set("idle_lock_minutes", 3)
    assert settings.get("idle_lock_minutes") == 15  # not half-changed
