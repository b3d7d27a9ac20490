-- PostgreSQL: the search index. SQLite keeps an FTS5 table by triggers
-- calling domain.Fold; the server cannot run Go, so the store writes these
-- rows itself, folded by domain.Fold, at the end of every write (from the
-- rows the history logged in it) and after a bulk load. Row ids as on
-- SQLite: member id*4, organisation id*4+1, award id*4+2. "words" is the
-- folded text of name and other split into words (domain.Words), which the
-- 'simple' text search configuration indexes as they are; prefixes are
-- matched with tsquery's :*.

CREATE TABLE search (
    rid   bigint PRIMARY KEY,
    name  text COLLATE "C" NOT NULL,
    other text COLLATE "C" NOT NULL,
    label text COLLATE "C" NOT NULL,
    words tsvector NOT NULL
);
CREATE INDEX search_words_gin ON search USING gin (words);
