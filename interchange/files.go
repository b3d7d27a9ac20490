package interchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"xeploai/domain"
	"xeploai/safefile"
)

// Options tune reading.
type Options struct {
	// Sheet names the sheet a CSV file holds, when its file name does not.
	Sheet string
}

// Limits on the files themselves. The unpacking limits are variables only so
// that the fuzz test can lower them: within them, a mutated deflate stream
// may unpack to hundreds of megabytes, which is bounded but takes minutes.
var (
	maxUnzipped int64 = 512 << 20 // bytes an .xlsx may unpack to (zip bombs)
	maxXMLPart  int64 = 128 << 20 // bytes one sheet's XML may unpack to in memory
)

const (
	maxCSVBytes  = 512 << 20
	maxXLSXBytes = 256 << 20 // the zipped file
	maxColumns   = 256       // columns read from a row
)

// ReadFile reads an .xlsx workbook or a .csv file into a batch. Problems in
// the rows are listed in the batch's Errors with their sheet, row and column;
// the error returned is for a file that cannot be read at all.
func ReadFile(path string, opt Options) (*domain.Batch, error) {
	b, err := readFile(path, opt)
	if b != nil {
		b.Source = filepath.Base(path)
	}
	return b, err
}

func readFile(path string, opt Options) (*domain.Batch, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return ReadXLSX(path)
	case ".csv", ".txt":
		f, _, err := safefile.OpenRegular(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		name := opt.Sheet
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		}
		return ReadCSV(f, name)
	case ".xls":
		return nil, domain.Errorf(domain.EINVALID, "", "%s: định dạng .xls (Excel 97–2003) chưa được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx", filepath.Base(path))
	}
	return nil, domain.Errorf(domain.EINVALID, "", "%s: chỉ nhập được tệp .xlsx hoặc .csv", filepath.Base(path))
}

// ReadXLSX reads every known sheet of a workbook; unknown sheets are reported
// as warnings.
func ReadXLSX(path string) (*domain.Batch, error) {
	f, _, err := safefile.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadXLSXFrom(f, filepath.Base(path))
}

// ReadXLSXFrom reads a workbook from r; name is the file's name, for
// messages. A file that unpacks to more than maxUnzipped bytes (a zip bomb),
// has a sheet of more than MaxRows rows, or is not a workbook at all is
// refused with a message before its rows are read.
func ReadXLSXFrom(r io.Reader, name string) (b *domain.Batch, err error) {
	defer func() {
		// excelize may panic on malformed parts; a bad file must not crash us.
		if p := recover(); p != nil {
			b, err = nil, domain.Errorf(domain.EINVALID, "", "%s bị hỏng, không đọc được (%v)", name, p)
		}
	}()
	data, err := io.ReadAll(io.LimitReader(r, maxXLSXBytes+1))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "", "không đọc được %s: %v", name, err)
	}
	if len(data) > maxXLSXBytes {
		return nil, domain.Errorf(domain.EINVALID, "", "%s lớn quá %d MB", name, maxXLSXBytes>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxXMLPart})
	if err != nil {
		if strings.Contains(err.Error(), "size exceeds") {
			return nil, domain.Errorf(domain.EINVALID, "", "%s giải nén ra quá %d MB; không đọc tệp này (có thể là tệp độc hại)", name, maxUnzipped>>20)
		}
		return nil, domain.Errorf(domain.EINVALID, "", "%s không phải là tệp Excel .xlsx đọc được: %v", name, err)
	}
	defer f.Close()
	merges, err := workbookMerges(data)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "", "%s không phải là tệp Excel .xlsx đọc được: %v", name, err)
	}
	b = &domain.Batch{}
	found := false
	for _, sheetName := range f.GetSheetList() {
		sheet, ok := SheetByName(sheetName)
		if !ok {
			b.Warnings = append(b.Warnings, fmt.Sprintf("bỏ qua trang tính %q (không phải trang nào trong %s)", sheetName, sheetList()))
			continue
		}
		found = true
		if err := readSheet(f, sheetName, sheet, merges[sheetName], b); err != nil {
			if de := (*domain.Error)(nil); errors.As(err, &de) {
				return nil, err
			}
			return nil, domain.Errorf(domain.EINVALID, "", "%s, trang %s: không đọc được (%v)", name, sheetName, err)
		}
	}
	if !found {
		return nil, domain.Errorf(domain.EINVALID, "", "%s không có trang tính nào xeploai nhận ra; cần ít nhất một trong: %s", name, sheetList())
	}
	return b, nil
}

func sheetList() string {
	names := make([]string, len(Sheets))
	for i, s := range Sheets {
		names[i] = s.Name()
	}
	return strings.Join(names, ", ")
}

func readSheet(f *excelize.File, name string, sheet Sheet, merges []mergedRange, b *domain.Batch) error {
	rows, err := f.Rows(name)
	if err != nil {
		return err
	}
	defer rows.Close()
	t := newTableReader(sheet, name, true, b)
	// Merged ranges by their first row; those covering the current row are
	// kept in active, so each row looks at only a few.
	sort.Slice(merges, func(i, j int) bool { return merges[i].top < merges[j].top })
	var active []*mergedRange
	next := 0
	n := 0
	for rows.Next() {
		n++
		if n > MaxRows+headerScan {
			// Blank rows count too: a row numbered a million is refused
			// without walking to it.
			return domain.Errorf(domain.EINVALID, "", "trang %s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		if len(cells) > maxColumns {
			cells = cells[:maxColumns] // no sheet of ours has columns that far
		}
		// A value merged over several rows (a cell's name written once for
		// its members, say) belongs to each of them.
		for ; next < len(merges) && merges[next].top <= n; next++ {
			m := &merges[next]
			if m.left < len(cells) {
				m.value = cells[m.left] // raw, as the rest of the row
			}
			active = append(active, m)
		}
		kept := active[:0]
		for _, m := range active {
			if n > m.bottom {
				continue
			}
			kept = append(kept, m)
			if n == m.top {
				continue
			}
			for c := m.left; c <= m.right && c < maxColumns; c++ {
				for len(cells) <= c {
					cells = append(cells, "")
				}
				cells[c] = m.value
			}
		}
		active = kept
		t.add(n, cells)
		if t.rows > MaxRows {
			// Stop here: what is held is bounded by the rows a file may have.
			return domain.Errorf(domain.EINVALID, "", "trang %s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	t.finish()
	return nil
}

// ReadCSV reads one sheet from CSV: UTF-8 with or without BOM (or, failing
// that, the Windows-1258 code page old Vietnamese Excel writes), separated by
// commas or semicolons. name is the file's base name or the sheet's name.
func ReadCSV(r io.Reader, name string) (*domain.Batch, error) {
	sheet, ok := SheetByName(name)
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "", "không biết tệp CSV %q là trang nào; đặt tên tệp theo trang (ví dụ \"Đảng viên.csv\") hoặc chọn trang: %s", name, sheetList())
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "", "không đọc được %s: %v", name, err)
	}
	if len(data) > maxCSVBytes {
		return nil, domain.Errorf(domain.EINVALID, "", "%s lớn quá %d MB", name, maxCSVBytes>>20)
	}
	if lines := bytes.Count(data, []byte{'\n'}); lines > MaxRows+headerScan {
		return nil, domain.Errorf(domain.EINVALID, "", "%s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
	}
	b := &domain.Batch{}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, domain.Errorf(domain.EINVALID, "", "%s không phải là tệp văn bản CSV", name)
	}
	if !utf8.Valid(data) {
		if row, ok := brokenUTF8(data); ok {
			return nil, domain.Errorf(domain.EINVALID, "", "%s, dòng %d: có ký tự không phải UTF-8 hợp lệ (tệp bị hỏng ở dòng này, hoặc được dán từ một bảng mã khác); hãy sửa dòng đó hoặc lưu lại tệp dạng \"CSV UTF-8\"", name, row)
		}
		dec, err := charmap.Windows1258.NewDecoder().Bytes(data)
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "", "%s không phải là văn bản UTF-8", name)
		}
		data = dec
		b.Warnings = append(b.Warnings, fmt.Sprintf("%s: không phải UTF-8, đã đọc theo bảng mã Windows-1258", name))
	}
	data = normalizeLineEnds(data)
	if lines := bytes.Count(data, []byte{'\n'}); lines > MaxRows+headerScan {
		return nil, domain.Errorf(domain.EINVALID, "", "%s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
	}
	sep := detectSeparator(data)
	if row, ok := unclosedQuote(data, byte(sep)); ok {
		return nil, domain.Errorf(domain.EINVALID, "", "%s, dòng %d: dấu ngoặc kép (\") mở ở dòng này không được đóng, nên phần còn lại của tệp bị đọc thành một ô; hãy thêm dấu \" đóng hoặc bỏ dấu \" thừa", name, row)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	t := newTableReader(sheet, name, false, b)
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				n = pe.Line
			}
			b.Errors = append(b.Errors, domain.ImportError{Loc: domain.Loc{Sheet: name, Row: n}, Message: fmt.Sprintf("dòng CSV không đọc được: %v", err)})
			break
		}
		for i := range rec {
			rec[i] = unneutralize(rec[i])
		}
		line, _ := cr.FieldPos(0)
		t.add(line, rec)
		if t.rows > MaxRows {
			return nil, domain.Errorf(domain.EINVALID, "", "%s có hơn %d dòng; hãy chia nhỏ tệp", name, MaxRows)
		}
	}
	t.finish()
	return b, nil
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
	commas, semis := 0, 0
	for i := 0; i < 20 && sc.Scan(); i++ {
		line := sc.Text()
		commas += strings.Count(line, ",")
		semis += strings.Count(line, ";")
	}
	if semis > commas {
		return ';'
	}
	return ','
}
