"""What a fresh machine installs is what was tested, and the app carries its licence, icon
and desktop entry (the bundle itself is built and started by `make package`)."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            assert pinned, f"requirements.lock: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = pinned
    return pins


def _declared() -> list[Requirement]:
    extras = PROJECT["optional-dependencies"]
    return [Requirement(text) for text in [*PROJECT["dependencies"], *extras["dev"], *extras["package"]]]


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_every_declared_dependency_is_locked_within_its_range(requirement: Requirement) -> None:
    pins = _lock()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is declared but not in requirements.lock: run `make lock`"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"requirements.lock pins {requirement.name}=={pins[name]}, outside {requirement.specifier}")


@pytest.mark.parametrize("requirement", [Requirement(t) for t in PROJECT["dependencies"]], ids=str)
def test_the_suite_runs_on_the_locked_versions(requirement: Requirement) -> None:
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        pytest.fail(f"{requirement.name} is declared but not installed: run `make setup`")
    assert installed == _lock()[canonicalize_name(requirement.name)], (
        f"{requirement.name} {installed} is installed, the lock says otherwise: `make` installs "
        "from the lock; after upgrading on purpose, run `make lock`")


def test_zero_dot_libraries_have_an_upper_bound() -> None:
    # A 0.x library may break its API in any minor release: each is capped below 1.
    for text in PROJECT["dependencies"]:
        requirement = Requirement(text)
        lowest = min((s.version for s in requirement.specifier if s.operator == ">="), default="")
        if lowest.startswith("0."):
            assert any(s.operator == "<" for s in requirement.specifier), f"{text} has no upper bound"


def test_the_licence_is_shipped_and_named() -> None:
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PROJECT["license-files"] == ["LICENSE"]


def test_the_desktop_entry_starts_the_app_with_its_icon() -> None:
    lines = (ROOT / "packaging" / "workbench.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    desktop = dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] in PROJECT["gui-scripts"]
    assert desktop["Name"] == "Practice Supervision Workbench"
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")


def test_the_window_has_the_app_icon(qapp: object) -> None:
    from ui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64
    ico = (ROOT / "resources" / "icons" / "workbench.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert int.from_bytes(ico[4:6], "little") >= 6  # with its sizes from 16 to 256
