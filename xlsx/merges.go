package xlsx

import (
	"bytes"
	"io"
	"regexp"
	"sort"
	"strings"
)

// mergedRange is a block of merged cells: the rows (1-based) and columns
// (0-based) it covers and the value shown in it.
type mergedRange struct {
	top, bottom, left, right int
	value                    Cell
}

var mergeCellRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?ref="([^"]+)"`)

// merges reads the merged ranges of a sheet. They follow the rows in the
// XML, so the part is searched once before its rows are read, in chunks:
// each round searches up to the last '<' read (a tag before it is whole)
// and carries the rest over; only chunks holding "mergeCell" are searched
// with the expression.
func (b *Book) merges(s Sheet) ([]mergedRange, error) {
	rc, err := b.open(s.part, b.limits.Unzipped)
	if err != nil || rc == nil {
		return nil, err
	}
	defer rc.Close()
	refs, err := mergeRefs(rc, b.limits.MergeCount)
	if err != nil {
		return nil, err
	}
	var out []mergedRange
	for _, ref := range refs {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		l, t, ok1 := parseRef(from)
		r, bt, ok2 := parseRef(to)
		if !ok1 || !ok2 || t == 0 || bt < t || r < l {
			continue
		}
		out = append(out, mergedRange{top: t, bottom: bt, left: l, right: r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].top < out[j].top })
	return out, nil
}

// mergeRefs finds the ref="A1:B2" of every mergeCell in a sheet's XML, at
// most max of them.
func mergeRefs(r io.Reader, max int) ([]string, error) {
	const chunk = 1 << 20
	var refs []string
	buf := make([]byte, 0, 2*chunk)
	needle := []byte("mergeCell")
	for {
		n, err := io.ReadFull(r, buf[len(buf):len(buf)+chunk])
		buf = buf[:len(buf)+n]
		end := len(buf)
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return nil, err
		}
		if !eof {
			if i := bytes.LastIndexByte(buf, '<'); i >= 0 && len(buf)-i < chunk {
				end = i
			}
		}
		if bytes.Contains(buf[:end], needle) {
			for _, m := range mergeCellRef.FindAllSubmatchIndex(buf[:end], -1) {
				if len(refs) < max {
					refs = append(refs, string(buf[m[2]:m[3]]))
				}
			}
		}
		if eof {
			return refs, nil
		}
		buf = append(buf[:0], buf[end:]...)
	}
}

// mergeFill puts the value of a merged range into every row it covers.
type mergeFill struct {
	ranges  []mergedRange
	next    int
	active  []*mergedRange
	columns int
}

func newMergeFill(ranges []mergedRange, columns int) *mergeFill {
	return &mergeFill{ranges: ranges, columns: columns}
}

// fill takes the cells of row n (rows come in order) and returns them with
// the merged values filled in.
func (m *mergeFill) fill(n int, cells []Cell) []Cell {
	if len(m.ranges) == 0 {
		return cells
	}
	for ; m.next < len(m.ranges) && m.ranges[m.next].top <= n; m.next++ {
		r := &m.ranges[m.next]
		if r.top == n && r.left < len(cells) {
			r.value = cells[r.left]
		}
		m.active = append(m.active, r)
	}
	kept := m.active[:0]
	for _, r := range m.active {
		if n > r.bottom {
			continue
		}
		kept = append(kept, r)
		if n == r.top || r.value.Kind == Empty {
			continue
		}
		for c := r.left; c <= r.right && c < m.columns; c++ {
			for len(cells) <= c {
				cells = append(cells, Cell{})
			}
			cells[c] = r.value
		}
	}
	m.active = kept
	return cells
}
