package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/paths"
	"xeploai/store"
)

// shortcut delivers a shortcut as Fyne's desktop driver does: to the
// focused widget if it takes shortcuts, else to the window's canvas.
func (g *given) shortcut(s fyne.Shortcut) {
	c := g.ui.Window.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

func TestCtrlZUndoesARatingSessionAndCtrlYRedoesIt(t *testing.T) {
	g := newGiven(t)
	for _, n := range []string{"Bùi Văn An", "Cao Thị Bình", "Đỗ Văn Cường"} {
		g.member(n, g.cell1)
	}
	g.ui.Tabs.SelectIndex(1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v := g.ui.Ratings
	v.Year.SetSelected("2024")
	g.ui.Window.Canvas().Focus(v.Grid)
	test.Type(v.Grid, "123")
	rated := func() int {
		n := 0
		sheet, _ := g.db.RatingSheet(ctx, g.cell1.ID, 2024)
		for _, r := range sheet {
			if r.Rating != nil && r.Rating.Level != domain.LevelNone {
				n++
			}
		}
		return n
	}
	if rated() != 3 {
		t.Fatalf("%d rated before undo", rated())
	}
	if undo, _ := g.ui.undoMenuLabels(); g.ui.Window.MainMenu().Items[1].Items[0].Label != undo || !strings.Contains(undo, "— 2024") {
		t.Errorf("after typing, the Edit menu says %q; undo would be %q", g.ui.Window.MainMenu().Items[1].Items[0].Label, undo)
	}
	g.shortcut(&fyne.ShortcutUndo{}) // Ctrl+Z, with the grid focused
	if n := rated(); n != 0 {
		t.Errorf("Ctrl+Z left %d ratings of the session", n)
	}
	if !strings.Contains(g.ui.Status.Text, "Đã hoàn tác") || !strings.Contains(g.ui.Status.Text, "Chi bộ Khu dân cư số 1 — 2024") {
		t.Errorf("status %q", g.ui.Status.Text)
	}
	for _, r := range v.Rows {
		if r.Level != domain.LevelNone {
			t.Errorf("the grid still shows %s rated %v", r.Name, r.Level)
		}
	}
	g.shortcut(&fyne.ShortcutRedo{})
	if n := rated(); n != 3 {
		t.Errorf("Ctrl+Y brought back %d ratings, want 3", n)
	}
	// Typing in a text field, Ctrl+Z is the field's own undo.
	g.ui.Window.Canvas().Focus(g.ui.Search)
	g.shortcut(&fyne.ShortcutUndo{})
	if n := rated(); n != 3 {
		t.Errorf("Ctrl+Z in the search box undid the ratings (%d left)", n)
	}
	// The Edit menu names what undo would undo.
	var undoLabel string
	for _, m := range g.ui.Window.MainMenu().Items {
		if m.Label == "Sửa" {
			undoLabel = m.Items[0].Label
		}
	}
	if !strings.HasPrefix(undoLabel, "Hoàn tác: Xếp loại") {
		t.Errorf("Edit menu's first item %q", undoLabel)
	}
}

func TestMemberHistoryDeleteAndRestoreFromTrash(t *testing.T) {
	g := newGiven(t)
	m := g.member("Nguyễn Văn An", g.cell1)
	if err := g.db.SetSetting(ctx, "user_name", "Lan"); err != nil {
		t.Fatal(err)
	}
	m.FullName, m.BirthDate = "Nguyễn Văn Ân", domain.NewDate(1980, 3, 4)
	if err := g.db.UpdateMember(ctx, m, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := g.db.TransferMember(ctx, m.ID, g.cell2.ID, domain.NewDate(2025, 5, 6)); err != nil {
		t.Fatal(err)
	}
	if err := g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	if err := g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	g.ui.Members.ShowMember(m.ID)
	page := g.ui.Window.Canvas().Overlays().Top()
	tapButton(t, page, "Lịch sử")
	hist := texts(g.ui.Window.Canvas().Overlays().Top())
	for _, want := range []string{
		"Lan — Sửa đảng viên Nguyễn Văn Ân",
		"Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân",
		"Ngày sinh: 01/01/1980 → 04/03/1980",
		"Chi bộ: Chi bộ Khu dân cư số 1 → Chi bộ Khu dân cư số 2",
		"Chuyển sinh hoạt Nguyễn Văn Ân",
		"Sửa kết quả xếp loại năm 2024",
		"Xếp loại: Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ",
	} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
	g.ui.Window.Canvas().Overlays().Top().Hide()

	// Delete from the member page, confirmed.
	tapButton(t, page, "Xoá")
	confirm := g.ui.Window.Canvas().Overlays().Top()
	tapButton(t, confirm, "Có")
	if _, err := g.db.Member(ctx, m.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("member not deleted: %v", err)
	}
	if !strings.Contains(g.ui.Status.Text, "thùng rác") {
		t.Errorf("status %q", g.ui.Status.Text)
	}
	g.ui.TrashDialog()
	trash := g.ui.Window.Canvas().Overlays().Top()
	if s := texts(trash); !strings.Contains(s, "Đảng viên Nguyễn Văn Ân — sinh 04/03/1980, Chi bộ Khu dân cư số 2") || !strings.Contains(s, "Lan") {
		t.Errorf("trash shows:\n%s", s)
	}
	tapButton(t, trash, "Khôi phục")
	if got, err := g.db.Member(ctx, m.ID); err != nil || got.CellID != g.cell2.ID {
		t.Fatalf("restored member %+v, %v", got, err)
	}
	if n, _ := g.db.CountMembers(ctx, store.MemberQuery{}); n != 1 {
		t.Errorf("%d members after restore", n)
	}

	// Emptying the trash is a bulk change: a backup is written first.
	if err := g.db.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	g.ui.TrashDialog()
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Dọn sạch thùng rác")
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Có")
	if items, _ := g.db.Trash(ctx); len(items) != 0 {
		t.Errorf("trash holds %d after emptying", len(items))
	}
	if saved, _ := filepath.Glob(filepath.Join(paths.BackupDir(g.db.Path()), "*.db")); len(saved) != 1 {
		t.Errorf("%d backups before emptying the trash, want 1", len(saved))
	}
	if err := g.db.RestoreTrash(ctx, 1); err == nil {
		t.Error("an emptied item was restored")
	}

	// The whole database's history lists the steps, newest first.
	g.ui.StepsDialog()
	lines := strings.Split(g.ui.lastResult, "\n")
	if len(lines) < 6 || !strings.Contains(lines[0], "Dọn thùng rác") || !strings.Contains(lines[2], "Khôi phục từ thùng rác Nguyễn Văn Ân") || !strings.Contains(lines[3], "Xoá đảng viên") {
		t.Errorf("steps:\n%s", g.ui.lastResult)
	}
}

func TestDeleteAnOrganisationWithMembersIsRefused(t *testing.T) {
	g := newGiven(t)
	g.member("Trần Văn Bảy", g.cell1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	g.ui.Orgs.deleteDialog()
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Có")
	if msg := texts(g.ui.Window.Canvas().Overlays().Top()); !strings.Contains(msg, "Giải thể") {
		t.Errorf("message %q", msg)
	}
	if _, err := g.db.Org(ctx, g.cell1.ID); err != nil {
		t.Errorf("the cell is gone: %v", err)
	}
}

// tapButton taps the button labelled text under o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	walkObjects(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

// TestReloadShowsAnotherProcessWrites: a second connection to the file (as
// the command line or another window would be) adds a member; F5 shows it.
func TestReloadShowsAnotherProcessWrites(t *testing.T) {
	g := newGiven(t)
	g.member("Phan Văn Một", g.cell1)
	g.ui.Members.Refresh()
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	m := &domain.Member{FullName: "Võ Thị Hai", BirthDate: domain.NewDate(1985, 5, 5), AdmittedOn: domain.NewDate(2010, 1, 1), CellID: g.cell1.ID}
	if err := other.CreateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	g.ui.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	found := false
	for i := 0; ; i++ {
		r := g.ui.Members.Row(i)
		if r == nil {
			break
		}
		found = found || r.FullName == "Võ Thị Hai"
	}
	if !found {
		t.Error("the other writer's member is not in the table after F5")
	}
	if !strings.Contains(g.ui.Status.Text, "2 đảng viên") {
		t.Errorf("status %q", g.ui.Status.Text)
	}
	// And its change is the one Ctrl+Z would undo.
	if undo, _ := g.ui.undoMenuLabels(); !strings.Contains(undo, "Võ Thị Hai") {
		t.Errorf("undo label %q", undo)
	}
}

func TestSearchHelpExplainsTheFilters(t *testing.T) {
	g := newGiven(t)
	g.ui.SearchHelp()
	var text string
	walkObjects(g.ui.Window.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RichText); ok {
			text += segmentsText(r.Segments)
		}
	})
	for _, want := range []string{"chibo:", "sinh:1975", "xeploai:htxs/2021", "trangthai:chuyen-di", "loai:tochuc", "đ = d"} {
		if !strings.Contains(text, want) {
			t.Errorf("search help lacks %q in %q", want, text)
		}
	}
}

// segmentsText is the text of rich-text segments, lists and paragraphs
// included.
func segmentsText(segs []widget.RichTextSegment) string {
	var out string
	for _, seg := range segs {
		switch s := seg.(type) {
		case *widget.ListSegment:
			out += segmentsText(s.Items) + "\n"
		case *widget.ParagraphSegment:
			out += segmentsText(s.Texts) + "\n"
		default:
			out += seg.Textual()
		}
	}
	return out
}

func TestDataSettingsSetTheNameAndTheBackupsKept(t *testing.T) {
	g := newGiven(t)
	g.ui.DataSettingsDialog()
	form := g.ui.Window.Canvas().Overlays().Top()
	var entries []*Entry
	walkObjects(form, func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 2 || entries[1].Text != "30" {
		t.Fatalf("entries %d, backups kept %q", len(entries), entries[1].Text)
	}
	test.Type(entries[0], "Chị Hoa")
	entries[1].SetText("0")
	if entries[1].Validate() == nil {
		t.Error("0 backups accepted")
	}
	entries[1].SetText("12")
	tapButton(t, form, "Lưu")
	get := g.db.Settings(ctx)
	if get("user_name", "") != "Chị Hoa" || get("backup_keep", "") != "12" {
		t.Errorf("stored %q, %q", get("user_name", ""), get("backup_keep", ""))
	}
	g.member("Lý Văn Mười", g.cell1)
	if s, _ := g.db.Steps(ctx, 1); len(s) != 1 || s[0].Who != "Chị Hoa" {
		t.Errorf("the next change is by %+v", s)
	}
}

func TestEditAndDeleteAnAwardThenUndo(t *testing.T) {
	g := newGiven(t)
	m := g.member("Đinh Văn Năm", g.cell1)
	a := &domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền", Year: 2024, DecisionNo: "12-QĐ/ĐU"}
	if err := g.db.CreateAward(ctx, a); err != nil {
		t.Fatal(err)
	}
	v := g.ui.Awards
	g.ui.Tabs.SelectIndex(3)
	v.Refresh()
	if len(v.Rows) != 1 {
		t.Fatalf("%d award rows", len(v.Rows))
	}
	v.Table.Select(widget.TableCellID{Row: 0, Col: 1})
	page := g.ui.Window.Canvas().Overlays().Top()
	if s := texts(page); !strings.Contains(s, "Đinh Văn Năm") || !strings.Contains(s, "12-QĐ/ĐU") {
		t.Errorf("award page: %q", s)
	}
	tapButton(t, page, "Sửa")
	form := g.ui.Window.Canvas().Overlays().Top()
	var entries []*Entry
	walkObjects(form, func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) < 3 || entries[0].Text != "Đinh Văn Năm" || !entries[0].Disabled() || entries[1].Text != a.Content {
		t.Fatalf("edit form entries: %d, %q", len(entries), entries[0].Text)
	}
	entries[3].SetText("15-QĐ/ĐU") // decision number
	tapButton(t, form, "Lưu")
	got, _ := g.db.Award(ctx, a.ID)
	if got == nil || got.DecisionNo != "15-QĐ/ĐU" || got.Content != a.Content || got.MemberID != m.ID {
		t.Fatalf("after edit: %+v", got)
	}
	v.Table.Select(widget.TableCellID{Row: 0, Col: 1})
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Xoá")
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Có")
	if len(v.Rows) != 0 {
		t.Errorf("%d rows after delete", len(v.Rows))
	}
	g.ui.Undo()
	if !strings.Contains(g.ui.Status.Text, "Xoá khen thưởng Hoàn thành xuất sắc") {
		t.Errorf("status %q", g.ui.Status.Text)
	}
	if back, err := g.db.Award(ctx, a.ID); err != nil || back.DecisionNo != "15-QĐ/ĐU" {
		t.Errorf("undo brought back %+v, %v", back, err)
	}
}

func TestMemberPageRecordsAbsenceThenDeletesAndUndoes(t *testing.T) {
	g := newGiven(t)
	m := g.member("Tạ Văn Tám", g.cell1)
	g.ui.Members.ShowMember(m.ID)
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Vắng mặt")
	form := g.ui.Window.Canvas().Overlays().Top()
	var entries []*Entry
	walkObjects(form, func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 2 {
		t.Fatalf("%d entries in the absence form", len(entries))
	}
	entries[0].SetText("2024")
	entries[1].SetText("3,5")
	tapButton(t, form, "Lưu")
	page := g.ui.Window.Canvas().Overlays().Top()
	if s := texts(page); !strings.Contains(s, "Năm 2024: nghỉ ốm 3.5 tháng") {
		t.Fatalf("member page after adding: %q", s)
	}
	in, _ := g.db.CheckInput(ctx, 2024, 0)
	if in.SickMonths[m.ID] != 3.5 {
		t.Errorf("the rules read %v months of sick leave", in.SickMonths[m.ID])
	}
	// The delete button beside the record.
	var del *widget.Button
	walkObjects(page, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" && b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() && del == nil {
			del = b
		}
	})
	if del == nil {
		t.Fatal("no delete button")
	}
	test.Tap(del)
	if rs, _ := g.db.MemberRecords(ctx, m.ID); len(rs) != 0 {
		t.Fatalf("%d records after delete", len(rs))
	}
	g.ui.Undo()
	if rs, _ := g.db.MemberRecords(ctx, m.ID); len(rs) != 1 {
		t.Errorf("%d records after undo", len(rs))
	}
}

func TestDisciplineAnOrganisation(t *testing.T) {
	g := newGiven(t)
	g.ui.Orgs.Tree.Select(uid(g.cell2.ID))
	g.ui.Orgs.disciplineDialog()
	form := g.ui.Window.Canvas().Overlays().Top()
	var entries []*Entry
	var kind *widget.Select
	var self *widget.Check
	walkObjects(form, func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *Entry:
			entries = append(entries, e)
		case *widget.Select:
			kind = e
		case *widget.Check:
			self = e
		}
	})
	if len(entries) != 3 || kind == nil || self == nil {
		t.Fatalf("%d entries, form %v, self-corrected %v", len(entries), kind, self)
	}
	// An organisation's forms: no removal from post, dissolution instead.
	if strings.Join(kind.Options, ", ") != "Khiển trách, Cảnh cáo, Giải tán" {
		t.Errorf("forms %v", kind.Options)
	}
	kind.SetSelected("Cảnh cáo")
	entries[0].SetText("15/03/2025")
	entries[1].SetText("7-QĐ/UBKT")
	self.SetChecked(true)
	tapButton(t, form, "Lưu")
	hist, _ := g.db.History(ctx, store.HistoryQuery{OrgID: g.cell2.ID})
	if len(hist) == 0 || hist[0].Table != "disciplines" || hist[0].Step.Label() != "Ghi kỷ luật Chi bộ Khu dân cư số 2" {
		t.Fatalf("history %+v", hist)
	}
	in, err := g.db.CheckInput(ctx, 2025, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !in.OrgDiscipline[g.cell2.ID] || !in.OrgSelfCorrected[g.cell2.ID] {
		t.Error("the rules do not see the cell's discipline, found and corrected by itself")
	}
}

// TestStartSaysWhyTheDatabaseCannotOpen: started from an icon there is no
// console, so the window itself names the problem and offers to quit.
func TestStartSaysWhyTheDatabaseCannotOpen(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	path := filepath.Join(t.TempDir(), "rac.db")
	os.WriteFile(path, []byte("this is not a database, just text"), 0o600)
	a := test.NewTempApp(t)
	done := make(chan struct{})
	s := Start(a, func() (store.Store, error) {
		defer close(done)
		return store.Open(path)
	}, Options{}, func(*UI) { t.Error("the main window was built on a bad file") })
	<-done
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var failed bool
		fyne.DoAndWait(func() { failed = s.Err != nil })
		if failed {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s.Err == nil || !strings.Contains(s.Message.Text, "không phải là tệp dữ liệu xeploai") || strings.Contains(s.Message.Text, "not a database") {
		t.Errorf("error %v, window says %q", s.Err, s.Message.Text)
	}
	if !strings.Contains(texts(s.Window.Content()), "Không mở được cơ sở dữ liệu") {
		t.Errorf("window: %q", texts(s.Window.Content()))
	}

	// A good file: the same window becomes the main window.
	good := filepath.Join(t.TempDir(), "ok.db")
	opened := make(chan *UI, 1)
	s = Start(a, func() (store.Store, error) { return store.Open(good) }, Options{}, func(u *UI) { opened <- u })
	select {
	case u := <-opened:
		if u.Window != s.Window || u.Tabs == nil {
			t.Error("the start window did not become the main window")
		}
		u.DB.Close()
	case <-time.After(5 * time.Second):
		t.Fatal("the main window never came")
	}
}

// TestTheSameErrorIsNotStacked: a refusal repeated while its message is on
// screen (each refresh of a revoked office's window) shows once; closed,
// the next one shows again.
func TestTheSameErrorIsNotStacked(t *testing.T) {
	g := newGiven(t)
	before := len(g.ui.Window.Canvas().Overlays().List())
	err := domain.Errorf(domain.EINVALID, "", "người dùng %q không được ghi vào đây", "phuong_a")
	for range 5 {
		g.ui.showError(err)
	}
	if got := len(g.ui.Window.Canvas().Overlays().List()) - before; got != 1 {
		t.Fatalf("%d dialogs for one error shown five times", got)
	}
	g.ui.showError(domain.Errorf(domain.EINVALID, "", "một lỗi khác"))
	if got := len(g.ui.Window.Canvas().Overlays().List()) - before; got != 2 {
		t.Errorf("%d dialogs after another error", got)
	}
	for g.ui.Window.Canvas().Overlays().Top() != nil {
		tapButton(t, g.ui.Window.Canvas().Overlays().Top(), T("OK"))
	}
	g.ui.showError(err)
	if got := len(g.ui.Window.Canvas().Overlays().List()); got != 1 {
		t.Errorf("after closing, the error again shows %d dialogs", got)
	}
}

// TestUndoOfAStepMadeElsewhereAsksFirst: on one file, Ctrl+Z in a window
// takes back the newest step, whoever made it; a step another window or a
// command wrote is named and undone only when the user says yes (Enter);
// the window's own step is undone at once.
func TestUndoOfAStepMadeElsewhereAsksFirst(t *testing.T) {
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	m := g.member("Hà Văn Khác", g.cell1)
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetSetting(ctx, "user_name", "Chị Lan")
	if err := other.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	g.ui.Undo()
	top := g.ui.Window.Canvas().Overlays().Top()
	if text := texts(top); top == nil || !strings.Contains(text, "không phải của cửa sổ này") || !strings.Contains(text, "Chị Lan") {
		t.Fatalf("Ctrl+Z over another window's step asks %q", text)
	}
	if rs, _ := g.db.MemberRatings(ctx, m.ID); len(rs) != 1 {
		t.Fatalf("undone before the answer: %v", rs)
	}
	g.ui.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if rs, _ := g.db.MemberRatings(ctx, m.ID); len(rs) != 0 {
		t.Errorf("Enter did not undo the other window's rating: %v", rs)
	}
	// The window's own step: at once.
	if err := g.ui.DB.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	g.ui.Undo()
	if rs, _ := g.db.MemberRatings(ctx, m.ID); len(rs) != 0 {
		t.Errorf("the window's own step was not undone at once: %v", rs)
	}
}

// TestTheUndoHintGoesWhenUndoWouldTakeAnotherStep: "Ctrl+Z để hoàn tác"
// after a deletion stays only while Ctrl+Z would take the deletion back.
func TestTheUndoHintGoesWhenUndoWouldTakeAnotherStep(t *testing.T) {
	g := newGiven(t)
	m := g.member("Nguyễn Văn An", g.cell1)
	g.member("Trần Thị Bình", g.cell1)
	g.ui.Members.ShowMember(m.ID)
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Xoá")
	tapButton(t, g.ui.Window.Canvas().Overlays().Top(), "Có")
	const said = "Đã chuyển Nguyễn Văn An vào thùng rác"
	if want := said + " (Ctrl+Z để hoàn tác)"; g.ui.Status.Text != want {
		t.Fatalf("status after the deletion %q, want %q", g.ui.Status.Text, want)
	}
	// Rating from the sheet is a later step: Ctrl+Z would take that back.
	g.ui.Tabs.SelectIndex(1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v := g.ui.Ratings
	v.Year.SetSelected("2024")
	g.ui.Window.Canvas().Focus(v.Grid)
	test.Type(v.Grid, "2")
	if strings.Contains(g.ui.Status.Text, "Ctrl+Z") {
		t.Errorf("status after a later rating still says %q", g.ui.Status.Text)
	}
	if g.ui.Status.Text != said {
		t.Errorf("status %q, want what was done without the hint %q", g.ui.Status.Text, said)
	}
}
