package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"xeploai/domain"
	"xeploai/safefile"
)

// Formats a document can be written in.
var Formats = []string{"pdf", "xlsx", "csv"}

// FormatOf guesses the format from a file name's extension.
func FormatOf(path string) string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
}

// Write writes d in format (pdf, xlsx or csv) to w.
func Write(w io.Writer, format string, d Document, h Heading) error {
	switch format {
	case "pdf":
		return WritePDF(w, d, h)
	case "xlsx":
		return WriteXLSX(w, d)
	case "csv":
		return WriteCSV(w, d)
	}
	return domain.Errorf(domain.EINVALID, "--format", "định dạng %q không hỗ trợ (pdf, xlsx, csv)", format)
}

// WriteFile writes d to path (mode 0600, replaced only when complete).
func WriteFile(path, format string, d Document, h Heading) error {
	if path == "" {
		return domain.Errorf(domain.EINVALID, "-o", "cần tên tệp để ghi, ví dụ -o baocao.%s", format)
	}
	if err := safefile.Write(path, func(w io.Writer) error { return Write(w, format, d, h) }); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
