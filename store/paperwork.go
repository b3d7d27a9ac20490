package store

import (
	"context"
	"database/sql"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// PartyFacts is what a badge list says of a member beyond the candidate's
// line: the admission and official dates and the days outside the party.
type PartyFacts struct {
	AdmittedOn domain.Date
	OfficialOn domain.Date
	Gaps       domain.Span
	DiedOn     domain.Date // zero unless the member died (status "died")
}

// PartyFacts returns the party facts of members by id.
func (db *DB) PartyFacts(ctx context.Context, ids []int64) (map[int64]PartyFacts, error) {
	out := make(map[int64]PartyFacts, len(ids))
	const chunk = 500 // SQLite's limit on parameters is far above; this keeps statements short
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		in := placeholders(len(part))
		if err := sqlrows.Each(ctx, db.read, `SELECT id, admitted_on, official_on, status, status_on FROM members WHERE id IN (`+in+`)`, args,
			func(sc func(...any) error) error {
				var id int64
				var status string
				var admitted, official, statusOn sql.NullString
				if err := sc(&id, &admitted, &official, &status, &statusOn); err != nil {
					return err
				}
				f := out[id]
				f.AdmittedOn, f.OfficialOn = scanDate(admitted), scanDate(official)
				if status == string(domain.StatusDied) {
					f.DiedOn = scanDate(statusOn)
				}
				out[id] = f
				return nil
			}); err != nil {
			return nil, err
		}
		if err := sqlrows.Each(ctx, db.read, `SELECT member_id, from_on, to_on FROM party_age_gaps WHERE member_id IN (`+in+`)`, args,
			func(sc func(...any) error) error {
				var id int64
				var from, to sql.NullString
				if err := sc(&id, &from, &to); err != nil {
					return err
				}
				f := out[id]
				f.Gaps = f.Gaps.Plus(domain.SpanBetween(scanDate(from), scanDate(to)))
				out[id] = f
				return nil
			}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// DecisionAward is an award recorded under a decision, with its recipient
// as the decision's documents list it.
type DecisionAward struct {
	domain.Award
	Name      string              // the member's or the organisation's name
	BirthDate domain.Date         // members
	UnitID    int64               // the member's cell, or the organisation
	Status    domain.MemberStatus // members
}

// DecisionAwards returns the awards recorded under decision number no,
// compared as folded text ("127-qđ/qu" finds "127-QĐ/QU").
func (db *DB) DecisionAwards(ctx context.Context, no string) ([]DecisionAward, error) {
	no = strings.TrimSpace(no)
	if no == "" {
		return nil, domain.Errorf(domain.EINVALID, "--decision-no", "cần số quyết định")
	}
	var out []DecisionAward
	err := sqlrows.Each(ctx, db.read, `SELECT `+awardColumns("a.")+`, COALESCE(m.full_name, o.name, ''), m.birth_date,
		COALESCE(m.cell_id, a.org_id, 0), COALESCE(m.status, '')
		FROM awards a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN orgs o ON o.id = a.org_id
		WHERE a.decision_no <> '' AND fold(a.decision_no) = fold(?) ORDER BY a.id`, []any{no},
		func(sc func(...any) error) error {
			var d DecisionAward
			var birth sql.NullString
			var status string
			a, err := scanAward(scanFunc(sc), &d.Name, &birth, &d.UnitID, &status)
			d.Award, d.BirthDate, d.Status = a, scanDate(birth), domain.MemberStatus(status)
			out = append(out, d)
			return err
		})
	return out, err
}

// scanFunc adapts eachRow's scanner to scanAward.
type scanFunc func(...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// DecisionInfo is a decision under which awards were recorded.
type DecisionInfo struct {
	No     string
	Date   domain.Date
	Issuer string
	Count  int
}

// Decisions lists the decisions awards were recorded under in year (0:
// any), newest first.
func (db *DB) Decisions(ctx context.Context, year int) ([]DecisionInfo, error) {
	var out []DecisionInfo
	err := sqlrows.Each(ctx, db.read, `SELECT decision_no, MAX(COALESCE(decision_date, '')), MAX(issuer), COUNT(*) FROM awards
		WHERE decision_no <> '' AND (? = 0 OR year = ?) GROUP BY decision_no ORDER BY 2 DESC, 1`, []any{year, year},
		func(sc func(...any) error) error {
			var d DecisionInfo
			var date sql.NullString
			if err := sc(&d.No, &date, &d.Issuer, &d.Count); err != nil {
				return err
			}
			d.Date = scanDate(date)
			out = append(out, d)
			return nil
		})
	return out, err
}
