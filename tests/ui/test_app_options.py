"""The desktop app and the command line read the options they share the same way.

``workbench --demo --sign-in NAME`` goes through the CLI's parser and then the app's own (Qt's
options are mixed in); both take the options from :mod:`workbench.app_options`, so a form one
accepts the other reads to the same values.
"""

from __future__ import annotations

import pytest

from ui.app import parse_args
from workbench.cli import _only_top_options, build_parser

FORMS = [
    [],
    ["--database", "sqlite:////tmp/team.db"],
    ["--database=postgresql://ann@db.example/team"],
    ["--demo"],
    ["--sign-in", "North Team Manager"],
    ["--sign-in=North Team Manager"],
    ["--demo", "--sign-in", "Ann"],
    ["--database", "sqlite:///a.db", "--sign-in", "Ann"],
]


@pytest.mark.parametrize("argv", FORMS, ids=lambda argv: " ".join(argv) or "nothing")
def test_the_app_reads_each_form_as_the_command_line_does(argv: list[str]) -> None:
    cli = build_parser().parse_args(argv)
    app, left_for_qt = parse_args(argv)
    assert left_for_qt == []
    assert vars(app) == {name: getattr(cli, name) for name in vars(app)}


def test_the_app_reads_no_option_the_command_line_does_not_know() -> None:
    app, _ = parse_args([])
    assert set(vars(app)) <= set(vars(build_parser().parse_args([])))


def test_the_app_leaves_qts_own_options_to_qt() -> None:
    app, left_for_qt = parse_args(["--demo", "-platform", "offscreen", "--sign-in", "Ann"])
    assert (app.demo, app.sign_in) == (True, "Ann")
    assert left_for_qt == ["-platform", "offscreen"]


NOT_JUST_OPTIONS = [
    ["caseload", "--worker", "Ann"],
    ["--demo", "caseload", "--worker", "Ann"],
    ["--as", "Ann", "audit", "verify"],
    ["--help"],
    ["-h"],
    ["--data", "sqlite:///a.db"],  # an abbreviation: the full parser decides what it means
    ["--database"],
    ["--sign-in"],
    ["--demo=yes"],
    ["--"],
    ["-platform", "offscreen"],
]


@pytest.mark.parametrize("argv", [*FORMS, ["--as", "Ann"], *NOT_JUST_OPTIONS],
                         ids=lambda argv: " ".join(argv) or "nothing")
def test_the_app_opens_early_only_where_the_command_line_names_no_command(argv: list[str]) -> None:
    """The command line opens the app before it has loaded its subcommands (the window's first
    paint would wait for them) only for argv that its full parser reads as no command at all;
    everything else still goes through the full parser, with its help and its errors."""
    if not _only_top_options(argv):
        assert argv in NOT_JUST_OPTIONS
        return
    assert build_parser().parse_args(argv).command is None
