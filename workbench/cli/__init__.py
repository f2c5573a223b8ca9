"""The command line: `workbench SUBCOMMAND ...` for headless work; no subcommand opens the app.

Each subcommand lives in its own module with ``register(subparsers)``, which adds a parser
whose ``handler`` default takes the parsed arguments and a :class:`CliContext` and
returns the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NoReturn

from workbench.app_options import add_app_options
from workbench.settings import keep_new_files_private

# Modules that register subcommands, in the order --help lists them.
SUBCOMMAND_MODULES = (
    "workbench.cli.caseload_commands",
    "workbench.cli.record_commands",
    "workbench.cli.oversight_commands",
    "workbench.cli.audit_commands",
    "workbench.cli.authority_commands",
    "workbench.cli.staff_commands",
    "workbench.cli.server_commands",
)

GUI_ENTRY_POINT_GROUP = "workbench.gui"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Practice Supervision Workbench: case supervision notes for children's social "
        "care. With no subcommand, opens the desktop app.",
    )
    _add_top_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        import_module(name).register(subparsers)
    return parser


def _add_top_options(parser: argparse.ArgumentParser) -> None:
    add_app_options(parser)
    parser.add_argument("--as", metavar="NAME", dest="as_name",
                        help="act as this person (passphrase from WORKBENCH_SIGN_IN_PASSPHRASE, or asked "
                        "when run at a terminal): needed for commands that read children's records or "
                        "change data (import, caseload, export, staff) once the database is set up, "
                        "except on the demo database; checked by role as in the app, and audited with "
                        "your OS user and computer. Checking commands (audit verify, verify, backup) "
                        "need no --as")


class _NotJustOptions(Exception):
    pass


class _TopOptionsParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotJustOptions(message)


def _only_top_options(argv: Sequence[str]) -> bool:
    """True when ``argv`` is nothing but the top-level options, exactly spelt and well formed:
    then there is no subcommand and the desktop app opens, and the subcommand modules need not
    be imported (the app's first paint waits for whatever is imported here). Anything else
    (a subcommand, --help, an abbreviation, a mistake) is left to the full parser to read or
    report, as before."""
    parser = _TopOptionsParser(prog="workbench", add_help=False, allow_abbrev=False)
    _add_top_options(parser)
    try:
        _known, rest = parser.parse_known_args(list(argv))
    except _NotJustOptions:
        return False
    return not rest


def _open_gui(argv: Sequence[str]) -> int:
    from importlib.metadata import entry_points

    # The core never imports the UI: the desktop app registers itself as an entry point.
    found = entry_points(group=GUI_ENTRY_POINT_GROUP)
    if not found:
        print("The desktop app is not installed; use a subcommand (see --help).", file=sys.stderr)
        return 2
    launch: Callable[[Sequence[str]], int] = next(iter(found)).load()
    return launch(argv)


def main(argv: Sequence[str] | None = None) -> int:
    keep_new_files_private()
    argv = list(sys.argv[1:] if argv is None else argv)
    if _only_top_options(argv):
        return _open_gui(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_gui(argv)
    from workbench.cli.context import CliContext, CliError

    context = CliContext.from_args(args)
    try:
        status: int = args.handler(args, context)
        return status
    except CliError as error:
        print(f"workbench {args.command}: {error}", file=sys.stderr)
        return error.status
    except BrokenPipeError:
        # The reader went away (`workbench caseload --json | head`): not an error. Point stdout
        # at /dev/null so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        # A refusal by the core is written to be read as it is (imported here: the desktop app
        # starts through this module, and its first paint must not wait for SQLAlchemy).
        from workbench.access import AccessDenied

        if isinstance(error, AccessDenied):
            print(f"workbench {args.command}: {error}", file=sys.stderr)
            return 1
        # Disk full, database locked, server gone...: a message, not a traceback.
        from workbench.errors import classify

        problem = classify(error)
        if problem is not None:
            print(f"workbench {args.command}: {problem.user_message}", file=sys.stderr)
            return 3
        if isinstance(error, OSError):
            # A file or folder the command was pointed at: missing, a folder, not allowed...
            print(f"workbench {args.command}: {_describe_os_error(error)}", file=sys.stderr)
            return 3
        raise
    finally:
        context.close()


def _describe_os_error(error: OSError) -> str:
    what = error.strerror or type(error).__name__
    where = f" ({error.filename})" if error.filename else ""
    return f"{what}{where}. Check the path and try again."
