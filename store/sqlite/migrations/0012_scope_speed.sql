-- A file has no per-office scopes: the server's migration 0012 makes an
-- office's reads fast. Nothing changes here; the step keeps the two
-- schemas' versions in step.
SELECT 1;
