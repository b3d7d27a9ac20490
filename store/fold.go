package store

import (
	"database/sql/driver"
	"fmt"

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
