"""The ids of the records the signed-in person may see, each set worked out once a statement.

A policy that calls a function on every row (``psw_sees_session(session_id)``) looks up who
the caller is, and the row's session, again for each row: a manager's caseload paid some
400 such calls and took three times as long through their own login as without the policies
(bench, "server"). The read policies instead ask whether the row's id is in one of these
sets, ``session_id IN (SELECT public.psw_visible_session_ids())``: an uncorrelated subquery,
which PostgreSQL runs once and probes as a hash table for every row.

Each set is what the per-row function of :mod:`workbench.server.sql` decides, for every id at
once (they stay for the write rules and the guards, which look at one row):

* sessions: ``psw_sees_session_row`` or ``psw_in_consultation``;
* discussions: those of a session in that set (``psw_sees_discussion``);
* cases: ``psw_sees_case_row``, that is the worker's own cases or the manager's team's, and
  every case discussed in a session in the first set (``psw_case_discussed_with_me``).

A practice lead's sets are everything (the policies test ``LEAD`` first, so never build them);
an admin's, and those of a login mapped to nobody, are empty. They run as the owner (SECURITY
DEFINER), so they read the tables whole and no policy calls itself.
"""

from __future__ import annotations

from workbench.server.sql import DEFINER_PATH

# The planner sizes the hash table from ROWS; a manager's team has some hundreds of each.
_ROWS = 500

SIGNATURES = (
    "public.psw_visible_session_ids()",
    "public.psw_visible_discussion_ids()",
    "public.psw_visible_case_ids()",
)


def visible_id_functions() -> list[str]:
    """PL/pgSQL (plans kept for the connection); who the caller is, looked up once a call."""
    return [
        f"""CREATE OR REPLACE FUNCTION public.psw_visible_session_ids() RETURNS SETOF integer
        LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS {_ROWS} {DEFINER_PATH} AS $$
        DECLARE
          me integer := public.psw_current_staff();
          my_role text := public.psw_current_role();
        BEGIN
          IF my_role = 'practice_lead' THEN
            RETURN QUERY SELECT ss.id FROM public.supervision_session ss;
            RETURN;
          ELSIF my_role = 'worker' THEN
            RETURN QUERY SELECT ss.id FROM public.supervision_session ss WHERE ss.supervisor_id = me
                         UNION ALL
                         SELECT ss.id FROM public.supervision_session ss WHERE ss.supervisee_id = me;
          ELSIF my_role = 'team_manager' THEN
            RETURN QUERY SELECT ss.id FROM public.supervision_session ss WHERE ss.supervisor_id = me
                         UNION ALL
                         SELECT ss.id FROM public.supervision_session ss
                         JOIN public.staff w ON w.id = ss.supervisee_id
                         WHERE w.team_id = public.psw_current_team();
          END IF;
          -- A group consultation's participants, whatever their team (never an admin).
          IF my_role <> 'admin' THEN
            RETURN QUERY SELECT m.session_id FROM public.consultation_member m WHERE m.staff_id = me;
          END IF;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_visible_discussion_ids() RETURNS SETOF integer
        LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS {_ROWS} {DEFINER_PATH} AS $$
        BEGIN
          -- An array, so that the session_id index finds the discussions.
          RETURN QUERY SELECT cd.id FROM public.case_discussion cd
                       WHERE cd.session_id = ANY (ARRAY(SELECT public.psw_visible_session_ids()));
        END $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_visible_case_ids() RETURNS SETOF integer
        LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS {_ROWS} {DEFINER_PATH} AS $$
        DECLARE
          my_role text := public.psw_current_role();
        BEGIN
          IF my_role = 'practice_lead' THEN
            RETURN QUERY SELECT ca.id FROM public.case_allocation ca;
            RETURN;
          ELSIF my_role = 'worker' THEN
            RETURN QUERY SELECT ca.id FROM public.case_allocation ca
                         WHERE ca.worker_id = public.psw_current_staff();
          ELSIF my_role = 'team_manager' THEN
            RETURN QUERY SELECT ca.id FROM public.case_allocation ca
                         WHERE ca.team_id = public.psw_current_team();
          ELSE
            RETURN;
          END IF;
          -- A case discussed in a session they see is visible with it (a supervisor from
          -- another team sees the cases they supervised).
          RETURN QUERY SELECT cd.case_id FROM public.case_discussion cd
                       WHERE cd.session_id = ANY (ARRAY(SELECT public.psw_visible_session_ids()));
        END $$""",
    ]
