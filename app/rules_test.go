package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// sheetOf opens the rating sheet of org for year.
func (g *given) sheetOf(org *domain.Org, year string) *RatingView {
	g.ui.Tabs.SelectIndex(1)
	g.ui.Orgs.Tree.Select(uid(org.ID))
	v := g.ui.Ratings
	v.Year.SetSelected(year)
	g.ui.Window.Canvas().Focus(v.Grid)
	return v
}

// selectIn returns the last choice box drawn under o, or nil.
func selectIn(o fyne.CanvasObject) *widget.Select {
	var pick *widget.Select
	walkObjects(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			pick = s
		}
	})
	return pick
}

// cellText is what the sheet shows in row i, column col.
func cellText(v *RatingView, i, col int) string {
	l := v.Grid.CreateCell()
	v.Grid.UpdateCell(widget.TableCellID{Row: i, Col: col}, l)
	return l.(*widget.Label).Text
}

func TestRatingPanelFollowsTheRuleSetOfTheSheetsYear(t *testing.T) {
	g := newGiven(t)
	g.member("Bùi Văn An", g.cell1)
	eighty := 80.0
	v := g.sheetOf(g.cell1, "2025")
	if err := v.Set(0, domain.LevelExcellent, "", &eighty); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v.Warnings.Text, `Bùi Văn An (sinh 01/01/1980): 80 điểm chỉ cho phép xếp loại từ "Hoàn thành tốt nhiệm vụ" trở xuống`) ||
		!strings.Contains(v.Warnings.Text, "(QĐ 366-QĐ/TW, Điều 11)") || !strings.Contains(v.Warnings.Text, "QĐ 366-QĐ/TW, HD 43-HD/BTCTW") {
		t.Errorf("2025 panel: %q", v.Warnings.Text)
	}
	test.Type(v.Grid, "2") // good, the score kept: fits
	if strings.Contains(v.Warnings.Text, "điểm chỉ cho phép") {
		t.Errorf("still flagged after rating good: %q", v.Warnings.Text)
	}
	// 2024 (QĐ 124) has no score bands.
	v = g.sheetOf(g.cell1, "2024")
	if err := v.Set(0, domain.LevelExcellent, "", &eighty); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v.Warnings.Text, "điểm") || !strings.Contains(v.Warnings.Text, "QĐ 124-QĐ/TW, HD 25-HD/BTCTW") {
		t.Errorf("2024 panel: %q", v.Warnings.Text)
	}
}

func TestNotRatedReasonIsPickedFromTheList(t *testing.T) {
	g := newGiven(t)
	m := g.member("Bùi Văn An", g.cell1)
	other := g.member("Cao Thị Bình", g.cell1)
	// A reason from an old import, not on the list.
	g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: other.ID, Rating: domain.Rating{Year: 2024, NotRatedReason: "Nghỉ thai sản"}})
	v := g.sheetOf(g.cell1, "2024")
	if cellText(v, 1, 4) != "⚠ Nghỉ thai sản" || !strings.Contains(v.Warnings.Text, "nghỉ thai sản được xếp loại theo thời gian công tác thực tế") {
		t.Errorf("an unknown reason reads %q; panel %q", cellText(v, 1, 4), v.Warnings.Text)
	}
	test.Type(v.Grid, "0")
	form := g.ui.Window.Canvas().Overlays().Top()
	var offered []string
	walkObjects(form, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, " · ") {
			offered = append(offered, b.Text)
		}
	})
	if strings.Join(offered, "; ") != "1 · Miễn sinh hoạt đảng; 2 · Đình chỉ sinh hoạt đảng; 3 · Kết nạp chưa đủ 6 tháng" {
		t.Fatalf("reasons offered: %q", offered)
	}
	// The digit picks it, from the keyboard the dialog has.
	g.ui.Window.Canvas().Focused().TypedRune('1')
	rs, _ := g.db.MemberRatings(ctx, m.ID)
	if len(rs) != 1 || rs[0].NotRatedReason != "Miễn sinh hoạt đảng" || rs[0].Level != domain.LevelNone {
		t.Fatalf("ratings %+v", rs)
	}
	// Not on record as exempted: the panel says so at once, and the row
	// is marked; so is the one with the old reason.
	if !strings.Contains(v.Warnings.Text, "hồ sơ không có việc miễn công tác và sinh hoạt đảng năm 2024") {
		t.Errorf("panel %q", v.Warnings.Text)
	}
	if cellText(v, 0, 0) != "⚠ Bùi Văn An" || cellText(v, 1, 0) != "⚠ Cao Thị Bình" {
		t.Errorf("rows with findings read %q, %q", cellText(v, 0, 0), cellText(v, 1, 0))
	}
	// Rated, with nothing to find: the mark goes.
	v.Grid.moveTo(0)
	test.Type(v.Grid, "2")
	if cellText(v, 0, 0) != "Bùi Văn An" {
		t.Errorf("a row with nothing found reads %q", cellText(v, 0, 0))
	}
	// The row with the old reason shows it in the dialog, to be replaced.
	v.Grid.moveTo(1)
	test.Type(v.Grid, "0")
	form = g.ui.Window.Canvas().Overlays().Top()
	if !strings.Contains(texts(form), `Lý do đang ghi: "Nghỉ thai sản" — không có trong danh sách`) {
		t.Errorf("dialog reads %q", texts(form))
	}
	g.ui.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Error("Esc did not close the reasons")
	}
}

func TestCivilServiceRatingFromTheSheet(t *testing.T) {
	g := newGiven(t)
	m := g.member("Bùi Văn An", g.cell1)
	v := g.sheetOf(g.cell1, "2021")
	// Not rated yet: nothing to attach it to.
	if err := v.SetOther(0, domain.LevelGood); err == nil {
		t.Error("a civil-service rating without a party rating was accepted")
	}
	test.Type(v.Grid, "1")
	v.Grid.moveTo(0)
	test.Type(v.Grid, "c")
	// The level's digit picks it, from the keyboard the dialog has.
	g.ui.Window.Canvas().Focused().TypedRune('2')
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil && strings.Contains(texts(top), "— Bùi Văn An") {
		t.Errorf("the dialog stays open: %q", texts(top))
	}
	rs, _ := g.db.MemberRatings(ctx, m.ID)
	if len(rs) != 1 || rs[0].Level != domain.LevelExcellent || rs[0].CivilService != domain.LevelGood {
		t.Fatalf("ratings %+v", rs)
	}
	if cellText(v, 0, 5) != "Tốt" || !strings.Contains(v.Warnings.Text, `xếp loại xuất sắc cần xếp loại công chức, viên chức "Hoàn thành xuất sắc nhiệm vụ"`) {
		t.Errorf("column %q, panel %q", cellText(v, 0, 5), v.Warnings.Text)
	}
	// A committee's sheet takes its sub-units' government and unions result.
	w := g.sheetOf(g.ward, "2021")
	w.Set(0, domain.LevelExcellent, "", nil)
	if err := w.SetOther(0, domain.LevelCompleted); err != nil {
		t.Fatal(err)
	}
	if r, _ := g.db.OrgRating(ctx, g.cell1.ID, 2021); r == nil || r.MassOrgs != domain.LevelCompleted {
		t.Errorf("cell rating %+v", r)
	}
	if !strings.Contains(w.Warnings.Text, "Chi bộ Khu dân cư số 1: xếp loại \"Hoàn thành xuất sắc nhiệm vụ\" nhưng chính quyền, Mặt trận và đoàn thể cùng cấp có kết quả") {
		t.Errorf("committee panel %q", w.Warnings.Text)
	}
}

func TestCheckSettingsAreSetInTheWindow(t *testing.T) {
	g := newGiven(t)
	m := g.member("Bùi Văn An", g.cell1)
	m.AdmittedOn = domain.NewDate(2021, 7, 1)
	if err := g.db.UpdateMember(ctx, m, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, NotRatedReason: "Kết nạp chưa đủ 6 tháng"}})
	g.rateOrgs(2021)
	g.ui.Tabs.SelectIndex(2)
	v := g.ui.Check
	v.Year.SetSelected("2021")
	v.load.Wait()
	if len(v.Lines) != 0 || !strings.Contains(v.Summary.Text, "ngày đánh giá 15/12/2021") {
		t.Fatalf("lines %+v, summary %q", v.Lines, v.Summary.Text)
	}
	v.ShowSettings()
	form := g.ui.Window.Canvas().Overlays().Top()
	var date *Entry
	var selects []*widget.Select
	walkObjects(form, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *Entry:
			date = w
		case *widget.Select:
			selects = append(selects, w)
		}
	})
	if date == nil || date.Text != "15/12/2021" || len(selects) != 4 || selects[1].Selected != "vẫn áp dụng (mặc định)" || selects[3].Selected != "vẫn áp dụng (mặc định)" {
		t.Fatalf("settings form: %v %d selects", date, len(selects))
	}
	// A day out of the year's range is refused as it is typed.
	date.SetText("20/06/2022")
	if err := date.Validate(); err == nil || !strings.Contains(err.Error(), "phải từ 01/01/2021 đến 31/03/2022") {
		t.Errorf("review date 20/06/2022 for 2021: %v", err)
	}
	date.SetText("31/02/2022")
	if err := date.Validate(); err == nil || !strings.Contains(err.Error(), "không tồn tại") {
		t.Errorf("review date 31/02/2022: %v", err)
	}
	// Reviewed on 15/01/2022: the member admitted 01/07/2021 has six months.
	date.SetText("15/01/2022")
	selects[2].SetSelectedIndex(1)
	selects[3].SetSelectedIndex(1)
	tapButton(t, form, "Lưu")
	if d, _ := g.db.ReviewDate(ctx, 2021); d != domain.NewDate(2022, 1, 15) {
		t.Errorf("review date %v", d)
	}
	if r, _ := g.db.Reading(ctx, store.SettingQuotaGroups); r != "kind" {
		t.Errorf("reading %q", r)
	}
	if r, _ := g.db.Reading(ctx, store.SettingLinks); r != "none" {
		t.Errorf("links reading %q", r)
	}
	v.load.Wait()
	if len(v.Lines) != 2 || !strings.Contains(v.Text(1), "kết nạp ngày 01/07/2021, đã đủ 6 tháng đến ngày đánh giá 15/01/2022 nên phải xếp loại") ||
		!strings.Contains(v.Text(1), "HD 21-HD/BTCTW, Mục II.6") {
		t.Errorf("after the change: %+v", v.Lines)
	}
}

func TestBadgeListShowsBasisAndPostponedApart(t *testing.T) {
	g := newGiven(t)
	mk := func(name string, admitted domain.Date) *domain.Member {
		m := g.member(name, g.cell1)
		m.AdmittedOn, m.BirthDate = admitted, domain.NewDate(1960, 1, 1)
		if err := g.db.UpdateMember(ctx, m, domain.Date{}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	mk("Đến Hạn", domain.NewDate(1996, 5, 1))
	mk("Bổ Sung", domain.NewDate(1990, 1, 1))
	warned := mk("Cảnh Cáo", domain.NewDate(1996, 4, 1))
	if err := g.db.AddDiscipline(ctx, store.Discipline{MemberID: warned.ID, On: domain.NewDate(2026, 1, 10), Form: "Cảnh cáo"}); err != nil {
		t.Fatal(err)
	}
	g.ui.Tabs.SelectIndex(4)
	v := g.ui.Cands
	v.Kind.SetSelectedIndex(2)
	v.Occasion.SetText("19/05/2026")
	v.Refresh()
	v.load.Wait()
	if len(v.Candidates) != 2 || !strings.Contains(v.Line(0), "Bổ Sung — 30 năm — BỔ SUNG") || !strings.Contains(v.Line(0), "đến hạn từ 01/01/2020") {
		t.Fatalf("candidates %q / %q", v.Line(0), v.Line(1))
	}
	if !strings.Contains(v.Postponed.Text, "Cảnh Cáo — 30 năm") || !strings.Contains(v.Postponed.Text, "xét từ 10/10/2026") || v.Note.Text != "" {
		t.Errorf("postponed %q, note %q", v.Postponed.Text, v.Note.Text)
	}
	v.Basis.SetSelectedIndex(3) // overdue only
	v.load.Wait()
	if len(v.Candidates) != 1 || v.Candidates[0].Basis != domain.BasisOverdue {
		t.Errorf("filtered %+v", v.Candidates)
	}
	v.Basis.SetSelectedIndex(0)
	v.Occasion.SetText("01/06/2026")
	v.Refresh()
	v.load.Wait()
	if !strings.Contains(v.Note.Text, "01/06/2026 (dịp khác)") || len(v.Candidates) != 2 {
		t.Errorf("another day: note %q, %d candidates", v.Note.Text, len(v.Candidates))
	}
	// Nobody due on a day: the list says so.
	v.Occasion.SetText("02/01/1990")
	v.Refresh()
	v.load.Wait()
	if len(v.Candidates) != 0 || !strings.Contains(v.Note.Text, "Không có ai trong danh sách này") {
		t.Errorf("an empty list: note %q, %d candidates", v.Note.Text, len(v.Candidates))
	}
	// A day that does not exist is said over the emptied list, not in a
	// dialog that would come back at each click in the tree.
	v.Occasion.SetText("31/02/2026")
	v.Refresh()
	v.load.Wait()
	if !strings.Contains(v.Note.Text, "không tồn tại") || len(v.Candidates) != 0 {
		t.Errorf("a bad date: note %q, %d candidates", v.Note.Text, len(v.Candidates))
	}
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v.load.Wait()
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog over the window: %q", texts(top))
	}
}

func TestOrganisationListIsAPoolInTheWindow(t *testing.T) {
	g := newGiven(t)
	for y := 2021; y <= 2025; y++ {
		g.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: g.ward.ID, Rating: domain.Rating{Year: y, Level: domain.LevelExcellent}})
	}
	g.ui.Tabs.SelectIndex(4)
	v := g.ui.Cands
	v.Kind.SetSelectedIndex(0)
	v.Year.SetSelected("2025")
	v.Group.SetSelectedIndex(2)
	v.Refresh()
	v.load.Wait()
	if len(v.Candidates) != 1 || !strings.Contains(v.Note.Text, `"Trong sạch, vững mạnh tiêu biểu"`) {
		t.Fatalf("candidates %+v, note %q", v.Candidates, v.Note.Text)
	}
	f, err := v.PrintDocuments()
	if err != nil {
		t.Fatal(err)
	}
	f.Document.SetSelectedIndex(3) // the list
	path := filepath.Join(t.TempDir(), "ds.pdf")
	if err := f.Write(path, "pdf"); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, path); !strings.Contains(text, "không phải tất cả đều được khen") || !strings.Contains(text, "tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025), để lựa chọn khen thưởng") {
		t.Errorf("the pool's list:\n%s", text)
	}
}

// TestAScoreAsksForALevelFirst: D on a row not rated says why nothing opens.
func TestAScoreAsksForALevelFirst(t *testing.T) {
	g := newGiven(t)
	g.member("Bùi Văn An", g.cell1)
	v := g.sheetOf(g.cell1, "2025")
	test.Type(v.Grid, "d")
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a score form opened for a member not rated: %q", texts(top))
	}
	if !strings.Contains(g.ui.Status.Text, "Hãy xếp loại Bùi Văn An trước khi chấm điểm") {
		t.Errorf("status %q", g.ui.Status.Text)
	}
	// Rated, the word goes.
	test.Type(v.Grid, "2")
	if strings.Contains(g.ui.Status.Text, "trước khi chấm điểm") {
		t.Errorf("status after rating %q", g.ui.Status.Text)
	}
}
