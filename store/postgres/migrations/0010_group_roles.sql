-- PostgreSQL: a grant to a group role reaches the roles that are members of
-- it. An office's staff each log in as a role of their own, so that the
-- history names who made each step, and are made members of the office's
-- role (GRANT phuong_a TO nguyen_van_a), which xeploai grant gave a scope:
-- each of them sees and changes that scope, as the office's role does.
-- The table rights come with membership (INHERIT, PostgreSQL's default).

-- xeploai_roles is role who and every role it is a member of.
CREATE FUNCTION xeploai_roles(who text) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT r.rolname::text FROM pg_roles r WHERE pg_has_role(who, r.oid, 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION xeploai_orgs(who text, writing boolean) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH RECURSIVE t (id) AS (
        SELECT org_id FROM scopes WHERE role IN (SELECT xeploai_roles(who)) AND (NOT writing OR NOT read_only)
        UNION
        SELECT o.id FROM orgs o JOIN t ON o.parent_id = t.id
    )
    SELECT id FROM t
$$;

CREATE OR REPLACE FUNCTION xeploai_above(who text) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH RECURSIVE t (id) AS (
        SELECT o.parent_id FROM scopes s JOIN orgs o ON o.id = s.org_id
            WHERE s.role IN (SELECT xeploai_roles(who)) AND o.parent_id IS NOT NULL
        UNION
        SELECT o.parent_id FROM orgs o JOIN t ON o.id = t.id WHERE o.parent_id IS NOT NULL
    )
    SELECT id FROM t
$$;

CREATE OR REPLACE FUNCTION xeploai_step_seen(step bigint, who text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM steps WHERE id = step AND role = who)
        OR EXISTS (SELECT 1 FROM scopes WHERE role IN (SELECT xeploai_roles(who))) AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.step_id = step
            AND COALESCE(xeploai_change_org(c.tbl, c.member_id, c.org_id, c.old, c.new), 0) NOT IN (SELECT xeploai_orgs(who, false)))
$$;
