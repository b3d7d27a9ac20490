-- What the rule checks and the badge list need: discipline records, absences
-- (sick leave, exemption, suspension, serious illness: badges may come
-- early) per member per year, gaps in party age, and indexes for the award
-- candidate lists.

CREATE TABLE disciplines (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER REFERENCES members (id) ON DELETE CASCADE,
    org_id      INTEGER REFERENCES orgs (id),
    on_date     TEXT NOT NULL,
    form        TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    decision_no TEXT NOT NULL DEFAULT '',
    CHECK ((member_id IS NULL) <> (org_id IS NULL))
);
CREATE INDEX disciplines_date ON disciplines (on_date);

CREATE TABLE absences (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('sick_leave', 'exempted', 'suspended', 'seriously_ill')),
    months    REAL NOT NULL DEFAULT 0,
    note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX absences_year ON absences (year, member_id);

CREATE TABLE party_age_gaps (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    from_on   TEXT NOT NULL,
    to_on     TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX party_age_gaps_member ON party_age_gaps (member_id);

CREATE INDEX member_ratings_level ON member_ratings (level, year);
CREATE INDEX awards_badges ON awards (form, milestone, member_id);
