package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// buttons finds the buttons under o by their text.
func buttons(o fyne.CanvasObject) map[string]*widget.Button {
	out := map[string]*widget.Button{}
	walkObjects(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out[b.Text] = b
		}
	})
	return out
}

// readOnly is a database as the window sees one it may not write (as
// root, the tests cannot make a file unwritable); its writes would still
// succeed, so that a control left enabled shows.
type readOnly struct{ store.Store }

func (readOnly) ReadOnly() bool { return true }

// TestAReadOnlyDatabaseOffersNoEdits: a database open read-only (a file
// this user cannot write, an office granted view-only on a server) shows
// its edit controls disabled, its keys write nothing and say why on the
// status line; a writable database opened after enables them again.
func TestAReadOnlyDatabaseOffersNoEdits(t *testing.T) {
	g := newGiven(t)
	m := g.member("Lê Văn Xem", g.cell1)
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	g.ui.useDatabase(readOnly{other})
	u := g.ui
	writes := map[string]fyne.CanvasObject{
		T("member.add"): u.Members.Content, T("org.add"): u.Orgs.Content, T("org.rename"): u.Orgs.Content,
		T("org.move"): u.Orgs.Content, T("org.merge"): u.Orgs.Content, T("org.dissolve"): u.Orgs.Content,
		T("record.discipline"): u.Orgs.Content, T("org.delete"): u.Orgs.Content, T("award.add"): u.Awards.Content,
		T("cand.record"): u.Cands.Content,
	}
	for text, in := range writes {
		if b := buttons(in)[text]; b == nil || !b.Disabled() {
			t.Errorf("read-only: the button %q is %v, want disabled", text, b)
		}
	}
	if b := buttons(u.Orgs.Content)[T("history.button")]; b == nil || b.Disabled() {
		t.Error("read-only: the history, which only reads, is not offered")
	}
	menu := map[string]*fyne.MenuItem{}
	for _, mm := range u.Window.MainMenu().Items {
		for _, it := range mm.Items {
			menu[it.Label] = it
		}
	}
	for _, label := range []string{T("menu.import"), T("menu.restore")} {
		if it := menu[label]; it == nil || !it.Disabled {
			t.Errorf("read-only: the menu item %q is offered", label)
		}
	}

	// The member's page: edit and delete disabled.
	u.Members.ShowMember(m.ID)
	page := buttons(u.memberPage.body)
	for _, text := range []string{T("member.edit"), T("member.delete"), T("record.absence")} {
		if b := page[text]; b == nil || !b.Disabled() {
			t.Errorf("read-only: the member page's %q is %v, want disabled", text, b)
		}
	}
	u.memberPage.d.Hide()

	// The settings the database holds: shown, not offered for saving.
	if b := buttons(newTemplatesView(u).Content)[T("Save")]; b == nil || !b.Disabled() {
		t.Error("read-only: the document texts can be saved")
	}
	if b := buttons(newCertificateEditor(u).Content)[T("Save")]; b == nil || !b.Disabled() {
		t.Error("read-only: the certificate layout can be saved")
	}

	// Ctrl+N opens no form; a rating key writes nothing and says why.
	u.Members.NewMember()
	if u.lastMemberForm != nil {
		t.Error("read-only: Ctrl+N opened the member form")
	}
	g.sheetOf(g.cell1, "2024").Grid.TypedRune('1')
	if rs, _ := other.MemberRatings(ctx, m.ID); len(rs) != 0 {
		t.Errorf("read-only: a rating key wrote %v", rs)
	}
	if u.Status.Text != T("readonly.write") {
		t.Errorf("read-only: after a rating key the status says %q", u.Status.Text)
	}
	if !u.Ratings.Own.Disabled() {
		t.Error("read-only: the organisation's own level can be chosen")
	}

	// A writable database again.
	rw, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	u.useDatabase(rw)
	for text, in := range writes {
		if b := buttons(in)[text]; b == nil || b.Disabled() {
			t.Errorf("writable again: the button %q is still disabled", text)
		}
	}
	u.Orgs.Tree.UnselectAll()
	u.Ratings.Year.SetSelected("2023")
	g.sheetOf(g.cell1, "2024").Grid.TypedRune('1')
	if rs, _ := rw.MemberRatings(ctx, m.ID); len(rs) != 1 || rs[0].Level != domain.LevelExcellent {
		t.Errorf("writable again: the rating key wrote %v", rs)
	}
}
