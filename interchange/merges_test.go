package interchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestMergeRefsAcrossChunks finds merged ranges wherever the reading
// chunks cut the XML, prefixed tags included.
func TestMergeRefsAcrossChunks(t *testing.T) {
	for _, pad := range []int{0, 1<<20 - 10, 1<<20 - 3, 1<<20 + 5, 3 << 20} {
		var xmlText strings.Builder
		xmlText.WriteString(`<worksheet><sheetData>`)
		xmlText.WriteString(strings.Repeat(" ", pad))
		xmlText.WriteString(`</sheetData><mergeCells count="3"><mergeCell ref="A1:D1"/><x:mergeCell ref="B3:B5"/>`)
		xmlText.WriteString(strings.Repeat(" ", 1<<20-7))
		xmlText.WriteString(`<mergeCell ref="C7:E9"/></mergeCells></worksheet>`)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("s.xml")
		w.Write([]byte(xmlText.String()))
		zw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		refs, err := mergeRefs(zr.File[0])
		if got := fmt.Sprint(refs); err != nil || got != "[A1:D1 B3:B5 C7:E9]" {
			t.Errorf("pad %d: %s, %v", pad, got, err)
		}
	}
}
