package sqlite

import (
	"path/filepath"
	"runtime"
	"strings"
)

// DSN builds a connection string whose pragmas reach every pooled connection.
func DSN(path string, readOnly bool) string {
	q := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=journal_size_limit(67108864)"
	if readOnly {
		q += "&_pragma=query_only(1)&_pragma=cache_size(-16000)&_pragma=mmap_size(1073741824)"
	} else {
		q += "&_txlock=immediate"
	}
	return URI(path) + "?" + q
}

// ReadOnlyDSN opens a database that cannot be written: nothing is created beside
// it when immutable (a read-only folder, where SQLite cannot make the -shm).
func ReadOnlyDSN(path string, immutable bool) string {
	return SourceDSN(path, immutable) + "&_pragma=query_only(1)&_pragma=foreign_keys(1)&_pragma=cache_size(-16000)"
}

// SourceDSN opens a database only to be read, but without query_only, which
// would forbid VACUUM INTO another file (a backup).
func SourceDSN(path string, immutable bool) string {
	q := "mode=ro&_pragma=busy_timeout(10000)"
	if immutable {
		q = "immutable=1&" + q
	}
	return URI(path) + "?" + q
}

// URI is the file: address of the database at path.
func URI(path string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(p)
}
