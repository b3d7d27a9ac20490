package report

import (
	"fmt"
	"strings"

	"xeploai/domain"
)

// SharesOfRated says what a report's shares are of, wherever they are
// printed.
const SharesOfRated = "tỷ lệ trên số được xếp loại, không kể số không xếp loại"

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
	// head the rows. A spreadsheet has each group's counts and shares in
	// columns of their own.
	general := Table{Heading: "I. KẾT QUẢ CHUNG", Columns: []Column{{Name: "Kết quả xếp loại", Align: Left}}}
	for _, g := range s.Groups {
		l := g.Group.Label()
		general.Columns = append(general.Columns, Column{Name: l, Align: Right, Parts: []string{l + ": số lượng", l + ": tỷ lệ (%)"}})
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
		row(l.Name(), func(g domain.GroupCounts) any { return Share(g.Levels[l], g.Share(l)) })
	}
	row("Không xếp loại", func(g domain.GroupCounts) any { return g.NotRated })
	row("Tỷ lệ hoàn thành xuất sắc nhiệm vụ trên số hoàn thành xuất sắc và hoàn thành tốt nhiệm vụ", func(g domain.GroupCounts) any {
		a, _ := g.QuotaRatios()
		return Ratio(a, 2)
	})
	row("Tỷ lệ hoàn thành xuất sắc nhiệm vụ trên số hoàn thành tốt nhiệm vụ", func(g domain.GroupCounts) any {
		_, b := g.QuotaRatios()
		return Ratio(b, 2)
	})
	general.Legend = "Số lượng (" + SharesOfRated + ")."
	if src := quotaSource(s.Year); src != "" {
		which := "tỷ lệ trên số hoàn thành xuất sắc và hoàn thành tốt nhiệm vụ"
		if s.Denominator == domain.QuotaOfGood {
			which = "tỷ lệ trên số hoàn thành tốt nhiệm vụ"
		}
		general.Legend += " Số hoàn thành xuất sắc nhiệm vụ không quá 20% (" + src + "); cách đọc đang dùng: " + which + " (hai dòng cuối ghi cả hai cách)."
	}
	d.Tables = append(d.Tables, general)
	if m := s.Group(domain.GroupMembers); m != nil && m.NotRated > 0 {
		reasons := Table{Heading: "Đảng viên không xếp loại", Columns: []Column{{Name: "Lý do", Align: Left}, {Name: "Số đảng viên", Align: Right}}}
		for _, r := range m.ReasonList() {
			reasons.Rows = append(reasons.Rows, []any{r.Reason, r.Count})
		}
		d.Tables = append(d.Tables, reasons)
	}
	// Organisations not rated, with their reasons (founded less than six
	// months before the review …): counted in the table above, said here.
	orgReasons := Table{Heading: "Tổ chức không xếp loại", Columns: []Column{{Name: "Tổ chức", Align: Left}, {Name: "Lý do", Align: Left}, {Name: "Số lượng", Align: Right}}}
	for _, g := range s.Groups {
		if g.Group == domain.GroupMembers || g.NotRated == 0 {
			continue
		}
		for _, r := range g.ReasonList() {
			orgReasons.Rows = append(orgReasons.Rows, []any{g.Group.Label(), r.Reason, r.Count})
		}
	}
	if len(orgReasons.Rows) > 0 {
		d.Tables = append(d.Tables, orgReasons)
	}
	if len(s.ByGrassroots) > 0 {
		t := Table{Heading: "II. KẾT QUẢ THEO TỔ CHỨC CƠ SỞ ĐẢNG", Columns: []Column{
			{Name: "STT", Align: Center}, {Name: "Tổ chức cơ sở đảng", Align: Left}, {Name: "Tự xếp loại", Align: Center},
			{Name: "Chi bộ trực thuộc XS / T / HT / KHT / KXL", Align: Center, Parts: []string{"Chi bộ trực thuộc XS", "Chi bộ trực thuộc T", "Chi bộ trực thuộc HT", "Chi bộ trực thuộc KHT", "Chi bộ trực thuộc KXL"}},
			{Name: "Số đảng viên", Align: Right}, {Name: "Đảng viên XS", Align: Right}, {Name: "T", Align: Right}, {Name: "HT", Align: Right}, {Name: "KHT", Align: Right},
			{Name: "KXL", Align: Right},
			{Name: "Tỷ lệ XS / (XS + T)", Align: Right, Parts: []string{"Tỷ lệ XS / (XS + T) (%)"}},
		}}
		for i, l := range s.ByGrassroots {
			a, _ := l.Members.QuotaRatios()
			own := levelShort[l.Own]
			if own == "" {
				own = "—"
			}
			cells := Split{Figures: make([]any, len(domain.Levels)+1)}
			var texts []string
			for k, lv := range domain.Levels {
				cells.Figures[k] = l.Cells.Levels[lv]
				texts = append(texts, domain.Thousands(l.Cells.Levels[lv]))
			}
			cells.Figures[len(domain.Levels)] = l.Cells.NotRated
			texts = append(texts, domain.Thousands(l.Cells.NotRated))
			cells.Text = strings.Join(texts, "/")
			t.Rows = append(t.Rows, []any{i + 1, l.Name, own, cells,
				l.Members.Total, l.Members.Levels[domain.LevelExcellent], l.Members.Levels[domain.LevelGood],
				l.Members.Levels[domain.LevelCompleted], l.Members.Levels[domain.LevelNotCompleted], l.Members.NotRated, Ratio(a, 1)})
		}
		t.Legend = "XS: Hoàn thành xuất sắc nhiệm vụ; T: Hoàn thành tốt nhiệm vụ; HT: Hoàn thành nhiệm vụ; KHT: Không hoàn thành nhiệm vụ; KXL: không xếp loại; —: chưa xếp loại, hoặc tỷ lệ không tính được."
		d.Tables = append(d.Tables, t)
	}
	d.Notes = append(d.Notes, s.Notes()...)
	return d
}

// quotaSource is what the report cites for the quota of year: the
// regulation's article and its guidance, from the rule set of that year;
// "" for a year no rule set covers.
func quotaSource(year int) string {
	rs := domain.RuleSetFor(year)
	if rs == nil {
		return ""
	}
	src := rs.Source(domain.ClauseQuotaMembers)
	if src == "" {
		src = rs.Regulation
	}
	if !strings.Contains(src, rs.Guidance) {
		src += "; " + rs.Guidance
	}
	return src
}
