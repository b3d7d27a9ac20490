package interchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"xeploai/domain"
	"xeploai/safefile"
	"xeploai/xlsx"
)

// Options tune reading.
type Options struct {
	// Sheet names the sheet a CSV file holds, when its file name does not.
	Sheet string
	// Map assigns a file's headers to columns: domain.FoldKey of the
	// header → the canonical column name, or "" to ignore the column.
	Map map[string]string
}

// Limits on the files themselves. xlsxLimits is a variable only so that the
// fuzz test can lower it: within it, a mutated deflate stream may unpack to
// gigabytes, which is bounded but takes minutes.
var xlsxLimits = xlsx.DefaultLimits

const (
	// A CSV file is held whole while it is decoded (its encoding and line
	// endings are told from all of it).
	maxCSVBytes = 512 << 20
	// An .xlsx is read as a stream from the file, never held whole.
	maxXLSXBytes = 1 << 30 // the zipped file
)

// ReadFile reads an .xlsx workbook or a .csv file into a batch. Problems in
// the rows are listed in the batch's Errors with their sheet, row and column;
// the error returned is for a file that cannot be read at all.
func ReadFile(path string, opt Options) (*domain.Batch, error) {
	return ReadFiles([]string{path}, opt)
}

// ReadFiles reads the files of one import into one batch.
func ReadFiles(paths []string, opt Options) (*domain.Batch, error) {
	rd := newReading(opt)
	rd.several = len(paths) > 1
	for i, p := range paths {
		for _, q := range paths[:i] {
			if same(p, q) {
				return nil, domain.Errorf(domain.EINVALID, "", "tệp %s được chọn hai lần; mỗi tệp chỉ nhập một lần", filepath.Base(p))
			}
		}
	}
	var names []string
	for _, p := range paths {
		if err := rd.readFile(p); err != nil {
			return nil, err
		}
		names = append(names, filepath.Base(p))
	}
	b := rd.finish()
	b.Source = strings.Join(names, ", ")
	return b, nil
}

func (rd *reading) readFile(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		f, st, err := safefile.OpenRegular(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return rd.readXLSX(f, st.Size(), filepath.Base(path))
	case ".csv", ".txt":
		f, _, err := safefile.OpenRegular(path)
		if err != nil {
			return err
		}
		defer f.Close()
		name := rd.opt.Sheet
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			if _, _, ok := SheetByName(name); !ok && !isInfoSheet(name) {
				// A file not named after its sheet: told by its header.
				sheet, ok, err := guessCSV(path, name, rd.opt, false)
				if err != nil {
					return err
				}
				if ok {
					rd.batch.Warnings = append(rd.batch.Warnings, guessed(filepath.Base(path), sheet))
					return rd.readCSVAs(f, sheet, name)
				}
			}
		}
		sheet, _, ok := SheetByName(name)
		if ok && rd.several {
			// Each message names its file among the others.
			return rd.readCSVAs(f, sheet, filepath.Base(path))
		}
		return rd.readCSV(f, name)
	case ".xls":
		return domain.Errorf(domain.EINVALID, "", "%s: định dạng .xls (Excel 97–2003) chưa được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx", filepath.Base(path))
	}
	return domain.Errorf(domain.EINVALID, "", "%s: chỉ nhập được tệp .xlsx hoặc .csv", filepath.Base(path))
}

// tabular reports whether a sheet holds a table: a row of its first ones
// with three cells or more.
func tabular(book *xlsx.Book, s xlsx.Sheet) bool {
	found := false
	_ = book.Rows(s, func(n int, cells []cell) error {
		filled := 0
		for _, c := range cells {
			if strings.TrimSpace(c.Value) != "" {
				filled++
			}
		}
		if found = filled >= 3; found || n >= headerScan {
			return errGuessed
		}
		return nil
	})
	return found
}

// same reports whether two paths are one file.
func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// ReadXLSXFrom reads a workbook of size bytes from r; name is the file's
// name, for messages.
func ReadXLSXFrom(r io.ReaderAt, size int64, name string, opt Options) (*domain.Batch, error) {
	rd := newReading(opt)
	if err := rd.readXLSX(r, size, name); err != nil {
		return nil, err
	}
	b := rd.finish()
	b.Source = name
	return b, nil
}

// xlsxError says why a workbook cannot be read, in Vietnamese.
func xlsxError(name, sheet string, err error) error {
	var de *domain.Error
	var tm errTooMany
	switch {
	case errors.As(err, &tm):
		return tm.err
	case errors.As(err, &de):
		return err
	case errors.Is(err, xlsx.ErrTooBig):
		return domain.Because(err, domain.EINVALID, "%s giải nén ra quá %d MB; không đọc tệp này (có thể là tệp độc hại)", name, xlsxLimits.Unzipped>>20)
	case errors.Is(err, xlsx.ErrTooManyRows):
		return domain.Because(err, domain.EINVALID, "%s, trang %s có hơn %d dòng (giới hạn của Excel); hãy chia nhỏ tệp", name, sheet, xlsxLimits.Rows)
	case sheet != "":
		return domain.Because(err, domain.EINVALID, "%s, trang %s: không đọc được (%v)", name, sheet, err)
	}
	return domain.Because(err, domain.EINVALID, "%s không phải là tệp Excel .xlsx đọc được: %v", name, err)
}

// readXLSX reads every known sheet of a workbook; unknown sheets are
// reported as warnings. A file that unpacks to more than the limit (a zip
// bomb), has a row past Excel's last, or is not a workbook at all is
// refused with a message.
func (rd *reading) readXLSX(r io.ReaderAt, size int64, name string) (err error) {
	defer func() {
		// A bad file must not crash us, whatever part of the reading trips.
		if p := recover(); p != nil {
			err = domain.Errorf(domain.EINVALID, "", "%s bị hỏng, không đọc được (%v)", name, p)
		}
	}()
	if size > maxXLSXBytes {
		return domain.Errorf(domain.EINVALID, "", "%s lớn quá %d MB", name, maxXLSXBytes>>20)
	}
	book, err := openBook(r, size, name)
	if err != nil {
		return err
	}
	found := false
	for _, s := range book.Sheets {
		if isInfoSheet(s.Name) {
			if err := book.Rows(s, rd.readInfo); err != nil {
				return xlsxError(name, s.Name, err)
			}
			continue
		}
		sheet, _, ok := SheetByName(s.Name)
		if !ok && rd.opt.Sheet != "" && tabular(book, s) {
			// The user says what the workbook's other sheets are (its
			// tables: a cover page is not one).
			sheet, _, ok = SheetByName(rd.opt.Sheet)
		}
		if !ok {
			// A sheet not named as one of ours: told by its header.
			g := &sheetGuess{opt: rd.opt}
			if err := book.Rows(s, g.add); err != nil && !errors.Is(err, errGuessed) {
				return xlsxError(name, s.Name, err)
			}
			if sheet, ok = g.done(); !ok {
				rd.batch.Warnings = append(rd.batch.Warnings, fmt.Sprintf("bỏ qua trang tính %q (không phải trang nào trong %s, theo tên và dòng tiêu đề)", s.Name, sheetList()))
				continue
			}
			rd.batch.Warnings = append(rd.batch.Warnings, guessed(s.Name, sheet))
		}
		found = true
		where := s.Name
		if rd.several {
			where = name + " › " + s.Name
		}
		t := rd.newTable(sheet, where, book.Date1904)
		if err := book.Rows(s, t.add); err != nil {
			return xlsxError(name, s.Name, err)
		}
		t.finish()
	}
	if !found {
		return domain.Errorf(domain.EINVALID, "", "%s không có trang tính nào xeploai nhận ra (theo tên trang hay dòng tiêu đề); cần ít nhất một trong: %s — hãy đặt tên trang theo đó (trên dòng lệnh: --sheet \"Đảng viên\"), các cột sẽ được hỏi để ghép", name, sheetList())
	}
	return nil
}

// openBook opens a workbook; a file that is none says what it is.
func openBook(r io.ReaderAt, size int64, name string) (*xlsx.Book, error) {
	book, err := xlsx.Open(r, size, xlsxLimits)
	if err != nil {
		if what := sniff(r); what != "" && !errors.Is(err, xlsx.ErrTooBig) {
			return nil, domain.Because(err, domain.EINVALID, "%s không phải là bảng tính Excel .xlsx mà là %s", name, what)
		}
		return nil, xlsxError(name, "", err)
	}
	return book, nil
}

// utf16Text reports whether data is UTF-16 text: a byte-order mark, or
// (little-endian without one) a zero after many of its characters — the
// ASCII ones; UTF-8 text has none.
func utf16Text(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return true
	}
	n, zeros := min(len(data), 200)&^1, 0
	for i := 1; i < n; i += 2 {
		if data[i] == 0 && data[i-1] != 0 {
			zeros++
		}
	}
	return n >= 8 && zeros*10 >= n/2*3
}

// sniff tells what a file that is not a workbook is, by its first bytes,
// for the message; "" when it cannot tell.
func sniff(r io.ReaderAt) string {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case n == 0:
		return "một tệp rỗng"
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "một tệp PDF"
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return "một tệp Office cũ (Excel 97–2003 .xls hay Word .doc); hãy mở bằng Excel và lưu lại dạng .xlsx"
	case bytes.HasPrefix(head, []byte("PK")):
		return "một tệp nén khác (có thể là .docx, .ods hay tệp .xlsx bị hỏng); hãy mở bằng Excel và lưu lại dạng .xlsx"
	case bytes.HasPrefix(text, []byte("<")):
		return "một trang web (HTML hay XML, như một số phần mềm xuất ra); hãy mở bằng Excel và lưu lại dạng .xlsx"
	case bytes.IndexByte(head, 0) < 0:
		return "một tệp văn bản (có thể là CSV: hãy đổi đuôi tệp thành .csv)"
	}
	return ""
}

// ReadCSV reads one sheet from CSV: UTF-8 with or without BOM (or, failing
// that, the Windows-1258 code page old Vietnamese Excel writes), separated by
// commas or semicolons. name is the file's base name or the sheet's name.
func ReadCSV(r io.Reader, name string, opt Options) (*domain.Batch, error) {
	rd := newReading(opt)
	if err := rd.readCSV(r, name); err != nil {
		return nil, err
	}
	b := rd.finish()
	b.Source = name
	return b, nil
}

func (rd *reading) readCSV(r io.Reader, name string) error {
	sheet, _, ok := SheetByName(name)
	if !ok {
		if isInfoSheet(name) {
			// Only the scope is read: a damaged "Thông tin" file stops nothing.
			_ = eachCSVRow(r, name, rd.readInfo)
			return nil
		}
		return domain.Errorf(domain.EINVALID, "", "không biết tệp CSV %q là trang nào (tên tệp và dòng tiêu đề đều không cho biết); đặt tên tệp theo trang (ví dụ \"Đảng viên.csv\") hoặc chọn trang: %s", name, sheetList())
	}
	return rd.readCSVAs(r, sheet, name)
}

// readCSVAs reads CSV as sheet; name is the file's, for messages.
func (rd *reading) readCSVAs(r io.Reader, sheet Sheet, name string) error {
	t := rd.newTable(sheet, name, false)
	t.csv = true
	warning, rowErr, err := csvRows(r, name, t.add)
	var tm errTooMany
	switch {
	case errors.As(err, &tm):
		return tm.err
	case err != nil:
		return err
	}
	if warning != "" {
		rd.batch.Warnings = append(rd.batch.Warnings, warning)
	}
	if rowErr != nil {
		rd.batch.Errors = append(rd.batch.Errors, *rowErr)
	}
	t.finish()
	return nil
}

// eachCSVRow calls fn for each row of a CSV file.
func eachCSVRow(r io.Reader, name string, fn func(n int, cells []cell) error) error {
	_, _, err := csvRows(r, name, fn)
	return err
}

// csvRows reads CSV, checks it (UTF-8, or failing that Windows-1258; line
// ends; quotes; size) and calls fn with each row's number and cells. It
// returns a warning about the encoding, and the error of a row that could
// not be read (reading stops there).
func csvRows(r io.Reader, name string, fn func(n int, cells []cell) error) (warning string, rowErr *domain.ImportError, err error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err != nil {
		return "", nil, domain.Errorf(domain.EINVALID, "", "không đọc được %s: %v", name, err)
	}
	if len(data) > maxCSVBytes {
		return "", nil, domain.Errorf(domain.EINVALID, "", "%s lớn quá %d MB", name, maxCSVBytes>>20)
	}
	if lines := bytes.Count(data, []byte{'\n'}); lines > MaxRows+headerScan {
		return "", nil, domain.Errorf(domain.EINVALID, "", "%s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf16Text(data) {
		// Excel's "Unicode Text", or a CSV saved as UTF-16.
		dec, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", nil, domain.Errorf(domain.EINVALID, "", "%s: văn bản UTF-16 hỏng; hãy lưu lại tệp dạng \"CSV UTF-8\"", name)
		}
		data = bytes.TrimPrefix(dec, []byte("\xef\xbb\xbf"))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", nil, domain.Errorf(domain.EINVALID, "", "%s không phải là tệp văn bản CSV (có byte 0 như một tệp nhị phân); hãy lưu lại tệp dạng \"CSV UTF-8\"", name)
	}
	if !utf8.Valid(data) {
		if row, ok := brokenUTF8(data); ok {
			return "", nil, domain.Errorf(domain.EINVALID, "", "%s, dòng %d: có ký tự không phải UTF-8 hợp lệ (tệp bị hỏng ở dòng này, hoặc được dán từ một bảng mã khác); hãy sửa dòng đó hoặc lưu lại tệp dạng \"CSV UTF-8\"", name, row)
		}
		if latin, ok := oldFontText(data); ok {
			// Letters of .VnTime or VNI-Times: read as the workbook's
			// cells are, the columns converted (and reported) as theirs.
			data = []byte(latin)
		} else {
			dec, err := charmap.Windows1258.NewDecoder().Bytes(data)
			if err != nil {
				return "", nil, domain.Errorf(domain.EINVALID, "", "%s không phải là văn bản UTF-8", name)
			}
			data = dec
			warning = fmt.Sprintf("%s: không phải UTF-8, đã đọc theo bảng mã Windows-1258", name)
		}
	}
	data = normalizeLineEnds(data)
	if lines := bytes.Count(data, []byte{'\n'}); lines > MaxRows+headerScan {
		return "", nil, domain.Errorf(domain.EINVALID, "", "%s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
	}
	sep := detectSeparator(data)
	if row, ok := unclosedQuote(data, byte(sep)); ok {
		return "", nil, domain.Errorf(domain.EINVALID, "", "%s, dòng %d: dấu ngoặc kép (\") mở ở dòng này không được đóng, nên phần còn lại của tệp bị đọc thành một ô; hãy thêm dấu \" đóng hoặc bỏ dấu \" thừa", name, row)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	var cells []cell
	// A row is numbered as a spreadsheet shows it: a cell holding line
	// breaks is one row there, however many lines of the file it takes.
	spanned := 0 // the lines taken by breaks inside cells so far
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return warning, nil, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				n = pe.Line - spanned
			}
			return warning, &domain.ImportError{Loc: domain.Loc{Sheet: name, Row: n}, Message: fmt.Sprintf("dòng CSV không đọc được: %v", err)}, nil
		}
		cells = cells[:0]
		for _, v := range rec {
			c := cell{Value: unneutralize(v), Kind: xlsx.Text}
			if c.Value == "" {
				c.Kind = xlsx.Empty
			}
			cells = append(cells, c)
		}
		line, _ := cr.FieldPos(0)
		if err := fn(line-spanned, cells); err != nil {
			return warning, nil, err
		}
		for _, v := range rec {
			spanned += strings.Count(v, "\n")
		}
	}
}

// brokenUTF8 tells a UTF-8 file with a few broken bytes from a file in an
// old code page: UTF-8 text that holds more valid multi-byte letters than
// invalid bytes is UTF-8, and the row of the first invalid byte is returned.
func brokenUTF8(data []byte) (row int, ok bool) {
	valid, invalid, first := 0, 0, -1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
			if first < 0 {
				first = i
			}
		case size > 1:
			valid++
		}
		i += max(size, 1)
	}
	if first < 0 || valid <= invalid {
		return 0, false
	}
	return bytes.Count(normalizeLineEnds(data[:first]), []byte{'\n'}) + 1, true
}

// normalizeLineEnds makes every line end a single LF: CRLF (Windows) and a
// CR alone (Excel's "CSV (Macintosh)") end a line; inside quotes, where a
// cell may hold line breaks, nothing is changed.
func normalizeLineEnds(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	quoted := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\r' && !quoted:
			if i+1 < len(data) && data[i+1] == '\n' {
				continue // the LF that follows ends the line
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// unclosedQuote finds a quoted field that is never closed, which would make
// the rest of the file one cell: it returns the line the quote opens on.
func unclosedQuote(data []byte, sep byte) (row int, ok bool) {
	line, start := 1, 0
	fieldStart, quoted := true, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if quoted {
			switch {
			case c == '"' && i+1 < len(data) && data[i+1] == '"':
				i++
			case c == '"':
				quoted = false
			case c == '\n':
				line++
			}
			continue
		}
		switch {
		case c == '"' && fieldStart:
			quoted, start = true, line
		case c == sep:
			fieldStart = true
			continue
		case c == '\n':
			line++
			fieldStart = true
			continue
		}
		fieldStart = false
	}
	return start, quoted
}

// detectSeparator picks ';' or ',' by which splits the first lines into more
// fields.
func detectSeparator(data []byte) rune {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	// Comma, semicolon (Excel where the decimal mark is a comma), tab
	// (Excel's "Text (Tab delimited)" and "Unicode Text") or bar: the one
	// the first lines hold most of.
	seps := []rune{',', ';', '\t', '|'}
	counts := make([]int, len(seps))
	for i := 0; i < 20 && sc.Scan(); i++ {
		for j, sep := range seps {
			counts[j] += strings.Count(sc.Text(), string(sep))
		}
	}
	best := 0
	for j := range seps {
		if counts[j] > counts[best] {
			best = j
		}
	}
	return seps[best]
}

// unneutralize undoes domain.NeutralizeFormula on a cell read back from CSV.
func unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
