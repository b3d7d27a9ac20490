-- PostgreSQL: SQLite's 0006 adds a vocabulary that FTS5 needs to read long
-- prefixes lazily; a GIN index reads prefixes (:*) itself, so the server
-- has none. The index of a cell's members by birth date is the same.

CREATE INDEX members_cell_birth ON members (cell_id, birth_date);
DROP INDEX members_cell;
