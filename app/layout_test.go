package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

// TestFitsSmallScreens: whatever tab is shown, the window's content needs
// at most 1000×650 (a 1024×768 laptop with a taskbar, or 1024×700), and the
// window opens inside a small screen.
func TestFitsSmallScreens(t *testing.T) {
	g := newGiven(t)
	for i, tab := range g.ui.Tabs.Items {
		g.ui.Tabs.SelectIndex(i)
		if got := g.ui.Window.Content().MinSize(); got.Width > minimumSize.Width || got.Height > minimumSize.Height {
			t.Errorf("tab %s needs %v, more than %v", tab.Text, got, minimumSize)
		}
	}
	fitWindow(g.ui.Window, fyne.NewSize(1024, 700))
	if got := g.ui.Window.Canvas().Size(); got.Width > 1024 || got.Height > 700 {
		t.Errorf("on a 1024×700 screen the window is %v", got)
	}
}

// TestEscClosesADialogWhoseFieldHasTheKeyboard: Esc closes the dialog on
// top even while one of its fields has the keyboard, and the window's
// shortcuts work from a field.
func TestEscClosesADialogWhoseFieldHasTheKeyboard(t *testing.T) {
	g := newGiven(t)
	c := g.ui.Window.Canvas()
	g.ui.FocusSearch()
	c.Focused().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	if c.Overlays().Top() == nil || g.ui.lastMemberForm == nil {
		t.Fatal("Ctrl+N from the search box opened no form")
	}
	f, ok := c.Focused().(*Entry)
	if !ok || f != g.ui.lastMemberForm.Name {
		t.Fatalf("the form's name field does not have the keyboard: %T", c.Focused())
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := c.Overlays().Top(); top != nil {
		t.Error("Esc in a field left the dialog open")
	}
}

// TestPaperworkDialogsFitSmallScreens: the documents form and the editors of
// texts and certificate places need no more than the window's 1000×650.
func TestPaperworkDialogsFitSmallScreens(t *testing.T) {
	g := newGiven(t)
	for name, content := range map[string]fyne.CanvasObject{
		"documents":    newDocumentsForm(g.ui, report.Batch{}, report.Decision{}).Content,
		"texts":        newTemplatesView(g.ui).Content,
		"certificates": newCertificateEditor(g.ui).Content,
	} {
		t.Logf("%s needs %v", name, content.MinSize())
		// A dialog adds its title and buttons (about 100 px) and padding.
		if got := content.MinSize(); got.Width > minimumSize.Width-40 || got.Height > minimumSize.Height-110 {
			t.Errorf("%s needs %v, more than fits in %v", name, got, minimumSize)
		}
	}
}

// TestMemberListCountsAsTheTree: the member list shows the members on the
// roll by default — as the tree counts them — and all of them on demand,
// with their status in a column.
func TestMemberListCountsAsTheTree(t *testing.T) {
	g := newGiven(t)
	g.member("Đang Sinh Hoạt", g.cell1)
	gone := g.member("Đã Chuyển Đi", g.cell1)
	if err := g.db.SetMemberStatus(ctx, gone.ID, domain.StatusTransferred, domain.NewDate(2024, 5, 1), ""); err != nil {
		t.Fatal(err)
	}
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v := g.ui.Members
	counts, _ := g.db.MemberCounts(ctx)
	if v.total != 1 || counts[g.cell1.ID] != 1 {
		t.Errorf("list %d, tree %d: want both 1 (on the roll)", v.total, counts[g.cell1.ID])
	}
	v.Show.SetSelectedIndex(1)
	if v.total != 2 {
		t.Fatalf("all members: %d, want 2", v.total)
	}
	for i := 0; i < v.total; i++ {
		if m := v.Row(i); m.ID == gone.ID {
			status := ""
			for _, c := range memberColumns {
				if c.key == "col.status" {
					status = c.text(v, m)
				}
			}
			if status != "Chuyển đi" {
				t.Errorf("status column %q", status)
			}
		}
	}
}

// TestDatabaseOnANetworkShareIsWarnedAbout: the window warns, at start, about
// a database on a share (a folder the test marks remote).
func TestWindowWarnsAboutANetworkShare(t *testing.T) {
	g := newGiven(t)
	t.Setenv("XEPLOAI_REMOTE_PREFIXES", filepath.Dir(g.db.Path()))
	g.ui.WarnIfRemote()
	top := g.ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "nằm trên ổ mạng") {
		t.Fatal("no warning about the share")
	}
	top.Hide()
	g.ui.Window.Canvas().Overlays().Remove(top)
	t.Setenv("XEPLOAI_REMOTE_PREFIXES", "")
	g.ui.WarnIfRemote()
	if g.ui.Window.Canvas().Overlays().Top() != nil {
		t.Error("a local database warned about")
	}
}

// TestAnotherProcesssWritesShowInPlace: what another process writes shows in
// the open window (the poll's ShowForeignChanges), the rating sheet's
// cursor staying on its member.
func TestAnotherProcesssWritesShowInPlace(t *testing.T) {
	g := newGiven(t)
	a := g.member("An Đầu Tiên", g.cell1)
	b := g.member("Bình Thứ Hai", g.cell1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	g.ui.Tabs.SelectIndex(1)
	v := g.ui.Ratings
	v.Year.SetSelected("2024")
	v.Grid.moveTo(1) // on Bình
	g.ui.DB.ForeignChanges(ctx)
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetMemberRating(ctx, &domain.MemberRating{MemberID: b.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	if err := other.CreateMember(ctx, &domain.Member{FullName: "Ái Mới Vào", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 1, 1), CellID: g.cell1.ID}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := g.ui.DB.ForeignChanges(ctx); !changed {
		t.Fatal("the other process's writes were not seen")
	}
	g.ui.ShowForeignChanges()
	if len(v.Rows) != 3 || v.Rows[v.Grid.Cursor].MemberID != b.ID || v.Rows[v.Grid.Cursor].Level != domain.LevelGood {
		t.Errorf("sheet %d rows, cursor on %+v", len(v.Rows), v.Rows[v.Grid.Cursor])
	}
	// A cell renamed elsewhere reads anew in the member table.
	g.ui.Tabs.SelectIndex(0)
	if err := other.RenameOrg(ctx, g.cell1.ID, "Chi bộ Khu dân cư số 1 (mới)", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	g.ui.DB.ForeignChanges(ctx)
	g.ui.ShowForeignChanges()
	if got := g.ui.Members.cells[g.cell1.ID]; !strings.Contains(got, "(mới)") {
		t.Errorf("the member table names the renamed cell %q", got)
	}
	_ = a
}

// TestAnOpenMemberPageShowsAnotherProcesssChange: a member's page open in
// the window shows what another process changes of the member (the poll's
// ShowForeignChanges), where it is scrolled, and says so when the member is
// deleted.
func TestAnOpenMemberPageShowsAnotherProcesssChange(t *testing.T) {
	g := newGiven(t)
	m := g.member("Trần Thị Cúc", g.cell1)
	g.ui.Members.ShowMember(m.ID)
	p := g.ui.memberPage
	if p == nil {
		t.Fatal("no member page open")
	}
	p.scroll.Offset = fyne.NewPos(0, 1)
	g.ui.DB.ForeignChanges(ctx)
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	changed := *m
	changed.CardNo = "93012345"
	if err := other.UpdateMember(ctx, &changed, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := other.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := g.ui.DB.ForeignChanges(ctx); !changed {
		t.Fatal("the other process's writes were not seen")
	}
	g.ui.ShowForeignChanges()
	if g.ui.memberPage != p {
		t.Fatal("the page was closed or replaced")
	}
	shown := texts(p.body)
	for _, want := range []string{"93012345", "2024: " + Label(domain.LevelExcellent.Name())} {
		if !strings.Contains(shown, want) {
			t.Errorf("the page does not show %q:\n%s", want, shown)
		}
	}
	if p.scroll.Offset.Y != 1 {
		t.Errorf("the page's scroll moved to %v", p.scroll.Offset)
	}
	if err := other.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	g.ui.DB.ForeignChanges(ctx)
	g.ui.ShowForeignChanges()
	if shown := texts(p.body); !strings.Contains(shown, T("member.gone")) {
		t.Errorf("the page of a deleted member says:\n%s", shown)
	}
	p.d.Hide()
	if g.ui.memberPage != nil {
		t.Error("a closed page is still refreshed")
	}
}

// TestLongLinesWrapInTheirOwnRows: in the lists of lines (an import's
// review, result and errors, the check) a line longer than the dialog
// wraps in a row as tall as its text, never drawn over the next row.
func TestLongLinesWrapInTheirOwnRows(t *testing.T) {
	long := strings.Repeat("Đảng viên, dòng 2, cột D (Chi bộ): không tìm thấy tổ chức rất dài ", 4)
	lines := []string{"một dòng ngắn", long, "một dòng ngắn nữa", long + long}
	list := newLineList(func() int { return len(lines) }, func(i int) string { return lines[i] }, nil)
	w := test.NewWindow(list)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 900))
	// Lay out twice: the first pass measures the rows at the list's width.
	list.Refresh()
	rows := map[string]fyne.CanvasObject{}
	for _, o := range test.LaidOutObjects(list) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			rows[l.Text] = l
		}
	}
	if len(rows) != len(lines) {
		t.Fatalf("%d distinct rows shown, want %d", len(rows), len(lines))
	}
	// Each row is as tall as its wrapped text (rows are laid out one
	// under the other by their heights: a row shorter than its text had the
	// rest drawn over the next one).
	for _, text := range lines {
		if l := rows[text]; l.Size().Height < l.MinSize().Height {
			t.Errorf("a row %v tall holds a text %v tall: %.30q…", l.Size().Height, l.MinSize().Height, text)
		}
	}
}

// TestEnterClosesANoticeAndShortcutsWaitForDialogs: Enter closes a
// message whose only button is OK (an import's result, an error, an
// information), and the window's shortcuts do not open a second dialog over
// an open one (nor undo behind it).
func TestEnterClosesANoticeAndShortcutsWaitForDialogs(t *testing.T) {
	g := newGiven(t)
	c := g.ui.Window.Canvas()
	enter := func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	for name, show := range map[string]func(){
		"an import's result": func() { g.ui.showImportResult(&domain.ImportReport{}, nil) },
		"an error":           func() { g.ui.showError(domain.Errorf(domain.EINVALID, "", "sai")) },
		"an information":     func() { g.ui.inform("Sao lưu", "Đã sao lưu") },
	} {
		show()
		if c.Overlays().Top() == nil {
			t.Fatalf("%s is not shown", name)
		}
		enter()
		if c.Overlays().Top() != nil {
			t.Errorf("Enter left %s open", name)
			c.Overlays().Remove(c.Overlays().Top())
		}
	}
	// Enter on a dialog that asks something is not an OK.
	g.ui.ImportDialog()
	enter()
	if len(c.Overlays().List()) != 1 {
		t.Fatal("Enter closed the file dialog")
	}
	m := g.member("Bùi Văn An", g.cell1)
	for _, k := range []fyne.KeyName{fyne.KeyI, fyne.KeyN, fyne.KeyP, fyne.KeyZ} {
		g.shortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	g.shortcut(&fyne.ShortcutUndo{})
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("%d dialogs after the shortcuts over the open one", n)
	}
	if got, err := g.db.Member(ctx, m.ID); err != nil || got == nil {
		t.Errorf("Ctrl+Z behind the dialog undid the member's creation: %v", err)
	}
}
