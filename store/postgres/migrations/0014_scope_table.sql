-- PostgreSQL: an office's statements cost what the owner's do, whatever its
-- size. The policies of 0012 built, for each statement, the scope's
-- organisations down the tree and every member in them (4 and 40 ms for a
-- district of 3 800 organisations and 73 000 members), paid by every
-- statement however few rows it touched: a district's import of 20 000
-- ratings took 66-90 s against the owner's 6, its export 23 s against 4.
--
-- Now the organisations each grant reaches are kept in scope_orgs, updated
-- where the tree or the grants change: a new organisation takes its
-- parent's grants, a moved one's subtree is computed again, a grant or a
-- revocation computes the table again. The policies look a row's
-- organisation up there by key (a member's records through the member's
-- key, then its cell), so that a statement touching a few rows tests a few;
-- for one reading many rows the server reads the role's rows of the table
-- once, as a set. The rules are those of 0009: only how they are evaluated
-- changes.

CREATE TABLE scope_orgs (
    role      text COLLATE "C" NOT NULL,
    org_id    bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    read_only boolean NOT NULL,
    PRIMARY KEY (role, org_id, read_only)
);
CREATE INDEX scope_orgs_org ON scope_orgs (org_id);
REVOKE ALL ON scope_orgs FROM PUBLIC;

-- The whole table again, from the grants (after a grant or a revocation).
CREATE FUNCTION xeploai_scope_refill() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    DELETE FROM scope_orgs;
    INSERT INTO scope_orgs (role, org_id, read_only)
    WITH RECURSIVE t (role, org_id, read_only) AS (
        SELECT role, org_id, read_only FROM scopes
        UNION
        SELECT t.role, o.id, t.read_only FROM t JOIN orgs o ON o.parent_id = t.org_id
    )
    SELECT role, org_id, read_only FROM t;
    -- The server plans the policies by the table's statistics: without
    -- them, a district's check read every member for each rating (6 s
    -- instead of 0.8) until autovacuum came by.
    ANALYZE scope_orgs;
END
$$;
REVOKE ALL ON FUNCTION xeploai_scope_refill() FROM PUBLIC;
CREATE FUNCTION xeploai_scope_rebuild() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM xeploai_scope_refill();
    RETURN NULL;
END
$$;
CREATE TRIGGER scope_orgs AFTER INSERT OR UPDATE OR DELETE ON scopes
    FOR EACH STATEMENT EXECUTE FUNCTION xeploai_scope_rebuild();

-- An organisation added or moved: its subtree's grants are those of its
-- new parent and those given inside the subtree. (An organisation is
-- usually added without children; a copy may add a parent after them.)
CREATE FUNCTION xeploai_scope_fill() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    sub bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM scopes) THEN
        RETURN NULL;
    END IF;
    sub := ARRAY(WITH RECURSIVE s (id) AS (
            SELECT NEW.id UNION SELECT o.id FROM orgs o JOIN s ON o.parent_id = s.id)
        SELECT id FROM s);
    DELETE FROM scope_orgs WHERE org_id = ANY (sub);
    INSERT INTO scope_orgs (role, org_id, read_only)
    WITH RECURSIVE t (role, org_id, read_only) AS (
        SELECT * FROM (
            SELECT role, NEW.id, read_only FROM scope_orgs WHERE org_id = NEW.parent_id
            UNION SELECT role, org_id, read_only FROM scopes WHERE org_id = ANY (sub)) AS top
        UNION
        SELECT t.role, o.id, t.read_only FROM t JOIN orgs o ON o.parent_id = t.org_id
    )
    SELECT role, org_id, read_only FROM t;
    RETURN NULL;
END
$$;
CREATE TRIGGER scope_orgs_added AFTER INSERT ON orgs
    FOR EACH ROW EXECUTE FUNCTION xeploai_scope_fill();
CREATE TRIGGER scope_orgs_moved AFTER UPDATE OF parent_id ON orgs
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION xeploai_scope_fill();

-- The grants as they stand.
SELECT xeploai_scope_refill();

-- xeploai_orgs (0009, 0010) read from the table (an organisation of two
-- grants comes twice, which no caller minds).
CREATE OR REPLACE FUNCTION xeploai_orgs(who text, writing boolean) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT org_id FROM scope_orgs WHERE role IN (SELECT xeploai_roles(who)) AND (NOT writing OR NOT read_only)
$$;
ALTER FUNCTION xeploai_orgs(text, boolean) RESET enable_hashjoin;
ALTER FUNCTION xeploai_orgs(text, boolean) RESET enable_mergejoin;

-- Each role reads its own rows of scope_orgs (and those of the group roles
-- it is a member of), so that the policies below test a row by looking its
-- organisation up there by key: the scope is never built whole for a
-- statement that touches a few rows (for one reading many, the server
-- reads the role's rows once, as a set).
ALTER TABLE scope_orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON scope_orgs FOR SELECT USING (role IN (SELECT xeploai_roles(current_user)));
DO $$
DECLARE
    r text;
BEGIN
    -- The roles granted before (xeploai grant gives the table rights to
    -- those granted after).
    FOR r IN SELECT DISTINCT s.role FROM scopes s JOIN pg_roles p ON p.rolname = s.role LOOP
        EXECUTE format('GRANT SELECT ON scope_orgs TO %I', r);
    END LOOP;
END
$$;

DO $$
DECLARE
    t text;
    -- The organisation (an SQL expression) is in the role's scope; in a
    -- scope it may change.
    org_r constant text := 'EXISTS (SELECT 1 FROM scope_orgs s WHERE s.org_id = %s)';
    org_w constant text := 'EXISTS (SELECT 1 FROM scope_orgs s WHERE s.org_id = %s AND NOT s.read_only)';
    -- A member's records go with the member: seen when the member's cell
    -- is, changed when it may be. (Written as a join of the member to the
    -- role's organisations, so that a statement reading many rows reads
    -- the members of those organisations by their cell, not every member.)
    member_r constant text := 'EXISTS (SELECT 1 FROM members m WHERE m.id = %s AND m.cell_id IN (SELECT s.org_id FROM scope_orgs s))';
    member_w constant text := 'EXISTS (SELECT 1 FROM members m WHERE m.id = %s AND m.cell_id IN (SELECT s.org_id FROM scope_orgs s WHERE NOT s.read_only))';
    cond text;
    cond_w text;
BEGIN
    -- Organisations, and the names of those above the scope.
    DROP POLICY seen ON orgs;
    DROP POLICY added ON orgs;
    DROP POLICY changed ON orgs;
    DROP POLICY deleted ON orgs;
    EXECUTE 'CREATE POLICY seen ON orgs FOR SELECT USING (' || format(org_r, 'orgs.id') || '
        OR orgs.id IN (SELECT a FROM xeploai_above(current_user) AS a))';
    EXECUTE 'CREATE POLICY added ON orgs FOR INSERT WITH CHECK (' || format(org_w, 'orgs.parent_id') || '
        AND (orgs.merged_into IS NULL OR ' || format(org_w, 'orgs.merged_into') || '))';
    EXECUTE 'CREATE POLICY changed ON orgs FOR UPDATE USING (' || format(org_w, 'orgs.id') || ')
        WITH CHECK ((' || format(org_w, 'orgs.parent_id') || ' OR orgs.parent_id IS NOT DISTINCT FROM xeploai_parent(orgs.id))
            AND (orgs.merged_into IS NULL OR ' || format(org_w, 'orgs.merged_into') || '))';
    EXECUTE 'CREATE POLICY deleted ON orgs FOR DELETE USING (' || format(org_w, 'orgs.id') || ')';

    -- Members, by their cell.
    DROP POLICY seen ON members;
    DROP POLICY added ON members;
    DROP POLICY changed ON members;
    DROP POLICY deleted ON members;
    EXECUTE 'CREATE POLICY seen ON members FOR SELECT USING (' || format(org_r, 'members.cell_id') || ')';
    EXECUTE 'CREATE POLICY added ON members FOR INSERT WITH CHECK (' || format(org_w, 'members.cell_id') || ')';
    EXECUTE 'CREATE POLICY changed ON members FOR UPDATE USING (' || format(org_w, 'members.cell_id') || ')
        WITH CHECK (' || format(org_w, 'members.cell_id') || ')';
    EXECUTE 'CREATE POLICY deleted ON members FOR DELETE USING (' || format(org_w, 'members.cell_id') || ')';

    -- The records of an organisation, of a member, of either.
    FOREACH t IN ARRAY ARRAY['org_events', 'org_ratings', 'memberships', 'member_ratings', 'absences',
            'party_age_gaps', 'leaders', 'awards', 'disciplines'] LOOP
        IF t IN ('org_events', 'org_ratings') THEN
            cond := format(org_r, t || '.org_id');
            cond_w := format(org_w, t || '.org_id');
        ELSIF t IN ('awards', 'disciplines') THEN
            cond := 'CASE WHEN ' || t || '.member_id IS NOT NULL THEN ' || format(member_r, t || '.member_id')
                || ' ELSE ' || format(org_r, t || '.org_id') || ' END';
            cond_w := 'CASE WHEN ' || t || '.member_id IS NOT NULL THEN ' || format(member_w, t || '.member_id')
                || ' ELSE ' || format(org_w, t || '.org_id') || ' END';
        ELSE
            cond := format(member_r, t || '.member_id');
            cond_w := format(member_w, t || '.member_id');
        END IF;
        EXECUTE format('DROP POLICY seen ON %I', t);
        EXECUTE format('DROP POLICY added ON %I', t);
        EXECUTE format('DROP POLICY changed ON %I', t);
        EXECUTE format('DROP POLICY deleted ON %I', t);
        EXECUTE format('CREATE POLICY seen ON %I FOR SELECT USING (%s)', t, cond);
        EXECUTE format('CREATE POLICY added ON %I FOR INSERT WITH CHECK (%s)', t, cond_w);
        EXECUTE format('CREATE POLICY changed ON %I FOR UPDATE USING (%s) WITH CHECK (%s)', t, cond_w, cond_w);
        EXECUTE format('CREATE POLICY deleted ON %I FOR DELETE USING (%s)', t, cond_w);
    END LOOP;

    -- The search index: a member's row by the member, an organisation's by
    -- the organisation, an award's by its owner.
    DROP POLICY seen ON search;
    DROP POLICY added ON search;
    DROP POLICY changed ON search;
    DROP POLICY deleted ON search;
    EXECUTE 'CREATE POLICY seen ON search FOR SELECT USING (CASE search.rid % 4
        WHEN 0 THEN ' || format(member_r, 'search.rid / 4') || '
        WHEN 1 THEN ' || format(org_r, 'search.rid / 4') || '
        ELSE ' || format(org_r, 'xeploai_search_org(search.rid)') || ' END)';
    EXECUTE 'CREATE POLICY added ON search FOR INSERT WITH CHECK (' || format(org_w, 'xeploai_search_org(search.rid)') || ')';
    EXECUTE 'CREATE POLICY changed ON search FOR UPDATE USING (' || format(org_w, 'xeploai_search_org(search.rid)') || ')
        WITH CHECK (' || format(org_w, 'xeploai_search_org(search.rid)') || ')';
    EXECUTE 'CREATE POLICY deleted ON search FOR DELETE USING (xeploai_search_org(search.rid) IS NULL
        OR ' || format(org_w, 'xeploai_search_org(search.rid)') || ')';
END
$$;
