-- A file has no roles: the server's migration 0010 makes a grant to a
-- group role reach its members. Nothing changes here; the step keeps the
-- two schemas' versions in step.
SELECT 1;
