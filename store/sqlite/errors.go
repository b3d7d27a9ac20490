package sqlite

import (
	"errors"

	"modernc.org/sqlite"
)

// Code is the primary result code of an SQLite error, or 0.
func Code(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}
