-- The first schema: organisations with their history, members with their
-- memberships, ratings of members and organisations, awards and settings.
-- Dates are ISO text (yyyy-mm-dd); text is NFC; *_fold columns hold
-- domain.Fold of the text beside them for matching and search.

CREATE TABLE orgs (
    id           INTEGER PRIMARY KEY,
    code         TEXT UNIQUE,
    name         TEXT NOT NULL,
    name_fold    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('superior', 'grassroots_committee', 'grassroots_cell', 'sub_committee', 'cell')),
    parent_id    INTEGER REFERENCES orgs (id),
    founded_on   TEXT,
    dissolved_on TEXT,
    merged_into  INTEGER REFERENCES orgs (id),
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orgs_parent ON orgs (parent_id);
CREATE INDEX orgs_name_fold ON orgs (name_fold);

-- Renames, moves, merges and dissolutions, so that the tree and the names
-- can be seen as they were in any year.
CREATE TABLE org_events (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs (id),
    on_date       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rename', 'move', 'merge', 'dissolve')),
    old_name      TEXT NOT NULL DEFAULT '',
    new_name      TEXT NOT NULL DEFAULT '',
    old_parent_id INTEGER REFERENCES orgs (id),
    new_parent_id INTEGER REFERENCES orgs (id),
    other_org_id  INTEGER REFERENCES orgs (id),
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_events_org ON org_events (org_id, on_date);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    full_name     TEXT NOT NULL,
    name_fold     TEXT NOT NULL,
    birth_name    TEXT NOT NULL DEFAULT '',
    sex           TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
    birth_date    TEXT NOT NULL,
    birth_place   TEXT NOT NULL DEFAULT '',
    home_town     TEXT NOT NULL DEFAULT '',
    home_town_new TEXT NOT NULL DEFAULT '',
    ethnicity     TEXT NOT NULL DEFAULT '',
    religion      TEXT NOT NULL DEFAULT '',
    education     TEXT NOT NULL DEFAULT '',
    theory_level  TEXT NOT NULL DEFAULT '',
    occupation    TEXT NOT NULL DEFAULT '',
    admitted_on   TEXT NOT NULL,
    official_on   TEXT,
    card_no       TEXT UNIQUE,
    history_no    TEXT UNIQUE,
    badge_no      TEXT NOT NULL DEFAULT '',
    cell_id       INTEGER NOT NULL REFERENCES orgs (id),
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'transferred', 'died', 'left', 'exempted')),
    status_on     TEXT,
    left_form     TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX members_cell ON members (cell_id);
CREATE INDEX members_identity ON members (name_fold, birth_date);
CREATE INDEX members_birth ON members (birth_date);
CREATE INDEX members_admitted ON members (admitted_on);

-- Which cell a member belonged to and when; a rating belongs to the cell
-- where the member was rated that year.
CREATE TABLE memberships (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    org_id    INTEGER NOT NULL REFERENCES orgs (id),
    from_on   TEXT,
    to_on     TEXT
);
CREATE INDEX memberships_member ON memberships (member_id);

CREATE TABLE member_ratings (
    member_id        INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year             INTEGER NOT NULL,
    org_id           INTEGER NOT NULL REFERENCES orgs (id),
    level            TEXT CHECK (level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    score            REAL,
    not_rated_reason TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, year),
    CHECK ((level IS NULL) <> (not_rated_reason = ''))
) WITHOUT ROWID;
CREATE INDEX member_ratings_year ON member_ratings (year, org_id, level, not_rated_reason);

CREATE TABLE org_ratings (
    org_id           INTEGER NOT NULL REFERENCES orgs (id),
    year             INTEGER NOT NULL,
    level            TEXT CHECK (level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    score            REAL,
    not_rated_reason TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, year),
    CHECK ((level IS NULL) <> (not_rated_reason = ''))
) WITHOUT ROWID;
CREATE INDEX org_ratings_year ON org_ratings (year);

CREATE TABLE awards (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER REFERENCES members (id) ON DELETE CASCADE,
    org_id        INTEGER REFERENCES orgs (id),
    form          TEXT NOT NULL CHECK (form IN ('certificate', 'merit', 'badge')),
    milestone     INTEGER NOT NULL DEFAULT 0,
    content       TEXT NOT NULL,
    year          INTEGER NOT NULL,
    year_from     INTEGER NOT NULL DEFAULT 0,
    year_to       INTEGER NOT NULL DEFAULT 0,
    decision_no   TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    issuer        TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    CHECK ((member_id IS NULL) <> (org_id IS NULL))
);
CREATE INDEX awards_member ON awards (member_id);
CREATE INDEX awards_org ON awards (org_id);
CREATE INDEX awards_year ON awards (year, form);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
