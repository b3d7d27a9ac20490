package interchange

import (
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
)

// CanonicalColumn finds the column a name stands for, in any sheet: a
// canonical name or one of its aliases, ignoring case, diacritics and
// punctuation.
func CanonicalColumn(name string) (string, bool) {
	k := domain.FoldKey(name)
	for _, s := range Sheets {
		for _, c := range sheetColumns[s] {
			if domain.FoldKey(c) == k {
				return c, true
			}
		}
	}
	for _, s := range Sheets {
		if c, ok := headerKeys[s][k]; ok && c != ColSTT {
			return c, true
		}
	}
	return "", false
}

// AllColumns lists every column of every sheet once, in order.
func AllColumns() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range Sheets {
		for _, c := range sheetColumns[s] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// ParseMapping reads mappings written "Header in the file=Column"
// (the column's name or an alias; nothing after "=" ignores the column)
// into the map Options.Map takes.
func ParseMapping(specs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, spec := range specs {
		from, to, ok := strings.Cut(spec, "=")
		if !ok || domain.FoldKey(from) == "" {
			return nil, fmt.Errorf("%q: cần dạng \"Tiêu đề trong tệp=Tên cột\", ví dụ \"Tên đầy đủ=Họ và tên\"", spec)
		}
		if strings.TrimSpace(to) == "" {
			out[domain.FoldKey(from)] = ""
			continue
		}
		canon, ok := CanonicalColumn(to)
		if !ok {
			cols := AllColumns()
			sort.Strings(cols)
			return nil, fmt.Errorf("%q: không có cột %q; các cột: %s", spec, strings.TrimSpace(to), strings.Join(cols, ", "))
		}
		out[domain.FoldKey(from)] = canon
	}
	return out, nil
}
