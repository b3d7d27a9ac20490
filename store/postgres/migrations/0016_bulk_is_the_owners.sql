-- PostgreSQL: only the tables' owner writes without history. A bulk load
-- (demo data, xeploai copy) sets xeploai.bulk so that its rows are not
-- logged one by one; any role could set it too, and an office's role in
-- psql wrote records with no step and no history (found by a tester).
-- Now the setting is honoured for the login of the tables' owner only:
-- an office's writes need a step of its own and are logged, whatever it
-- sets.

CREATE OR REPLACE FUNCTION xeploai_step_required() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    step bigint := NULLIF(current_setting('xeploai.step', true), '')::bigint;
BEGIN
    IF xeploai_is_owner() THEN
        RETURN NULL;
    END IF;
    IF step IS NULL OR NOT EXISTS (SELECT 1 FROM steps WHERE id = step AND role = current_user) THEN
        RAISE EXCEPTION 'xeploai: every change by an office is a step of the history'
            USING ERRCODE = '42501', HINT = 'xeploai_step';
    END IF;
    RETURN NULL;
END
$$;

-- The history's trigger runs as the owner (0009): the login is asked.
CREATE OR REPLACE FUNCTION xeploai_log() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    step bigint := COALESCE(NULLIF(current_setting('xeploai.step', true), '')::bigint, 0);
    o text;
    n text;
    r jsonb;
    mid bigint;
    org bigint;
BEGIN
    -- A bulk load by the owner logs nothing: its step cannot be undone.
    IF current_setting('xeploai.bulk', true) = 'on'
            AND pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN o := row_to_json(OLD)::text; END IF;
    IF TG_OP <> 'DELETE' THEN n := row_to_json(NEW)::text; END IF;
    IF TG_OP = 'UPDATE' AND o = n THEN
        RETURN NULL;
    END IF;
    r := COALESCE(n, o)::jsonb;
    CASE TG_TABLE_NAME
    WHEN 'members' THEN mid := (r ->> 'id')::bigint;
    WHEN 'orgs' THEN org := (r ->> 'id')::bigint;
    WHEN 'trash' THEN
        IF r ->> 'kind' = 'member' THEN mid := (r ->> 'ref_id')::bigint; ELSE org := (r ->> 'ref_id')::bigint; END IF;
    ELSE
        mid := (r ->> 'member_id')::bigint;
        org := (r ->> 'org_id')::bigint;
    END CASE;
    IF TG_TABLE_NAME IN ('member_ratings', 'absences', 'party_age_gaps') THEN org := NULL; END IF;
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    VALUES (step, TG_TABLE_NAME, lower(TG_OP), mid, org, o, n);
    RETURN NULL;
END
$$;
