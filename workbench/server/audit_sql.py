"""The audit trail on a team server: written and sealed by the server, never by a client.

``psw_audit_append(action, entity_type, entity_id, details)`` is the only way an app login
adds an event (it has no INSERT on ``audit_event``). It runs as the owner, takes the actor
from ``psw_current_staff()`` (so nobody records in another's name), the time from the server's
clock, and seals the event into the HMAC-SHA256 chain with a key kept in
``psw_server.audit_key``, which only the owner can read. No client holds the key, so no client
can forge an event or re-seal an edited trail.

The server's chain has its own canonical form (``v`` = 2): the UTF-8 text of the jsonb object

    {"v": 2, "occurred_at": "YYYY-MM-DDTHH:MM:SS.ffffff" (UTC), "actor_id": ..., "action": ...,
     "entity_type": ..., "entity_id": ..., "details": {...}, "prev_mac": "<64 hex>"}

as PostgreSQL prints jsonb (keys ordered by length, then bytes; its own spacing). Each event's
``mac`` is hex(HMAC-SHA256(key, that text)); the first event's ``prev_mac`` is 64 zeros.
``psw_audit_verify()`` walks the chain and names the first broken link.

The chain stays locked from an append until its transaction ends, so every client round trip
in between keeps everyone else's append waiting: the function returns the whole event it
sealed (id, mac, time, actor, prev_mac), and the client need not read it back.
"""

from __future__ import annotations

from workbench.server.sql import DEFINER_PATH, PRIVATE_SCHEMA

# Must match workbench.audit._PG_CHAIN_LOCK, so server and client appends never interleave.
CHAIN_LOCK = 0x57_42_41_55_44_49_54
GENESIS = "0" * 64

APPEND_SIGNATURE = "public.psw_audit_append(text, text, text, jsonb, integer)"
VERIFY_SIGNATURE = "public.psw_audit_verify()"
MAC_SIGNATURE = "public.psw_audit_mac(integer)"


def audit_functions() -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION {PRIVATE_SCHEMA}.audit_mac(
              occurred_at timestamp, actor_id integer, action text, entity_type text,
              entity_id text, details jsonb, prev_mac text) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT encode(hmac(convert_to(jsonb_build_object(
              'v', 2,
              'occurred_at', to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'),
              'actor_id', actor_id,
              'action', action,
              'entity_type', entity_type,
              'entity_id', entity_id,
              'details', COALESCE(details, '{{}}'::jsonb),
              'prev_mac', prev_mac)::text, 'UTF8'),
            (SELECT k.key FROM {PRIVATE_SCHEMA}.audit_key k WHERE k.id = 1), 'sha256'), 'hex')
        $$""",
        f"REVOKE ALL ON FUNCTION {PRIVATE_SCHEMA}.audit_mac(timestamp, integer, text, text, text, "
        "jsonb, text) FROM PUBLIC",
        "DROP FUNCTION IF EXISTS public.psw_audit_append(text, text, text, jsonb)",
        # It returns the whole event now (a server set up before returned its id and mac only,
        # and a return type cannot be replaced, only dropped and made again).
        f"""DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_proc WHERE oid = to_regprocedure('{APPEND_SIGNATURE}')
                     AND NOT 'event_prev_mac' = ANY (proargnames)) THEN
            DROP FUNCTION {APPEND_SIGNATURE};
          END IF;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION public.psw_audit_append(
              p_action text, p_entity_type text, p_entity_id text, p_details jsonb,
              p_system_actor integer DEFAULT NULL)
        RETURNS TABLE (event_id integer, event_mac text, event_occurred_at timestamp,
                       event_actor_id integer, event_prev_mac text)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {DEFINER_PATH} AS $$
        DECLARE
          actor integer;
          at timestamp := clock_timestamp() AT TIME ZONE 'UTC';
          prev text;
          sealed text;
          new_id integer;
        BEGIN
          IF public.psw_is_app_login() THEN
            -- A person's login: the actor is who they are, whatever they claim.
            actor := public.psw_current_staff();
            IF actor IS NULL THEN
              RAISE EXCEPTION 'this login is not enrolled as an active member of staff: ask an admin'
                USING ERRCODE = 'insufficient_privilege';
            END IF;
          ELSE
            actor := p_system_actor;  -- the administrator's tools run as the system
          END IF;
          PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
          SELECT e.mac INTO prev FROM public.audit_event e ORDER BY e.id DESC LIMIT 1;
          prev := COALESCE(prev, '{GENESIS}');
          p_details := COALESCE(p_details, '{{}}'::jsonb);
          sealed := {PRIVATE_SCHEMA}.audit_mac(at, actor, p_action, p_entity_type, p_entity_id,
                                                p_details, prev);
          INSERT INTO public.audit_event
            (occurred_at, actor_id, action, entity_type, entity_id, details, prev_mac, mac)
          VALUES (at, actor, p_action, p_entity_type, p_entity_id, p_details::json, prev, sealed)
          RETURNING id INTO new_id;
          RETURN QUERY SELECT new_id, sealed, at, actor, prev;
        END $$""",
        # The seal of one event, for a client's anchor (audit_anchor): whoever recorded it
        # checks that it is still there, unchanged, whether or not they may read the event.
        f"""CREATE OR REPLACE FUNCTION {MAC_SIGNATURE} RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
          SELECT mac FROM public.audit_event WHERE id = $1
        $$""",
        f"""CREATE OR REPLACE FUNCTION {VERIFY_SIGNATURE}
        RETURNS TABLE (events integer, head text, broken_event_id integer,
                       broken_position integer, reason text)
        LANGUAGE plpgsql STABLE SECURITY DEFINER {DEFINER_PATH} AS $$
        DECLARE
          r record;
          expected text := '{GENESIS}';
          previous_id integer;
          n integer := 0;
          why text;
        BEGIN
          FOR r IN SELECT * FROM public.audit_event ORDER BY id LOOP
            n := n + 1;
            why := NULL;
            IF r.mac IS NULL OR r.prev_mac IS NULL THEN
              why := 'it was written without the audit key, so it is not sealed';
            ELSIF r.prev_mac <> expected THEN
              why := 'it does not follow the event before it'
                     || COALESCE(' (#' || previous_id || ')', '')
                     || ': an event was deleted, inserted or moved here';
            ELSIF r.mac <> {PRIVATE_SCHEMA}.audit_mac(r.occurred_at, r.actor_id, r.action,
                    r.entity_type, r.entity_id, r.details::jsonb, r.prev_mac) THEN
              why := 'its content was changed after it was written (or it was sealed elsewhere)';
            END IF;
            IF why IS NOT NULL THEN
              RETURN QUERY SELECT n, expected, r.id, n, why;
              RETURN;
            END IF;
            expected := r.mac;
            previous_id := r.id;
          END LOOP;
          RETURN QUERY SELECT n, expected, NULL::integer, NULL::integer, NULL::text;
        END $$""",
    ]
