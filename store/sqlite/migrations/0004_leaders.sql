-- Who sits on an organisation's committee (cấp ủy): a collective whose
-- leadership member is disciplined cannot be rated excellent (QĐ 124-QĐ/TW).

CREATE TABLE leaders (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    org_id    INTEGER NOT NULL REFERENCES orgs (id),
    role      TEXT NOT NULL DEFAULT '',
    from_on   TEXT,
    to_on     TEXT
);
CREATE INDEX leaders_org ON leaders (org_id);
