-- Every record carries a version, counted up by each change to it: a form
-- saves only over the version it loaded, and says who changed the record
-- since and when otherwise (issue 15: safe concurrent edits, also between
-- two windows on one file). The history does not log the version (it is
-- not a field anyone edits): an undo writes the fields back, and the
-- record's version goes on counting up.
ALTER TABLE orgs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE org_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE memberships ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE member_ratings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE org_ratings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE awards ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE disciplines ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE absences ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE party_age_gaps ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE leaders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER version_orgs AFTER UPDATE ON orgs FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE orgs SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_org_events AFTER UPDATE ON org_events FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE org_events SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_members AFTER UPDATE ON members FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE members SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_memberships AFTER UPDATE ON memberships FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE memberships SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_member_ratings AFTER UPDATE ON member_ratings FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE member_ratings SET version = OLD.version + 1 WHERE member_id = NEW.member_id AND year = NEW.year;
END;
CREATE TRIGGER version_org_ratings AFTER UPDATE ON org_ratings FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE org_ratings SET version = OLD.version + 1 WHERE org_id = NEW.org_id AND year = NEW.year;
END;
CREATE TRIGGER version_awards AFTER UPDATE ON awards FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE awards SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_disciplines AFTER UPDATE ON disciplines FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE disciplines SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_absences AFTER UPDATE ON absences FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE absences SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_party_age_gaps AFTER UPDATE ON party_age_gaps FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE party_age_gaps SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER version_leaders AFTER UPDATE ON leaders FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
    UPDATE leaders SET version = OLD.version + 1 WHERE id = NEW.id;
END;
