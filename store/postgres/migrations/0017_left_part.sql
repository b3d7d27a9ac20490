-- PostgreSQL: what an office's report of a past year cannot count. An
-- office reads the rows of its part as it stands now: a cell or ward moved
-- to another part after the year, or a member transferred out since, took
-- their ratings of the year with them, and the office's report of that
-- year silently came out short (a tester: 51/921/17 930 where the owner's
-- report of the same district read 52/963/18 752). The report now says so,
-- with these counts; the rows themselves stay out of the office's sight.
--
-- For the login's grants (session_user: the function runs as the owner):
--   organisations: those moved out of the part after the year's end (from
--     a parent in the part to one outside it), whose subtrees left with them;
--   ratings: the member ratings of the year given in those subtrees, or in
--     the part by members whose cell is no longer in it.
-- Counts only: no ids, names or contents.
CREATE FUNCTION xeploai_left_part(y integer) RETURNS TABLE (orgs bigint, ratings bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH RECURSIVE mine AS (
        SELECT DISTINCT org_id FROM scope_orgs WHERE role IN (SELECT xeploai_roles(session_user))
    ), moved AS (
        SELECT DISTINCT e.org_id FROM org_events e
        WHERE e.kind = 'move' AND e.on_date > (y::text || '-12-31')
            AND e.old_parent_id IN (SELECT org_id FROM mine) AND e.org_id NOT IN (SELECT org_id FROM mine)
    ), gone (id) AS (
        SELECT org_id FROM moved
        UNION
        SELECT o.id FROM orgs o JOIN gone ON o.parent_id = gone.id
    )
    -- Two counts, each read by the index on (year, org_id): the gone
    -- organisations are not in the part, so none is counted twice.
    SELECT (SELECT count(*) FROM moved),
        (SELECT count(*) FROM member_ratings r WHERE r.year = y AND r.org_id IN (SELECT id FROM gone))
        + (SELECT count(*) FROM mine JOIN member_ratings r ON r.year = y AND r.org_id = mine.org_id
            WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = r.member_id AND m.cell_id IN (SELECT org_id FROM mine)))
$$;
