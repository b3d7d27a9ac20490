package store

import (
	"fmt"

	"xeploai/domain"
)

// unknownReason is a not-rated reason read from a file that is none of the
// list's: kept as written and reported once, with the rows it is on.
type unknownReason struct {
	text  string
	first domain.Loc
	rows  int
}

// mapReason puts a not-rated reason read from a file on the list (the
// list's wording, domain.CanonicalReason); text that is not on it is kept as
// written, and reported after the import.
func (im *importer) mapReason(src domain.RowSource, r *domain.Rating) {
	if r.NotRatedReason == "" {
		return
	}
	if _, ok := domain.ParseReason(r.NotRatedReason); ok {
		r.NotRatedReason = domain.CanonicalReason(r.NotRatedReason)
		return
	}
	key := domain.Fold(r.NotRatedReason)
	u := im.unknownReasons[key]
	if u == nil {
		if im.unknownReasons == nil {
			im.unknownReasons = map[string]*unknownReason{}
		}
		u = &unknownReason{text: r.NotRatedReason, first: src.At(colReason)}
		im.unknownReasons[key] = u
		im.reasonOrder = append(im.reasonOrder, key)
	}
	u.rows++
}

// reasonWarnings reports the reasons not on the list, in the order met.
func (im *importer) reasonWarnings() {
	for _, key := range im.reasonOrder {
		u := im.unknownReasons[key]
		more := ""
		if u.rows > 1 {
			more = fmt.Sprintf(" (và %d dòng khác)", u.rows-1)
		}
		im.rep.Warnings = append(im.rep.Warnings, fmt.Sprintf("%s%s: lý do không xếp loại %q không có trong danh sách (đảng viên: %s; tổ chức: %s); đã giữ nguyên, mục Kiểm tra sẽ báo",
			u.first, more, u.text, domain.ReasonLabels(domain.MemberReasons), domain.ReasonLabels(domain.OrgReasons)))
	}
}
