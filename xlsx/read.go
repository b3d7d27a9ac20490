// Package xlsx reads and writes .xlsx workbooks as streams of rows: just
// what the interchange format needs, in time and memory proportional to one
// row. Reading gives each cell's text, whether it is a number, whether its
// number format is a date format (Excel keeps dates as serial numbers) and
// the name of its font (old Vietnamese encodings are told by their fonts).
// It knows nothing of the sheets' meaning.
package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits bound what reading a workbook may cost.
type Limits struct {
	Unzipped   int64 // bytes all parts may unpack to (zip bombs)
	Part       int64 // bytes one small part (workbook, styles, shared strings) may unpack to
	Rows       int   // the highest row number a sheet may use
	Columns    int   // columns read from a row; cells further right are ignored
	CellBytes  int   // bytes of one cell's text kept; the rest is dropped and the cell marked Long
	MergeCount int   // merged ranges read per sheet
}

// ExcelRows is the number of rows an Excel sheet can hold.
const ExcelRows = 1_048_576

// DefaultLimits are generous for real workbooks and refuse hostile ones.
var DefaultLimits = Limits{Unzipped: 4 << 30, Part: 512 << 20, Rows: ExcelRows, Columns: 256, CellBytes: 64 << 10, MergeCount: 100_000}

// Errors a caller may tell apart.
var (
	ErrNotWorkbook = errors.New("not an .xlsx workbook")
	ErrTooBig      = errors.New("unpacks to more than the limit")
	ErrTooManyRows = errors.New("a row number beyond the limit")
)

// Kind is what a cell holds.
type Kind uint8

// Cell kinds.
const (
	Empty        Kind = iota
	Text              // a string (shared, inline or a formula's)
	Number            // a number, as written in the file ("27465", "12.5")
	Bool              // "1" or "0"
	Error             // "#N/A" …
	ISODate           // a date cell of type "d", as ISO 8601 text
	Uncalculated      // a formula without the value it calculates to
)

// Cell is one cell of a row.
type Cell struct {
	Value string
	Kind  Kind
	Date  bool   // the number format is a date format
	Font  string // the font's name, as the style (or the text's first run) gives it
	Long  int    // the text's length in bytes when it was cut to Limits.CellBytes; 0 otherwise
}

// Sheet is one sheet of a workbook.
type Sheet struct {
	Name string
	part string
}

// Book is an open workbook.
type Book struct {
	zr       *zip.Reader
	files    map[string]*zip.File
	limits   Limits
	unzipped int64 // bytes unpacked so far
	Sheets   []Sheet
	Date1904 bool // serial numbers count from 1904 (old Mac workbooks)

	strings []sharedString
	xfs     []cellStyle
	loaded  bool // strings and styles
}

type sharedString struct {
	text string
	font string
	long int
}

type cellStyle struct {
	date bool
	font string
}

// Open reads the workbook's directory and sheet list from r.
func Open(r io.ReaderAt, size int64, limits Limits) (*Book, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	b := &Book{zr: zr, files: map[string]*zip.File{}, limits: limits}
	var declared uint64
	for _, f := range zr.File {
		b.files[strings.TrimPrefix(f.Name, "/")] = f
		declared += f.UncompressedSize64
	}
	if declared > uint64(limits.Unzipped) {
		return nil, ErrTooBig
	}
	wbPath := "xl/workbook.xml"
	var rootRels relationships
	if err := b.decode("_rels/.rels", &rootRels); err != nil {
		return nil, err
	}
	for _, r := range rootRels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	if b.files[wbPath] == nil {
		return nil, fmt.Errorf("%w: no workbook part", ErrNotWorkbook)
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.decode(wbPath, &wb); err != nil {
		return nil, err
	}
	b.Date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	var rels relationships
	dir := path.Dir(wbPath)
	relsPath := path.Join(dir, "_rels", path.Base(wbPath)+".rels")
	if err := b.decode(relsPath, &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = resolve(dir, r.Target)
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			targets["#strings"] = resolve(dir, r.Target)
		case strings.HasSuffix(r.Type, "/styles"):
			targets["#styles"] = resolve(dir, r.Target)
		}
	}
	for _, s := range wb.Sheets {
		p := targets[s.RID]
		if b.files[p] == nil {
			continue // a chart sheet or a broken reference: nothing to read
		}
		b.Sheets = append(b.Sheets, Sheet{Name: s.Name, part: p})
	}
	b.files["#strings"] = b.files[targets["#strings"]]
	b.files["#styles"] = b.files[targets["#styles"]]
	return b, nil
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, target)), "/")
}

// open opens a part, counting what it unpacks against the limit.
func (b *Book) open(name string, limit int64) (io.ReadCloser, error) {
	f := b.files[name]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	return &countingReader{rc: rc, b: b, left: limit}, nil
}

// countingReader stops a part that unpacks to more than it may, whatever
// its header declared.
type countingReader struct {
	rc   io.ReadCloser
	b    *Book
	left int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	c.b.unzipped += int64(n)
	if c.left < 0 || c.b.unzipped > c.b.limits.Unzipped {
		return n, ErrTooBig
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	return n, err
}

func (c *countingReader) Close() error { return c.rc.Close() }

func (b *Book) decode(name string, v any) error {
	rc, err := b.open(name, b.limits.Part)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		if errors.Is(err, ErrTooBig) {
			return ErrTooBig
		}
		return fmt.Errorf("%w: %s: %v", ErrNotWorkbook, name, err)
	}
	return nil
}

// load reads the shared strings and the cell styles, once.
func (b *Book) load() error {
	if b.loaded {
		return nil
	}
	b.loaded = true
	if err := b.loadStyles(); err != nil {
		return err
	}
	rc, err := b.open("#strings", b.limits.Part)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	sc := newScanner(rc, b.limits.CellBytes)
	var cur sharedString
	in, runFont, phonetic := false, "", false
	for {
		tok, err := sc.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case tok.is("si") && tok.open:
			in, cur, runFont = true, sharedString{}, ""
			sc.reset()
			if tok.close {
				b.strings = append(b.strings, cur)
				in = false
			}
		case tok.is("si"):
			cur.text, cur.long = sc.text.String(), sc.long()
			b.strings = append(b.strings, cur)
			in = false
		case tok.is("rPh"):
			phonetic = tok.open && !tok.close
		case tok.is("rFont") && tok.open && in && sc.text.Len() == 0:
			runFont = tok.attr("val")
		case tok.is("t") && in && !phonetic:
			if tok.open && !tok.close {
				if cur.font == "" && sc.text.Len() == 0 {
					cur.font = runFont
				}
				sc.capture = true
			} else {
				sc.capture = false
			}
		}
	}
}

func (b *Book) loadStyles() error {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Fonts []struct {
			Name struct {
				Val string `xml:"val,attr"`
			} `xml:"name"`
		} `xml:"fonts>font"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
			Font   int `xml:"fontId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.decode("#styles", &st); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	for _, x := range st.Xfs {
		cs := cellStyle{}
		if code, ok := custom[x.NumFmt]; ok {
			cs.date = IsDateFormat(code)
		} else {
			cs.date = builtinDate(x.NumFmt)
		}
		if x.Font >= 0 && x.Font < len(st.Fonts) {
			cs.font = st.Fonts[x.Font].Name.Val
		}
		b.xfs = append(b.xfs, cs)
	}
	return nil
}

// Rows calls fn for each row of the sheet that has a cell, in order, with
// its 1-based number and its cells by column (nil past the last one). The
// slice is reused: fn must copy what it keeps. Merged ranges fill every row
// they cover with the value of their first row. Reading stops at fn's first
// error, which Rows returns.
func (b *Book) Rows(s Sheet, fn func(n int, cells []Cell) error) error {
	if err := b.load(); err != nil {
		return err
	}
	merges, err := b.merges(s)
	if err != nil {
		return err
	}
	rc, err := b.open(s.part, b.limits.Unzipped)
	if err != nil {
		return err
	}
	if rc == nil {
		return nil
	}
	defer rc.Close()
	m := newMergeFill(merges, b.limits.Columns)
	sc := newScanner(rc, b.limits.CellBytes)
	var in interner
	var cells []Cell
	rowNum, col := 0, -1
	var cur Cell
	var curType string
	inData, inRow, inCell, phonetic := false, false, false, false
	formula := false // the cell has a formula
	emit := func() error {
		if rowNum > b.limits.Rows {
			return ErrTooManyRows
		}
		cells = m.fill(rowNum, cells)
		if len(cells) == 0 {
			return nil
		}
		return fn(rowNum, cells)
	}
	for {
		tok, err := sc.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch {
		case tok.is("sheetData"):
			inData = tok.open && !tok.close
		case !inData:
		case tok.is("row") && tok.open:
			n := rowNum + 1
			if r := tok.attrRaw("r"); len(r) > 0 {
				v, ok := atoi(r)
				if !ok || v < 1 {
					return fmt.Errorf("%w: row number %q", ErrNotWorkbook, r)
				}
				if v <= rowNum {
					return fmt.Errorf("%w: row %d after row %d", ErrNotWorkbook, v, rowNum)
				}
				n = v
			}
			if n > b.limits.Rows {
				return ErrTooManyRows
			}
			rowNum, col, cells, inRow = n, -1, cells[:0], true
			if tok.close {
				inRow = false
				if err := emit(); err != nil {
					return err
				}
			}
		case tok.is("row"):
			if inRow {
				inRow = false
				if err := emit(); err != nil {
					return err
				}
			}
		case !inRow:
		case tok.is("c") && tok.open:
			col++
			if r := tok.attrRaw("r"); len(r) > 0 {
				c, row, ok := parseRef(r)
				if !ok || (row != 0 && row != rowNum) || c < col {
					return fmt.Errorf("%w: cell %q in row %d", ErrNotWorkbook, r, rowNum)
				}
				col = c
			}
			cur, curType, formula = Cell{}, cellType(tok.attrRaw("t")), false
			style := 0
			if s := tok.attrRaw("s"); len(s) > 0 {
				style, _ = atoi(s)
			}
			if style >= 0 && style < len(b.xfs) {
				cur.Date, cur.Font = b.xfs[style].date, b.xfs[style].font
			}
			sc.reset()
			inCell = !tok.close
			if !inCell {
				// An empty cell holds only a style.
				continue
			}
		case tok.is("c"):
			if !inCell {
				continue
			}
			inCell = false
			if err := b.finishCell(&cur, curType, sc, in.value(col, sc.text)); err != nil {
				return err
			}
			if formula && cur.Kind == Empty {
				// A formula whose value was never calculated (a file
				// written by a program, not saved by Excel): not empty.
				cur.Kind = Uncalculated
			}
			if cur.Kind == Empty || col >= b.limits.Columns {
				continue
			}
			for len(cells) < col {
				cells = append(cells, Cell{})
			}
			cells = append(cells, cur)
		case !inCell:
		case tok.is("f") && tok.open:
			formula = true
		case tok.is("rPh"):
			phonetic = tok.open && !tok.close
		case tok.is("rFont") && tok.open && sc.text.Len() == 0:
			cur.Font = tok.attr("val") // a rich text's first run
		case tok.is("v") || (tok.is("t") && !phonetic):
			sc.capture = tok.open && !tok.close
		}
	}
	if inRow {
		return emit()
	}
	return nil
}

// finishCell sets the cell's value and kind from the text captured.
func (b *Book) finishCell(c *Cell, typ string, sc *scanner, text string) error {
	c.Long = sc.long()
	switch typ {
	case "s":
		i, ok := atoi(bytes.TrimSpace(sc.text))
		if !ok || i >= len(b.strings) {
			if text == "" {
				return nil
			}
			return fmt.Errorf("%w: shared string %q", ErrNotWorkbook, text)
		}
		s := b.strings[i]
		c.Value, c.Long, c.Kind = s.text, s.long, Text
		if s.font != "" {
			c.Font = s.font
		}
		c.Date = false
	case "str", "inlineStr":
		c.Value, c.Kind, c.Date = text, Text, false
	case "b":
		c.Value, c.Kind, c.Date = text, Bool, false
	case "e":
		c.Value, c.Kind, c.Date = text, Error, false
	case "d":
		c.Value, c.Kind = text, ISODate
	default:
		c.Value, c.Kind = strings.TrimSpace(text), Number
	}
	if c.Value == "" {
		c.Kind = Empty
	}
	return nil
}

// parseRef reads a cell reference "AB12": a 0-based column and the row
// (0 when the reference has no row).
func parseRef[T string | []byte](r T) (col, row int, ok bool) {
	i := 0
	for i < len(r) && ((r[i] >= 'A' && r[i] <= 'Z') || (r[i] >= 'a' && r[i] <= 'z')) {
		c := r[i] | 0x20
		col = col*26 + int(c-'a'+1)
		if col > 16384 {
			return 0, 0, false
		}
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	if i < len(r) {
		n, ok := atoi([]byte(r[i:]))
		if !ok || n < 1 {
			return 0, 0, false
		}
		row = n
	}
	return col - 1, row, true
}

// ColumnName is the letters of a 0-based column: 0 is "A", 27 is "AB".
func ColumnName(col int) string {
	var buf [4]byte
	i := len(buf)
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		buf[i] = byte('A' + (n-1)%26)
	}
	return string(buf[i:])
}

// token is one tag of the XML: its local name (without a namespace
// prefix), whether it opens and/or closes, and its raw attributes.
type token struct {
	name  []byte
	attrs []byte
	open  bool
	close bool
}

func (t *token) is(name string) bool { return string(t.name) == name }

// attrRaw is attr without a new string when the value needs no unescaping
// (the bytes are the tag's, valid until the next tag is read).
func (t *token) attrRaw(name string) []byte {
	a := t.attrs
	for len(a) > 0 {
		a = bytes.TrimLeft(a, " \t\r\n")
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return nil
		}
		key := bytes.TrimSpace(a[:eq])
		if i := bytes.IndexByte(key, ':'); i >= 0 {
			key = key[i+1:]
		}
		rest := bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return nil
		}
		if string(key) == name {
			v := rest[1 : 1+end]
			if bytes.ContainsAny(v, "&_") {
				var sb textBuf
				unescape(&sb, v)
				return sb
			}
			return v
		}
		a = rest[end+2:]
	}
	return nil
}

// atoi reads a whole number of at most 9 digits; false for anything else.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellType is a cell's t attribute, as one of the few values it takes.
func cellType(t []byte) string {
	for _, v := range [...]string{"s", "str", "inlineStr", "n", "b", "e", "d"} {
		if string(t) == v {
			return v
		}
	}
	return string(t)
}

// interner gives the values of a sheet's columns: a short value already
// seen in the column is the same string again, not a new one. A sheet of a
// million rows repeats its cells' codes, levels, years and reasons; the
// names and numbers that do not repeat turn a column's interning off.
type interner struct {
	cols []internCol
}

type internCol struct {
	m      map[string]string
	misses int
	hits   int
	off    bool
}

func (in *interner) value(col int, b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > 48 || col >= 256 {
		return string(b)
	}
	for len(in.cols) <= col {
		in.cols = append(in.cols, internCol{})
	}
	c := &in.cols[col]
	if c.off {
		return string(b)
	}
	if v, ok := c.m[string(b)]; ok {
		c.hits++
		return v
	}
	v := string(b)
	c.misses++
	switch {
	case c.m == nil:
		c.m = map[string]string{v: v}
	case len(c.m) < 1<<14:
		c.m[v] = v
	case c.hits < c.misses/4:
		c.off, c.m = true, nil // mostly values seen once
	}
	return v
}

// attr returns an attribute's unescaped value ("" when absent); a prefixed
// attribute matches its local name.
func (t *token) attr(name string) string {
	a := t.attrs
	for len(a) > 0 {
		a = bytes.TrimLeft(a, " \t\r\n")
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return ""
		}
		key := bytes.TrimSpace(a[:eq])
		if i := bytes.IndexByte(key, ':'); i >= 0 {
			key = key[i+1:]
		}
		rest := bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		if string(key) == name {
			var sb textBuf
			unescape(&sb, rest[1:1+end])
			return sb.String()
		}
		a = rest[end+2:]
	}
	return ""
}

// scanner walks XML tag by tag over a stream, collecting the text between
// tags while capture is set (at most limit bytes of it; total counts all).
type scanner struct {
	br      *bufio.Reader
	text    textBuf
	capture bool
	limit   int
	total   int
	tagBuf  []byte
}

// reset starts collecting a new text.
func (s *scanner) reset() {
	s.text.Reset()
	s.total = 0
	s.capture = false
}

// long is the length of the text collected when it was cut, else 0.
func (s *scanner) long() int {
	if s.total > s.limit {
		return s.total
	}
	return 0
}

func newScanner(r io.Reader, limit int) *scanner {
	return &scanner{br: bufio.NewReaderSize(r, 1<<20), limit: limit}
}

// next returns the next start, end or empty-element tag; comments,
// processing instructions and declarations are skipped, CDATA is text.
func (s *scanner) next() (token, error) {
	for {
		if err := s.readText(); err != nil {
			return token{}, err
		}
		raw, err := s.readTag()
		if err != nil {
			return token{}, err
		}
		switch {
		case len(raw) == 0:
			continue
		case raw[0] == '?':
			continue
		case bytes.HasPrefix(raw, []byte("!--")):
			if err := s.skipPast("-->", raw); err != nil {
				return token{}, err
			}
			continue
		case bytes.HasPrefix(raw, []byte("![CDATA[")):
			if err := s.cdata(raw); err != nil {
				return token{}, err
			}
			continue
		case raw[0] == '!':
			continue
		}
		var t token
		if raw[0] == '/' {
			t.close = true
			raw = raw[1:]
		} else {
			t.open = true
			if raw[len(raw)-1] == '/' {
				t.close = true
				raw = raw[:len(raw)-1]
			}
		}
		end := bytes.IndexAny(raw, " \t\r\n")
		if end < 0 {
			end = len(raw)
		}
		t.name, t.attrs = raw[:end], raw[end:]
		if i := bytes.IndexByte(t.name, ':'); i >= 0 {
			t.name = t.name[i+1:]
		}
		return t, nil
	}
}

// readText consumes the text up to the next '<'.
func (s *scanner) readText() error {
	for {
		chunk, err := s.br.ReadSlice('<')
		body := chunk
		if err == nil {
			body = chunk[:len(chunk)-1]
		}
		if s.capture && len(body) > 0 {
			s.addText(body, true)
		}
		switch err {
		case nil:
			return nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			return io.EOF
		default:
			return err
		}
	}
}

// addText appends text, unescaped when escaped is set, up to the limit.
func (s *scanner) addText(b []byte, escaped bool) {
	s.total += len(b)
	if room := s.limit - s.text.Len(); room > 0 {
		if len(b) > room {
			b = b[:room]
		}
		if escaped {
			unescape(&s.text, b)
		} else {
			s.text.Write(b)
		}
	}
}

// readTag returns the inside of a tag: after '<', up to the matching '>'
// (one inside quotes does not end it).
func (s *scanner) readTag() ([]byte, error) {
	s.tagBuf = s.tagBuf[:0]
	var quote byte
	for {
		chunk, err := s.br.ReadSlice('>')
		if len(s.tagBuf)+len(chunk) > 1<<20 {
			return nil, fmt.Errorf("%w: a tag longer than 1 MB", ErrNotWorkbook)
		}
		s.tagBuf = append(s.tagBuf, chunk...)
		// A '>' inside a quoted attribute value does not end the tag; the
		// quotes are followed over what was just read only.
		for _, c := range chunk {
			switch {
			case quote != 0 && c == quote:
				quote = 0
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			return nil, fmt.Errorf("%w: the XML ends inside a tag", ErrNotWorkbook)
		}
		if err != nil {
			return nil, err
		}
		if quote != 0 && s.tagBuf[0] != '!' {
			continue
		}
		return s.tagBuf[:len(s.tagBuf)-1], nil
	}
}

// skipPast reads until the tag read so far (raw, without its '>') and what
// follows ends with end.
func (s *scanner) skipPast(end string, raw []byte) error {
	tail := append([]byte(nil), raw...)
	tail = append(tail, '>')
	for !bytes.HasSuffix(tail, []byte(end)) {
		c, err := s.br.ReadByte()
		if err != nil {
			return fmt.Errorf("%w: unterminated %q", ErrNotWorkbook, end)
		}
		tail = append(tail[max(0, len(tail)-len(end)):], c)
	}
	return nil
}

// cdata adds a CDATA section's text, which may hold '>' and '<'.
func (s *scanner) cdata(raw []byte) error {
	body := append([]byte(nil), raw[len("![CDATA["):]...)
	body = append(body, '>')
	for !bytes.HasSuffix(body, []byte("]]>")) {
		c, err := s.br.ReadByte()
		if err != nil {
			return fmt.Errorf("%w: unterminated CDATA", ErrNotWorkbook)
		}
		body = append(body, c)
		if len(body) > s.limit+3 && !bytes.HasSuffix(body, []byte("]")) && s.capture {
			s.addText(body[:len(body)-3], false)
			body = append(body[:0], body[len(body)-3:]...)
		}
	}
	if s.capture {
		s.addText(body[:len(body)-3], false)
	}
	return nil
}

// textBuf collects a text as bytes, so that a value already seen can be
// had without making a new string (Book.value).
type textBuf []byte

func (t *textBuf) Write(b []byte)         { *t = append(*t, b...) }
func (t *textBuf) WriteByte(c byte) error { *t = append(*t, c); return nil }
func (t *textBuf) WriteRune(r rune)       { *t = utf8.AppendRune(*t, r) }
func (t *textBuf) Len() int               { return len(*t) }
func (t *textBuf) Reset()                 { *t = (*t)[:0] }
func (t *textBuf) String() string         { return string(*t) }

// unescape writes b with XML's entities and character references replaced;
// Excel's _xHHHH_ escapes of control characters are decoded too.
func unescape(w *textBuf, b []byte) {
	for len(b) > 0 {
		i := bytes.IndexAny(b, "&_")
		if i < 0 {
			w.Write(b)
			return
		}
		w.Write(b[:i])
		b = b[i:]
		if b[0] == '_' {
			if len(b) >= 7 && b[1] == 'x' && b[6] == '_' {
				if v, err := strconv.ParseUint(string(b[2:6]), 16, 32); err == nil {
					w.WriteRune(rune(v))
					b = b[7:]
					continue
				}
			}
			w.WriteByte('_')
			b = b[1:]
			continue
		}
		end := bytes.IndexByte(b, ';')
		if end < 0 || end > 10 {
			w.WriteByte('&')
			b = b[1:]
			continue
		}
		ent := string(b[1:end])
		switch ent {
		case "amp":
			w.WriteByte('&')
		case "lt":
			w.WriteByte('<')
		case "gt":
			w.WriteByte('>')
		case "quot":
			w.WriteByte('"')
		case "apos":
			w.WriteByte('\'')
		default:
			var v uint64
			var err error
			switch {
			case strings.HasPrefix(ent, "#x"), strings.HasPrefix(ent, "#X"):
				v, err = strconv.ParseUint(ent[2:], 16, 32)
			case strings.HasPrefix(ent, "#"):
				v, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				err = errors.New("unknown entity")
			}
			if err != nil || v > 0x10FFFF {
				w.WriteByte('&')
				b = b[1:]
				continue
			}
			w.WriteRune(rune(v))
		}
		b = b[end+1:]
	}
}
