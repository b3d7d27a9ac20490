package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/paths"
	"xeploai/report"
	"xeploai/store"
)

var ctx = context.Background()

// given is a GUI on a real database holding a ward with two cells.
type given struct {
	t                  *testing.T
	db                 *store.DB
	ui                 *UI
	ward, cell1, cell2 *domain.Org
}

func newGiven(t *testing.T) *given {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	db, err := store.Open(filepath.Join(t.TempDir(), "gui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	g := &given{t: t, db: db}
	g.ward = g.org("Đảng bộ phường An Hải Bắc", domain.KindGrassrootsCommittee, 0)
	g.cell1 = g.org("Chi bộ Khu dân cư số 1", domain.KindCell, g.ward.ID)
	g.cell2 = g.org("Chi bộ Khu dân cư số 2", domain.KindCell, g.ward.ID)
	a := test.NewTempApp(t)
	g.ui = New(a, db, Options{Version: "test"})
	g.ui.Window.Resize(fyne.NewSize(1200, 800))
	return g
}

// rateOrgs gives the ward and its cells a rating of their own for year, so
// that a test's findings are about what it sets up, not about them.
func (g *given) rateOrgs(year int) {
	g.t.Helper()
	for _, o := range []*domain.Org{g.ward, g.cell1, g.cell2} {
		if err := g.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: o.ID, Rating: domain.Rating{Year: year, Level: domain.LevelGood}}); err != nil {
			g.t.Fatal(err)
		}
	}
}

func (g *given) org(name string, kind domain.OrgKind, parent int64) *domain.Org {
	o := &domain.Org{Name: name, Kind: kind, ParentID: parent}
	if err := g.db.CreateOrg(ctx, o); err != nil {
		g.t.Fatal(err)
	}
	return o
}

func (g *given) member(name string, cell *domain.Org) *domain.Member {
	m := &domain.Member{FullName: name, BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 2, 3), CellID: cell.ID}
	if err := g.db.CreateMember(ctx, m); err != nil {
		g.t.Fatal(err)
	}
	return m
}

func TestSpeaksVietnameseByDefault(t *testing.T) {
	g := newGiven(t)
	if got := g.ui.Tabs.Items[0].Text; got != "Đảng viên" {
		t.Errorf("first tab %q, want Đảng viên", got)
	}
	if got := T("Cancel"); got != "Hủy" {
		t.Errorf("Fyne's Cancel reads %q, want Hủy", got)
	}
	if got := T("monday.short"); got != "T2" {
		t.Errorf("monday.short %q", got)
	}
	if !strings.Contains(g.ui.Status.Text, "Tệp dữ liệu:") {
		t.Errorf("status %q", g.ui.Status.Text)
	}
	SetLanguage(LangEnglish)
	defer SetLanguage(LangVietnamese)
	if got := T("nav.members"); got != "Members" {
		t.Errorf("English nav.members %q", got)
	}
}

func TestAddMemberThroughTheForm(t *testing.T) {
	g := newGiven(t)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	g.ui.Members.NewMember()
	f := g.ui.lastMemberForm
	if f == nil {
		t.Fatal("no form opened")
	}
	if f.Cell.Text != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 1" {
		t.Errorf("cell pre-filled with %q", f.Cell.Text)
	}
	test.Type(f.Name, "Nguyễn Văn Đức")
	test.Type(f.Birth, "12/03/1975")
	test.Type(f.Admitted, "19/05/2000")
	// An official date before admission shows its message under the field.
	test.Type(f.Official, "18/05/2000")
	if msg := f.Messages["Ngày chính thức"].Text; !strings.Contains(msg, "trước ngày vào Đảng 19/05/2000") {
		t.Fatalf("inline message under the field as it is typed: %q", msg)
	}
	if !f.SaveButton.Disabled() {
		t.Error("Save is enabled with a wrong date")
	}
	if err := f.Save(); err == nil {
		t.Fatal("saved an invalid member")
	}
	f.Official.SetText("")
	test.Type(f.Official, "19/05/2001")
	if msg := f.Messages["Ngày chính thức"].Text; strings.TrimSpace(msg) != "" {
		t.Fatalf("still a message: %q", msg)
	}
	test.Type(f.Card, "12345678")
	if err := f.Save(); err != nil {
		t.Fatalf("save: %v", err)
	}
	ms, _ := g.db.Members(ctx, store.MemberQuery{Name: "nguyen van duc"})
	if len(ms) != 1 || ms[0].BirthDate != domain.NewDate(1975, 3, 12) || ms[0].CellID != g.cell1.ID || ms[0].CardNo != "12345678" {
		t.Fatalf("stored %+v", ms)
	}
	// The table shows it.
	v := g.ui.Members
	if v.total != 1 || v.Row(0).FullName != "Nguyễn Văn Đức" {
		t.Errorf("table has %d rows: %+v", v.total, v.Row(0))
	}
	if got := memberColumns[1].text(v, v.Row(0)); got != "Chi bộ Khu dân cư số 1, Đảng bộ phường An Hải Bắc" {
		t.Errorf("cell shown as %q", got)
	}
	if got := memberColumns[2].text(v, v.Row(0)); got != "12/03/1975" {
		t.Errorf("birth date shown as %q", got)
	}
	// A duplicate card number is refused by the store with its message.
	g.ui.Members.NewMember()
	f2 := g.ui.lastMemberForm
	test.Type(f2.Name, "Lê Văn Tám")
	test.Type(f2.Birth, "1/1/1980")
	test.Type(f2.Admitted, "2/3/2005")
	test.Type(f2.Card, "12345678")
	if err := f2.Save(); err == nil || !strings.Contains(err.Error(), "đã thuộc về đảng viên Nguyễn Văn Đức") {
		t.Errorf("duplicate card: %v", err)
	}
}

// TestSearchBoxKeepsTheKeyboard: typed through the window's keyboard path
// (the focused object), every key stays in the search box while results
// show; Down, Enter, Esc and a click act on the results.
func TestSearchBoxKeepsTheKeyboard(t *testing.T) {
	g := newGiven(t)
	var trace strings.Builder
	g.ui.Opts.Trace = &trace
	g.member("Nguyễn Văn Đức", g.cell1)
	g.member("Nguyễn Văn Dũng", g.cell2)
	g.member("Trần Thị Hằng", g.cell2)
	c := g.ui.Window.Canvas()
	g.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	typeFocused(t, c, "nguyen van du", g.ui.Search.Wait)
	if got := g.ui.Search.Text; got != "nguyen van du" {
		t.Fatalf("the box holds %q after typing \"nguyen van du\"", got)
	}
	if c.Focused() != g.ui.Search {
		t.Fatalf("focus went to %T", c.Focused())
	}
	if n := len(g.ui.Search.Results); n != 2 || !g.ui.Search.Panel.Visible() {
		t.Fatalf("%d results shown (panel visible %v), want 2", n, g.ui.Search.Panel.Visible())
	}
	if !strings.Contains(trace.String(), "search \"nguyen van du\" 2\n") {
		t.Errorf("trace %q", trace.String())
	}
	second := g.ui.Search.Results[1].Name
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if top := c.Overlays().Top(); top == nil || !strings.Contains(texts(top), second) {
		t.Fatalf("Down, Enter did not open %s", second)
	}
	if g.ui.Search.Panel.Visible() {
		t.Error("the results stay open after opening one")
	}
	top := c.Overlays().Top()
	top.Hide()
	c.Overlays().Remove(top)
	// A click on a result opens it.
	c.Focus(g.ui.Search)
	g.ui.Search.SetText("tran")
	g.ui.Search.Wait()
	g.ui.Search.List.Select(0)
	if top := c.Overlays().Top(); top == nil || !strings.Contains(texts(top), "Trần Thị Hằng") {
		t.Fatal("a click on a result did not open it")
	}
	c.Overlays().Top().Hide()
	c.Overlays().Remove(c.Overlays().Top())
	// Esc clears and closes.
	c.Focus(g.ui.Search)
	g.ui.Search.SetText("nguyen")
	g.ui.Search.Wait()
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if g.ui.Search.Text != "" || g.ui.Search.Panel.Visible() {
		t.Errorf("Esc left %q, panel visible %v", g.ui.Search.Text, g.ui.Search.Panel.Visible())
	}
}

// typeFocused types text as the desktop driver does: each key goes to the
// object focused at that moment (in the top overlay's focus, if any), with
// after run between keys.
func typeFocused(t *testing.T, c fyne.Canvas, text string, after func()) {
	t.Helper()
	for i, r := range text {
		f := c.Focused()
		if f == nil {
			t.Fatalf("nothing has the keyboard for %q (after %q)", r, text[:i])
		}
		f.TypedRune(r)
		after()
	}
}

func TestMemberTableSearchesFoldedNames(t *testing.T) {
	g := newGiven(t)
	g.member("Nguyễn Văn Đức", g.cell1)
	g.member("Trần Thị Hằng", g.cell2)
	g.member("Nguyễn Thị Dung", g.cell2)
	test.Type(g.ui.Search, "duc")
	g.ui.Search.Wait()
	if s := g.ui.Search; len(s.Results) != 1 || s.Results[0].Name != "Nguyễn Văn Đức" || !strings.Contains(s.Line(0), "Đảng viên · Nguyễn Văn Đức — Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 1") {
		t.Errorf("search 'duc': %+v", s.Results)
	}
	g.ui.Search.SetText("nguyen")
	g.ui.Search.Wait()
	if s := g.ui.Search; len(s.Results) != 2 {
		t.Errorf("search 'nguyen': %d results", len(s.Results))
	}
	g.ui.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	g.ui.Search.Open(g.ui.Search.chosen)
	if top := g.ui.Window.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), "Nguyễn") {
		t.Error("Enter on a result did not open the member's page")
	}
	g.ui.Window.Canvas().Unfocus()
	g.ui.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Error("Esc did not close the member's page")
	}
	g.ui.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if g.ui.Search.Text != "" {
		t.Error("Esc did not clear the search")
	}
	g.ui.Members.SetNameFilter("duc")
	if v := g.ui.Members; v.total != 1 || v.Row(0).FullName != "Nguyễn Văn Đức" {
		t.Errorf("table filter 'duc': %d rows", v.total)
	}
	g.ui.Members.SetNameFilter("")
	g.ui.Orgs.Tree.Select(uid(g.cell2.ID))
	if v := g.ui.Members; v.total != 2 {
		t.Errorf("cell 2 shows %d members, want 2", v.total)
	}
	g.ui.Members.SortBy("name")
	if v := g.ui.Members; v.Row(0).FullName != "Trần Thị Hằng" {
		t.Errorf("descending order starts with %q", v.Row(0).FullName)
	}
}

func TestRateACellFromTheKeyboard(t *testing.T) {
	g := newGiven(t)
	names := []string{"Bùi Văn An", "Cao Thị Bình", "Đỗ Văn Cường", "Hồ Thị Dung", "Lê Văn Em"}
	for _, n := range names {
		g.member(n, g.cell1)
	}
	g.ui.Tabs.SelectIndex(1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v := g.ui.Ratings
	v.Year.SetSelected("2024")
	if len(v.Rows) != 5 {
		t.Fatalf("sheet has %d rows", len(v.Rows))
	}
	g.ui.Window.Canvas().Focus(v.Grid)
	// 1 excellent, 2 good, arrow down skips, t = good, 0 = not rated with a reason.
	test.Type(v.Grid, "12")
	v.Grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	v.Grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	v.Grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(v.Grid, "t")
	v.Grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	v.Grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	test.Type(v.Grid, "3")
	want := map[string]domain.Level{
		"Bùi Văn An": domain.LevelExcellent, "Cao Thị Bình": domain.LevelGood, "Đỗ Văn Cường": domain.LevelCompleted, "Hồ Thị Dung": domain.LevelGood,
	}
	ms, _ := g.db.Members(ctx, store.MemberQuery{Limit: 10})
	for _, m := range ms {
		rs, _ := g.db.MemberRatings(ctx, m.ID)
		w, rated := want[m.FullName]
		switch {
		case !rated && len(rs) != 0:
			t.Errorf("%s rated %+v, want none", m.FullName, rs)
		case rated && (len(rs) != 1 || rs[0].Level != w || rs[0].Year != 2024 || rs[0].OrgID != g.cell1.ID):
			t.Errorf("%s: %+v, want %v in 2024", m.FullName, rs, w)
		}
	}
	if !strings.Contains(v.Counts.Text, "Xuất sắc: 1") || !strings.Contains(v.Counts.Text, "Tốt: 2") {
		t.Errorf("counts %q", v.Counts.Text)
	}
	// 1 of 3 excellent + good is over the ward's 20% quota (QĐ 124, the
	// rule set of 2024).
	if !strings.Contains(v.Warnings.Text, "Đảng bộ phường An Hải Bắc: đảng viên xếp loại xuất sắc vượt tỷ lệ 20%") ||
		!strings.Contains(v.Warnings.Text, "(QĐ 124-QĐ/TW, Điều 12)") || !strings.Contains(v.Warnings.Text, "ngày đánh giá 15/12/2024") {
		t.Errorf("no quota warning: %q", v.Warnings.Text)
	}
	// The cell rated excellent with a member at "completed" of four (75% good+) does not fit.
	v.Own.SetSelected(domain.LevelExcellent.Name())
	if !strings.Contains(v.Warnings.Text, `tối đa "Hoàn thành tốt nhiệm vụ"`) {
		t.Errorf("no misfit warning: %q", v.Warnings.Text)
	}
	if r, _ := g.db.OrgRating(ctx, g.cell1.ID, 2024); r == nil || r.Level != domain.LevelExcellent {
		t.Errorf("own rating %+v", r)
	}
	// Delete clears the row under the cursor; nothing is lost on reload.
	v.Grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	v.Refresh()
	rated := 0
	for _, r := range v.Rows {
		if r.Level != domain.LevelNone {
			rated++
		}
	}
	if rated != 3 {
		t.Errorf("%d rated after clearing one, want 3", rated)
	}
}

func TestReportShowsTheSummary(t *testing.T) {
	g := newGiven(t)
	m := g.member("Nguyễn Văn Đức", g.cell1)
	g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}})
	g.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: g.cell1.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}})
	g.ui.Tabs.SelectIndex(5)
	v := g.ui.Report
	v.Year.SetSelected("2024")
	v.load.Wait()
	if v.Cell(0, 0) != "Nhóm" || v.Cell(2, 0) != "Chi bộ trực thuộc" || v.Cell(2, 3) != "1 (100,0%)" || v.Cell(3, 1) != "1" {
		t.Errorf("table: %q %q %q %q", v.Cell(0, 0), v.Cell(2, 0), v.Cell(2, 3), v.Cell(3, 1))
	}
	if len(v.Bars.Objects) != 3 {
		t.Errorf("%d bars", len(v.Bars.Objects))
	}
}

func TestImportWithABadRowNamesIt(t *testing.T) {
	g := newGiven(t)
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Đảng viên")
	f.SetSheetRow("Đảng viên", "A1", &[]any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"})
	f.SetSheetRow("Đảng viên", "A2", &[]any{"Phạm Văn Một", "01/01/1970", "01/01/1995", "Chi bộ Khu dân cư số 1"})
	f.SetSheetRow("Đảng viên", "A3", &[]any{"Phạm Văn Hai", "32/01/1970", "01/01/1995", "Chi bộ Khu dân cư số 1"})
	path := filepath.Join(t.TempDir(), "bad.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	g.ui.ImportFiles([]string{path}, false, func(*domain.ImportReport, error) { close(done) })
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("import did not finish")
	}
	res := g.ui.LastResult()
	if !strings.Contains(res, "Không có gì được ghi: 1 lỗi") || !strings.Contains(res, `Đảng viên, dòng 3, cột B (Ngày sinh): ngày "32/01/1970" không tồn tại`) {
		t.Errorf("result dialog: %q", res)
	}
	if n, _ := g.db.CountMembers(ctx, store.MemberQuery{}); n != 0 {
		t.Errorf("%d members written", n)
	}
}

func TestCheckViewOpensAViolation(t *testing.T) {
	g := newGiven(t)
	m := g.member("Nguyễn Văn Đức", g.cell1)
	// Not rated for a reason the rules do not allow.
	g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, NotRatedReason: "Ốm đau dài ngày"}})
	g.rateOrgs(2021)
	g.ui.Tabs.SelectIndex(2)
	v := g.ui.Check
	v.Year.SetSelected("2021")
	v.load.Wait()
	if len(v.Lines) != 2 || v.Lines[0].Rule != domain.RuleNotRated || v.Lines[1].SubjectID != m.ID {
		t.Fatalf("lines %+v", v.Lines)
	}
	if !strings.Contains(v.Text(0), "[not-rated]") || !strings.Contains(v.Text(1), "Nguyễn Văn Đức (sinh 01/01/1980) (Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 1)") {
		t.Errorf("list reads %q / %q", v.Text(0), v.Text(1))
	}
	if !strings.Contains(v.Summary.Text, "1 vi phạm") {
		t.Errorf("summary %q", v.Summary.Text)
	}
	v.Open(1)
	if ov := g.ui.Window.Canvas().Overlays().Top(); ov == nil {
		t.Error("opening a member violation showed no member page")
	}
}

func TestRecordAwardsFromCandidates(t *testing.T) {
	g := newGiven(t)
	m := g.member("Trần Thị Hằng", g.cell1)
	g.member("Lê Văn Tám", g.cell1)
	v := g.fiveYearCandidates(m)
	if len(v.Candidates) != 1 || !strings.Contains(v.Line(0), "Trần Thị Hằng") || !strings.Contains(v.Line(0), "5 năm liền (2021–2025)") {
		t.Fatalf("candidates %+v", v.Candidates)
	}
	if err := v.Record(); err == nil {
		t.Error("recorded with nobody chosen")
	}
	v.ChooseAll(true)
	v.DecisionNo.SetText("15-QĐ/ĐU")
	v.Date.SetText("20/01/2026")
	v.Issuer.SetText("Ban Thường vụ Đảng ủy phường")
	if err := v.Record(); err != nil {
		t.Fatal(err)
	}
	if len(v.Candidates) != 0 {
		t.Errorf("recorded candidate still listed")
	}
	as, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID})
	if len(as) != 1 || as[0].DecisionNo != "15-QĐ/ĐU" || as[0].DecisionDate != domain.NewDate(2026, 1, 20) {
		t.Fatalf("awards %+v", as)
	}
	// The member's page shows it.
	g.ui.Members.ShowMember(m.ID)
	top := g.ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "Giấy khen — Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025) (QĐ 15-QĐ/ĐU 20/01/2026)") {
		t.Errorf("member page reads %q", texts(top))
	}
}

// walkObjects calls fn on o and every object drawn under it.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch w := o.(type) {
	case *widget.Label, *widget.Button:
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkObjects(c, fn)
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			walkObjects(c, fn)
		}
	}
}

// texts joins the text of every label under o.
func texts(o fyne.CanvasObject) string {
	var out []string
	walkObjects(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return strings.Join(out, "\n")
}

func TestPrintTheReportWithTheStoredHeading(t *testing.T) {
	g := newGiven(t)
	g.db.SetSetting(ctx, "heading.issuer", "Đảng ủy phường An Hải Bắc")
	m := g.member("Nguyễn Văn Đức", g.cell1)
	g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}})
	g.ui.Tabs.SelectIndex(5)
	g.ui.Report.Year.SetSelected("2024")
	g.ui.Report.load.Wait()
	path := filepath.Join(t.TempDir(), "bao-cao.pdf")
	done := make(chan struct{})
	g.ui.WriteDocument(report.SummaryDocument(g.ui.Report.Summary), path, "pdf", func() { close(done) })
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("document not written")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, installed by scripts/setup.sh): %v", err)
	}
	if s := string(out); !strings.Contains(s, "ĐẢNG ỦY PHƯỜNG AN HẢI BẮC") || !strings.Contains(s, "năm 2024") {
		t.Errorf("PDF text:\n%s", s)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}

func TestRestoreFromTheWindow(t *testing.T) {
	g := newGiven(t)
	g.member("Nguyễn Văn Đức", g.cell1)
	backup := filepath.Join(t.TempDir(), "saved.db")
	if err := g.db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	g.member("Lê Thị Mới", g.cell1)
	g.ui.Members.Refresh()
	if g.ui.Members.total != 2 {
		t.Fatalf("%d members before restore", g.ui.Members.total)
	}
	if err := g.ui.Restore(g.db.Path(), backup); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.ui.DB.Close() })
	if g.ui.Members.total != 1 || g.ui.Members.Row(0).FullName != "Nguyễn Văn Đức" {
		t.Errorf("after restore the table shows %d members", g.ui.Members.total)
	}
	saved, _ := store.Backups(paths.BackupDir(g.ui.DB.Path()), g.ui.DB.Path())
	if len(saved) != 1 {
		t.Errorf("%d backups of the replaced data, want 1", len(saved))
	}
}
