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
		return WriteXLSX(w, d, h)
	case "csv":
		return WriteCSV(w, d)
	}
	return domain.Errorf(domain.EINVALID, "--format", "định dạng %q không hỗ trợ (pdf, xlsx, csv)", format)
}

// WriteFile writes d to path (mode 0600, replaced only when complete).
func WriteFile(path, format string, d Document, h Heading) error {
	return writeTo(path, format, func(w io.Writer) error { return Write(w, format, d, h) })
}

func writeTo(path, format string, write func(io.Writer) error) error {
	if path == "" {
		return domain.Errorf(domain.EINVALID, "-o", "cần tên tệp để ghi, ví dụ -o vanban.%s", format)
	}
	if err := safefile.Write(path, write); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Settings are what the award documents take from the settings: the
// heading, the texts and the certificate layout.
type Settings struct {
	Heading   Heading
	Templates Templates
	Layout    CertificateLayout
}

// SettingsFrom reads the settings; a stored layout that cannot be used is
// an error.
func SettingsFrom(get func(key, def string) string) (Settings, error) {
	l, err := LayoutFrom(get)
	return Settings{Heading: HeadingFrom(get), Templates: TemplatesFrom(get), Layout: l}, err
}

// The award documents (`awards --document …`).
const (
	DocList         = "list"
	DocDecision     = "decision"
	DocProposal     = "proposal"
	DocCertificates = "certificates"
	DocCalibration  = "calibration"
)

// AwardDocuments lists them in the order the window offers them.
var AwardDocuments = []string{DocDecision, DocProposal, DocCertificates, DocList}

// AwardDocument builds one of the award documents of a batch (not the
// certificates, which are pages of their own).
func AwardDocument(doc string, b Batch, dec Decision, s Settings) (Document, error) {
	h := s.Heading
	if b.Postponed && doc != DocList {
		return Document{}, domain.Errorf(domain.EINVALID, "--document", "đảng viên chưa đề nghị do kỷ luật chỉ in danh sách (--document list)")
	}
	if len(b.People) == 0 && (doc == DocDecision || doc == DocProposal) {
		return Document{}, domain.Errorf(domain.EINVALID, "", "danh sách trống: không có ai để ghi vào quyết định hay tờ trình")
	}
	switch doc {
	case DocList:
		return ListDocument(b), nil
	case DocDecision:
		return DecisionDocument(b, dec, h, s.Templates)
	case DocProposal:
		return ProposalDocument(b, dec, h, s.Templates)
	case DocCertificates:
		return CertificatesDocument(b, dec, s)
	}
	return Document{}, domain.Errorf(domain.EINVALID, "--document", "%q không phải là văn bản (decision, proposal, certificates, list)", doc)
}

// WriteAwardFile writes one award document of the batch to path in format
// (pdf or xlsx; csv for its tables): the decision's date is the document's.
func WriteAwardFile(path, format, doc string, b Batch, dec Decision, s Settings) error {
	s.Heading.Date = dec.date()
	if doc == DocCalibration {
		if format != "pdf" {
			return domain.Errorf(domain.EINVALID, "--format", "bản in thử chỉ có dạng pdf")
		}
		return writeTo(path, format, func(w io.Writer) error { return WriteCalibration(w, s.Layout) })
	}
	if doc == DocCertificates && format == "pdf" {
		if err := checkCertificates(b, s.Layout); err != nil {
			return err
		}
		return writeTo(path, format, func(w io.Writer) error { return WriteCertificates(w, b, dec, s.Heading, s.Layout, s.Templates) })
	}
	d, err := AwardDocument(doc, b, dec, s)
	if err != nil {
		return err
	}
	return WriteFile(path, format, d, s.Heading)
}
