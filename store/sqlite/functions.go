package sqlite

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"modernc.org/sqlite"

	"xeploai/domain"
)

// fold() in SQL is domain.Fold, so that the search index, kept by triggers,
// folds exactly as Go does (đ → d, which SQLite's remove_diacritics misses).
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case nil:
			return "", nil
		case string:
			return domain.Fold(v), nil
		case []byte:
			return domain.Fold(string(v)), nil
		default:
			return domain.Fold(fmt.Sprint(v)), nil
		}
	})
}

// words() in SQL lists, as a JSON array, the words of folded text that hold a
// letter: the vocabulary search expands typed prefixes against (numbers are
// matched as prefixes by the index itself).
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("words", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var s string
		switch v := args[0].(type) {
		case string:
			s = v
		case []byte:
			s = string(v)
		}
		var out []string
		for _, w := range domain.Words(s) {
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				out = append(out, w)
			}
		}
		if out == nil {
			return "[]", nil
		}
		b, err := json.Marshal(out)
		return string(b), err
	})
}
