-- A file has no offices: the server's migration 0013 holds what an
-- office's role may do to the history and the settings. Nothing changes
-- here; the step keeps the two schemas' versions in step.
SELECT 1;
