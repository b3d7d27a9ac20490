-- History, undo and trash. Every write transaction first adds a row to
-- steps (who, when, what); triggers on every record table then write each
-- changed row's old and new values (all columns, as JSON) to changes under
-- the newest step — the one of the same transaction, as writes are
-- serialised. Undo applies a step's changes backwards, redo forwards; both
-- are steps themselves, so the history shows them too. Deleted members and
-- organisations are listed in trash with the step that deleted them.
-- The store's tests check that every column of every record table is in its
-- triggers.

CREATE TABLE steps (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    who       TEXT NOT NULL DEFAULT '',
    action    TEXT NOT NULL,             -- member.update, import, undo, …
    subject   TEXT NOT NULL DEFAULT '',  -- a name or a file, for display
    grp       TEXT NOT NULL DEFAULT '',  -- consecutive steps of one group (a rating-entry session) are one step
    session   TEXT NOT NULL DEFAULT '',  -- the process that wrote it, so that only its own group merges
    undo_of   INTEGER,                   -- for undo and redo steps: the step they undid or redid
    undone_by INTEGER,                   -- the undo step that undid this one, while it stays undone
    undoable  INTEGER NOT NULL DEFAULT 1 -- 0 for a bulk load, whose rows are not logged
);
CREATE INDEX steps_undone ON steps (undone_by) WHERE undone_by IS NOT NULL;

CREATE TABLE changes (
    id        INTEGER PRIMARY KEY,
    step_id   INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    member_id INTEGER,
    org_id    INTEGER,
    old       TEXT,
    new       TEXT
);
CREATE INDEX changes_step ON changes (step_id);
CREATE INDEX changes_member ON changes (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX changes_org ON changes (org_id) WHERE org_id IS NOT NULL;

CREATE TABLE trash (
    id      INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('member', 'org')),
    ref_id  INTEGER NOT NULL,
    name    TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER history_trash_ai AFTER INSERT ON trash BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'trash', 'insert',
        CASE WHEN new.kind = 'member' THEN new.ref_id END, CASE WHEN new.kind = 'org' THEN new.ref_id END, NULL,
        json_object('id', new.id, 'step_id', new.step_id, 'kind', new.kind, 'ref_id', new.ref_id, 'name', new.name, 'detail', new.detail));
END;
CREATE TRIGGER history_trash_ad AFTER DELETE ON trash BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'trash', 'delete',
        CASE WHEN old.kind = 'member' THEN old.ref_id END, CASE WHEN old.kind = 'org' THEN old.ref_id END,
        json_object('id', old.id, 'step_id', old.step_id, 'kind', old.kind, 'ref_id', old.ref_id, 'name', old.name, 'detail', old.detail), NULL);
END;

CREATE TRIGGER history_orgs_ai AFTER INSERT ON orgs BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'orgs', 'insert', NULL, new.id, NULL,
        json_object('id', new.id, 'code', new.code, 'name', new.name, 'name_fold', new.name_fold, 'kind', new.kind, 'parent_id', new.parent_id, 'founded_on', new.founded_on, 'dissolved_on', new.dissolved_on, 'merged_into', new.merged_into, 'note', new.note));
END;
CREATE TRIGGER history_orgs_au AFTER UPDATE ON orgs BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'orgs', 'update', NULL, new.id, o, n FROM (SELECT
        json_object('id', old.id, 'code', old.code, 'name', old.name, 'name_fold', old.name_fold, 'kind', old.kind, 'parent_id', old.parent_id, 'founded_on', old.founded_on, 'dissolved_on', old.dissolved_on, 'merged_into', old.merged_into, 'note', old.note) AS o,
        json_object('id', new.id, 'code', new.code, 'name', new.name, 'name_fold', new.name_fold, 'kind', new.kind, 'parent_id', new.parent_id, 'founded_on', new.founded_on, 'dissolved_on', new.dissolved_on, 'merged_into', new.merged_into, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_orgs_ad AFTER DELETE ON orgs BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'orgs', 'delete', NULL, old.id,
        json_object('id', old.id, 'code', old.code, 'name', old.name, 'name_fold', old.name_fold, 'kind', old.kind, 'parent_id', old.parent_id, 'founded_on', old.founded_on, 'dissolved_on', old.dissolved_on, 'merged_into', old.merged_into, 'note', old.note), NULL);
END;

CREATE TRIGGER history_org_events_ai AFTER INSERT ON org_events BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'org_events', 'insert', NULL, new.org_id, NULL,
        json_object('id', new.id, 'org_id', new.org_id, 'on_date', new.on_date, 'kind', new.kind, 'old_name', new.old_name, 'new_name', new.new_name, 'old_parent_id', new.old_parent_id, 'new_parent_id', new.new_parent_id, 'other_org_id', new.other_org_id, 'note', new.note));
END;
CREATE TRIGGER history_org_events_au AFTER UPDATE ON org_events BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'org_events', 'update', NULL, new.org_id, o, n FROM (SELECT
        json_object('id', old.id, 'org_id', old.org_id, 'on_date', old.on_date, 'kind', old.kind, 'old_name', old.old_name, 'new_name', old.new_name, 'old_parent_id', old.old_parent_id, 'new_parent_id', old.new_parent_id, 'other_org_id', old.other_org_id, 'note', old.note) AS o,
        json_object('id', new.id, 'org_id', new.org_id, 'on_date', new.on_date, 'kind', new.kind, 'old_name', new.old_name, 'new_name', new.new_name, 'old_parent_id', new.old_parent_id, 'new_parent_id', new.new_parent_id, 'other_org_id', new.other_org_id, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_org_events_ad AFTER DELETE ON org_events BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'org_events', 'delete', NULL, old.org_id,
        json_object('id', old.id, 'org_id', old.org_id, 'on_date', old.on_date, 'kind', old.kind, 'old_name', old.old_name, 'new_name', old.new_name, 'old_parent_id', old.old_parent_id, 'new_parent_id', old.new_parent_id, 'other_org_id', old.other_org_id, 'note', old.note), NULL);
END;

CREATE TRIGGER history_members_ai AFTER INSERT ON members BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'members', 'insert', new.id, NULL, NULL,
        json_object('id', new.id, 'full_name', new.full_name, 'name_fold', new.name_fold, 'birth_name', new.birth_name, 'sex', new.sex, 'birth_date', new.birth_date, 'birth_place', new.birth_place, 'home_town', new.home_town, 'home_town_new', new.home_town_new, 'ethnicity', new.ethnicity, 'religion', new.religion, 'education', new.education, 'theory_level', new.theory_level, 'occupation', new.occupation, 'admitted_on', new.admitted_on, 'official_on', new.official_on, 'card_no', new.card_no, 'history_no', new.history_no, 'badge_no', new.badge_no, 'cell_id', new.cell_id, 'status', new.status, 'status_on', new.status_on, 'left_form', new.left_form, 'note', new.note));
END;
CREATE TRIGGER history_members_au AFTER UPDATE ON members BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'members', 'update', new.id, NULL, o, n FROM (SELECT
        json_object('id', old.id, 'full_name', old.full_name, 'name_fold', old.name_fold, 'birth_name', old.birth_name, 'sex', old.sex, 'birth_date', old.birth_date, 'birth_place', old.birth_place, 'home_town', old.home_town, 'home_town_new', old.home_town_new, 'ethnicity', old.ethnicity, 'religion', old.religion, 'education', old.education, 'theory_level', old.theory_level, 'occupation', old.occupation, 'admitted_on', old.admitted_on, 'official_on', old.official_on, 'card_no', old.card_no, 'history_no', old.history_no, 'badge_no', old.badge_no, 'cell_id', old.cell_id, 'status', old.status, 'status_on', old.status_on, 'left_form', old.left_form, 'note', old.note) AS o,
        json_object('id', new.id, 'full_name', new.full_name, 'name_fold', new.name_fold, 'birth_name', new.birth_name, 'sex', new.sex, 'birth_date', new.birth_date, 'birth_place', new.birth_place, 'home_town', new.home_town, 'home_town_new', new.home_town_new, 'ethnicity', new.ethnicity, 'religion', new.religion, 'education', new.education, 'theory_level', new.theory_level, 'occupation', new.occupation, 'admitted_on', new.admitted_on, 'official_on', new.official_on, 'card_no', new.card_no, 'history_no', new.history_no, 'badge_no', new.badge_no, 'cell_id', new.cell_id, 'status', new.status, 'status_on', new.status_on, 'left_form', new.left_form, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_members_ad AFTER DELETE ON members BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'members', 'delete', old.id, NULL,
        json_object('id', old.id, 'full_name', old.full_name, 'name_fold', old.name_fold, 'birth_name', old.birth_name, 'sex', old.sex, 'birth_date', old.birth_date, 'birth_place', old.birth_place, 'home_town', old.home_town, 'home_town_new', old.home_town_new, 'ethnicity', old.ethnicity, 'religion', old.religion, 'education', old.education, 'theory_level', old.theory_level, 'occupation', old.occupation, 'admitted_on', old.admitted_on, 'official_on', old.official_on, 'card_no', old.card_no, 'history_no', old.history_no, 'badge_no', old.badge_no, 'cell_id', old.cell_id, 'status', old.status, 'status_on', old.status_on, 'left_form', old.left_form, 'note', old.note), NULL);
END;

CREATE TRIGGER history_memberships_ai AFTER INSERT ON memberships BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'memberships', 'insert', new.member_id, new.org_id, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'from_on', new.from_on, 'to_on', new.to_on));
END;
CREATE TRIGGER history_memberships_au AFTER UPDATE ON memberships BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'memberships', 'update', new.member_id, new.org_id, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'from_on', old.from_on, 'to_on', old.to_on) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'from_on', new.from_on, 'to_on', new.to_on) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_memberships_ad AFTER DELETE ON memberships BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'memberships', 'delete', old.member_id, old.org_id,
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'from_on', old.from_on, 'to_on', old.to_on), NULL);
END;

CREATE TRIGGER history_member_ratings_ai AFTER INSERT ON member_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'member_ratings', 'insert', new.member_id, NULL, NULL,
        json_object('member_id', new.member_id, 'year', new.year, 'org_id', new.org_id, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note));
END;
CREATE TRIGGER history_member_ratings_au AFTER UPDATE ON member_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'member_ratings', 'update', new.member_id, NULL, o, n FROM (SELECT
        json_object('member_id', old.member_id, 'year', old.year, 'org_id', old.org_id, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note) AS o,
        json_object('member_id', new.member_id, 'year', new.year, 'org_id', new.org_id, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_member_ratings_ad AFTER DELETE ON member_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'member_ratings', 'delete', old.member_id, NULL,
        json_object('member_id', old.member_id, 'year', old.year, 'org_id', old.org_id, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note), NULL);
END;

CREATE TRIGGER history_org_ratings_ai AFTER INSERT ON org_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'org_ratings', 'insert', NULL, new.org_id, NULL,
        json_object('org_id', new.org_id, 'year', new.year, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note));
END;
CREATE TRIGGER history_org_ratings_au AFTER UPDATE ON org_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'org_ratings', 'update', NULL, new.org_id, o, n FROM (SELECT
        json_object('org_id', old.org_id, 'year', old.year, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note) AS o,
        json_object('org_id', new.org_id, 'year', new.year, 'level', new.level, 'score', new.score, 'not_rated_reason', new.not_rated_reason, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_org_ratings_ad AFTER DELETE ON org_ratings BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'org_ratings', 'delete', NULL, old.org_id,
        json_object('org_id', old.org_id, 'year', old.year, 'level', old.level, 'score', old.score, 'not_rated_reason', old.not_rated_reason, 'note', old.note), NULL);
END;

CREATE TRIGGER history_awards_ai AFTER INSERT ON awards BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'awards', 'insert', new.member_id, new.org_id, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'form', new.form, 'milestone', new.milestone, 'content', new.content, 'year', new.year, 'year_from', new.year_from, 'year_to', new.year_to, 'decision_no', new.decision_no, 'decision_date', new.decision_date, 'issuer', new.issuer, 'note', new.note));
END;
CREATE TRIGGER history_awards_au AFTER UPDATE ON awards BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'awards', 'update', new.member_id, new.org_id, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'form', old.form, 'milestone', old.milestone, 'content', old.content, 'year', old.year, 'year_from', old.year_from, 'year_to', old.year_to, 'decision_no', old.decision_no, 'decision_date', old.decision_date, 'issuer', old.issuer, 'note', old.note) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'form', new.form, 'milestone', new.milestone, 'content', new.content, 'year', new.year, 'year_from', new.year_from, 'year_to', new.year_to, 'decision_no', new.decision_no, 'decision_date', new.decision_date, 'issuer', new.issuer, 'note', new.note) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_awards_ad AFTER DELETE ON awards BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'awards', 'delete', old.member_id, old.org_id,
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'form', old.form, 'milestone', old.milestone, 'content', old.content, 'year', old.year, 'year_from', old.year_from, 'year_to', old.year_to, 'decision_no', old.decision_no, 'decision_date', old.decision_date, 'issuer', old.issuer, 'note', old.note), NULL);
END;

CREATE TRIGGER history_disciplines_ai AFTER INSERT ON disciplines BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'disciplines', 'insert', new.member_id, new.org_id, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'on_date', new.on_date, 'form', new.form, 'reason', new.reason, 'decision_no', new.decision_no));
END;
CREATE TRIGGER history_disciplines_au AFTER UPDATE ON disciplines BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'disciplines', 'update', new.member_id, new.org_id, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'on_date', old.on_date, 'form', old.form, 'reason', old.reason, 'decision_no', old.decision_no) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'on_date', new.on_date, 'form', new.form, 'reason', new.reason, 'decision_no', new.decision_no) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_disciplines_ad AFTER DELETE ON disciplines BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'disciplines', 'delete', old.member_id, old.org_id,
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'on_date', old.on_date, 'form', old.form, 'reason', old.reason, 'decision_no', old.decision_no), NULL);
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

CREATE TRIGGER history_party_age_gaps_ai AFTER INSERT ON party_age_gaps BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'party_age_gaps', 'insert', new.member_id, NULL, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'from_on', new.from_on, 'to_on', new.to_on, 'reason', new.reason));
END;
CREATE TRIGGER history_party_age_gaps_au AFTER UPDATE ON party_age_gaps BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'party_age_gaps', 'update', new.member_id, NULL, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'from_on', old.from_on, 'to_on', old.to_on, 'reason', old.reason) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'from_on', new.from_on, 'to_on', new.to_on, 'reason', new.reason) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_party_age_gaps_ad AFTER DELETE ON party_age_gaps BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'party_age_gaps', 'delete', old.member_id, NULL,
        json_object('id', old.id, 'member_id', old.member_id, 'from_on', old.from_on, 'to_on', old.to_on, 'reason', old.reason), NULL);
END;

CREATE TRIGGER history_leaders_ai AFTER INSERT ON leaders BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'leaders', 'insert', new.member_id, new.org_id, NULL,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'role', new.role, 'from_on', new.from_on, 'to_on', new.to_on));
END;
CREATE TRIGGER history_leaders_au AFTER UPDATE ON leaders BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new)
    SELECT COALESCE((SELECT max(id) FROM steps), 0), 'leaders', 'update', new.member_id, new.org_id, o, n FROM (SELECT
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'role', old.role, 'from_on', old.from_on, 'to_on', old.to_on) AS o,
        json_object('id', new.id, 'member_id', new.member_id, 'org_id', new.org_id, 'role', new.role, 'from_on', new.from_on, 'to_on', new.to_on) AS n) WHERE o IS NOT n;
END;
CREATE TRIGGER history_leaders_ad AFTER DELETE ON leaders BEGIN
    INSERT INTO changes (step_id, tbl, op, member_id, org_id, old, new) VALUES (COALESCE((SELECT max(id) FROM steps), 0), 'leaders', 'delete', old.member_id, old.org_id,
        json_object('id', old.id, 'member_id', old.member_id, 'org_id', old.org_id, 'role', old.role, 'from_on', old.from_on, 'to_on', old.to_on), NULL);
END;
