-- PostgreSQL: per-office scopes (xeploai grant ROLE --org CODE), enforced by
-- the server with row-level security. A role other than the tables' owner
-- (and superusers, which PostgreSQL never restricts) sees and changes only
-- the subtrees of the organisations granted to it in scopes — all of them,
-- or for a read-only grant only sees them — and the names and codes of the
-- organisations above them; a role granted nothing sees no record. A
-- subtree is computed when a statement runs (a recursive query
-- over orgs.parent_id), so moving or merging organisations moves their
-- scope with them. Members are in scope by their current cell, and every
-- record of a member goes with the member; the history's changes go with
-- the record they changed (a deleted member's with its last cell), and a
-- step is seen only when every change in it is.

ALTER TABLE steps ADD COLUMN role text COLLATE "C" NOT NULL DEFAULT '';

CREATE TABLE scopes (
    role      text COLLATE "C" NOT NULL,
    org_id    bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    read_only boolean NOT NULL DEFAULT false,
    PRIMARY KEY (role, org_id)
);

-- The step's role is the role that wrote it: always, except when the
-- tables' owner copies a history as it is (xeploai copy: a file's steps
-- name no role, a server's their own).
CREATE FUNCTION xeploai_step_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('xeploai.bulk', true) = 'on' AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NEW;
    END IF;
    NEW.role := current_user;
    RETURN NEW;
END
$$;
CREATE TRIGGER step_role BEFORE INSERT OR UPDATE OF role ON steps FOR EACH ROW EXECUTE FUNCTION xeploai_step_role();

-- xeploai_orgs is every organisation in the scopes of role who (writing:
-- only those it may change). It reads scopes and orgs as their owner, so
-- that the policies below do not call themselves.
CREATE FUNCTION xeploai_orgs(who text, writing boolean) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH RECURSIVE t (id) AS (
        SELECT org_id FROM scopes WHERE role = who AND (NOT writing OR NOT read_only)
        UNION
        SELECT o.id FROM orgs o JOIN t ON o.parent_id = t.id
    )
    SELECT id FROM t
$$;

-- xeploai_above is every organisation above role who's grants (not those
-- granted): the role reads their names and codes, so that its tree and its
-- exports place its part where it belongs, and nothing else of them.
CREATE FUNCTION xeploai_above(who text) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH RECURSIVE t (id) AS (
        SELECT o.parent_id FROM scopes s JOIN orgs o ON o.id = s.org_id WHERE s.role = who AND o.parent_id IS NOT NULL
        UNION
        SELECT o.parent_id FROM orgs o JOIN t ON o.id = t.id WHERE o.parent_id IS NOT NULL
    )
    SELECT id FROM t
$$;

-- xeploai_parent is an organisation's parent as stored before the
-- statement (a granted organisation keeps the parent outside the scope it
-- has, and may be renamed under it).
CREATE FUNCTION xeploai_parent(org bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT parent_id FROM orgs WHERE id = org
$$;

-- xeploai_member_org is the organisation a member's records go with: the
-- member's cell, or for a deleted member the last cell its history names.
CREATE FUNCTION xeploai_member_org(member bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT COALESCE((SELECT cell_id FROM members WHERE id = member),
        (SELECT (COALESCE(new, old)::jsonb ->> 'cell_id')::bigint FROM changes
         WHERE member_id = member AND tbl = 'members' ORDER BY id DESC LIMIT 1))
$$;

-- xeploai_change_org is the organisation a change of the history goes with.
CREATE FUNCTION xeploai_change_org(tbl text, member bigint, org bigint, old text, new text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT CASE
        WHEN member IS NOT NULL THEN xeploai_member_org(member)
        WHEN tbl IN ('member_ratings', 'absences', 'party_age_gaps') THEN xeploai_member_org((COALESCE(new, old)::jsonb ->> 'member_id')::bigint)
        ELSE org
    END
$$;

-- xeploai_step_seen: a step of the history is seen by role who when it
-- wrote it, or when every change in it is in who's scope (a step that
-- logged no change, such as a bulk load, by every role granted any).
CREATE FUNCTION xeploai_step_seen(step bigint, who text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM steps WHERE id = step AND role = who)
        OR EXISTS (SELECT 1 FROM scopes WHERE role = who) AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.step_id = step
            AND COALESCE(xeploai_change_org(c.tbl, c.member_id, c.org_id, c.old, c.new), 0) NOT IN (SELECT xeploai_orgs(who, false)))
$$;

-- xeploai_search_org is the organisation a row of the search index goes
-- with (row ids as in 0003: member id*4, organisation id*4+1, award
-- id*4+2), or NULL when its record is gone.
CREATE FUNCTION xeploai_search_org(rid bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT CASE rid % 4
        WHEN 0 THEN (SELECT cell_id FROM members WHERE id = rid / 4)
        WHEN 1 THEN (SELECT id FROM orgs WHERE id = rid / 4)
        WHEN 2 THEN (SELECT COALESCE(m.cell_id, a.org_id) FROM awards a LEFT JOIN members m ON m.id = a.member_id WHERE a.id = rid / 4)
    END
$$;

ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON orgs FOR SELECT USING (id IN (SELECT xeploai_orgs(current_user, false)) OR id IN (SELECT xeploai_above(current_user)));
CREATE POLICY added ON orgs FOR INSERT WITH CHECK (parent_id IN (SELECT xeploai_orgs(current_user, true))
    AND (merged_into IS NULL OR merged_into IN (SELECT xeploai_orgs(current_user, true))));
CREATE POLICY changed ON orgs FOR UPDATE USING (id IN (SELECT xeploai_orgs(current_user, true)))
    WITH CHECK ((parent_id IN (SELECT xeploai_orgs(current_user, true)) OR parent_id IS NOT DISTINCT FROM xeploai_parent(id))
        AND (merged_into IS NULL OR merged_into IN (SELECT xeploai_orgs(current_user, true))));
CREATE POLICY deleted ON orgs FOR DELETE USING (id IN (SELECT xeploai_orgs(current_user, true)));

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON members FOR SELECT USING (cell_id IN (SELECT xeploai_orgs(current_user, false)));
CREATE POLICY added ON members FOR INSERT WITH CHECK (cell_id IN (SELECT xeploai_orgs(current_user, true)));
CREATE POLICY changed ON members FOR UPDATE USING (cell_id IN (SELECT xeploai_orgs(current_user, true)))
    WITH CHECK (cell_id IN (SELECT xeploai_orgs(current_user, true)));
CREATE POLICY deleted ON members FOR DELETE USING (cell_id IN (SELECT xeploai_orgs(current_user, true)));

-- The records of an organisation.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['org_events', 'org_ratings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY seen ON %I FOR SELECT USING (org_id IN (SELECT xeploai_orgs(current_user, false)))', t);
        EXECUTE format('CREATE POLICY written ON %I FOR ALL USING (org_id IN (SELECT xeploai_orgs(current_user, true))) WITH CHECK (org_id IN (SELECT xeploai_orgs(current_user, true)))', t);
    END LOOP;
    -- The records of a member.
    FOREACH t IN ARRAY ARRAY['memberships', 'member_ratings', 'absences', 'party_age_gaps', 'leaders'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY seen ON %I FOR SELECT USING (EXISTS (SELECT 1 FROM members m WHERE m.id = member_id AND m.cell_id IN (SELECT xeploai_orgs(current_user, false))))', t);
        EXECUTE format('CREATE POLICY written ON %I FOR ALL USING (EXISTS (SELECT 1 FROM members m WHERE m.id = member_id AND m.cell_id IN (SELECT xeploai_orgs(current_user, true))))
            WITH CHECK (EXISTS (SELECT 1 FROM members m WHERE m.id = member_id AND m.cell_id IN (SELECT xeploai_orgs(current_user, true))))', t);
    END LOOP;
    -- The records of a member or of an organisation.
    FOREACH t IN ARRAY ARRAY['awards', 'disciplines'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY seen ON %I FOR SELECT USING (CASE WHEN member_id IS NOT NULL
            THEN EXISTS (SELECT 1 FROM members m WHERE m.id = member_id AND m.cell_id IN (SELECT xeploai_orgs(current_user, false)))
            ELSE org_id IN (SELECT xeploai_orgs(current_user, false)) END)', t);
        EXECUTE format('CREATE POLICY written ON %I FOR ALL USING (CASE WHEN member_id IS NOT NULL
            THEN EXISTS (SELECT 1 FROM members m WHERE m.id = member_id AND m.cell_id IN (SELECT xeploai_orgs(current_user, true)))
            ELSE org_id IN (SELECT xeploai_orgs(current_user, true)) END)
            WITH CHECK (CASE WHEN member_id IS NOT NULL
            THEN EXISTS (SELECT 1 FROM members m WHERE m.id = member_id AND m.cell_id IN (SELECT xeploai_orgs(current_user, true)))
            ELSE org_id IN (SELECT xeploai_orgs(current_user, true)) END)', t);
    END LOOP;
END
$$;

-- The history: a step as xeploai_step_seen says, its changes and its
-- place in the trash with it. Changes are written by the history's
-- trigger, which runs as the owner.
ALTER TABLE steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON steps FOR SELECT USING (role = current_user OR xeploai_step_seen(id, current_user));
CREATE POLICY added ON steps FOR INSERT WITH CHECK (role = current_user);
CREATE POLICY changed ON steps FOR UPDATE USING (role = current_user OR xeploai_step_seen(id, current_user));
CREATE POLICY deleted ON steps FOR DELETE USING (role = current_user);

ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON changes FOR SELECT USING (xeploai_change_org(tbl, member_id, org_id, old, new) IN (SELECT xeploai_orgs(current_user, false)));

ALTER TABLE trash ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON trash FOR SELECT USING (xeploai_step_seen(step_id, current_user));
CREATE POLICY written ON trash FOR ALL USING (xeploai_step_seen(step_id, current_user)) WITH CHECK (xeploai_step_seen(step_id, current_user));

-- The search index goes with its records; a row whose record is gone may
-- be removed by anyone (the store removes it after the record).
-- A role's own conditions cannot use the index under row-level security
-- (@@ is not leakproof: every row would be read and checked); an office's
-- search asks xeploai_search_match for the row ids matching instead, then
-- reads those rows, checked, by their key.
CREATE FUNCTION xeploai_search_match(q tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT rid FROM search WHERE words @@ q
$$;
ALTER TABLE search ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON search FOR SELECT USING (xeploai_search_org(rid) IN (SELECT xeploai_orgs(current_user, false)));
CREATE POLICY added ON search FOR INSERT WITH CHECK (xeploai_search_org(rid) IN (SELECT xeploai_orgs(current_user, true)));
CREATE POLICY changed ON search FOR UPDATE USING (xeploai_search_org(rid) IN (SELECT xeploai_orgs(current_user, true)))
    WITH CHECK (xeploai_search_org(rid) IN (SELECT xeploai_orgs(current_user, true)));
CREATE POLICY deleted ON search FOR DELETE USING (xeploai_search_org(rid) IS NULL OR xeploai_search_org(rid) IN (SELECT xeploai_orgs(current_user, true)));

-- The history's trigger writes changes as the owner (a scoped role may not
-- write the history by hand).
ALTER FUNCTION xeploai_log() SECURITY DEFINER;
ALTER FUNCTION xeploai_log() SET search_path FROM CURRENT;

REVOKE ALL ON scopes FROM PUBLIC;
