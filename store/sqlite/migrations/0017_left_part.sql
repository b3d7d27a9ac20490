-- A file has no offices: the server's migration 0017 counts what an
-- office's report of a past year cannot see. Nothing changes here; the step
-- keeps the two schemas' versions in step.
SELECT 1;
