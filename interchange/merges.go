package interchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxMerges is how many merged ranges of a sheet are read.
const maxMerges = 100_000

// mergedRange is a block of merged cells: the rows and columns (0-based
// columns, 1-based rows) it covers and the value shown in it.
type mergedRange struct {
	top, bottom, left, right int
	value                    string
}

// workbookMerges reads the merged ranges of every sheet of an .xlsx, by
// sheet name, straight from its zip: excelize would unmarshal a whole sheet
// (gigabytes for a million rows) to list them. The sheets' XML is searched
// as a stream.
func workbookMerges(data []byte) (map[string][]mergedRange, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(files, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string][]mergedRange{}
	for _, s := range wb.Sheets {
		f := files[targets[s.RID]]
		if f == nil {
			continue
		}
		refs, err := mergeRefs(f)
		if err != nil {
			return nil, err
		}
		if len(refs) > maxMerges {
			refs = refs[:maxMerges] // more than any real list has; the rest are ignored
		}
		for _, ref := range refs {
			from, to, ok := strings.Cut(ref, ":")
			if !ok {
				continue
			}
			l, t, err1 := excelize.CellNameToCoordinates(from)
			r, b, err2 := excelize.CellNameToCoordinates(to)
			if err1 != nil || err2 != nil {
				continue
			}
			out[s.Name] = append(out[s.Name], mergedRange{top: t, bottom: b, left: l - 1, right: r - 1})
		}
	}
	return out, nil
}

func decodePart(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return nil
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	return xml.NewDecoder(io.LimitReader(r, maxXMLPart)).Decode(v)
}

var mergeCellRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?ref="([^"]+)"`)

// mergeRefs finds the ref="A1:B2" of every mergeCell in a sheet's XML,
// reading it in chunks: each round searches up to the last '<' read (a tag
// before it is whole) and carries the rest over.
func mergeRefs(f *zip.File) ([]string, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	const chunk = 1 << 20
	var refs []string
	buf := make([]byte, 0, 2*chunk)
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
		for _, m := range mergeCellRef.FindAllSubmatchIndex(buf[:end], -1) {
			refs = append(refs, string(buf[m[2]:m[3]]))
		}
		if eof {
			return refs, nil
		}
		buf = append(buf[:0], buf[end:]...)
	}
}
