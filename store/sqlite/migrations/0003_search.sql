-- Instant search: a full-text index over folded text (fold() is
-- domain.Fold, registered with SQLite by the store), kept right by triggers.
-- Row ids: member id*4, organisation id*4+1, award id*4+2. The table keeps
-- no copy of what it indexes (contentless) but the folded name, "label",
-- which ranking reads.
-- "name" is the record's own name (ranked higher), "other" the rest: birth
-- name, card and personal-history numbers, year of birth, home towns and the
-- cell's name for a member; the code and parent for an organisation; the
-- decision number and year for an award.

CREATE VIRTUAL TABLE search USING fts5(name, other, label UNINDEXED, content = '', contentless_delete = 1, contentless_unindexed = 1,
    tokenize = 'unicode61', prefix = '1 2', detail = none);
-- Leaf pages of 4 KB rather than 1 KB: fewer rows to write and merge.
INSERT INTO search (search, rank) VALUES ('pgsz', 4050);

CREATE VIEW search_members AS
SELECT m.id, m.id * 4 AS rid, m.name_fold AS name,
       fold(m.birth_name || ' ' || m.home_town || ' ' || m.home_town_new) || ' ' ||
            COALESCE(m.card_no, '') || ' ' || COALESCE(m.history_no, '') || ' ' || substr(m.birth_date, 1, 4) || ' ' ||
            COALESCE((SELECT o.name_fold FROM orgs o WHERE o.id = m.cell_id), '') AS other
FROM members m;

CREATE VIEW search_orgs AS
SELECT o.id, o.id * 4 + 1 AS rid, o.name_fold AS name,
       fold(COALESCE(o.code, '') || ' ' || COALESCE((SELECT p.name FROM orgs p WHERE p.id = o.parent_id), '')) AS other
FROM orgs o;

CREATE VIEW search_awards AS
SELECT a.id, a.id * 4 + 2 AS rid, fold(a.content) AS name, fold(a.decision_no || ' ' || a.year) AS other
FROM awards a;

INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_orgs;
INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_members;
INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_awards;

CREATE TRIGGER search_members_ai AFTER INSERT ON members BEGIN
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_members WHERE id = new.id;
END;
CREATE TRIGGER search_members_au AFTER UPDATE ON members BEGIN
    DELETE FROM search WHERE rowid = old.id * 4;
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_members WHERE id = new.id;
END;
CREATE TRIGGER search_members_ad AFTER DELETE ON members BEGIN
    DELETE FROM search WHERE rowid = old.id * 4;
END;

CREATE TRIGGER search_orgs_ai AFTER INSERT ON orgs BEGIN
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_orgs WHERE id = new.id;
END;
CREATE TRIGGER search_orgs_au AFTER UPDATE ON orgs BEGIN
    DELETE FROM search WHERE rowid = old.id * 4 + 1;
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_orgs WHERE id = new.id;
END;
-- A renamed organisation renames what its members and sub-organisations are
-- found by.
CREATE TRIGGER search_orgs_rename AFTER UPDATE OF name ON orgs WHEN old.name <> new.name BEGIN
    DELETE FROM search WHERE rowid IN (SELECT id * 4 FROM members WHERE cell_id = new.id);
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_members
        WHERE id IN (SELECT id FROM members WHERE cell_id = new.id);
    DELETE FROM search WHERE rowid IN (SELECT id * 4 + 1 FROM orgs WHERE parent_id = new.id);
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_orgs
        WHERE id IN (SELECT id FROM orgs WHERE parent_id = new.id);
END;
CREATE TRIGGER search_orgs_ad AFTER DELETE ON orgs BEGIN
    DELETE FROM search WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER search_awards_ai AFTER INSERT ON awards BEGIN
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_awards WHERE id = new.id;
END;
CREATE TRIGGER search_awards_au AFTER UPDATE ON awards BEGIN
    DELETE FROM search WHERE rowid = old.id * 4 + 2;
    INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_awards WHERE id = new.id;
END;
CREATE TRIGGER search_awards_ad AFTER DELETE ON awards BEGIN
    DELETE FROM search WHERE rowid = old.id * 4 + 2;
END;
