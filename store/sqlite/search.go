package sqlite

import (
	"context"
	"strings"
	"unicode"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// The search index on a file is an FTS5 table kept by triggers
// (migrations/0003_search.sql), with the vocabulary of its words in
// search_words (0006): a typed prefix stands for the words it begins.

// maxExpansion is how many words a typed prefix may stand for before the
// index's own prefix search is used instead.
const maxExpansion = 40

// prefixEnd follows every text that begins with a given prefix, in byte
// order.
const prefixEnd = "\U0010FFFF"

// SearchQuery is the full-text query for q's words: a word of three letters
// or more stands for the words of the vocabulary it begins; shorter ones
// and numbers use the index's prefix search. "" when a word begins no word.
func (Dialect) SearchQuery(ctx context.Context, db sqlrows.Queryer, q domain.SearchQuery) (string, error) {
	var err error
	fts := q.FTSQuery(func(t string) ([]string, bool) {
		if len(t) < 3 || err != nil || strings.IndexFunc(t, unicode.IsLetter) < 0 {
			return nil, false
		}
		var words []string
		err = sqlrows.Each(ctx, db, `SELECT word FROM search_words WHERE word >= ? AND word < ? LIMIT ?`,
			[]any{t, t + prefixEnd, maxExpansion + 1}, func(sc func(...any) error) error {
				var w string
				err := sc(&w)
				words = append(words, w)
				return err
			})
		if len(words) > maxExpansion {
			return nil, false
		}
		return words, true
	})
	return fts, err
}

// WholeWord is the full-text query for term as a whole word.
func (Dialect) WholeWord(term string) string { return `"` + term + `"` }

// SearchMatch is the index's row id column and the condition that matches
// it against the query bound as ?, on table (or alias) t.
func (Dialect) SearchMatch(t string) (rowid, match string) {
	if t != "search" {
		return "rowid", t + `.search MATCH ?`
	}
	return "rowid", `search MATCH ?`
}

// SearchOrder orders the matches: FTS5 gives them by row id already.
func (Dialect) SearchOrder(context.Context, sqlrows.Queryer, string, int) (string, error) {
	return "", nil
}

// NamesFrom reads id and folded name of the rows of table whose folded
// name is from ?1 up to ?2, at most ?3, in name order (by the name's index).
func (Dialect) NamesFrom(table string) string {
	return `SELECT id, name_fold FROM ` + table + ` WHERE name_fold >= ?1 AND name_fold < ?2 ORDER BY name_fold LIMIT ?3`
}

// MembersMatching is the FROM of members m joined to the index's matches,
// and the condition matching the query bound as ?.
func (Dialect) MembersMatching() (from, match string) {
	return `search s JOIN members m ON m.id = s.rowid / 4`, `s.search MATCH ? AND s.rowid % 4 = 0`
}
