-- A file has no offices: the server's migration 0014 keeps the
-- organisations each office's grant reaches in a table. Nothing changes
-- here; the step keeps the two schemas' versions in step.
SELECT 1;
