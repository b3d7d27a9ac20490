-- PostgreSQL: what an office's role may do to the history and the
-- settings, held by the server (a staff member with psql found a step's
-- author and time could be rewritten, its steps deleted, records written
-- with no step at all, and the district's settings changed).
-- The tables' owner (xeploai copy, upgrades) is not held.

-- xeploai_is_owner: whether the role writing is the tables' owner.
CREATE FUNCTION xeploai_is_owner() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'orgs'::regclass), 'MEMBER')
$$;

-- A step says when it was written, by whom (its role) and what it did, as
-- written: an office's role cannot change that after; the step being
-- written (xeploai.step) may still be named, and a step marked undone or
-- redone.
CREATE FUNCTION xeploai_step_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF xeploai_is_owner() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.at := to_char(LOCALTIMESTAMP, 'YYYY-MM-DD HH24:MI:SS');
        RETURN NEW;
    END IF;
    NEW.id := OLD.id;
    NEW.at := OLD.at;
    NEW.who := OLD.who;
    NEW.role := OLD.role;
    NEW.action := OLD.action;
    NEW.grp := OLD.grp;
    NEW.session := OLD.session;
    IF OLD.id IS DISTINCT FROM NULLIF(current_setting('xeploai.step', true), '')::bigint THEN
        NEW.subject := OLD.subject;
        NEW.undo_of := OLD.undo_of;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER step_kept BEFORE INSERT OR UPDATE ON steps FOR EACH ROW EXECUTE FUNCTION xeploai_step_kept();

-- A step that logged changes stays: only an empty one (a write that
-- changed nothing) is removed, by its own role.
CREATE FUNCTION xeploai_step_logged(step bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM changes WHERE step_id = step)
$$;
DROP POLICY deleted ON steps;
CREATE POLICY deleted ON steps FOR DELETE USING (role = current_user AND NOT xeploai_step_logged(id));

-- Every write of records by an office's role belongs to a step of its
-- own, which the history shows (the program sets it; psql must too).
CREATE FUNCTION xeploai_step_required() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    step bigint := NULLIF(current_setting('xeploai.step', true), '')::bigint;
BEGIN
    IF xeploai_is_owner() OR current_setting('xeploai.bulk', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF step IS NULL OR NOT EXISTS (SELECT 1 FROM steps WHERE id = step AND role = current_user) THEN
        RAISE EXCEPTION 'xeploai: every change by an office is a step of the history'
            USING ERRCODE = '42501', HINT = 'xeploai_step';
    END IF;
    RETURN NULL;
END
$$;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['orgs', 'org_events', 'members', 'memberships', 'member_ratings', 'org_ratings',
            'awards', 'disciplines', 'absences', 'party_age_gaps', 'leaders', 'trash'] LOOP
        EXECUTE format('CREATE TRIGGER step_required BEFORE INSERT OR UPDATE OR DELETE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION xeploai_step_required()', t);
    END LOOP;
END
$$;

-- Settings: the district's (the owner's) are read by every office and
-- written by the owner only; an office's own (its documents' headings,
-- certificate layout, templates, column mappings) are kept under
-- "key@office", the office being the role its grant names.
CREATE FUNCTION xeploai_office(login text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT COALESCE((SELECT s.role FROM scopes s WHERE s.role IN (SELECT xeploai_roles(login))
        ORDER BY s.role = login DESC, s.role LIMIT 1), login)
$$;
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON settings FOR SELECT USING (true);
CREATE POLICY added ON settings FOR INSERT WITH CHECK (right(key, length(xeploai_office(current_user)) + 1) = '@' || xeploai_office(current_user));
CREATE POLICY changed ON settings FOR UPDATE USING (right(key, length(xeploai_office(current_user)) + 1) = '@' || xeploai_office(current_user))
    WITH CHECK (right(key, length(xeploai_office(current_user)) + 1) = '@' || xeploai_office(current_user));
CREATE POLICY deleted ON settings FOR DELETE USING (right(key, length(xeploai_office(current_user)) + 1) = '@' || xeploai_office(current_user));

-- The state of the history before a step (its newest step, how many,
-- when), which an import compares between its plan and its write: for an
-- office's role, counted by the owner (under row-level security the count
-- would test every step of every office).
CREATE FUNCTION xeploai_steps_below(below bigint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT COALESCE(MAX(id), 0) || '/' || COUNT(*) || '/' || COALESCE((SELECT at FROM steps WHERE id < below ORDER BY id DESC LIMIT 1), '')
    FROM steps WHERE id < below
$$;
