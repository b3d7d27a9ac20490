-- A file has no offices: the server's migration 0016 lets only the tables'
-- owner write without history. Nothing changes here; the step keeps the
-- two schemas' versions in step.
SELECT 1;
