package store

import (
	"context"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// Summary computes the conference report's figures for year over the tree of
// organisation orgID as it stood at the end of that year (0: the whole tree).
func (db *DB) Summary(ctx context.Context, year int, orgID int64) (*domain.Summary, error) {
	orgID, perr := db.partScope(ctx, orgID)
	if perr != nil {
		return nil, perr
	}
	// The counts are read, each on a connection of its own, while the tree
	// is built (on a server at 500,000 members: the tree 110 ms, the counts
	// 90 ms, one after the other twice as long as psql's GROUP BY).
	orgCounts := db.readCounts(ctx, countsSQL("org_ratings"), year)
	memberCounts := db.readCounts(ctx, countsSQL("member_ratings"), year)
	tree, err := db.tree(ctx, domain.YearEnd(year))
	if err != nil {
		return nil, err
	}
	inScope := map[int64]bool{}
	var names []string
	if orgID != 0 {
		if tree.Org(orgID) == nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "Tổ chức", "không tìm thấy tổ chức #%d", orgID)
		}
		tree.Walk(orgID, func(o *domain.Org) { inScope[o.ID] = true })
		names = append(names, tree.Org(orgID).Name)
	} else {
		for _, r := range tree.Roots() {
			tree.Walk(r, func(o *domain.Org) { inScope[o.ID] = true })
			names = append(names, tree.Org(r).Name)
		}
	}
	s := &domain.Summary{Year: year, Org: strings.Join(names, "; ")}
	for _, g := range domain.Groups {
		s.Groups = append(s.Groups, domain.GroupCounts{Group: g})
	}
	// One line per grassroots organisation in scope, in tree order.
	lineOf := map[int64]*domain.GrassrootsLine{}
	var order []int64
	walkFrom := tree.Roots()
	if orgID != 0 {
		walkFrom = []int64{orgID}
	}
	for _, r := range walkFrom {
		tree.Walk(r, func(o *domain.Org) {
			if o.Kind.IsGrassroots() {
				order = append(order, o.ID)
				lineOf[o.ID] = &domain.GrassrootsLine{OrgID: o.ID, Name: o.Name}
			}
		})
	}
	line := func(id int64) *domain.GrassrootsLine {
		if g := tree.Grassroots(id); g != nil {
			return lineOf[g.ID]
		}
		return nil
	}

	err = eachCount(<-orgCounts, func(id int64, l domain.Level, reason string, n int) {
		o := tree.Org(id)
		if !inScope[id] || o == nil {
			return
		}
		g := domain.GroupOfKind(o.Kind)
		if g == "" {
			return
		}
		s.Group(g).Add(l, reason, n)
		if ln := line(id); ln != nil {
			if o.Kind.IsGrassroots() {
				ln.Own = l
			} else {
				ln.Cells.Add(l, reason, n)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachCount(<-memberCounts, func(id int64, l domain.Level, reason string, n int) {
		if !inScope[id] {
			return
		}
		s.Group(domain.GroupMembers).Add(l, reason, n)
		if ln := line(id); ln != nil {
			ln.Members.Add(l, reason, n)
		}
	})
	if err != nil {
		return nil, err
	}
	for _, id := range order {
		s.ByGrassroots = append(s.ByGrassroots, *lineOf[id])
	}
	if s.Left, err = db.partLeft(ctx, year, orgID); err != nil {
		return nil, err
	}
	return s, nil
}

// ConferenceSummary is the report as the conference gets it: the year's
// figures (Summary), the reading of the quota the checks follow, and what
// the figures cannot count for want of an entry (Unentered), read at the
// same time (the second is the longer at 500,000
// members on a server: a third of a second).
func ConferenceSummary(ctx context.Context, st Store, year int, orgID int64) (*domain.Summary, error) {
	unentered := make(chan error, 1)
	var u domain.Unentered
	go func() {
		var err error
		u, err = st.Unentered(ctx, year, orgID)
		unentered <- err
	}()
	s, err := st.Summary(ctx, year, orgID)
	if uerr := <-unentered; err == nil {
		err = uerr
	}
	if err != nil {
		return nil, err
	}
	s.Unentered = u
	den, err := st.Reading(ctx, SettingQuotaDenominator) // the reading its legend names
	s.Denominator = domain.QuotaDenominator(den)
	return s, err
}

// partLeft is what an office's report of a past year over its whole part
// cannot count (migration 0017): what has left the part since. Nothing for
// the owner, for the year not yet over, or for a report of less than the
// whole part (the counts are the part's).
func (db *DB) partLeft(ctx context.Context, year int, orgID int64) (domain.PartLeft, error) {
	left := domain.PartLeft{Year: year}
	if db.office == "" || !domain.YearEnd(year).Before(domain.Today()) {
		return left, nil
	}
	if own, err := db.OwnScope(ctx); err != nil || own != orgID {
		return left, err
	}
	err := db.read.QueryRowContext(ctx, `SELECT orgs, ratings FROM xeploai_left_part(?)`, year).Scan(&left.Orgs, &left.Ratings)
	return left, db.explainRead(err)
}

// ratingCount is a row of a summary's GROUP BY.
type ratingCount struct {
	id     int64
	level  domain.Level
	reason string
	n      int
}

// counted is what readCounts gives: the rows, or why they could not be read.
type counted struct {
	rows []ratingCount
	err  error
}

// countsSQL is the count of the ratings of a year in table, one row per
// organisation: its count of each level (domain.Levels' order), and the
// reasons of those not rated, joined by the unit separator. One row per
// organisation rather than per organisation, level and reason: a third of
// the rows for the driver to read at 500,000 members (25 000, not 75 000).
func countsSQL(table string) string { return countsWhereSQL(table, "") }

// countsWhereSQL is countsSQL with more conditions on the rows (" AND …").
func countsWhereSQL(table, and string) string {
	var b strings.Builder
	b.WriteString(`SELECT org_id`)
	for _, l := range domain.Levels {
		b.WriteString(`, COUNT(*) FILTER (WHERE level = '` + l.Code() + `')`)
	}
	b.WriteString(`, COALESCE(string_agg(not_rated_reason, '` + unitSep + `') FILTER (WHERE level IS NULL), '')
		FROM ` + table + ` WHERE year = ?` + and + ` GROUP BY org_id`)
	return b.String()
}

// readCounts runs countsSQL in the background and gives its counts (one
// per organisation, level, and reason not rated) when all are read.
func (db *DB) readCounts(ctx context.Context, query string, args ...any) <-chan counted {
	out := make(chan counted, 1)
	go func() {
		var c counted
		var id int64
		var reasons string
		n := make([]int, len(domain.Levels))
		dest := []any{&id}
		for i := range n {
			dest = append(dest, &n[i])
		}
		dest = append(dest, &reasons)
		c.err = sqlrows.Each(ctx, db.read, query, args, func(sc func(...any) error) error {
			if err := sc(dest...); err != nil {
				return err
			}
			for i, l := range domain.Levels {
				if n[i] > 0 {
					c.rows = append(c.rows, ratingCount{id, l, "", n[i]})
				}
			}
			if reasons == "" {
				return nil
			}
			byReason := map[string]int{}
			var order []string
			for _, r := range strings.Split(reasons, unitSep) {
				if byReason[r] == 0 {
					order = append(order, r)
				}
				byReason[r]++
			}
			for _, r := range order {
				c.rows = append(c.rows, ratingCount{id, domain.LevelNone, r, byReason[r]})
			}
			return nil
		})
		out <- c
	}()
	return out
}

// eachCount calls fn with each row of c.
func eachCount(c counted, fn func(id int64, l domain.Level, reason string, n int)) error {
	if c.err != nil {
		return c.err
	}
	for _, r := range c.rows {
		fn(r.id, r.level, r.reason, r.n)
	}
	return nil
}
