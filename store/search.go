package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// SearchResult is one record found.
type SearchResult struct {
	Kind   string // "member", "org" or "award"
	ID     int64
	Name   string
	Detail string
	score  float64
	fold   string // Name folded, for ordering
}

var kindOrder = map[string]int{"member": 0, "org": 1, "award": 2}

// searchWindow is how many full-text matches are ranked at most, beyond
// the names that are or begin with what was typed (read in order from the
// name indexes): enough for the best to surface, few enough for a frame.
const searchWindow = 250

// Ranks, lower first: a name that is what was typed, one that begins with
// it, one that holds every word, then a record found through another field.
const (
	rankExact  = -3000
	rankPrefix = -2000
	rankWords  = -1000
)

type searchHit struct {
	rowid int64 // id*4 + kind (0 member, 1 organisation, 2 award), as in the index
	rank  float64
	tier  int    // the kind of match: 0 the name as typed, 1 the name begins so, 2 the name holds every word, 3 otherwise
	name  string // folded, when known, to break ties
}

// Search finds members, organisations and awards: every word a prefix of a
// word of the record's folded text, in any order; the record's own name
// ranks above its other fields, an exact name above a partial one, and words
// typed with diacritics above matches without them. Results come grouped by
// kind, best first.
func (db *DB) Search(ctx context.Context, q domain.SearchQuery, limit int) ([]SearchResult, error) {
	if q.Empty() {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	var hits []searchHit
	var err error
	if q.HasFilters {
		ids, err := db.filteredMembers(ctx, q, limit)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			hits = append(hits, searchHit{rowid: id * 4})
		}
	} else if hits, err = db.searchHits(ctx, q, limit); err != nil {
		return nil, err
	}
	return db.searchResults(ctx, q, hits, limit)
}

// searchHits finds and ranks the records the words match: first the names
// that are or begin with the words as typed, from the name indexes; then, if
// those do not fill the page, a window of full-text matches.
func (db *DB) searchHits(ctx context.Context, q domain.SearchQuery, limit int) ([]searchHit, error) {
	whole := strings.Join(q.Terms, " ")
	seen := map[int64]bool{}
	var hits []searchHit
	named := 0
	for _, t := range []struct {
		table string
		kind  int64
	}{{"members", 0}, {"orgs", 1}} {
		if q.Kind != "" && q.Kind != [...]string{"member", "org"}[t.kind] {
			continue
		}
		err := sqlrows.Each(ctx, db.read, db.dialect.NamesFrom(t.table),
			[]any{whole, whole + prefixEnd, limit * 2}, func(sc func(...any) error) error {
				var id int64
				var name string
				if err := sc(&id, &name); err != nil {
					return err
				}
				h := searchHit{rowid: id*4 + t.kind, rank: rankPrefix, tier: 1, name: name}
				if name == whole {
					h.rank, h.tier = rankExact, 0
				}
				seen[h.rowid] = true
				hits = append(hits, h)
				named++
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	if named >= limit && q.Kind != "award" {
		return hits, nil // the page is full of better matches than the index would add
	}
	fts, err := db.dialect.SearchQuery(ctx, db.read, q)
	if err != nil || fts == "" {
		return hits, err
	}
	rowid, match := db.dialect.SearchMatch("search")
	query := `SELECT ` + rowid + `, label FROM search WHERE ` + match
	switch q.Kind {
	case "member":
		query += ` AND ` + rowid + ` % 4 = 0`
	case "org":
		query += ` AND ` + rowid + ` % 4 = 1`
	case "award":
		query += ` AND ` + rowid + ` % 4 = 2`
	}
	window := searchWindow
	queries := []string{fts}
	if len(q.Terms) == 1 && (len(q.Terms[0]) <= 2 || domain.IsDigits(q.Terms[0])) {
		// One or two letters, or digits: every match is as good as the next.
		window = limit * 2
		if domain.IsDigits(q.Terms[0]) {
			// A number as a whole word first (a year of birth is read
			// lazily; the prefix must gather every card number it begins).
			queries = []string{db.dialect.WholeWord(q.Terms[0]), fts}
		}
	}
	for _, fts := range queries {
		if len(hits)-named >= window {
			break
		}
		if err := db.ftsHits(ctx, q, query, fts, window, seen, &hits); err != nil {
			return nil, err
		}
	}
	return hits, nil
}

// ftsHits adds up to window full-text matches not yet seen, ranked.
func (db *DB) ftsHits(ctx context.Context, q domain.SearchQuery, query, fts string, window int, seen map[int64]bool, hits *[]searchHit) error {
	order, err := db.dialect.SearchOrder(ctx, db.read, fts, window)
	if err != nil {
		return err
	}
	query += order
	return sqlrows.Each(ctx, db.read, query+` LIMIT ?`, []any{fts, window}, func(sc func(...any) error) error {
		var h searchHit
		if err := sc(&h.rowid, &h.name); err != nil {
			return err
		}
		name := h.name
		if seen[h.rowid] {
			return nil
		}
		seen[h.rowid] = true
		// A name with every typed word first; then names with more of
		// them (found through another field for the rest).
		if n := q.NameWordsMatched(name); n == len(q.Terms) {
			h.rank, h.tier = rankWords, 2
		} else {
			h.rank, h.tier = -float64(n)*100, 3
		}
		h.rank += float64(len(name)) / 100 // closer names first
		*hits = append(*hits, h)
		return nil
	})
}

// kindGroups orders the kinds of records found, each kind a group: the
// kind whose best hit is the better kind of match comes first (an
// organisation's name typed whole shows the organisation above the members
// found through their cell's name), members before organisations before
// awards when their best are alike. It maps a kind (rowid % 4) to its place.
func kindGroups(hits []searchHit) map[int64]int {
	best := map[int64]int{}
	for _, h := range hits {
		k, t := h.rowid%4, h.tier
		if b, ok := best[k]; !ok || t < b {
			best[k] = t
		}
	}
	kinds := []int64{0, 1, 2}
	sort.SliceStable(kinds, func(i, j int) bool {
		bi, oki := best[kinds[i]]
		bj, okj := best[kinds[j]]
		return oki && (!okj || bi < bj)
	})
	group := map[int64]int{}
	for i, k := range kinds {
		group[k] = i
	}
	return group
}

// searchResults reads the hits' records and orders them: grouped by kind,
// best first, at most limit.
func (db *DB) searchResults(ctx context.Context, q domain.SearchQuery, hits []searchHit, limit int) ([]SearchResult, error) {
	// Only the records shown are read: the hits are put in their final
	// order first (diacritics typed can still lift one of a wider set).
	group := kindGroups(hits)
	sort.SliceStable(hits, func(i, j int) bool {
		x, y := hits[i], hits[j]
		if kx, ky := group[x.rowid%4], group[y.rowid%4]; kx != ky {
			return kx < ky
		}
		if x.rank != y.rank {
			return x.rank < y.rank
		}
		if x.name != y.name {
			return x.name < y.name
		}
		return x.rowid < y.rowid
	})
	keep := limit
	if len(q.Accented) > 0 {
		keep = limit * 2
	}
	if len(hits) > keep {
		hits = hits[:keep]
	}
	byKind := map[int64][]int64{}
	rank := map[int64]float64{}
	for _, h := range hits {
		kind := h.rowid % 4
		byKind[kind] = append(byKind[kind], h.rowid/4)
		rank[h.rowid] = h.rank
	}
	var out []SearchResult
	for kind, read := range []func(context.Context, []int64) ([]SearchResult, error){db.memberResults, db.orgResults, db.awardResults} {
		if ids := byKind[int64(kind)]; len(ids) > 0 {
			rs, err := read(ctx, ids)
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
		}
	}
	for i := range out {
		r := &out[i]
		r.score = -rank[r.ID*4+int64(kindOrder[r.Kind])]
		if len(q.Accented) > 0 && accentedMatch(r.Name, q.Accented) {
			r.score += 500 // typed with diacritics, spelled so
		}
	}
	for i := range out {
		out[i].fold = domain.Fold(out[i].Name)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := &out[i], &out[j]
		if kx, ky := group[int64(kindOrder[x.Kind])], group[int64(kindOrder[y.Kind])]; kx != ky {
			return kx < ky
		}
		if x.score != y.score {
			return x.score > y.score
		}
		if x.fold != y.fold {
			return x.fold < y.fold
		}
		return x.ID < y.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// accentedMatch reports whether each word typed with diacritics starts a word
// of name exactly as typed.
func accentedMatch(name string, words []string) bool {
	return domain.BeginWords(strings.Fields(strings.ToLower(domain.CleanText(name))), words)
}

// filteredMembers applies field filters (and the words, through the index).
func (db *DB) filteredMembers(ctx context.Context, q domain.SearchQuery, limit int) ([]int64, error) {
	conds := []string{"1 = 1"}
	var args []any
	from := `members m`
	if len(q.Terms) > 0 {
		// The index drives: its matches are read in order and filtered, so
		// that the first page does not wait for every match.
		fts, err := db.dialect.SearchQuery(ctx, db.read, q)
		if err != nil || fts == "" {
			return nil, err
		}
		var match string
		from, match = db.dialect.MembersMatching()
		conds = append(conds, match)
		args = append(args, fts)
	}
	if q.Cell != "" {
		cells, err := db.orgsNamed(ctx, q.Cell)
		if err != nil {
			return nil, err
		}
		conds = append(conds, `m.cell_id IN (`+sqlrows.IDList(append(cells, 0))+`)`)
	}
	if q.BirthYear != 0 {
		conds = append(conds, `m.birth_date >= ? AND m.birth_date <= ?`)
		args = append(args, fmt.Sprintf("%04d-01-01", q.BirthYear), fmt.Sprintf("%04d-12-31", q.BirthYear))
	}
	if !q.BirthDate.IsZero() {
		conds = append(conds, `m.birth_date = ?`)
		args = append(args, q.BirthDate.ISO())
	}
	if q.Status != "" {
		conds = append(conds, `m.status = ?`)
		args = append(args, string(q.Status))
	}
	if q.Level != domain.LevelNone {
		sub := `EXISTS (SELECT 1 FROM member_ratings r WHERE r.member_id = m.id AND r.level = ?`
		args = append(args, q.Level.Code())
		if q.LevelYear != 0 {
			sub += ` AND r.year = ?`
			args = append(args, q.LevelYear)
		}
		conds = append(conds, sub+`)`)
	}
	order := ` ORDER BY m.name_fold, m.birth_date, m.id`
	switch {
	case len(q.Terms) > 0:
		order = "" // the words already narrow it; sorting every match would cost more
	case q.Cell != "" || !q.BirthDate.IsZero():
		// A few cells' members, or one birthday: read them by that index
		// and sort them, rather than walk every name in order.
		order = db.dialect.NameOrder()
	}
	return sqlrows.IDs(ctx, db.read, `SELECT m.id FROM `+from+` WHERE `+strings.Join(conds, " AND ")+order+` LIMIT ?`,
		append(args, limit)...)
}

// orgsNamed lists the organisations whose folded name has every word of
// words: a number as a whole word ("12" is not "120"), other words as
// prefixes; an organisation named also gives all those under it.
func (db *DB) orgsNamed(ctx context.Context, words string) ([]int64, error) {
	want := strings.Fields(words)
	if len(want) == 0 {
		return nil, nil
	}
	// Every organisation's name is held in memory (until something is
	// written): testing 26,000 names in Go is quicker than asking SQLite.
	orgs, err := db.orgNames(ctx)
	if err != nil {
		return nil, err
	}
	var todo []int64
	for _, o := range orgs.list {
		if nameHas(o.fold, want) {
			todo = append(todo, o.id)
		}
	}
	children := orgs.children
	// The named organisations and all those under them.
	var out []int64
	seen := map[int64]bool{}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
		todo = append(todo, children[id]...)
	}
	return out, nil
}

func nameHas(name string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(name, w) {
			return false // most names, at once
		}
	}
	words := strings.Fields(name)
	for _, w := range want {
		found := false
		for _, n := range words {
			if n == w || (!domain.IsDigits(w) && strings.HasPrefix(n, w)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// prefixEnd follows every text that begins with a given prefix, in byte
// order: name >= p AND name < p || prefixEnd reads the names beginning with
// p from an index (the highest code point, valid UTF-8, as the server needs).
const prefixEnd = "\U0010FFFF"

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// pathsOf names organisations from their grassroots organisation down,
// reading only them and their ancestors, in one query.
func (db *DB) pathsOf(ctx context.Context, ids []int64) (map[int64]string, error) {
	var list []domain.Org
	err := sqlrows.Each(ctx, db.read, db.dialect.WithAncestors(sqlrows.IDList(ids), orgCols), nil, func(sc func(...any) error) error {
		o, err := scanOrg(scanner(sc))
		list = append(list, o)
		return err
	})
	if err != nil {
		return nil, err
	}
	tree := domain.TreeAt(list, nil, domain.Date{})
	out := map[int64]string{}
	for _, id := range ids {
		out[id] = tree.Path(id)
	}
	return out, nil
}

func (db *DB) memberResults(ctx context.Context, ids []int64) ([]SearchResult, error) {
	var ms []domain.Member
	err := sqlrows.Each(ctx, db.read, `SELECT `+memberCols+` FROM members WHERE id IN (`+sqlrows.IDList(ids)+`)`, nil, func(sc func(...any) error) error {
		m, err := scanMember(scanner(sc))
		ms = append(ms, m)
		return err
	})
	if err != nil {
		return nil, err
	}
	var cells []int64
	for _, m := range ms {
		cells = append(cells, m.CellID)
	}
	paths, err := db.pathsOf(ctx, cells)
	if err != nil {
		return nil, err
	}
	out := make([]SearchResult, len(ms))
	for i, m := range ms {
		detail := []string{paths[m.CellID], "sinh " + m.BirthDate.String()}
		if m.CardNo != "" {
			detail = append(detail, "thẻ "+m.CardNo)
		}
		if m.Status != domain.StatusActive {
			detail = append(detail, m.Status.Label())
		}
		out[i] = SearchResult{Kind: "member", ID: m.ID, Name: m.FullName, Detail: strings.Join(detail, ", ")}
	}
	return out, nil
}

type scanner func(...any) error

func (s scanner) Scan(dest ...any) error { return s(dest...) }

func (db *DB) orgResults(ctx context.Context, ids []int64) ([]SearchResult, error) {
	paths, err := db.pathsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []SearchResult
	for _, id := range ids {
		o, err := getOrg(ctx, db.read, id)
		if err != nil {
			return nil, err
		}
		detail := o.Kind.Label()
		if paths[id] != o.Name {
			detail += ", " + paths[id]
		}
		if !o.DissolvedOn.IsZero() {
			detail += ", đã giải thể " + o.DissolvedOn.String()
		}
		out = append(out, SearchResult{Kind: "org", ID: id, Name: o.Name, Detail: detail})
	}
	return out, nil
}

func (db *DB) awardResults(ctx context.Context, ids []int64) ([]SearchResult, error) {
	var out []SearchResult
	err := sqlrows.Each(ctx, db.read, `SELECT a.id, a.content, a.form, a.milestone, a.year, a.decision_no,
		COALESCE(m.full_name, o.name, '') FROM awards a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN orgs o ON o.id = a.org_id
		WHERE a.id IN (`+sqlrows.IDList(ids)+`)`, nil, func(sc func(...any) error) error {
		var r SearchResult
		var a domain.Award
		var form, who string
		if err := sc(&r.ID, &r.Name, &form, &a.Milestone, &a.Year, &a.DecisionNo, &who); err != nil {
			return err
		}
		a.Form = domain.AwardForm(form)
		r.Kind = "award"
		r.Detail = fmt.Sprintf("%d, %s", a.Year, who)
		if domain.Fold(r.Name) != domain.Fold(a.FormText()) { // a badge's content is its form
			r.Detail = a.FormText() + ", " + r.Detail
		}
		if a.DecisionNo != "" {
			r.Detail += ", QĐ " + a.DecisionNo
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// LikeSearch finds members by the same words with a plain LIKE scan of the
// folded names, collecting every match as a search that ranks must: the
// baseline the benchmark compares the index against.
func (db *DB) LikeSearch(ctx context.Context, q domain.SearchQuery) (int, error) {
	conds := []string{"1 = 1"}
	var args []any
	for _, t := range q.Terms {
		conds = append(conds, `(' ' || name_fold) LIKE ? ESCAPE '\'`)
		args = append(args, "% "+likeEscape(t)+"%")
	}
	n := 0
	err := sqlrows.Each(ctx, db.read, `SELECT id, full_name FROM members WHERE `+strings.Join(conds, " AND "), args,
		func(sc func(...any) error) error {
			n++
			var id int64
			var name string
			return sc(&id, &name)
		})
	return n, err
}
