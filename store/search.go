package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
)

// SearchResult is one record found.
type SearchResult struct {
	Kind   string // "member", "org" or "award"
	ID     int64
	Name   string
	Detail string
	score  float64
}

var kindOrder = map[string]int{"member": 0, "org": 1, "award": 2}

// searchWindow is how many index matches are ranked at most: enough for
// every exact name to surface, few enough to stay within a frame.
const searchWindow = 3000

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
	type hit struct {
		rowid int64
		rank  float64
	}
	var hits []hit
	var err error
	if q.HasFilters {
		ids, err := db.filteredMembers(ctx, q, limit*4)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			hits = append(hits, hit{rowid: id * 4})
		}
	} else {
		// Rank in Go on the names the index holds, not with bm25 over every
		// match: a one-letter word matches half the roll.
		query := `SELECT rowid, label FROM search WHERE search MATCH ?`
		switch q.Kind {
		case "member":
			query += ` AND rowid % 4 = 0`
		case "org":
			query += ` AND rowid % 4 = 1`
		case "award":
			query += ` AND rowid % 4 = 2`
		}
		whole := strings.Join(q.Terms, " ")
		type scored struct {
			hit
			name string
		}
		var all []scored
		window := searchWindow
		if len(q.Terms) == 1 && len(q.Terms[0]) <= 2 {
			// One or two letters: every match is as good as the next.
			window = limit * 2
		}
		err = eachRow(ctx, db.read, query+` LIMIT ?`, []any{q.FTSQuery(), window}, func(sc func(...any) error) error {
			var h scored
			if err := sc(&h.rowid, &h.name); err != nil {
				return err
			}
			switch {
			case h.name == whole:
				h.rank = -3000
			case q.MatchesWords(h.name):
				h.rank = -1000
			}
			h.rank += float64(len(h.name)) / 100 // closer names first
			all = append(all, h)
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.SliceStable(all, func(i, j int) bool {
			if all[i].rank != all[j].rank {
				return all[i].rank < all[j].rank
			}
			return all[i].name < all[j].name
		})
		for i := 0; i < len(all) && i < limit*2; i++ {
			hits = append(hits, all[i].hit)
		}
	}
	byKind := map[int64][]int64{}
	rank := map[string]float64{}
	for _, h := range hits {
		kind := h.rowid % 4
		byKind[kind] = append(byKind[kind], h.rowid/4)
		rank[fmt.Sprint(kind, ":", h.rowid/4)] = h.rank
	}
	var out []SearchResult
	if ids := byKind[0]; len(ids) > 0 {
		rs, err := db.memberResults(ctx, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	if ids := byKind[1]; len(ids) > 0 {
		rs, err := db.orgResults(ctx, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	if ids := byKind[2]; len(ids) > 0 {
		rs, err := db.awardResults(ctx, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	for i := range out {
		r := &out[i]
		r.score = -rank[fmt.Sprint(kindOrder[r.Kind], ":", r.ID)]
		if len(q.Accented) > 0 && accentedMatch(r.Name, q.Accented) {
			r.score += 500 // typed with diacritics, spelled so
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ki, kj := kindOrder[out[i].Kind], kindOrder[out[j].Kind]; ki != kj {
			return ki < kj
		}
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		if fi, fj := domain.Fold(out[i].Name), domain.Fold(out[j].Name); fi != fj {
			return fi < fj
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// accentedMatch reports whether each word typed with diacritics starts a word
// of name exactly as typed.
func accentedMatch(name string, words []string) bool {
	nw := strings.Fields(strings.ToLower(domain.CleanText(name)))
	for _, w := range words {
		found := false
		for _, n := range nw {
			if strings.HasPrefix(n, w) {
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

// filteredMembers applies field filters (and the words, through the index).
func (db *DB) filteredMembers(ctx context.Context, q domain.SearchQuery, limit int) ([]int64, error) {
	conds := []string{"1 = 1"}
	var args []any
	if len(q.Terms) > 0 {
		conds = append(conds, `m.id * 4 IN (SELECT rowid FROM search WHERE search MATCH ? AND rowid % 4 = 0)`)
		args = append(args, q.FTSQuery())
	}
	if q.Cell != "" {
		cells, err := db.orgsNamed(ctx, q.Cell)
		if err != nil {
			return nil, err
		}
		conds = append(conds, `m.cell_id IN (`+idList(append(cells, 0))+`)`)
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
	if len(q.Terms) > 0 {
		order = "" // the words already narrow it; sorting every match would cost more
	}
	return queryIDs(ctx, db.read, `SELECT m.id FROM members m WHERE `+strings.Join(conds, " AND ")+order+` LIMIT ?`,
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
	var named []int64
	err := eachRow(ctx, db.read, `SELECT id, name_fold FROM orgs WHERE name_fold LIKE ? ESCAPE '\'`, []any{"%" + likeEscape(want[0]) + "%"},
		func(sc func(...any) error) error {
			var id int64
			var name string
			if err := sc(&id, &name); err != nil {
				return err
			}
			if nameHas(name, want) {
				named = append(named, id)
			}
			return nil
		})
	if err != nil || len(named) == 0 {
		return nil, err
	}
	return queryIDs(ctx, db.read, `WITH RECURSIVE sub(id) AS (SELECT id FROM orgs WHERE id IN (`+idList(named)+`)
		UNION SELECT o.id FROM orgs o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub`)
}

func nameHas(name string, want []string) bool {
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

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ",")
}

// pathsOf names organisations from their grassroots organisation down,
// reading only their ancestors.
func (db *DB) pathsOf(ctx context.Context, ids []int64) (map[int64]string, error) {
	orgs := map[int64]domain.Org{}
	todo := append([]int64(nil), ids...)
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if _, ok := orgs[id]; ok || id == 0 {
			continue
		}
		o, err := getOrg(ctx, db.read, id)
		if err != nil {
			return nil, err
		}
		orgs[id] = *o
		todo = append(todo, o.ParentID)
	}
	list := make([]domain.Org, 0, len(orgs))
	for _, o := range orgs {
		list = append(list, o)
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
	err := eachRow(ctx, db.read, `SELECT `+memberCols+` FROM members WHERE id IN (`+idList(ids)+`)`, nil, func(sc func(...any) error) error {
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
	err := eachRow(ctx, db.read, `SELECT a.id, a.content, a.form, a.milestone, a.year, a.decision_no,
		COALESCE(m.full_name, o.name, '') FROM awards a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN orgs o ON o.id = a.org_id
		WHERE a.id IN (`+idList(ids)+`)`, nil, func(sc func(...any) error) error {
		var r SearchResult
		var a domain.Award
		var form, who string
		if err := sc(&r.ID, &r.Name, &form, &a.Milestone, &a.Year, &a.DecisionNo, &who); err != nil {
			return err
		}
		a.Form = domain.AwardForm(form)
		r.Kind = "award"
		r.Detail = fmt.Sprintf("%s, %d, %s", a.FormText(), a.Year, who)
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
	err := eachRow(ctx, db.read, `SELECT id, full_name FROM members WHERE `+strings.Join(conds, " AND "), args,
		func(sc func(...any) error) error {
			n++
			var id int64
			var name string
			return sc(&id, &name)
		})
	return n, err
}
