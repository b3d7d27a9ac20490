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
	"xeploai/paths"
	"xeploai/store"
)

// press types a keyboard shortcut into the window, as Ctrl+key.
func (g *given) press(key fyne.KeyName, mods fyne.KeyModifier) {
	g.ui.Window.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mods})
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
	g.press(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
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
	g.press(fyne.KeyY, fyne.KeyModifierShortcutDefault)
	if n := rated(); n != 3 {
		t.Errorf("Ctrl+Y brought back %d ratings, want 3", n)
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
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}
