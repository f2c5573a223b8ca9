"""The command line run in-process as a named person, for the tests that drive it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workbench.cli import main

CliRun = Callable[..., tuple[int, str, str]]


def cli_runner(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    """``run(*args, passphrase=None)`` -> (exit status, stdout, stderr) of ``workbench --database
    db_url *args``; ``passphrase`` is the ``--as`` person's (WORKBENCH_SIGN_IN_PASSPHRASE)."""
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)

    def run(*args: str, passphrase: str | None = None) -> tuple[int, str, str]:
        if passphrase is None:
            monkeypatch.delenv("WORKBENCH_SIGN_IN_PASSPHRASE", raising=False)
        else:
            monkeypatch.setenv("WORKBENCH_SIGN_IN_PASSPHRASE", passphrase)
        status = main(["--database", db_url, *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run
