package domain

import (
	"strconv"
	"strings"
	"unicode"
)

// SearchQuery is a parsed search: words, each matched as a prefix of a word
// in any order, and field filters in the spirit of Calibre's syntax:
//
//	chibo:"khu dan cu 12"   the member's cell (or any organisation) name contains it
//	sinh:1975               born in 1975 (or sinh:12/03/1975)
//	xeploai:htxs/2021       rated at that level (in that year, if given)
//	trangthai:chuyen-di     status: dang-sinh-hoat, chuyen-di, tu-tran, ra-khoi-dang, mien-sinh-hoat
//	loai:dangvien|tochuc|khenthuong   only that kind of record
type SearchQuery struct {
	Terms      []string // folded words
	Accented   []string // the words as typed (lower case, NFC) when they carry diacritics
	Cell       string   // folded
	BirthYear  int
	BirthDate  Date
	Level      Level
	LevelYear  int
	Status     MemberStatus
	Kind       string // "member", "org", "award" or ""
	HasFilters bool   // a member-only filter was given
}

// Empty reports whether the query asks for nothing.
func (q SearchQuery) Empty() bool { return len(q.Terms) == 0 && !q.HasFilters }

// ParseSearch reads what a user types in the search box.
func ParseSearch(s string) (SearchQuery, error) {
	var q SearchQuery
	for _, tok := range splitQuery(CleanText(s)) {
		key, val, isFilter := strings.Cut(tok, ":")
		if isFilter && FoldKey(key) != "" && !IsDigits(key) {
			if err := q.filter(FoldKey(key), strings.Trim(val, `"`)); err != nil {
				return q, err
			}
			continue
		}
		q.addWords(tok)
	}
	return q, nil
}

func (q *SearchQuery) addWords(s string) {
	for _, w := range strings.FieldsFunc(strings.Trim(s, `"`), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) }) {
		f := FoldKey(w)
		if f == "" {
			continue
		}
		q.Terms = append(q.Terms, f)
		if lw := strings.ToLower(CleanText(w)); lw != f {
			q.Accented = append(q.Accented, lw)
		}
	}
}

func (q *SearchQuery) filter(key, val string) error {
	if strings.TrimSpace(val) == "" {
		return Errorf(EINVALID, "Tìm kiếm", "bộ lọc %s: cần giá trị, ví dụ %s:…", key, key)
	}
	switch key {
	case "chibo", "tochuc", "donvi":
		q.Cell = Fold(val)
	case "sinh", "namsinh":
		if y, err := strconv.Atoi(val); err == nil && len(val) == 4 {
			q.BirthYear = y
		} else if d, err := ParseDate(val); err == nil && !d.IsZero() {
			q.BirthDate = d
		} else {
			return Errorf(EINVALID, "Tìm kiếm", "sinh:%s — cần năm (1975) hoặc ngày (12/03/1975)", val)
		}
	case "xeploai":
		lv, yr, _ := strings.Cut(val, "/")
		l, err := ParseLevel(lv)
		if err != nil || l == LevelNone {
			return Errorf(EINVALID, "Tìm kiếm", "xeploai:%s — mức không rõ (htxs, httnv, htnv, khtnv)", val)
		}
		q.Level = l
		if yr != "" {
			y, err := strconv.Atoi(yr)
			if err != nil || y < MinYear || y > MaxYear {
				return Errorf(EINVALID, "Tìm kiếm", "xeploai:%s — năm không hợp lệ", val)
			}
			q.LevelYear = y
		}
	case "trangthai":
		st, err := ParseMemberStatus(val)
		if err != nil {
			return Errorf(EINVALID, "Tìm kiếm", "trangthai:%s — %v", val, err)
		}
		q.Status = st
	case "loai":
		switch FoldKey(val) {
		case "dangvien", "member":
			q.Kind = "member"
		case "tochuc", "org":
			q.Kind = "org"
		case "khenthuong", "award":
			q.Kind = "award"
		default:
			return Errorf(EINVALID, "Tìm kiếm", "loai:%s — dangvien, tochuc hoặc khenthuong", val)
		}
		return nil
	default:
		return Errorf(EINVALID, "Tìm kiếm", "không có bộ lọc %q (chibo, sinh, xeploai, trangthai, loai)", key)
	}
	q.HasFilters = true
	return nil
}

// splitQuery splits on spaces outside double quotes.
func splitQuery(s string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case r == ' ' && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// FTSQuery is the full-text query for the terms: each a quoted prefix, or,
// where expand knows the words a term begins (it returns ok), those words
// as exact terms — an index reads exact terms lazily, where it must gather
// every match of a long prefix first.
func (q SearchQuery) FTSQuery(expand func(term string) (words []string, ok bool)) string {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = quote(t) + "*"
		if expand == nil {
			continue
		}
		if ws, ok := expand(t); ok {
			if len(ws) == 0 {
				return "" // a word no record has: nothing matches
			}
			alts := make([]string, len(ws))
			for j, w := range ws {
				alts[j] = quote(w)
			}
			parts[i] = "(" + strings.Join(alts, " OR ") + ")"
		}
	}
	return strings.Join(parts, " AND ")
}

// Words splits folded text into the words the search index holds: runs of
// letters and digits (as SQLite's unicode61 tokenizer does).
func Words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// MatchesWords reports whether every term is a prefix of some word of text
// (folded), the rule the index applies.
func (q SearchQuery) MatchesWords(text string) bool {
	return BeginWords(Words(Fold(text)), q.Terms)
}

// BeginWords reports whether each of prefixes begins some word of words.
func BeginWords(words, prefixes []string) bool {
	return CountBegun(words, prefixes) == len(prefixes)
}

// CountBegun counts the prefixes that begin some word of words.
func CountBegun(words, prefixes []string) int {
	n := 0
	for _, p := range prefixes {
		for _, w := range words {
			if strings.HasPrefix(w, p) {
				n++
				break
			}
		}
	}
	return n
}

// NameWordsMatched counts the query's words that begin a word of text.
func (q SearchQuery) NameWordsMatched(text string) int {
	return CountBegun(Words(Fold(text)), q.Terms)
}
