"""`workbench authority ...`: the organisation's signing authority, made or imported by an admin.

Passphrases come from the environment (for scripts), else the keyring where it is secure, else
a prompt on the terminal:

- WORKBENCH_AUTHORITY_PASSPHRASE: protects (create, import) or opens (issue) the authority's key;
- WORKBENCH_KEY_PASSPHRASE: protects a person's new key where there is no secure keyring;
- WORKBENCH_P12_PASSWORD: the password of the PKCS#12 file being imported.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from workbench.cli.context import CliContext, CliError

AUTHORITY_PASSPHRASE_ENV = "WORKBENCH_AUTHORITY_PASSPHRASE"
KEY_PASSPHRASE_ENV = "WORKBENCH_KEY_PASSPHRASE"
P12_PASSWORD_ENV = "WORKBENCH_P12_PASSWORD"


def register(subparsers: Any) -> None:
    authority = subparsers.add_parser(
        "authority", help="the organisation's signing authority (admins)",
        description="The signing authority issues everyone's signing identity, so their "
        "signatures verify as trusted. An admin creates it once (or imports the council's own CA), "
        "then issues an identity to each person.")
    actions = authority.add_subparsers(dest="authority_command", metavar="ACTION", required=True)

    show = actions.add_parser("show", help="which authority this database trusts, and who has "
                              "a trusted identity")
    _keys_option(show)
    show.set_defaults(handler=_show)

    create = actions.add_parser(
        "create", help="create the organisation's signing authority",
        description="Make a new signing authority (EC P-256, 10 years). Its key is kept encrypted "
        "in the keys folder, opened from the keyring (where it is secure) or by a passphrase.")
    create.add_argument("--name", required=True,
                        help="its name, e.g. \"Northgate Council children's services\"")
    create.add_argument("--organisation", help="the organisation, printed in certificates")
    create.add_argument("--passphrase", action="store_true",
                        help="protect its key by a passphrase you type, not the keyring (then "
                        "issuing an identity asks for it)")
    create.add_argument("--replace", action="store_true",
                        help="replace a lost or compromised authority (its signatures stay trusted)")
    _keys_option(create)
    create.set_defaults(handler=_create)

    imported = actions.add_parser(
        "import", help="use the council's own CA (a PKCS#12 file with its key) as the authority",
        description="Import a certificate authority's key and certificate from a PKCS#12 "
        "(.p12/.pfx) file; its password is asked for (or WORKBENCH_P12_PASSWORD).")
    imported.add_argument("file", type=Path, metavar="FILE.p12")
    imported.add_argument("--passphrase", action="store_true",
                          help="protect its key here by a passphrase you type, not the keyring")
    imported.add_argument("--replace", action="store_true",
                          help="replace the current authority (its signatures stay trusted)")
    _keys_option(imported)
    imported.set_defaults(handler=_import)

    issue = actions.add_parser(
        "issue", help="issue a person their signing identity from the authority",
        description="Give a person a new key and a certificate issued by the organisation's "
        "authority (replacing a self-issued one). Their old certificates are kept, so what they "
        "signed before still verifies.")
    who = issue.add_mutually_exclusive_group(required=True)
    who.add_argument("--for", dest="person", metavar="NAME", help="the person's name")
    who.add_argument("--all", action="store_true",
                     help="everyone active who has no trusted identity yet")
    _keys_option(issue)
    issue.set_defaults(handler=_issue)

    export = actions.add_parser(
        "export-cert", help="write the authority's certificate (PEM) for verifying elsewhere",
        description="Write the authority's public certificate. Anyone can check a signed PDF "
        "with it: `workbench verify --trust FILE.pem NOTE.pdf`, or by adding it to their PDF "
        "reader's trusted certificates.")
    export.add_argument("file", type=Path, metavar="FILE.pem")
    export.set_defaults(handler=_export_cert)


def _keys_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keys", type=Path, help="the keys folder (default: <data folder>/keys)")


def _store(args: argparse.Namespace, context: CliContext) -> Any:
    from workbench.settings import data_dir
    from workbench.signing.identity import IdentityStore

    keys = Path(args.keys) if getattr(args, "keys", None) else data_dir() / "keys"
    return IdentityStore(keys, context.secrets, context.clock, context.audit)


def _actor(context: CliContext) -> Any:
    """The signed-in person when the command line names one (None: whoever holds the database)."""
    return getattr(context, "actor", None)


def _secret(context: CliContext, env: str, prompt: str, *, confirm: bool = False) -> str:
    given = context.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CliError(f"{prompt.rstrip(': ')} is needed: type it at a terminal, or set {env}.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again, to check: ") != first:
        raise CliError("The two passphrases differ; nothing was changed. Try again.")
    return first


def _new_authority_passphrase(args: argparse.Namespace, context: CliContext) -> str | None:
    if args.passphrase or not context.secrets.is_secure() or context.environ.get(AUTHORITY_PASSPHRASE_ENV):
        return _secret(context, AUTHORITY_PASSPHRASE_ENV,
                       "Passphrase to protect the authority's key (8 characters or more): ",
                       confirm=True)
    return None  # a random secret in the keyring


def _signing_errors() -> tuple[type[Exception], ...]:
    from workbench.access import AccessDenied
    from workbench.errors import PassphraseRequired, WrongPassphrase
    from workbench.signing.identity import SigningError

    return (SigningError, AccessDenied, PassphraseRequired, WrongPassphrase)


def _create(args: argparse.Namespace, context: CliContext) -> int:
    from db.engine import transaction
    from workbench.signing.authority import create_authority, current_authority

    store = _store(args, context)
    passphrase = _new_authority_passphrase(args, context)
    try:
        with transaction(context.database.db) as s:
            create_authority(s, store, actor=_actor(context), name=args.name,
                             organisation=args.organisation, passphrase=passphrase,
                             replace=args.replace)
            info = current_authority(s, store)
    except _signing_errors() as error:
        raise CliError(str(error)) from error
    assert info is not None
    print(f"Created the signing authority {info.describe()}", file=context.out)
    print("Next: issue each person their identity (workbench authority issue --all), and keep "
          "the keys folder in your backups.", file=context.out)
    return 0


def _import(args: argparse.Namespace, context: CliContext) -> int:
    from db.engine import transaction
    from workbench.signing.authority import current_authority, import_authority

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise CliError(f"Cannot read {args.file}: {error.strerror}. Check the path.") from error
    store = _store(args, context)
    password = _secret(context, P12_PASSWORD_ENV, f"Password of {args.file.name}: ")
    passphrase = _new_authority_passphrase(args, context)
    try:
        with transaction(context.database.db) as s:
            import_authority(s, store, data, password, actor=_actor(context), passphrase=passphrase,
                             replace=args.replace)
            info = current_authority(s, store)
    except _signing_errors() as error:
        raise CliError(str(error)) from error
    assert info is not None
    print(f"Imported the signing authority {info.describe()}", file=context.out)
    return 0


def _people(s: Any, store: Any, args: argparse.Namespace) -> list[Any]:
    from sqlalchemy import select

    from db.enums import Role
    from db.models import Staff
    from workbench.names import fold_name
    from workbench.signing.authority import IdentityKind, identity_kind

    active = s.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.name, Staff.id)).all()
    if args.all:  # admins sign no records
        return [p for p in active if identity_kind(s, store, p) is not IdentityKind.TRUSTED
                and p.role is not Role.ADMIN]
    found = [p for p in active if p.name_key == fold_name(args.person)
             or fold_name(p.name) == fold_name(args.person)]
    if not found:
        raise CliError(f"No active member of staff is called {args.person!r}: check the spelling, "
                       "or ask an admin to enrol them first.")
    if len(found) > 1:
        teams = ", ".join(p.team.name if p.team else "no team" for p in found)
        raise CliError(f"{len(found)} people are called {args.person!r} ({teams}): a name must "
                       "pick one person; ask an admin to tell them apart.")
    return found


def _issue(args: argparse.Namespace, context: CliContext) -> int:
    from db.engine import transaction
    from workbench.signing.identity import PassphraseRequired

    store = _store(args, context)
    db = context.database.db
    with db() as s:
        authority = store.authority_certificate(s)
        if authority is None:
            raise CliError("This organisation has no signing authority yet: create one with "
                           "`workbench authority create --name NAME` (or import one) first.")
        names = [p.name for p in _people(s, store, args)]
    if not names:
        print("Everyone active already has a trusted identity.", file=context.out)
        return 0
    authority_passphrase = (None if store.authority_unlocks_from_keyring(authority) else
                            _secret(context, AUTHORITY_PASSPHRASE_ENV,
                                    "Passphrase of the signing authority's key: "))
    issued = 0
    try:
        with transaction(db) as s:
            for person in _people(s, store, args):
                key_passphrase = None
                if not context.secrets.is_secure():
                    key_passphrase = _secret(
                        context, KEY_PASSPHRASE_ENV,
                        f"No secure keyring here: a passphrase for {person.name}'s new key "
                        "(tell them; 8 characters or more): ", confirm=True)
                identity = store.issue(s, person, actor=_actor(context), actor_id=None,
                                       authority_passphrase=authority_passphrase,
                                       passphrase=key_passphrase)
                print(f"Issued {person.name} a signing identity ({identity.fingerprint[:23]}...).",
                      file=context.out)
                issued += 1
    except PassphraseRequired as error:
        raise CliError(f"{error} (or set {AUTHORITY_PASSPHRASE_ENV})") from error
    except _signing_errors() as error:
        raise CliError(f"{error} Nobody's identity was changed.") from error
    print(f"{issued} identit{'y' if issued == 1 else 'ies'} issued by the organisation's signing "
          "authority: their signatures now verify as trusted.", file=context.out)
    return 0


def _export_cert(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.files import write_atomically
    from workbench.signing.authority import authority_pem
    from workbench.signing.identity import SigningError

    with context.database.db() as s:
        try:
            pem = authority_pem(s)
        except SigningError as error:
            raise CliError(str(error)) from error
    target = args.file.expanduser()
    if target.is_dir():
        raise CliError(f"{target} is a folder: give the certificate a file name inside it.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, pem.encode("ascii"))
    except OSError as error:
        raise CliError(f"Cannot write {target}: {error.strerror}. Choose another place.") from error
    print(f"Wrote the signing authority's certificate to {target}. Check a signed PDF with "
          f"`workbench verify --trust {target} NOTE.pdf`.", file=context.out)
    return 0


def _show(args: argparse.Namespace, context: CliContext) -> int:
    from sqlalchemy import select

    from db.models import Staff
    from workbench.signing.authority import current_authority, identity_kind

    store = _store(args, context)
    with context.database.db() as s:
        info = current_authority(s, store)
        if info is None:
            print("No signing authority: every signature is self-issued and verifies as not "
                  "trusted. An admin creates one with `workbench authority create --name NAME`.",
                  file=context.out)
            return 1
        print(f"Signing authority: {info.describe()}", file=context.out)
        for person in s.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.name)):
            print(f"  {person.name}: {identity_kind(s, store, person).value}", file=context.out)
    return 0
