-- Every record carries a version, counted up by each change to it: a form
-- saves only over the version it loaded, and says who changed the record
-- since and when otherwise (issue 15). An undo writes the fields back, and
-- the record's version goes on counting up (the version written with the
-- fields is not kept).
ALTER TABLE orgs ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE org_events ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE members ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE memberships ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE member_ratings ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE org_ratings ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE awards ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE disciplines ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE absences ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE party_age_gaps ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE leaders ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION xeploai_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER version BEFORE UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON org_events FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON member_ratings FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON org_ratings FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON awards FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON disciplines FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON party_age_gaps FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
CREATE TRIGGER version BEFORE UPDATE ON leaders FOR EACH ROW EXECUTE FUNCTION xeploai_record_version();
