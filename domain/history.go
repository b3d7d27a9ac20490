package domain

import (
	"strconv"
	"strings"
)

// StoredValue shows a value of column col as the history logged it, as the
// rest of the program shows such values: organisations by their name in
// tree (when given and holding them), dates dd/mm/yyyy, levels and
// statuses by their Vietnamese names; other values as they are ("" stays
// "").
func StoredValue(tree *Tree, col, v string) string {
	switch {
	case v == "":
		return ""
	case v == "0" && (col == "year_from" || col == "year_to" || col == "milestone"):
		return "" // not given: a badge has no years, a certificate no milestone
	case col == "cell_id" || col == "org_id" || col == "parent_id" || col == "merged_into" ||
		col == "old_parent_id" || col == "new_parent_id" || col == "other_org_id":
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && tree != nil && tree.Org(id) != nil {
			return tree.Org(id).Name
		}
	case col == "level" || col == "civil_level" || col == "mass_level":
		if l, err := ParseLevel(v); err == nil {
			return l.Name()
		}
	case col == "status":
		if s := MemberStatus(v).Label(); s != "" {
			return s
		}
	case col == "kind": // of an organisation, an event of one, an absence
		for _, s := range []string{OrgEventKind(v).Label(), OrgKind(v).Label(), AbsenceKind(v).Label()} {
			if s != "" {
				return s
			}
		}
	case col == "form": // of an award, a discipline
		for _, s := range []string{AwardForm(v).Label(), DisciplineForm(v).Label()} {
			if s != "" {
				return s
			}
		}
	case col == "sex":
		if s := Sex(v).Label(); s != "" {
			return s
		}
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		if d, err := ParseDate(v); err == nil {
			return d.String()
		}
	}
	return v
}

// FieldShown reports whether a logged field of a change is worth a line:
// not an added or removed row's fields that hold nothing (as shown), nor
// its keys to other records.
func FieldShown(op, col, old, new string) bool {
	if op == "update" {
		return true
	}
	if StoredValue(nil, col, old) == "" && StoredValue(nil, col, new) == "" {
		return false
	}
	return !strings.HasSuffix(col, "_id") || col == "org_id" || col == "cell_id"
}

// StampText shows a history step's time (yyyy-mm-dd hh:mm:ss) as
// dd/mm/yyyy hh:mm.
func StampText(at string) string {
	if len(at) >= 16 {
		if d, err := ParseDate(at[:10]); err == nil {
			return d.String() + " " + at[11:16]
		}
	}
	return at
}
