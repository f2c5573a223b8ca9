"""The SQL that makes a PostgreSQL database a team server that enforces the roles itself.

Every statement here is safe to run again: roles and tables are created if missing, functions
are replaced, policies are dropped and re-created, privileges are revoked and granted afresh.
They run, in this order, from :func:`workbench.server.setup.init_server`:

1. :func:`before_migration` (as the administrator): the owner role's schema rights, the
   private schema ``psw_server`` (tables only the owner reads), pgcrypto.
2. the Alembic migrations, ``SET ROLE`` to the owner, so the owner owns every table.
3. :func:`after_migration` (as the owner): the helper functions, the staff guard, the
   audit functions, row-level security, and the app role's privileges.

Names: ``owner`` owns everything and nobody logs in as it; ``app`` is the group every
person's login belongs to. ``ME``, ``ROLE`` and ``TEAM`` below are the signed-in person
(``session_user`` mapped through ``psw_server.db_login``), their role and team. They are
wrapped in ``(SELECT ...)`` so PostgreSQL works each out once per statement, not per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PRIVATE_SCHEMA = "psw_server"

ME = "(SELECT public.psw_current_staff())"
ROLE = "(SELECT public.psw_current_role())"
TEAM = "(SELECT public.psw_current_team())"
WRITER = f"({ROLE} IN ('worker', 'team_manager'))"
LEAD = f"({ROLE} = 'practice_lead')"
ADMIN = f"({ROLE} = 'admin')"
# The ids of what the signed-in person may see (workbench/server/visible_sql.py), each set
# worked out once a statement and probed for every row: the read rules test a row against
# them instead of calling a function that looks the person up again for each row.
SESSIONS_I_SEE = "(SELECT public.psw_visible_session_ids())"
DISCUSSIONS_I_SEE = "(SELECT public.psw_visible_discussion_ids())"
CASES_I_SEE = "(SELECT public.psw_visible_case_ids())"


def sees_session(column: str) -> str:
    """Whether the person sees the session ``column`` names (psw_sees_session, set-wise). A
    practice lead sees every one; the column is a NOT NULL foreign key wherever it is used."""
    return f"({LEAD} OR {column} IN {SESSIONS_I_SEE})"


def sees_discussion(column: str) -> str:
    """psw_sees_discussion, set-wise (as :func:`sees_session`)."""
    return f"({LEAD} OR {column} IN {DISCUSSIONS_I_SEE})"


def sees_case(column: str) -> str:
    """psw_sees_case, set-wise (as :func:`sees_session`)."""
    return f"({LEAD} OR {column} IN {CASES_I_SEE})"

# Every SECURITY DEFINER function runs with this path: the owner's schemas, then pg_temp last,
# so nobody's temporary table can stand in for one of ours.
DEFINER_PATH = f"SET search_path = pg_catalog, public, {PRIVATE_SCHEMA}, pg_temp"

# Staff columns a person may change on their own row (their passphrase, their signing
# identity); every other column, including any added later, only an admin changes.
SELF_EDITABLE_STAFF_COLUMNS = ("passphrase_hash", "certificate_pem", "certificate_fingerprint")


_SCALAR_SQL_FUNCTION = re.compile(
    r"(RETURNS (?:boolean|integer|text)\s+)LANGUAGE sql (STABLE SECURITY DEFINER [^$]*?) AS \$\$(.*?)\$\$",
    re.DOTALL)


def with_cached_plan(statement: str) -> str:
    """A one-SELECT SQL function as PL/pgSQL, which keeps its plan for the connection.

    The write rules and guards call these functions once a row (the read rules test rows
    against sets, workbench/server/visible_sql.py): as SQL functions (SECURITY DEFINER with a
    fixed search_path, so never inlined) PostgreSQL planned each call afresh, and a manager's
    56-case caseload took 10 times as long through their own login as without the policies
    (bench, "server"). Written once in SQL for reading, run as PL/pgSQL.
    """
    return _SCALAR_SQL_FUNCTION.sub(
        lambda m: f"{m[1]}LANGUAGE plpgsql {m[2]} AS $$ BEGIN RETURN ({m[3].strip()}); END $$",
        statement)


def ident(name: str) -> str:
    """A role or object name, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def before_migration(owner: str, app: str) -> list[str]:
    o, a = ident(owner), ident(app)
    return [
        # Nobody but the owner creates objects here (PostgreSQL before 15 let everyone).
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE, CREATE ON SCHEMA public TO {o}",
        f"GRANT USAGE ON SCHEMA public TO {a}",
        f"CREATE SCHEMA IF NOT EXISTS {PRIVATE_SCHEMA} AUTHORIZATION {o}",
        f"ALTER SCHEMA {PRIVATE_SCHEMA} OWNER TO {o}",
        f"REVOKE ALL ON SCHEMA {PRIVATE_SCHEMA} FROM PUBLIC",
        # hmac() for the audit chain; lives in the private schema when we create it.
        f"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA {PRIVATE_SCHEMA}",
    ]


def private_tables() -> list[str]:
    """Tables in the private schema: the owner reads and writes them, nobody else."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {PRIVATE_SCHEMA}.db_login (
            login_name text PRIMARY KEY,
            staff_id integer NOT NULL REFERENCES public.staff(id),
            created_at timestamp NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC'))""",
        f"""CREATE TABLE IF NOT EXISTS {PRIVATE_SCHEMA}.setting (
            name text PRIMARY KEY,
            value text NOT NULL)""",
        # One row: the audit chain's key. Only the owner (so only psw_audit_append) reads it.
        f"""CREATE TABLE IF NOT EXISTS {PRIVATE_SCHEMA}.audit_key (
            id integer PRIMARY KEY CHECK (id = 1),
            key bytea NOT NULL CHECK (octet_length(key) = 32))""",
        f"""INSERT INTO {PRIVATE_SCHEMA}.audit_key (id, key)
            VALUES (1, gen_random_bytes(32)) ON CONFLICT (id) DO NOTHING""",
    ]


def identity_functions(app: str) -> list[str]:
    """Who is signed in: the staff row mapped to ``session_user`` (NULL for anyone else)."""
    return [
        f"""CREATE OR REPLACE FUNCTION public.psw_current_staff() RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT l.staff_id FROM {PRIVATE_SCHEMA}.db_login l
          JOIN public.staff s ON s.id = l.staff_id
          WHERE l.login_name = session_user AND s.active
        $$""",
        # The same look-up as psw_current_staff, not a call of it: one query, not two.
        f"""CREATE OR REPLACE FUNCTION public.psw_current_role() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT s.role::text FROM {PRIVATE_SCHEMA}.db_login l
          JOIN public.staff s ON s.id = l.staff_id
          WHERE l.login_name = session_user AND s.active
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_current_team() RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT s.team_id FROM {PRIVATE_SCHEMA}.db_login l
          JOIN public.staff s ON s.id = l.staff_id
          WHERE l.login_name = session_user AND s.active
        $$""",
        # Whether this connection is a person's login (a member of the app role): the guards
        # below restrict those, and leave the administrator's own connection alone.
        f"""CREATE OR REPLACE FUNCTION public.psw_is_app_login() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT pg_has_role(session_user, {literal(app)}, 'MEMBER')
                 AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        $$""",
    ]


def visibility_functions() -> list[str]:
    """Who may see which record, as workbench/access.py says (scope_sessions, scope_cases).

    They run as the owner, so one table's rule can look at another without the rules
    calling each other in a loop.
    """
    return [
        # A group consultation's participants (workbench.consultation) see it, whatever their team.
        f"""CREATE OR REPLACE FUNCTION public.psw_in_consultation(sid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT public.psw_current_role() <> 'admin' AND EXISTS (
            SELECT 1 FROM public.consultation_member m
            WHERE m.session_id = sid AND m.staff_id = public.psw_current_staff())
        $$""",
        # Its facilitator edits and signs it, a practice lead too (access.is_consultation_facilitator).
        f"""CREATE OR REPLACE FUNCTION public.psw_facilitates(sid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT public.psw_current_role() IN ('team_manager', 'practice_lead') AND EXISTS (
            SELECT 1 FROM public.supervision_session ss WHERE ss.id = sid
              AND ss.kind = 'group_consultation' AND ss.supervisor_id = public.psw_current_staff())
        $$""",
        # Each person in a consultation records their own private score (consultation.board).
        f"""CREATE OR REPLACE FUNCTION public.psw_scales_in_consultation(did integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT EXISTS (SELECT 1 FROM public.case_discussion cd
                         JOIN public.supervision_session ss ON ss.id = cd.session_id
                         WHERE cd.id = did AND ss.kind = 'group_consultation'
                           AND (ss.supervisee_id = public.psw_current_staff()
                                OR public.psw_in_consultation(ss.id)))
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_session_row(supervisor integer, supervisee integer)
        RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT CASE public.psw_current_role()
            WHEN 'practice_lead' THEN true
            WHEN 'worker' THEN public.psw_current_staff() IN (supervisor, supervisee)
            WHEN 'team_manager' THEN public.psw_current_staff() = supervisor
              OR EXISTS (SELECT 1 FROM public.staff w WHERE w.id = supervisee
                         AND w.team_id = public.psw_current_team())
            ELSE false END
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_session(sid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT public.psw_sees_session_row(ss.supervisor_id, ss.supervisee_id)
                                  OR public.psw_in_consultation(ss.id)
                           FROM public.supervision_session ss WHERE ss.id = sid), false)
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_discussion(did integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT public.psw_sees_session(cd.session_id)
                           FROM public.case_discussion cd WHERE cd.id = did), false)
        $$""",
        # A case discussed in a session the person may see is visible with it (a supervisor
        # from another team sees the cases they supervised).
        f"""CREATE OR REPLACE FUNCTION public.psw_case_discussed_with_me(cid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT EXISTS (SELECT 1 FROM public.case_discussion cd
                         JOIN public.supervision_session ss ON ss.id = cd.session_id
                         WHERE cd.case_id = cid
                           AND (public.psw_sees_session_row(ss.supervisor_id, ss.supervisee_id)
                                OR public.psw_in_consultation(ss.id)))
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_case_row(worker integer, team integer, cid integer)
        RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT CASE public.psw_current_role()
            WHEN 'practice_lead' THEN true
            WHEN 'worker' THEN worker = public.psw_current_staff()
                               OR public.psw_case_discussed_with_me(cid)
            WHEN 'team_manager' THEN team = public.psw_current_team()
                                     OR public.psw_case_discussed_with_me(cid)
            ELSE false END
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_case(cid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT public.psw_sees_case_row(ca.worker_id, ca.team_id, ca.id)
                           FROM public.case_allocation ca WHERE ca.id = cid), false)
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_worry(wid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT public.psw_sees_case(w.case_id)
                           FROM public.worry w WHERE w.id = wid), false)
        $$""",
        # Who may change a session's note (access.require_session_editor): its supervisor, or a
        # manager of the supervisee's team. The supervisee writes only their own part.
        f"""CREATE OR REPLACE FUNCTION public.psw_edits_session_row(supervisor integer, supervisee integer)
        RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT CASE public.psw_current_role()
            WHEN 'worker' THEN supervisor = public.psw_current_staff()
            WHEN 'team_manager' THEN public.psw_sees_session_row(supervisor, supervisee)
            ELSE false END
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_edits_session(sid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT public.psw_edits_session_row(ss.supervisor_id, ss.supervisee_id)
                           FROM public.supervision_session ss WHERE ss.id = sid), false)
                 OR public.psw_facilitates(sid)
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_edits_discussion(did integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT public.psw_edits_session(cd.session_id)
                           FROM public.case_discussion cd WHERE cd.id = did), false)
        $$""",
        # Worries and actions live across a case's sessions: whoever may edit a session that
        # discusses the case (or its team's manager) may change them.
        f"""CREATE OR REPLACE FUNCTION public.psw_edits_case(cid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT (public.psw_current_role() = 'team_manager' AND public.psw_sees_case(cid))
              OR EXISTS (SELECT 1 FROM public.case_discussion cd
                         JOIN public.supervision_session ss ON ss.id = cd.session_id
                         WHERE cd.case_id = cid
                           AND (public.psw_edits_session_row(ss.supervisor_id, ss.supervisee_id)
                                OR public.psw_facilitates(ss.id)))
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_presents(sid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT EXISTS (SELECT 1 FROM public.supervision_session ss WHERE ss.id = sid
                         AND ss.kind = 'group_consultation' AND ss.supervisee_id = public.psw_current_staff())
        $$""",
        # A caseload import must know whether a child it reads is already on record, in any
        # team, or it would add them twice; and it must find the ids of the children it has
        # just added, which no allocation makes visible yet. Ids only, never a name, for the
        # refs the importer already holds, and only to those who may import.
        f"""CREATE OR REPLACE FUNCTION public.psw_child_ids(refs text[])
        RETURNS TABLE (ref text, child_id integer)
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT c.la_child_id::text, c.id FROM public.child c
          WHERE c.la_child_id = ANY (refs)
            AND (NOT public.psw_is_app_login()
                 OR public.psw_current_role() IN ('team_manager', 'admin'))
        $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_sees_import_batch(bid integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT COALESCE((SELECT b.imported_by_id = public.psw_current_staff()
                                  OR public.psw_current_role() = 'practice_lead'
                           FROM public.import_batch b WHERE b.id = bid), false)
        $$""",
    ]


def staff_guard() -> list[str]:
    """Staff rows change only by an admin's hand; a person changes only their own passphrase and
    signing identity; nobody changes their own role. Compares whole rows, so columns added by
    later migrations are covered without listing them."""
    own = ", ".join(literal(c) for c in SELF_EDITABLE_STAFF_COLUMNS)
    return [
        f"""CREATE OR REPLACE FUNCTION public.psw_staff_guard() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {DEFINER_PATH} AS $$
        DECLARE
          me integer := public.psw_current_staff();
          my_role text := public.psw_current_role();
        BEGIN
          IF NOT public.psw_is_app_login() THEN
            RETURN NEW;  -- the administrator's own connection (init, repairs)
          END IF;
          IF my_role = 'admin' THEN
            IF NEW.id = me AND NEW.role IS DISTINCT FROM OLD.role THEN
              RAISE EXCEPTION 'nobody can change their own role: ask another admin'
                USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
          END IF;
          IF me IS NULL OR OLD.id <> me
             OR (to_jsonb(NEW) - ARRAY[{own}]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{own}]) THEN
            RAISE EXCEPTION 'only an admin can change staff records (role, team, name, sign-in)'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF NEW.passphrase_hash IS NULL AND OLD.passphrase_hash IS NOT NULL THEN
            RAISE EXCEPTION 'a passphrase can be cleared only by an admin'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$""",
        "DROP TRIGGER IF EXISTS psw_staff_guard ON public.staff",
        "CREATE TRIGGER psw_staff_guard BEFORE UPDATE ON public.staff "
        "FOR EACH ROW EXECUTE FUNCTION public.psw_staff_guard()",
    ]


def session_guard() -> list[str]:
    """The supervisee may change their session only to countersign it or record disagreement
    (status, updated_at); the note itself is the supervisor's (access.require_session_editor).
    A consultation's presenter writes only their take-away, while it is a draft
    (consultation.service.save_step_text): its other steps are the facilitator's."""
    return [
        f"""CREATE OR REPLACE FUNCTION public.psw_session_guard() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {DEFINER_PATH} AS $$
        BEGIN
          IF NOT public.psw_is_app_login()
             OR public.psw_edits_session_row(OLD.supervisor_id, OLD.supervisee_id)
             OR public.psw_facilitates(OLD.id) THEN
            RETURN NEW;
          END IF;
          IF OLD.status = 'draft' AND NEW.status = 'draft' AND public.psw_presents(OLD.id)
             AND (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN
            RETURN NEW;  -- the presenter's take-away, saved: the session is marked as changed
          END IF;
          IF (to_jsonb(NEW) - ARRAY['status', 'updated_at'])
               IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'updated_at'])
             OR NOT (OLD.status = 'signed_by_supervisor'
                     AND NEW.status IN ('countersigned', 'disagreement_recorded')) THEN
            RAISE EXCEPTION 'only the supervisor (or the team''s manager) can change the supervision '
              'record; the worker countersigns it or records disagreement'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$""",
        "DROP TRIGGER IF EXISTS psw_session_guard ON public.supervision_session",
        "CREATE TRIGGER psw_session_guard BEFORE UPDATE ON public.supervision_session "
        "FOR EACH ROW EXECUTE FUNCTION public.psw_session_guard()",
        f"""CREATE OR REPLACE FUNCTION public.psw_consultation_guard() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {DEFINER_PATH} AS $$
        BEGIN
          IF NOT public.psw_is_app_login() OR public.psw_edits_session(OLD.session_id)
             OR (to_jsonb(NEW) - ARRAY['takeaway', 'updated_at'])
                  = (to_jsonb(OLD) - ARRAY['takeaway', 'updated_at']) THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'the consultation''s steps are the facilitator''s; the presenter writes '
            'their take-away' USING ERRCODE = 'insufficient_privilege';
        END $$""",
        "DROP TRIGGER IF EXISTS psw_consultation_guard ON public.consultation",
        "CREATE TRIGGER psw_consultation_guard BEFORE UPDATE ON public.consultation "
        "FOR EACH ROW EXECUTE FUNCTION public.psw_consultation_guard()",
    ]


def signed_helpers_as_owner() -> list[str]:
    """Migration 0003's helpers look up whether a session is signed. Called from the guard
    triggers as the person's login, row-level security would hide a session they cannot see
    and make it look unsigned: run them as the owner, who sees every row."""
    return [
        f"ALTER FUNCTION public.psw_session_is_signed(integer) SECURITY DEFINER {DEFINER_PATH}",
        f"ALTER FUNCTION public.psw_discussion_is_signed(integer) SECURITY DEFINER {DEFINER_PATH}",
    ]


# -- row-level security ------------------------------------------------------------------
# table -> {command: (USING, WITH CHECK)}; a missing command is refused (no policy, no grant).
# SELECT policies are USING only; INSERT policies WITH CHECK only.

def _session_child(column: str, author: str | None = None) -> dict[str, tuple[str | None, str | None]]:
    sees = sees_session(column)
    # Nobody signs or writes an addendum in another person's name.
    own = f" AND {author} = {ME}" if author else ""
    # A practice lead who facilitates a group consultation signs it like a manager.
    writes = f"(({WRITER} AND {sees}) OR public.psw_facilitates({column}))"
    return {
        "SELECT": (sees, None),
        "INSERT": (None, f"{writes}{own}"),
        "UPDATE": (writes, writes),
        "DELETE": (writes, None),
    }


def _edited_with(sees: str, edits: str) -> dict[str, tuple[str | None, str | None]]:
    """Seen by whoever sees the session; changed only by whoever edits it."""
    return {
        "SELECT": (sees, None),
        "INSERT": (None, edits),
        "UPDATE": (edits, edits),
        "DELETE": (edits, None),
    }


# An audit's grades and responses are seen by whoever may see the audit (its own policy).
AUDIT_VISIBLE = "EXISTS (SELECT 1 FROM public.practice_audit a WHERE a.id = audit_id)"


def policies() -> dict[str, dict[str, tuple[str | None, str | None]]]:
    sees_session_row = "public.psw_sees_session_row(supervisor_id, supervisee_id)"
    edits_session_row = f"({WRITER} AND public.psw_edits_session_row(supervisor_id, supervisee_id))"
    # Inline for the caseload screen: the common cases are one comparison per row.
    sees_case_row = (f"({LEAD} OR ({ROLE} = 'worker' AND worker_id = {ME}) "
                     f"OR ({ROLE} = 'team_manager' AND team_id = {TEAM}) "
                     f"OR id IN {CASES_I_SEE})")
    case_writer = f"({ROLE} = 'team_manager' AND team_id = {TEAM})"
    case = sees_case("case_id")
    case_editor = f"({WRITER} AND {case})"
    drawing_case = sees_case("(SELECT dw.case_id FROM public.direct_work dw WHERE dw.id = direct_work_id)")
    return {
        "team": {
            "SELECT": ("true", None),
            "INSERT": (None, ADMIN),
            "UPDATE": (ADMIN, ADMIN),
            "DELETE": (ADMIN, None),
        },
        "staff": {
            # Every row's non-secret columns (column privileges keep the hashes out).
            "SELECT": ("true", None),
            # An admin enrols anyone; a manager's caseload import adds workers to their team,
            # with no passphrase and no signing identity.
            "INSERT": (None, f"{ADMIN} OR ({ROLE} = 'team_manager' AND role = 'worker' "
                             f"AND team_id = {TEAM} AND passphrase_hash IS NULL "
                             "AND certificate_pem IS NULL)"),
            # Own row (passphrase, signing identity: psw_staff_guard checks which columns).
            "UPDATE": (f"{ADMIN} OR id = {ME}", f"{ADMIN} OR id = {ME}"),
            "DELETE": (ADMIN, None),
        },
        "child": {
            "SELECT": (f"{LEAD} OR EXISTS (SELECT 1 FROM public.case_allocation ca "
                       "WHERE ca.child_id = child.id)", None),
            "INSERT": (None, WRITER),
            "UPDATE": (f"{WRITER} AND EXISTS (SELECT 1 FROM public.case_allocation ca "
                       "WHERE ca.child_id = child.id)", WRITER),
        },
        "case_allocation": {
            "SELECT": (sees_case_row, None),
            "INSERT": (None, case_writer),
            "UPDATE": (f"{WRITER} AND {sees_case_row}", case_writer),
            # Undoing an import removes the cases it added (importing.undo): only the team's
            # manager, only cases an import of theirs added (records keep a case: foreign keys).
            "DELETE": (f"{case_writer} AND added_by_batch_id IS NOT NULL "
                       "AND public.psw_sees_import_batch(added_by_batch_id)", None),
        },
        "import_batch": {
            "SELECT": (f"imported_by_id = {ME} OR {LEAD}", None),
            "INSERT": (None, f"{WRITER} AND imported_by_id = {ME}"),
            "UPDATE": (f"imported_by_id = {ME}", f"imported_by_id = {ME}"),
        },
        "import_rejected_row": {
            "SELECT": ("public.psw_sees_import_batch(batch_id)", None),
            "INSERT": (None, f"{WRITER} AND public.psw_sees_import_batch(batch_id)"),
        },
        "question_set_version": {
            "SELECT": ("true", None),
            # (A practice lead who starts a consultation keeps the question set it uses too.)
            "INSERT": (None, f"{WRITER} OR {LEAD}"),
        },
        "supervision_session": {
            # psw_sees_session_row inline on the row's own columns (a new row, checked as its
            # INSERT returns it, is in no set yet), then the consultations the person is in.
            "SELECT": (f"({LEAD} OR ({ROLE} = 'worker' AND {ME} IN (supervisor_id, supervisee_id)) "
                       f"OR ({ROLE} = 'team_manager' AND (supervisor_id = {ME} OR supervisee_id IN "
                       f"(SELECT w.id FROM public.staff w WHERE w.team_id = {TEAM}))) "
                       f"OR id IN {SESSIONS_I_SEE})", None),
            # Supervision is started by a team manager (access.require_supervisor_of); a practice
            # lead starts only a group consultation, which they facilitate.
            "INSERT": (None, f"({ROLE} = 'team_manager' AND {sees_session_row}) OR ({LEAD} AND "
                             f"kind = 'group_consultation' AND supervisor_id = {ME})"),
            # The supervisee too, to countersign: psw_session_guard limits them to that.
            "UPDATE": (f"{edits_session_row} OR supervisee_id = {ME} OR public.psw_facilitates(id)",
                       f"{edits_session_row} OR supervisee_id = {ME} OR public.psw_facilitates(id)"),
            "DELETE": (edits_session_row, None),
        },
        "case_discussion": _edited_with(sees_session("session_id"),
                                        "public.psw_edits_session(session_id)"),
        # Signing is both people's: the supervisor signs, the supervisee countersigns, either
        # adds a signed addendum (signoff checks which of the two).
        "addendum": _session_child("session_id", "author_id"),
        "signature": _session_child("session_id", "signer_id"),
        "signed_document": _session_child("session_id"),
        "decision": _edited_with(sees_discussion("discussion_id"),
                                 "public.psw_edits_discussion(discussion_id)"),
        "scaling_score": _edited_with(
            f"({sees_discussion('discussion_id')} OR {case})",
            f"(public.psw_edits_discussion(discussion_id) OR (rater_staff_id = {ME} "
            "AND public.psw_scales_in_consultation(discussion_id)))"),
        # A group consultation's steps and people (workbench.consultation): seen with the
        # session, changed by its facilitator (or the presenter's manager); the presenter
        # writes their take-away (the service keeps them to that field).
        "consultation": {
            "SELECT": (sees_session("session_id"), None),
            "INSERT": (None, "public.psw_edits_session(session_id)"),
            "UPDATE": ("public.psw_edits_session(session_id) OR public.psw_presents(session_id)",
                       "public.psw_edits_session(session_id) OR public.psw_presents(session_id)"),
        },
        "consultation_member": _edited_with(sees_session("session_id"),
                                            "public.psw_edits_session(session_id)"),
        "action": _edited_with(f"({sees_discussion('discussion_id')} OR {case})",
                               "public.psw_edits_case(case_id)"),
        "worry": _edited_with(case, "public.psw_edits_case(case_id)"),
        "worry_revision": _edited_with(
            sees_case("(SELECT w.case_id FROM public.worry w WHERE w.id = worry_id)"),
            "public.psw_edits_case((SELECT w.case_id FROM public.worry w WHERE w.id = worry_id))"),
        "reflection": {
            "SELECT": (f"worker_id = {ME} OR {case}", None),
            "INSERT": (None, f"{WRITER} AND worker_id = {ME} AND {case}"),
            # The supervisor links a reflection into the discussion it prepared.
            "UPDATE": (f"{WRITER} AND (worker_id = {ME} OR {case})",
                       f"{WRITER} AND (worker_id = {ME} OR {case})"),
        },
        # Safety planning and direct work live with the case: read by whoever sees the case,
        # written by the worker or manager who sees it (access.require_case_access(write=True)).
        # Members leave by being marked removed; meetings, direct work and drawings are only
        # added (0013's triggers also refuse any change to a drawing).
        **{table: {"SELECT": (case, None), "INSERT": (None, case_editor),
                   **({"UPDATE": (case_editor, case_editor)}
                      if table in ("network_member", "safety_plan") else {})}
           for table in ("network_member", "network_meeting", "safety_plan", "direct_work")},
        "direct_work_drawing": {
            "SELECT": (drawing_case, None),
            "INSERT": (None, f"{WRITER} AND {drawing_case}"),
        },
        "action_link": _edited_with(
            sees_case("(SELECT a.case_id FROM public.action a WHERE a.id = action_id)"),
            "public.psw_edits_case((SELECT a.case_id FROM public.action a WHERE a.id = action_id))"),
        # Written only by psw_audit_append (as the owner); read by leads and admins, and by
        # each person for their own events.
        "audit_event": {
            "SELECT": (f"{LEAD} OR {ADMIN} OR actor_id = {ME}", None),
        },
        # The organisation's name: everyone reads it, an admin sets it.
        "organisation": {
            "SELECT": ("true", None),
            "INSERT": (None, ADMIN),
            "UPDATE": (ADMIN, ADMIN),
        },
        # Trusted roots: everyone verifies against them; only an admin adds one (0007's
        # triggers refuse any change or removal).
        "signing_authority": {
            "SELECT": ("true", None),
            "INSERT": (None, ADMIN),
        },
        # One-time codes are an admin's business; a person enrols by logging in on a server.
        "enrolment_code": {
            "SELECT": (ADMIN, None),
            "INSERT": (None, ADMIN),
            "UPDATE": (ADMIN, ADMIN),
        },
        # A practice lead's signed answer to a worker's disagreement (workbench.oversight):
        # seen with its session, written only by a practice lead in their own name; 0014's
        # triggers refuse any change or removal.
        "disagreement_response": {
            "SELECT": (sees_session("session_id"), None),
            "INSERT": (None, f"{LEAD} AND responder_id = {ME} AND public.psw_sees_session(session_id)"),
        },
        # Practice quality audits (workbench.audits): practice leads read and write them (read-only
        # on the records they audit); once moderated, the audited worker, the record's supervisor
        # and the team's manager read them and write their own response. 0017's triggers refuse
        # any change once an audit is signed.
        "audit_form_version": {
            "SELECT": ("true", None),
            "INSERT": (None, LEAD),
        },
        "practice_audit": {
            "SELECT": (f"{LEAD} OR (status IN ('moderated', 'signed') AND (worker_id = {ME} "
                       f"OR manager_id = {ME} OR ({ROLE} = 'team_manager' AND team_id = {TEAM})))",
                       None),
            "INSERT": (None, f"{LEAD} AND auditor_id = {ME}"),
            "UPDATE": (LEAD, LEAD),
        },
        "audit_grade": {
            "SELECT": (AUDIT_VISIBLE, None),
            "INSERT": (None, f"{LEAD} AND {AUDIT_VISIBLE}"),
            "UPDATE": (f"{LEAD} AND {AUDIT_VISIBLE}", f"{LEAD} AND {AUDIT_VISIBLE}"),
        },
        "audit_response": {
            "SELECT": (AUDIT_VISIBLE, None),
            "INSERT": (None, f"author_id = {ME} AND {ROLE} IN ('worker', 'team_manager') "
                             "AND EXISTS (SELECT 1 FROM public.practice_audit a WHERE "
                             f"a.id = audit_id AND a.status = 'moderated' AND (a.worker_id = {ME} "
                             f"OR ({ROLE} = 'team_manager' AND (a.manager_id = {ME} "
                             f"OR a.team_id = {TEAM}))))"),
        },
        # What an import changed, so it can be undone: the importer's own batches.
        "import_change": {
            "SELECT": ("public.psw_sees_import_batch(batch_id)", None),
            "INSERT": (None, f"{WRITER} AND public.psw_sees_import_batch(batch_id)"),
            # The undo history of a case that an undo removes goes with it.
            "DELETE": (f"{ROLE} = 'team_manager' AND {case}", None),
        },
    }


def row_security(owner: str, app: str, tables: Iterable[str]) -> list[str]:
    """ENABLE + FORCE row-level security on every table, the owner's see-all policy (the
    owner is reached only through our SECURITY DEFINER functions and the administrator), and
    the app role's policies. A table with no entry in :func:`policies` gets none: refused."""
    rules = policies()
    statements: list[str] = []
    for table in tables:
        t = f"public.{ident(table)}"
        statements += [
            f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS psw_owner_all ON {t}",
            f"CREATE POLICY psw_owner_all ON {t} TO {ident(owner)} USING (true) WITH CHECK (true)",
        ]
        for command in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            name = f"psw_app_{command.lower()}"
            statements.append(f"DROP POLICY IF EXISTS {name} ON {t}")
            rule = rules.get(table, {}).get(command)
            if rule is None:
                continue
            using, check = rule
            clause = ""
            if using is not None:
                clause += f" USING ({using})"
            if check is not None:
                clause += f" WITH CHECK ({check})"
            statements.append(f"CREATE POLICY {name} ON {t} FOR {command} TO {ident(app)}{clause}")
    return statements


SECRET_COLUMN_SUFFIXES = ("_hash",)


def privileges(app: str, tables: Iterable[str], staff_columns: Iterable[str],
               functions: Iterable[str]) -> list[str]:
    """Data rights only: the commands each table's policies allow, never TRUNCATE, REFERENCES
    or TRIGGER, and no ownership (so no ALTER, no DISABLE TRIGGER). Staff columns whose name
    ends in ``_hash`` cannot be read by the app role at all."""
    a = ident(app)
    rules = policies()
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {a}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {a}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC, {a}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {PRIVATE_SCHEMA} FROM PUBLIC, {a}",
        f"GRANT SELECT ON public.alembic_version TO {a}",
    ]
    for table in tables:
        commands = [c for c in ("SELECT", "INSERT", "UPDATE", "DELETE") if c in rules.get(table, {})]
        if table == "staff":
            readable = [c for c in staff_columns if not c.endswith(SECRET_COLUMN_SUFFIXES)]
            statements.append(
                f"GRANT SELECT ({', '.join(ident(c) for c in readable)}) ON public.staff TO {a}")
            commands = [c for c in commands if c != "SELECT"]
        if commands:
            statements.append(f"GRANT {', '.join(commands)} ON public.{ident(table)} TO {a}")
    statements.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {a}")
    # Audit ids come from psw_audit_append only.
    statements.append(f"REVOKE ALL ON SEQUENCE public.audit_event_id_seq FROM {a}")
    for signature in functions:
        statements.append(f"GRANT EXECUTE ON FUNCTION {signature} TO {a}")
    return statements


# Functions the app role calls (directly, or through the policies and triggers it sets off).
APP_FUNCTIONS = (
    "public.psw_current_staff()",
    "public.psw_current_role()",
    "public.psw_current_team()",
    "public.psw_is_app_login()",
    "public.psw_in_consultation(integer)",
    "public.psw_facilitates(integer)",
    "public.psw_scales_in_consultation(integer)",
    "public.psw_presents(integer)",
    "public.psw_sees_session_row(integer, integer)",
    "public.psw_sees_session(integer)",
    "public.psw_sees_discussion(integer)",
    "public.psw_case_discussed_with_me(integer)",
    "public.psw_sees_case_row(integer, integer, integer)",
    "public.psw_sees_case(integer)",
    "public.psw_sees_worry(integer)",
    "public.psw_sees_import_batch(integer)",
    "public.psw_child_ids(text[])",
    "public.psw_edits_session_row(integer, integer)",
    "public.psw_edits_session(integer)",
    "public.psw_edits_discussion(integer)",
    "public.psw_edits_case(integer)",
    "public.psw_session_is_signed(integer)",
    "public.psw_discussion_is_signed(integer)",
)
