-- PostgreSQL: as store/migrations/0007_rules_data.sql (the server changes a
-- CHECK in place; the history function logs every column by itself).

ALTER TABLE member_ratings ADD COLUMN civil_level text COLLATE "C" CHECK (civil_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'));
ALTER TABLE org_ratings ADD COLUMN mass_level text COLLATE "C" CHECK (mass_level IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'));
ALTER TABLE disciplines ADD COLUMN self_corrected integer DEFAULT 0 CHECK (self_corrected IN (0, 1));
ALTER TABLE absences DROP CONSTRAINT absences_kind_check;
ALTER TABLE absences ADD CONSTRAINT absences_kind_check CHECK (kind IN ('sick_leave', 'exempted', 'suspended', 'seriously_ill', 'maternity'));
