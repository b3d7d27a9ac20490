-- What the rules read as the regulations have them (issue 18):
-- - a member's civil-service rating for the year (HD 21-HD/BTCTW: party
--   "xuất sắc" needs civil-service "xuất sắc"; civil-service "không hoàn
--   thành" means party "không hoàn thành"); NULL when not a civil servant;
-- - for an organisation, the lowest of the year's results of the
--   government, the Front and the unions at its level (HD 21: "xuất sắc"
--   needs them at "tốt" or above); NULL when none;
-- - on a discipline, whether the collective found and corrected the
--   violation itself (QĐ 124-QĐ/TW, Điều 12: then the collective may still be
--   "tốt" or "hoàn thành"); NULL, as in history rows logged before this
--   column, means no;
-- - maternity leave as a kind of absence: it neither caps nor exempts (a
--   member on maternity leave is rated on the time worked), recorded so that
--   it is not entered as sick leave. SQLite cannot change a CHECK, so the
--   table is rebuilt with its ids.
-- The history triggers of these tables are rewritten to log the new columns.

ALTER TABLE member_ratings ADD COLUMN civil_level TEXT CHECK (civil_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'));
ALTER TABLE org_ratings ADD COLUMN mass_level TEXT CHECK (mass_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'));
ALTER TABLE disciplines ADD COLUMN self_corrected INTEGER DEFAULT 0 CHECK (self_corrected IN (0, 1));

CREATE TABLE absences_new (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('sick_leave', 'exempted', 'suspended', 'seriously_ill', 'maternity')),
    months    REAL NOT NULL DEFAULT 0,
    note      TEXT NOT NULL DEFAULT ''
);
INSERT INTO absences_new (id, member_id, year, kind, months, note) SELECT id, member_id, year, kind, months, note FROM absences;
DROP TABLE absences;
ALTER TABLE absences_new RENAME TO absences;
CREATE INDEX absences_year ON absences (year, member_id);

DROP TRIGGER history_member_ratings_ai;
DROP TRIGGER history_member_ratings_au;
DROP TRIGGER history_member_ratings_ad;
DROP TRIGGER history_org_ratings_ai;
DROP TRIGGER history_org_ratings_au;
DROP TRIGGER history_org_ratings_ad;
DROP TRIGGER history_disciplines_ai;
DROP TRIGGER history_disciplines_au;
DROP TRIGGER history_disciplines_ad;

CREATE TRIGGER history_member_ratings_ai AFTER INSERT ON member_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'member_ratings', 'insert', new.member_id, NULL, NULL,
        json_object('member_id', new.member_id, 'year', new.year, 'org_id', new.org_id, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note, 'civil_level', new.civil_level));
END;
CREATE TRIGGER history_member_ratings_au AFTER UPDATE ON member_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'member_ratings', 'update', new.member_id, NULL, o, n FROM (SELECT
        json_object('member_id', old.member_id, 'year', old.year, 'org_id', old.org_id, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note, 'civil_level', old.civil_level) AS o,
        json_object('member_id', new.member_id, 'year', new.year, 'org_id', new.org_id, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note, 'civil_level', new.civil_level) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_member_ratings_ad AFTER DELETE ON member_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'member_ratings', 'delete', old.member_id, NULL,
        json_object('member_id', old.member_id, 'year', old.year, 'org_id', old.org_id, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note, 'civil_level', old.civil_level), NULL);
END;

CREATE TRIGGER history_org_ratings_ai AFTER INSERT ON org_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'org_ratings', 'insert', NULL, new.org_id, NULL,
        json_object('org_id', new.org_id, 'year', new.year, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note, 'mass_level', new.mass_level));
END;
CREATE TRIGGER history_org_ratings_au AFTER UPDATE ON org_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'org_ratings', 'update', NULL, new.org_id, o, n FROM (SELECT
        json_object('org_id', old.org_id, 'year', old.year, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note, 'mass_level', old.mass_level) AS o,
        json_object('org_id', new.org_id, 'year', new.year, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note, 'mass_level', new.mass_level) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_org_ratings_ad AFTER DELETE ON org_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'org_ratings', 'delete', NULL, old.org_id,
        json_object('org_id', old.org_id, 'year', old.year, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note, 'mass_level', old.mass_level), NULL);
END;

CREATE TRIGGER history_disciplines_ai AFTER INSERT ON disciplines BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'disciplines', 'insert', new.member_id, new.org_id, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'on_date', new.on_date, 'form', new.form, 'reason', new.reason, 'decision_no', new.decision_no, 'self_corrected', new.self_corrected));
END;
CREATE TRIGGER history_disciplines_au AFTER UPDATE ON disciplines BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'disciplines', 'update', new.member_id, new.org_id, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'on_date', old.on_date, 'form', old.form, 'reason', old.reason, 'decision_no', old.decision_no, 'self_corrected', old.self_corrected) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'on_date', new.on_date, 'form', new.form, 'reason', new.reason, 'decision_no', new.decision_no, 'self_corrected', new.self_corrected) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_disciplines_ad AFTER DELETE ON disciplines BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'disciplines', 'delete', old.member_id, old.org_id,
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'on_date', old.on_date, 'form', old.form, 'reason', old.reason, 'decision_no', old.decision_no, 'self_corrected', old.self_corrected), NULL);
END;

CREATE TRIGGER history_absences_ai AFTER INSERT ON absences BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'absences', 'insert', new.member_id, NULL, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'year', new.year, 'kind', new.kind, 'months', new.months, 'note', new.note));
END;
CREATE TRIGGER history_absences_au AFTER UPDATE ON absences BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'absences', 'update', new.member_id, NULL, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'year', old.year, 'kind', old.kind, 'months', old.months, 'note', old.note) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'year', new.year, 'kind', new.kind, 'months', new.months, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_absences_ad AFTER DELETE ON absences BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'absences', 'delete', old.member_id, NULL,
        json_object('id', old.id, 'member_id', old.member_id, 'year', old.year, 'kind', old.kind, 'months', old.months, 'note', old.note), NULL);
END;
