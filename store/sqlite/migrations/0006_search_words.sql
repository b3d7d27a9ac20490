-- The words the search index holds (those with a letter), so that a typed
-- prefix ("nguy") becomes the few exact words it begins ("nguyen", "nguyet"):
-- FTS5 reads exact terms lazily but must gather every match of a long prefix
-- first. Words are only added; one no record has any more matches nothing.

CREATE TABLE search_words (word TEXT PRIMARY KEY) WITHOUT ROWID;

INSERT OR IGNORE INTO search_words SELECT j.value FROM search_orgs s, json_each(words(s.name || ' ' || s.other)) j;
INSERT OR IGNORE INTO search_words SELECT j.value FROM search_members s, json_each(words(s.name || ' ' || s.other)) j;
INSERT OR IGNORE INTO search_words SELECT j.value FROM search_awards s, json_each(words(s.name || ' ' || s.other)) j;

CREATE TRIGGER search_words_members_ai AFTER INSERT ON members BEGIN
    INSERT OR IGNORE INTO search_words SELECT j.value FROM search_members s, json_each(words(s.name || ' ' || s.other)) j WHERE s.id = new.id;
END;
CREATE TRIGGER search_words_members_au AFTER UPDATE ON members BEGIN
    INSERT OR IGNORE INTO search_words SELECT j.value FROM search_members s, json_each(words(s.name || ' ' || s.other)) j WHERE s.id = new.id;
END;
CREATE TRIGGER search_words_orgs_ai AFTER INSERT ON orgs BEGIN
    INSERT OR IGNORE INTO search_words SELECT j.value FROM search_orgs s, json_each(words(s.name || ' ' || s.other)) j WHERE s.id = new.id;
END;
CREATE TRIGGER search_words_orgs_au AFTER UPDATE ON orgs BEGIN
    INSERT OR IGNORE INTO search_words SELECT j.value FROM search_orgs s, json_each(words(s.name || ' ' || s.other)) j WHERE s.id = new.id;
END;
CREATE TRIGGER search_words_awards_ai AFTER INSERT ON awards BEGIN
    INSERT OR IGNORE INTO search_words SELECT j.value FROM search_awards s, json_each(words(s.name || ' ' || s.other)) j WHERE s.id = new.id;
END;
CREATE TRIGGER search_words_awards_au AFTER UPDATE ON awards BEGIN
    INSERT OR IGNORE INTO search_words SELECT j.value FROM search_awards s, json_each(words(s.name || ' ' || s.other)) j WHERE s.id = new.id;
END;

-- A cell's members by birth date (the search filters chibo: and sinh:
-- together) without reading each member's row.
CREATE INDEX members_cell_birth ON members (cell_id, birth_date);
DROP INDEX members_cell;
