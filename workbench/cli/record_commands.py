"""Subcommands about signed records: `workbench verify FILE.pdf ...` and `workbench export ...`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from workbench.cli.context import CliContext, CliError, iso_date, positive_int, progress_printer
from workbench.timefmt import short_time


def register(subparsers: Any) -> None:
    verify = subparsers.add_parser(
        "verify", help="check the digital signatures of exported PDFs and that they match the records",
        description="For each PDF: who signed, when, whether it is intact, whether the signer is "
        "trusted (issued by the team signing authority), and whether it matches the record in the "
        "database. Exits with status 1 if any check fails.")
    verify.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf")
    verify.add_argument("--trust", action="append", type=Path, default=[], metavar="CERT.pem",
                        help="a signing authority certificate to trust, e.g. one exported with "
                        "`workbench authority export-cert` (default: the organisation's, from the "
                        "database)")
    verify.add_argument("--keys", type=Path, help="the keys folder (default: <data folder>/keys)")
    verify.add_argument("--no-database", action="store_true",
                        help="check the signatures only, not against the records")
    verify.add_argument("--allow-untrusted", action="store_true",
                        help="do not fail for signers outside the trusted authority (self-issued)")
    verify.set_defaults(handler=_verify)

    export = subparsers.add_parser(
        "export", help="export signed records in a period as signed PDFs",
        description="Writes the supervision-file copy of each signed session, one extract per "
        "child and any signed addenda: the signed PDFs kept since sign-off (PAdES, signed by the "
        "people who signed the record), so no signing key is needed. Records signed before PDFs "
        "were kept have theirs made once, now, with the signers' keys. With no filter: every "
        "signed record in the period.")
    export.add_argument("--team", help="only this team")
    export.add_argument("--worker", help="only this worker's supervision")
    export.add_argument("--child", metavar="ID", help="only sessions that discussed this child id")
    export.add_argument("--from", dest="date_from", required=True, type=iso_date, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", required=True, type=iso_date, metavar="YYYY-MM-DD")
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.add_argument("--kinds", default="note,extract",
                        help="which documents: note, extract or both (default: note,extract)")
    export.add_argument("--workers", type=positive_int,
                        help="parallel processes for PDFs made now (default: one per core)")
    export.add_argument("--keys", type=Path,
                        help="the keys folder, for PDFs made now (default: <data folder>/keys)")
    export.set_defaults(handler=_export)


def _keys_dir(args: argparse.Namespace) -> Path:
    from workbench.settings import data_dir

    return Path(args.keys) if args.keys else data_dir() / "keys"


def _audit(args: argparse.Namespace, context: CliContext) -> Any:
    """The database's sealed audit trail; an unsealed one only when no database is opened."""
    if getattr(args, "no_database", False):
        from workbench.audit import AuditTrail

        return AuditTrail(context.clock)
    return context.audit


def _identities(args: argparse.Namespace, context: CliContext) -> Any:
    from workbench.secrets import SecretStore
    from workbench.signing.identity import IdentityStore

    return IdentityStore(_keys_dir(args), SecretStore(), context.clock, _audit(args, context))


def _verify(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.export.verify import verify_files
    from workbench.signing.certificates import load_certificates_pem

    identities = _identities(args, context)
    roots = []
    for path in args.trust:
        try:
            roots += load_certificates_pem(path.read_bytes())
        except (OSError, ValueError) as error:
            raise CliError(f"Cannot read the certificate {path}: {error}. Give a PEM file.") from error
    db = None if args.no_database else context.database.db
    if not args.trust:
        roots += _own_authorities(identities, db)
    verdicts = verify_files(args.files, db=db, trust_roots=roots, identities=identities,
                            audit=_audit(args, context), require_trust=not args.allow_untrusted)
    out = context.out
    for verdict in verdicts:
        print(f"{verdict.path}: {'OK' if verdict.ok else 'FAILED'}", file=out)
        for sig in verdict.pdf.signatures:
            at = sig.signing_time
            time = short_time(at) if at else "?"
            if not (sig.intact and sig.valid):
                state = "BROKEN (changed after signing)"
            elif sig.changed_after:
                state = "intact over what it signed, but the file was CHANGED AFTER SIGNING"
            else:
                state = "intact"
            print(f"  signed by {sig.signer} at {time}: {state}, "
                  f"{'trusted' if sig.trusted else 'not trusted'}", file=out)
        for problem in verdict.problems:
            print(f"  problem: {problem}", file=out)
        print(f"  record: {verdict.record}", file=out)
        print(f"  kept copy: {verdict.kept}", file=out)
    for verdict in verdicts:
        if not verdict.ok:
            why = verdict.problems[0] if verdict.problems else "a check failed"
            print(f"workbench verify: {verdict.path} FAILED: {why}", file=sys.stderr)
    if not roots and not args.allow_untrusted:
        print("workbench verify: no signing authority certificate is known here: pass --trust "
              "CERT.pem (or --allow-untrusted).", file=sys.stderr)
    return 0 if all(v.ok for v in verdicts) else 1


def _own_authorities(identities: Any, db: Any) -> list[Any]:
    """What `verify` trusts when no --trust is given: the organisation's signing authorities kept
    in the database; only where it has none, the one an older keys folder holds (the demo's,
    from before authorities were kept in the database)."""
    from workbench.signing.authority import trusted_certificates

    roots = []
    if db is not None:
        with db() as s:
            roots += trusted_certificates(s)
    legacy = identities.legacy_authority_certificate()
    if legacy is not None and not roots:
        roots.append(legacy)
    return roots


def _export(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.encryption import DEMO_PASSPHRASE
    from workbench.export.finding import RecordFilter, find_signed_records
    from workbench.export.service import ExportError, export_records

    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    if not kinds or set(kinds) - {"note", "extract"}:
        raise CliError("--kinds takes note, extract or note,extract.")
    if args.date_to < args.date_from:
        raise CliError("--to is before --from: swap the dates.")
    if args.out.exists() and not args.out.is_dir():
        raise CliError(f"--out {args.out} is a file, not a folder: give a folder (it is made if missing).")
    actor = context.acting(what="Exporting records")
    db = context.database.db
    rows = find_signed_records(db, RecordFilter(args.date_from, args.date_to, args.team,
                                                      args.worker, args.child), actor=actor)
    if not rows:
        raise CliError("No signed records match: widen the dates or clear a filter.")

    progress = progress_printer(context.out, "records")
    identities = _identities(args, context)
    passphrases: dict[int, str] = {}
    # Without a secure keyring the demo keys are protected by the published demo passphrase
    # (signing.demo): the demo exports unasked either way.
    demo_passphrase = DEMO_PASSPHRASE if context.demo and not context.secrets.is_secure() else None
    for _attempt in range(2):
        try:
            result = export_records(
                db, identities, context.audit, session_ids=[r.session_id for r in rows],
                out_dir=args.out, actor_id=None if actor is None else actor.staff_id, actor=actor,
                kinds=kinds, progress=progress, workers=args.workers,
                passphrases=passphrases, default_passphrase=demo_passphrase)
            break
        except ExportError as error:
            if passphrases or not sys.stdin.isatty() or "passphrase" not in str(error):
                raise CliError(str(error)) from error
            print(str(error), file=sys.stderr)
            passphrases = _ask_passphrases(db, rows)
    else:  # pragma: no cover - the loop always breaks or raises
        return 1
    for session_id, message in result.failed:
        print(f"session {session_id}: {message}", file=sys.stderr)
    print(f"Wrote {len(result.written)} PDFs to {args.out}", file=context.out)
    return 1 if result.failed else 0


def _ask_passphrases(db: Any, rows: list[Any]) -> dict[int, str]:
    from sqlalchemy import select

    from db.models import Staff, SupervisionSession

    ids = [r.session_id for r in rows]
    with db() as s:
        people = s.execute(select(Staff.id, Staff.name).where(Staff.id.in_(
            select(SupervisionSession.supervisor_id).where(SupervisionSession.id.in_(ids)).union(
                select(SupervisionSession.supervisee_id).where(SupervisionSession.id.in_(ids)))))).all()
    return {staff_id: getpass.getpass(f"Passphrase of {name}'s signing key: ") for staff_id, name in people}
