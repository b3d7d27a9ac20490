package sqlite

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// TestReadHeader reads the header of a database SQLite wrote, and refuses
// what is not one.
func TestReadHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	c, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA user_version = 7`, `PRAGMA application_id = 1481657409`,
		`CREATE TABLE t (x)`, `INSERT INTO t VALUES (1)`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := c.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	c.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, ok := ReadHeader(bytes.NewReader(b))
	if !ok {
		t.Fatal("a database's header not read")
	}
	if h.PageSize != 4096 || h.UserVersion != 7 || h.AppID != 0x58504C41 || !h.Current() || h.Size() != int64(len(b)) || !h.ValidPageSize() {
		t.Errorf("header %+v of a %d-byte file", h, len(b))
	}
	// Page size 1 means 65 536.
	big := bytes.Clone(b[:100])
	big[16], big[17] = 0, 1
	if h, _ := ReadHeader(bytes.NewReader(big)); h.PageSize != 65536 || !h.ValidPageSize() {
		t.Errorf("page size 1 read as %d", h.PageSize)
	}
	odd := bytes.Clone(b[:100])
	odd[16], odd[17] = 0x03, 0x00 // 768: not a power of two
	if h, _ := ReadHeader(bytes.NewReader(odd)); h.ValidPageSize() {
		t.Errorf("page size %d taken as valid", h.PageSize)
	}
	for name, data := range map[string][]byte{
		"empty": nil, "text": []byte("this is not a database, just text, and it is long enough to fill a header of one hundred bytes........"),
		"cut": b[:50],
	} {
		if _, ok := ReadHeader(bytes.NewReader(data)); ok {
			t.Errorf("%s read as a database's header", name)
		}
	}
}

// FuzzReadHeader: any bytes are read without a panic, and a header read
// from them says a size that is pages times the page size.
func FuzzReadHeader(f *testing.F) {
	f.Add([]byte(magic + string(make([]byte, 84))))
	f.Add([]byte("SQLite format 3"))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, ok := ReadHeader(bytes.NewReader(b))
		if !ok {
			return
		}
		if h.Size() != h.Pages*h.PageSize || h.PageSize < 0 {
			t.Errorf("header %+v", h)
		}
	})
}
