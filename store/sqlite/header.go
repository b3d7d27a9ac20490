package sqlite

import (
	"bytes"
	"encoding/binary"
	"io"
)

// magic begins every SQLite database file.
const magic = "SQLite format 3\x00"

// Header is what the first 100 bytes of a database file say of it.
type Header struct {
	PageSize      int64  // bytes a page holds (1 in the file means 65 536)
	ChangeCounter uint32 // bumped by each transaction written to the file
	Pages         int64  // the file's size in pages, when Current
	ValidFor      uint32 // the change counter Pages is valid for
	UserVersion   uint32 // PRAGMA user_version: the schema's version
	AppID         uint32 // PRAGMA application_id
}

// ReadHeader reads a database file's header from r; false when r does not
// begin with one.
func ReadHeader(r io.Reader) (Header, bool) {
	b := make([]byte, 100)
	if _, err := io.ReadFull(r, b); err != nil || !bytes.Equal(b[:16], []byte(magic)) {
		return Header{}, false
	}
	h := Header{
		PageSize:      int64(binary.BigEndian.Uint16(b[16:18])),
		ChangeCounter: binary.BigEndian.Uint32(b[24:28]),
		Pages:         int64(binary.BigEndian.Uint32(b[28:32])),
		UserVersion:   binary.BigEndian.Uint32(b[60:64]),
		AppID:         binary.BigEndian.Uint32(b[68:72]),
		ValidFor:      binary.BigEndian.Uint32(b[92:96]),
	}
	if h.PageSize == 1 {
		h.PageSize = 65536
	}
	return h, true
}

// Current reports whether the page count is valid: written by a version of
// SQLite that keeps it, for the last change.
func (h Header) Current() bool { return h.ChangeCounter == h.ValidFor }

// Size is the file's size as the header gives it.
func (h Header) Size() int64 { return h.Pages * h.PageSize }

// ValidPageSize reports whether the page size is one SQLite writes: a power
// of two from 512.
func (h Header) ValidPageSize() bool {
	return h.PageSize >= 512 && h.PageSize&(h.PageSize-1) == 0
}
