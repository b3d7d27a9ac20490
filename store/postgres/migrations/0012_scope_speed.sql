-- PostgreSQL: an office's reads nearly as fast as the owner's. The
-- policies of 0009 tested each row of a member's records by looking the
-- member up and testing its cell against the office's organisations, a
-- subquery the server ran again for every row (a district's check read
-- 470 000 ratings that way: 8 s); and a policy FOR ALL made every read test
-- the rows twice, against what the role may see and what it may change.
-- Now each statement computes once the organisations, and the members, the
-- role may see (or change), as a set read from a function in FROM (which
-- the server builds at once, not row by row), and tests each row against
-- it by a hash lookup; reads test only what the role may see. The rules
-- are those of 0009: only how they are evaluated changes.

-- The scope's organisations, found down the tree by its index (the
-- planner, which cannot tell how few rows a recursive query gives, would
-- otherwise hash every organisation at each level).
ALTER FUNCTION xeploai_orgs(text, boolean) SET enable_hashjoin = off;
ALTER FUNCTION xeploai_orgs(text, boolean) SET enable_mergejoin = off;
ALTER FUNCTION xeploai_above(text) SET enable_hashjoin = off;
ALTER FUNCTION xeploai_above(text) SET enable_mergejoin = off;

-- xeploai_members is every member in the scopes of role who (writing:
-- only those it may change), by the members' cell index.
CREATE FUNCTION xeploai_members(who text, writing boolean) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT id FROM members WHERE cell_id = ANY (ARRAY(SELECT o FROM xeploai_orgs(who, writing) AS o))
$$;

DO $$
DECLARE
    t text;
    orgs_r constant text := '(SELECT o FROM xeploai_orgs(current_user, false) AS o)';
    orgs_w constant text := '(SELECT o FROM xeploai_orgs(current_user, true) AS o)';
    members_r constant text := '(SELECT m FROM xeploai_members(current_user, false) AS m)';
    members_w constant text := '(SELECT m FROM xeploai_members(current_user, true) AS m)';
    cond text;
    cond_w text;
BEGIN
    -- Organisations, and the names of those above the scope.
    DROP POLICY seen ON orgs;
    DROP POLICY added ON orgs;
    DROP POLICY changed ON orgs;
    DROP POLICY deleted ON orgs;
    EXECUTE format('CREATE POLICY seen ON orgs FOR SELECT USING (id IN %s OR id IN (SELECT a FROM xeploai_above(current_user) AS a))', orgs_r);
    EXECUTE format('CREATE POLICY added ON orgs FOR INSERT WITH CHECK (parent_id IN %s AND (merged_into IS NULL OR merged_into IN %s))', orgs_w, orgs_w);
    EXECUTE format('CREATE POLICY changed ON orgs FOR UPDATE USING (id IN %s)
        WITH CHECK ((parent_id IN %s OR parent_id IS NOT DISTINCT FROM xeploai_parent(id)) AND (merged_into IS NULL OR merged_into IN %s))', orgs_w, orgs_w, orgs_w);
    EXECUTE format('CREATE POLICY deleted ON orgs FOR DELETE USING (id IN %s)', orgs_w);

    -- Members, by their cell.
    DROP POLICY seen ON members;
    DROP POLICY added ON members;
    DROP POLICY changed ON members;
    DROP POLICY deleted ON members;
    EXECUTE format('CREATE POLICY seen ON members FOR SELECT USING (cell_id IN %s)', orgs_r);
    EXECUTE format('CREATE POLICY added ON members FOR INSERT WITH CHECK (cell_id IN %s)', orgs_w);
    EXECUTE format('CREATE POLICY changed ON members FOR UPDATE USING (cell_id IN %s) WITH CHECK (cell_id IN %s)', orgs_w, orgs_w);
    EXECUTE format('CREATE POLICY deleted ON members FOR DELETE USING (cell_id IN %s)', orgs_w);

    -- The records of an organisation, of a member, of either.
    FOREACH t IN ARRAY ARRAY['org_events', 'org_ratings', 'memberships', 'member_ratings', 'absences',
            'party_age_gaps', 'leaders', 'awards', 'disciplines'] LOOP
        IF t IN ('org_events', 'org_ratings') THEN
            cond := format('org_id IN %s', orgs_r);
            cond_w := format('org_id IN %s', orgs_w);
        ELSIF t IN ('awards', 'disciplines') THEN
            cond := format('CASE WHEN member_id IS NOT NULL THEN member_id IN %s ELSE org_id IN %s END', members_r, orgs_r);
            cond_w := format('CASE WHEN member_id IS NOT NULL THEN member_id IN %s ELSE org_id IN %s END', members_w, orgs_w);
        ELSE
            cond := format('member_id IN %s', members_r);
            cond_w := format('member_id IN %s', members_w);
        END IF;
        EXECUTE format('DROP POLICY seen ON %I', t);
        EXECUTE format('DROP POLICY written ON %I', t);
        EXECUTE format('CREATE POLICY seen ON %I FOR SELECT USING (%s)', t, cond);
        EXECUTE format('CREATE POLICY added ON %I FOR INSERT WITH CHECK (%s)', t, cond_w);
        EXECUTE format('CREATE POLICY changed ON %I FOR UPDATE USING (%s) WITH CHECK (%s)', t, cond_w, cond_w);
        EXECUTE format('CREATE POLICY deleted ON %I FOR DELETE USING (%s)', t, cond_w);
    END LOOP;

    -- The history's changes.
    DROP POLICY seen ON changes;
    EXECUTE format('CREATE POLICY seen ON changes FOR SELECT USING (xeploai_change_org(tbl, member_id, org_id, old, new) IN %s)', orgs_r);

    -- The search index: a member's row by the member, an organisation's by
    -- the organisation, an award's by its owner.
    DROP POLICY seen ON search;
    DROP POLICY added ON search;
    DROP POLICY changed ON search;
    DROP POLICY deleted ON search;
    EXECUTE format('CREATE POLICY seen ON search FOR SELECT USING (CASE rid %% 4 WHEN 0 THEN rid / 4 IN %s
        WHEN 1 THEN rid / 4 IN %s ELSE xeploai_search_org(rid) IN %s END)', members_r, orgs_r, orgs_r);
    EXECUTE format('CREATE POLICY added ON search FOR INSERT WITH CHECK (xeploai_search_org(rid) IN %s)', orgs_w);
    EXECUTE format('CREATE POLICY changed ON search FOR UPDATE USING (xeploai_search_org(rid) IN %s) WITH CHECK (xeploai_search_org(rid) IN %s)', orgs_w, orgs_w);
    EXECUTE format('CREATE POLICY deleted ON search FOR DELETE USING (xeploai_search_org(rid) IS NULL OR xeploai_search_org(rid) IN %s)', orgs_w);
END
$$;

-- An office's search: the matches in the scope of role who only, so that
-- the rows read after are its own (a common word matches 70 000 rows of the
-- whole city). A small scope (a ward: under 1 000 organisations, or as
-- many as the setting xeploai.small_scope says, which the tests set) is
-- read from its own rows by their keys, each tested against the query; a
-- large one (a district) from the index's matches, each tested against the
-- scope.
CREATE FUNCTION xeploai_small_scope(orgs bigint[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT cardinality(orgs) < COALESCE(NULLIF(current_setting('xeploai.small_scope', true), '')::int, 1000)
$$;

CREATE FUNCTION xeploai_search_match(q tsquery, who text) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT ROWS 100 AS $$
DECLARE
    seen_orgs bigint[] := ARRAY(SELECT o FROM xeploai_orgs(who, false) AS o);
    seen bigint[];
BEGIN
    IF xeploai_small_scope(seen_orgs) THEN
        seen := ARRAY(SELECT m FROM xeploai_members(who, false) AS m);
        RETURN QUERY SELECT s.rid FROM search s WHERE s.rid = ANY (ARRAY(
                SELECT m * 4 FROM unnest(seen) AS m
                UNION ALL SELECT o * 4 + 1 FROM unnest(seen_orgs) AS o
                UNION ALL SELECT a.id * 4 + 2 FROM awards a WHERE a.member_id = ANY (seen)
                UNION ALL SELECT a.id * 4 + 2 FROM awards a WHERE a.member_id IS NULL AND a.org_id = ANY (seen_orgs)))
            AND s.words @@ q;
    ELSE
        RETURN QUERY SELECT s.rid FROM search s WHERE s.words @@ q AND CASE s.rid % 4
            WHEN 0 THEN s.rid / 4 IN (SELECT m FROM xeploai_members(who, false) AS m)
            WHEN 1 THEN s.rid / 4 IN (SELECT unnest(seen_orgs))
            ELSE xeploai_search_org(s.rid) IN (SELECT unnest(seen_orgs)) END;
    END IF;
END
$$;

-- The members among the matches of q in role who's scope, by their ids
-- (the store reads each by its key: see MembersMatching).
CREATE FUNCTION xeploai_search_members(q tsquery, who text) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT ROWS 100 AS $$
    SELECT r / 4 FROM xeploai_search_match(q, who) AS r WHERE r % 4 = 0
$$;

-- The members of role who's scope whose folded name is from lo up to hi
-- (the names beginning with what was typed), at most lim, in name order: a
-- small scope read from its members, a large one from the names' index.
CREATE FUNCTION xeploai_members_named(lo text, hi text, who text, lim bigint) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT ROWS 100 AS $$
DECLARE
    seen_orgs bigint[] := ARRAY(SELECT o FROM xeploai_orgs(who, false) AS o);
BEGIN
    IF xeploai_small_scope(seen_orgs) THEN
        RETURN QUERY SELECT m.id FROM members m WHERE m.cell_id = ANY (seen_orgs)
            AND m.name_fold >= lo AND m.name_fold < hi ORDER BY m.name_fold LIMIT lim;
    ELSE
        RETURN QUERY SELECT m.id FROM members m WHERE m.name_fold >= lo AND m.name_fold < hi
            AND m.cell_id IN (SELECT unnest(seen_orgs)) ORDER BY m.name_fold LIMIT lim;
    END IF;
END
$$;

-- Whether anything was written, and whether another process wrote, as the
-- store asks each second and before each read of the tree (see
-- postgres.Dialect.DataVersion): counters of every office's steps and
-- changes. Asked by an office's role under row-level security, max(id)
-- would test every row it may not see, newest first.
CREATE FUNCTION xeploai_version() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT (SELECT COALESCE(max(id), 0) FROM steps) * 1000003 + (SELECT COALESCE(max(id), 0) FROM changes)
$$;

CREATE FUNCTION xeploai_others_version(me text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT COALESCE(s.id, 0) * 1000003 + COALESCE((SELECT max(c.id) FROM changes c WHERE c.step_id = s.id), 0)
    FROM (SELECT 1) AS one LEFT JOIN (SELECT id FROM steps WHERE session <> me ORDER BY id DESC LIMIT 1) AS s ON true
$$;

-- The history's steps: a step is seen by role who when it wrote it, or when
-- every change in it is in who's scope (as 0009/0010 say). The scope's
-- organisations are now computed once per statement and handed in, rather
-- than once per step.
CREATE FUNCTION xeploai_step_in(step bigint, orgs bigint[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT cardinality(orgs) > 0 AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.step_id = step
        AND NOT COALESCE(xeploai_change_org(c.tbl, c.member_id, c.org_id, c.old, c.new), 0) = ANY (orgs))
$$;

DO $$
DECLARE
    seen constant text := 'xeploai_step_in(%s, ARRAY(SELECT o FROM xeploai_orgs(current_user, false) AS o))';
BEGIN
    DROP POLICY seen ON steps;
    DROP POLICY changed ON steps;
    EXECUTE format('CREATE POLICY seen ON steps FOR SELECT USING (role = current_user OR ' || seen || ')', 'id');
    EXECUTE format('CREATE POLICY changed ON steps FOR UPDATE USING (role = current_user OR ' || seen || ')', 'id');
    DROP POLICY seen ON trash;
    DROP POLICY written ON trash;
    EXECUTE format('CREATE POLICY seen ON trash FOR SELECT USING (' || seen || ' OR step_id IN (SELECT id FROM steps WHERE role = current_user))', 'step_id');
    EXECUTE format('CREATE POLICY written ON trash FOR ALL USING (' || seen || ' OR step_id IN (SELECT id FROM steps WHERE role = current_user))
        WITH CHECK (' || seen || ' OR step_id IN (SELECT id FROM steps WHERE role = current_user))', 'step_id', 'step_id');
END
$$;

-- The newest steps role login sees, at most lim: those it wrote, and those
-- whose changes touch its members or organisations, each then tested as
-- the policy does; and the steps that logged no change (a bulk load), which
-- every role granted any sees. Listing the newest steps of the history
-- through the policy alone would test every step of every other office.
CREATE FUNCTION xeploai_recent_steps(login text, lim bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT ROWS 200 AS $$
    -- (steps has a column "who": the role is "login".)
    WITH scope AS (SELECT ARRAY(SELECT o FROM xeploai_orgs(login, false) AS o) AS orgs)
    SELECT s.id FROM steps s, scope
    WHERE s.id IN (
            SELECT id FROM steps WHERE role = login
            UNION SELECT c.step_id FROM changes c WHERE c.member_id IN (SELECT m FROM xeploai_members(login, false) AS m)
            UNION SELECT c.step_id FROM changes c WHERE c.org_id = ANY (scope.orgs)
            UNION SELECT id FROM steps WHERE action IN ('bulk', 'migration'))
        AND (s.role = login OR xeploai_step_in(s.id, scope.orgs))
    ORDER BY s.id DESC LIMIT lim
$$;
