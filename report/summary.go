package report

import (
	"fmt"
	"sort"

	"xeploai/domain"
)

// levelShort are the abbreviations of the breakdown table, explained in its
// legend.
var levelShort = map[domain.Level]string{domain.LevelExcellent: "XS", domain.LevelGood: "T", domain.LevelCompleted: "HT", domain.LevelNotCompleted: "KHT"}

// SummaryDocument is the conference report of the year (domain.md "The
// report the conference needs"): the levels written out in full as the
// general table's header, the breakdown by grassroots organisation with its
// abbreviations explained under it.
func SummaryDocument(s *domain.Summary) Document {
	d := Document{
		Kind:     KindReport,
		Type:     "BÁO CÁO",
		Title:    fmt.Sprintf("kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm %d", s.Year),
		Subtitle: s.Org,
	}
	// One column per group, one row per level: the levels' full names
	// head the rows.
	general := Table{Heading: "I. KẾT QUẢ CHUNG", Columns: []Column{{Name: "Kết quả xếp loại", Align: Left}}}
	for _, g := range s.Groups {
		general.Columns = append(general.Columns, Column{Name: g.Group.Label(), Align: Right})
	}
	row := func(label string, cell func(g domain.GroupCounts) any) {
		r := []any{label}
		for _, g := range s.Groups {
			r = append(r, cell(g))
		}
		general.Rows = append(general.Rows, r)
	}
	row("Tổng số", func(g domain.GroupCounts) any { return g.Total })
	for _, l := range domain.Levels {
		row(l.Name(), func(g domain.GroupCounts) any {
			return fmt.Sprintf("%s (%s)", domain.Thousands(g.Levels[l]), domain.Percent(g.Share(l)))
		})
	}
	row("Không xếp loại", func(g domain.GroupCounts) any { return g.NotRated })
	row("Tỷ lệ hoàn thành xuất sắc nhiệm vụ trên số hoàn thành xuất sắc và hoàn thành tốt nhiệm vụ", func(g domain.GroupCounts) any {
		a, _ := g.QuotaRatios()
		return domain.Percent(a)
	})
	row("Tỷ lệ hoàn thành xuất sắc nhiệm vụ trên số hoàn thành tốt nhiệm vụ", func(g domain.GroupCounts) any {
		_, b := g.QuotaRatios()
		return domain.Percent(b)
	})
	general.Legend = "Số lượng (tỷ lệ trên tổng số). Số hoàn thành xuất sắc nhiệm vụ không quá 20% (HD 21-HD/BTCTW), tính theo một trong hai tỷ lệ cuối."
	d.Tables = append(d.Tables, general)
	if m := s.Group(domain.GroupMembers); m != nil && m.NotRated > 0 {
		reasons := Table{Heading: "Đảng viên không xếp loại", Columns: []Column{{Name: "Lý do", Align: Left}, {Name: "Số đảng viên", Align: Right}}}
		keys := make([]string, 0, len(m.Reasons))
		for k := range m.Reasons {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, r := range keys {
			reasons.Rows = append(reasons.Rows, []any{r, m.Reasons[r]})
		}
		d.Tables = append(d.Tables, reasons)
	}
	if len(s.ByGrassroots) > 0 {
		t := Table{Heading: "II. KẾT QUẢ THEO TỔ CHỨC CƠ SỞ ĐẢNG", Columns: []Column{
			{Name: "STT", Align: Center}, {Name: "Tổ chức cơ sở đảng", Align: Left}, {Name: "Tự xếp loại", Align: Center}, {Name: "Chi bộ trực thuộc XS / T / HT / KHT", Align: Center},
			{Name: "Số đảng viên", Align: Right}, {Name: "Đảng viên XS", Align: Right}, {Name: "T", Align: Right}, {Name: "HT", Align: Right}, {Name: "KHT", Align: Right}, {Name: "Tỷ lệ XS / (XS + T)", Align: Right},
		}}
		for i, l := range s.ByGrassroots {
			a, _ := l.Members.QuotaRatios()
			own := levelShort[l.Own]
			if own == "" {
				own = "—"
			}
			t.Rows = append(t.Rows, []any{i + 1, l.Name, own,
				fmt.Sprintf("%s/%s/%s/%s", domain.Thousands(l.Cells.Levels[1]), domain.Thousands(l.Cells.Levels[2]), domain.Thousands(l.Cells.Levels[3]), domain.Thousands(l.Cells.Levels[4])),
				l.Members.Total, l.Members.Levels[domain.LevelExcellent], l.Members.Levels[domain.LevelGood],
				l.Members.Levels[domain.LevelCompleted], l.Members.Levels[domain.LevelNotCompleted], domain.Percent(a)})
		}
		t.Legend = "XS: Hoàn thành xuất sắc nhiệm vụ; T: Hoàn thành tốt nhiệm vụ; HT: Hoàn thành nhiệm vụ; KHT: Không hoàn thành nhiệm vụ; —: chưa xếp loại."
		d.Tables = append(d.Tables, t)
	}
	return d
}
