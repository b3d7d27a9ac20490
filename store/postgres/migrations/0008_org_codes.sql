-- PostgreSQL: SQLite's 0008 gives a code to the organisations of databases
-- made before codes existed. A server's database is made by this version
-- (or copied from a file already at it), so it has no such organisations:
-- nothing to do but record the step number.
SELECT 1;
