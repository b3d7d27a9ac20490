-- The history names the database role that made each step. On a file there
-- is none (the column stays empty and "who" says who); on a server the
-- trigger of migrations/postgres/0009 fills it, and per-office scopes
-- (xeploai grant) live there too.
ALTER TABLE steps ADD COLUMN role TEXT NOT NULL DEFAULT '';
