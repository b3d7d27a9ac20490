package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
	"xeploai/store/pgtest"
	"xeploai/vnkey"
)

// waitOnUI waits (up to 10 s) until done, asked on the UI goroutine,
// reports true.
func waitOnUI(t *testing.T, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		fyne.DoAndWait(func() { ok = done() })
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("nothing happened within 10 s")
}

// TestMain stops the PostgreSQL cluster a test may have started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestWindowOnASharedServer opens the window on a PostgreSQL database: the
// status bar says it is the shared server's, backups go to this PC's own
// folder, and restore (which overwrites a file) says what to do instead.
func TestWindowOnASharedServer(t *testing.T) {
	t.Setenv("LANG", "vi_VN.UTF-8")
	db, err := store.OpenPostgres(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ward := &domain.Org{Name: "Đảng bộ phường An Hải Bắc", Kind: domain.KindGrassrootsCommittee}
	if err := db.CreateOrg(ctx, ward); err != nil {
		t.Fatal(err)
	}
	ui := New(test.NewTempApp(t), db, Options{Version: "test"})
	ui.Window.Resize(fyne.NewSize(1200, 800))
	if got := ui.Status.Text; !strings.HasPrefix(got, "Dữ liệu dùng chung trên máy chủ: postgres://postgres@/") || !strings.Contains(got, "1 tổ chức") {
		t.Errorf("status %q", got)
	}
	ui.RestoreDialog()
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "không dùng được với cơ sở dữ liệu dùng chung trên máy chủ") {
		t.Errorf("restore on a server shows %v", top)
	}
	if ui.backupDir() == "" || strings.Contains(ui.backupDir(), "postgres:") {
		t.Errorf("backups of a server go to %q", ui.backupDir())
	}
	// This PC's typing is its own, not every office's: kept on the PC, not
	// in the shared database.
	top.Hide()
	ui.SetTyping(vnkey.Telex, vnkey.OldStyle)
	if v, _ := db.Setting(ctx, store.SettingTyping, ""); v != "" {
		t.Errorf("the typing went into the shared database: %q", v)
	}
	if got := ui.App.Preferences().String(store.SettingTyping); got != "telex" {
		t.Errorf("the PC's typing %q", got)
	}
	// So is the name the history records: each office's changes carry the
	// name set on its own PC.
	ui.DataSettingsDialog()
	form := ui.Window.Canvas().Overlays().Top()
	var entries []*Entry
	walkObjects(form, func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok {
			entries = append(entries, e)
		}
	})
	test.Type(entries[0], "Chị Hoa")
	tapButton(t, form, "Lưu")
	if v, _ := db.Setting(ctx, store.SettingUserName, ""); v != "" {
		t.Errorf("the name went into the shared database: %q", v)
	}
	if got := ui.App.Preferences().String(store.SettingUserName); got != "Chị Hoa" {
		t.Errorf("the PC's name %q", got)
	}
	if err := db.RenameOrg(ctx, ward.ID, "Đảng bộ phường An Hải Bắc (mới)", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Steps(ctx, 1); len(s) != 1 || s[0].Who != "Chị Hoa" {
		t.Errorf("the next change is by %+v", s)
	}
	// Opened again on this PC, its changes carry the PC's name.
	again, err := store.OpenPostgres(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	New(ui.App, again, Options{Version: "test"})
	if err := again.RenameOrg(ctx, ward.ID, "Đảng bộ phường An Hải Bắc", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if s, _ := again.Steps(ctx, 1); len(s) != 1 || s[0].Who != "Chị Hoa" {
		t.Errorf("opened again, the next change is by %+v", s)
	}
}

// TestConnectDialogOpensASharedServer fills Tệp › Mở cơ sở dữ liệu dùng
// chung… as a user would: the server opens in place of the file, the
// password is kept in the PostgreSQL password file (0600) and nowhere else,
// and a wrong one is said in words, the open database kept.
func TestConnectDialogOpensASharedServer(t *testing.T) {
	c, err := pgtest.Shared()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RequirePassword("van_phong", "mk:1"); err != nil {
		t.Fatal(err)
	}
	if err := c.Exec(`CREATE DATABASE van_phong_db OWNER van_phong`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Exec(`DROP DATABASE van_phong_db WITH (FORCE)`)
		c.Exec(`DROP ROLE van_phong`)
	})
	pass := filepath.Join(t.TempDir(), "pgpass")
	t.Setenv("PGPASSFILE", pass)
	t.Setenv("PGPASSWORD", "")
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	connect := func(password string, database ...string) fyne.CanvasObject {
		g.ui.OpenServerDialog()
		form := g.ui.Window.Canvas().Overlays().Top()
		var entries []*Entry
		var sel *widget.Select
		walkObjects(form, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *Entry:
				entries = append(entries, w)
			case *widget.Select:
				sel = w
			}
		})
		if len(entries) != 5 || sel == nil {
			t.Fatalf("the dialog has %d fields", len(entries))
		}
		db := "van_phong_db"
		if len(database) > 0 {
			db = database[0]
		}
		for i, v := range []string{c.Dir(), "5432", db, "van_phong", password} {
			entries[i].SetText(v)
		}
		entries[3].SetText("")
		if entries[3].Validate() == nil {
			t.Error("an empty user accepted")
		}
		entries[3].SetText("van_phong")
		sel.SetSelected("disable")
		tapButton(t, form, "Kết nối")
		return form
	}
	wait := func(done func() bool) { waitOnUI(t, done) }
	connect("mk:1")
	wait(func() bool { return g.ui.DB.Server() })
	if got := g.ui.Status.Text; !strings.HasPrefix(got, "Dữ liệu dùng chung trên máy chủ: postgres://van_phong@/van_phong_db?") {
		t.Errorf("status %q", got)
	}
	b, _ := os.ReadFile(pass)
	if string(b) != "localhost:5432:van_phong_db:van_phong:mk\\:1\n" {
		t.Errorf("password file %q", b)
	}
	if st, err := os.Stat(pass); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("password file: %v", err)
	}
	kept := g.ui.App.Preferences().String(prefServer)
	if !strings.HasPrefix(kept, "postgres://van_phong@") || strings.Contains(kept, "mk") {
		t.Errorf("remembered %q", kept)
	}
	if v, _ := g.ui.DB.Settings(ctx)("user_name", ""), 0; strings.Contains(v, "mk") {
		t.Error("the password reached the settings")
	}
	// A wrong password: said, and the server opened before stays open.
	opened := g.ui.DB
	connect("sai")
	wait(func() bool {
		top := g.ui.Window.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "từ chối đăng nhập")
	})
	if g.ui.DB != opened {
		t.Error("a refused connection replaced the open database")
	}
	if b, _ := os.ReadFile(pass); string(b) != "localhost:5432:van_phong_db:van_phong:mk\\:1\n" {
		t.Errorf("a wrong password replaced the kept one: %q", b)
	}
	// A database mistyped: the dialog opened again shows what was typed.
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil {
		top.Hide()
	}
	connect("mk:1", "khong_co")
	wait(func() bool {
		top := g.ui.Window.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "khong_co")
	})
	g.ui.Window.Canvas().Overlays().Top().Hide()
	g.ui.OpenServerDialog()
	var shown []string
	walkObjects(g.ui.Window.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok {
			shown = append(shown, e.Text)
		}
	})
	if len(shown) < 4 || shown[2] != "khong_co" || shown[3] != "van_phong" {
		t.Errorf("the dialog opened again shows %q", shown)
	}
}

// TestStartOffersTheLocalFileWhenTheServerIsOutOfReach: the window opens
// the shared server it opened last; out of reach, it says why and offers
// this PC's own file, which then opens.
func TestStartOffersTheLocalFileWhenTheServerIsOutOfReach(t *testing.T) {
	t.Setenv("LANG", "vi_VN.UTF-8")
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefServer, "postgres://xeploai@127.0.0.1:1/xeploai?sslmode=disable")
	if LastServer(a) == "" {
		t.Fatal("no last server")
	}
	file := filepath.Join(t.TempDir(), "may-nay.db")
	s := Start(a, func() (store.Store, error) { return store.OpenPostgres(LastServer(a)) },
		Options{Local: func() (store.Store, error) { return store.Open(file) }}, nil)
	wait := func(done func() bool) { waitOnUI(t, done) }
	wait(func() bool { return s.Err != nil })
	if !strings.Contains(s.Message.Text, "không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:1") {
		t.Errorf("the window says %q", s.Message.Text)
	}
	fyne.DoAndWait(func() { tapButton(t, s.Window.Content(), "Mở tệp dữ liệu trên máy này") })
	wait(func() bool { return s.UI != nil })
	t.Cleanup(func() { s.UI.DB.Close() })
	if s.UI.DB.Server() || s.UI.DB.Path() != file || s.Err != nil {
		t.Errorf("opened %s (server %v), error %v", s.UI.DB.Path(), s.UI.DB.Server(), s.Err)
	}
}

// TestAFormSavesOnlyOverWhatItLoaded: while a member's form is open,
// another window saves the member; Save says who changed it, when, and both
// values, writes nothing, and keeps what was typed; Save again saves it.
func TestAFormSavesOnlyOverWhatItLoaded(t *testing.T) {
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	m := g.member("Nguyễn Văn An", g.cell1)
	loaded, _ := g.db.Member(ctx, m.ID)
	f := g.ui.memberForm(loaded, nil)
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetSetting(ctx, "user_name", "Chị Lan")
	theirs := *loaded
	theirs.HomeTown, theirs.Note = "Hội An", "chuyển đến từ Huế"
	if err := other.UpdateMember(ctx, &theirs, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	f.HomeTown.SetText("Điện Bàn")
	if err := f.Save(); err == nil {
		t.Fatal("a stale form saved")
	}
	top := g.ui.Window.Canvas().Overlays().Top()
	if text := texts(top); !strings.Contains(text, "Nguyễn Văn An đã được Chị Lan sửa lúc") || !strings.Contains(text, "Quê quán: đang lưu “Hội An”, bạn nhập “Điện Bàn”") ||
		!strings.Contains(text, "Ghi chú: đang lưu “chuyển đến từ Huế” (bạn không sửa trường này") {
		t.Errorf("the window says %q", text)
	}
	// A field the form did not change takes theirs: saving again does not
	// put back what the form had loaded.
	if f.Note.Text != "chuyển đến từ Huế" {
		t.Errorf("the note, untouched in the form, reads %q after the refusal", f.Note.Text)
	}
	if now, _ := g.db.Member(ctx, m.ID); now.HomeTown != "Hội An" {
		t.Errorf("a refused save wrote %q", now.HomeTown)
	}
	if f.HomeTown.Text != "Điện Bàn" {
		t.Errorf("the form lost what was typed: %q", f.HomeTown.Text)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	if now, _ := g.db.Member(ctx, m.ID); now.HomeTown != "Điện Bàn" || now.Note != "chuyển đến từ Huế" {
		t.Errorf("saved again: %q, note %q", now.HomeTown, now.Note)
	}
}

// TestARatingKeyOnARowChangedElsewhere: another office rates a member
// while the sheet is open; a key on that row is not saved, the row shows
// the stored rating and the sheet says who changed it; the key again saves.
func TestARatingKeyOnARowChangedElsewhere(t *testing.T) {
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	m := g.member("Bùi Văn An", g.cell1)
	v := g.sheetOf(g.cell1, "2025")
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetSetting(ctx, "user_name", "Anh Minh")
	if err := other.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	test.Type(v.Grid, "2")
	top := g.ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "Xếp loại năm 2025 của Bùi Văn An đã được Anh Minh sửa lúc") {
		t.Fatalf("the sheet says %v", top)
	}
	if v.Rows[0].Level != domain.LevelExcellent {
		t.Errorf("the row shows %v, not the stored rating", v.Rows[0].Level)
	}
	if rs, _ := g.db.MemberRatings(ctx, m.ID); len(rs) != 1 || rs[0].Level != domain.LevelExcellent {
		t.Errorf("the key wrote: %+v", rs)
	}
	top.Hide()
	g.ui.Window.Canvas().Overlays().Remove(top)
	g.ui.Window.Canvas().Focus(v.Grid)
	test.Type(v.Grid, "2")
	if rs, _ := g.db.MemberRatings(ctx, m.ID); len(rs) != 1 || rs[0].Level != domain.LevelGood {
		t.Errorf("the key again: %+v", rs)
	}
}

// TestAnOrgRatingChangedElsewhere: on the sheet of a ward, a key on a
// cell's row and a choice of the ward's own rating, both rated by another
// office since the sheet opened, are not saved: the sheet shows the stored
// rating and says who changed it; the key again saves.
func TestAnOrgRatingChangedElsewhere(t *testing.T) {
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	g.member("Bùi Văn An", g.cell1)
	v := g.sheetOf(g.ward, "2025")
	row := -1
	for i, r := range v.Rows {
		if r.OrgID == g.cell1.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the ward's sheet has no row for %s: %+v", g.cell1.Name, v.Rows)
	}
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetSetting(ctx, "user_name", "Anh Minh")
	for _, o := range []*domain.Org{g.cell1, g.ward} {
		if err := other.SetOrgRating(ctx, &domain.OrgRating{OrgID: o.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}); err != nil {
			t.Fatal(err)
		}
	}
	dismiss := func(want string) {
		t.Helper()
		top := g.ui.Window.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(texts(top), want) {
			t.Fatalf("the sheet says %v, want %q", top, want)
		}
		top.Hide()
		g.ui.Window.Canvas().Overlays().Remove(top)
		g.ui.Window.Canvas().Focus(v.Grid)
	}
	v.Grid.moveTo(row)
	test.Type(v.Grid, "2")
	dismiss("Xếp loại năm 2025 của " + g.cell1.Name + " đã được Anh Minh sửa lúc")
	if v.Rows[row].Level != domain.LevelExcellent {
		t.Errorf("the row shows %v, not the stored rating", v.Rows[row].Level)
	}
	if r, _ := g.db.OrgRating(ctx, g.cell1.ID, 2025); r == nil || r.Level != domain.LevelExcellent {
		t.Errorf("the key wrote: %+v", r)
	}
	test.Type(v.Grid, "2")
	if r, _ := g.db.OrgRating(ctx, g.cell1.ID, 2025); r == nil || r.Level != domain.LevelGood {
		t.Errorf("the key again: %+v", r)
	}

	v.Own.SetSelected(domain.LevelGood.Name())
	dismiss("Xếp loại năm 2025 của " + g.ward.Name + " đã được Anh Minh sửa lúc")
	if v.Own.Selected != domain.LevelExcellent.Name() {
		t.Errorf("the ward's own rating shows %q, not the stored one", v.Own.Selected)
	}
	if r, _ := g.db.OrgRating(ctx, g.ward.ID, 2025); r == nil || r.Level != domain.LevelExcellent {
		t.Errorf("the choice wrote: %+v", r)
	}
	v.Own.SetSelected(domain.LevelGood.Name())
	if r, _ := g.db.OrgRating(ctx, g.ward.ID, 2025); r == nil || r.Level != domain.LevelGood {
		t.Errorf("the choice again: %+v", r)
	}
}

// TestAnOrgRenamedElsewhereIsNotRenamedOver: the rename dialog of a cell
// that another office renamed since the tree showed it saves nothing, says
// who renamed it and both names, and the tree shows the stored name.
func TestAnOrgRenamedElsewhereIsNotRenamedOver(t *testing.T) {
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	g.ui.Orgs.Tree.Select(uid(g.cell2.ID))
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetSetting(ctx, "user_name", "Chị Lan")
	if err := other.RenameOrg(ctx, g.cell2.ID, "Chi bộ Tổ dân phố 2", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	g.ui.Orgs.renameDialog()
	form := g.ui.Window.Canvas().Overlays().Top()
	var name *Entry
	walkObjects(form, func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok && name == nil {
			name = e
		}
	})
	if name == nil || name.Text != "Chi bộ Khu dân cư số 2" {
		t.Fatalf("the rename form shows %v: %q (%T)", name, texts(form), form)
	}
	name.SetText("Chi bộ Khu dân cư số 2 (mới)")
	tapButton(t, form, T("Save"))
	top := g.ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "Chi bộ Tổ dân phố 2 đã được Chị Lan sửa lúc") ||
		!strings.Contains(texts(top), "Tên: đang lưu “Chi bộ Tổ dân phố 2”, bạn nhập “Chi bộ Khu dân cư số 2 (mới)”") {
		t.Fatalf("the window says %q", texts(top))
	}
	if o, _ := g.db.Org(ctx, g.cell2.ID); o.Name != "Chi bộ Tổ dân phố 2" {
		t.Errorf("renamed over: %q", o.Name)
	}
	if o := g.ui.Orgs.tree.Org(g.cell2.ID); o == nil || o.Name != "Chi bộ Tổ dân phố 2" {
		t.Errorf("the tree shows %+v", o)
	}
}

// TestTheWindowOfAWardsRole opens the window as an office's role granted
// one ward (xeploai grant): the tree holds the district above it and the
// ward's own organisations, not the other ward; the ward's members are
// listed and rated; nothing is said wrong on the way.
func TestTheWindowOfAWardsRole(t *testing.T) {
	t.Setenv("LANG", "vi_VN.UTF-8")
	c, err := pgtest.Shared()
	if err != nil {
		t.Fatal(err)
	}
	u := pgtest.Database(t)
	owner, err := store.OpenPostgres(u)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	mk := func(name string, kind domain.OrgKind, parent int64) *domain.Org {
		o := &domain.Org{Name: name, Kind: kind, ParentID: parent}
		if err := owner.CreateOrg(ctx, o); err != nil {
			t.Fatal(err)
		}
		return o
	}
	top := mk("Đảng bộ quận Sơn Trà", domain.KindSuperior, 0)
	wardA := mk("Đảng bộ phường An Hải Bắc", domain.KindGrassrootsCommittee, top.ID)
	cellA := mk("Chi bộ Khu dân cư số 1", domain.KindCell, wardA.ID)
	wardB := mk("Đảng bộ phường Phước Mỹ", domain.KindGrassrootsCommittee, top.ID)
	cellB := mk("Chi bộ Khu dân cư số 5", domain.KindCell, wardB.ID)
	for _, m := range []*domain.Member{
		{FullName: "Trần Văn An", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 2, 3), CellID: cellA.ID},
		{FullName: "Phạm Văn Bình", BirthDate: domain.NewDate(1981, 1, 1), AdmittedOn: domain.NewDate(2006, 2, 3), CellID: cellB.ID},
	} {
		if err := owner.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	role := u[strings.LastIndex(u, "/")+1:strings.Index(u, "?")] + "_phuong"
	if err := c.Exec(`CREATE ROLE ` + role + ` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.DropDatabase(u)
		c.Exec(`DROP ROLE IF EXISTS ` + role)
	})
	if _, err := owner.GrantScope(ctx, role, wardA.Code, false); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenPostgres(strings.Replace(u, "postgres://postgres@", "postgres://"+role+"@", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ui := New(test.NewTempApp(t), db, Options{Version: "test"})
	ui.Window.Resize(fyne.NewSize(1200, 800))
	if top := ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the window opens saying %q", texts(top))
	}
	tree := ui.Orgs.tree
	if tree.Org(top.ID) == nil || tree.Org(wardA.ID) == nil || tree.Org(cellA.ID) == nil || tree.Org(wardB.ID) != nil || tree.Org(cellB.ID) != nil {
		t.Errorf("the ward's tree: top %v, ward A %v, cell A %v, ward B %v, cell B %v",
			tree.Org(top.ID) != nil, tree.Org(wardA.ID) != nil, tree.Org(cellA.ID) != nil, tree.Org(wardB.ID) != nil, tree.Org(cellB.ID) != nil)
	}
	ui.Tabs.SelectIndex(1)
	ui.Orgs.Tree.Select(uid(cellA.ID))
	v := ui.Ratings
	v.Year.SetSelected("2025")
	ui.Window.Canvas().Focus(v.Grid)
	if len(v.Rows) != 1 || v.Rows[0].Name != "Trần Văn An" {
		t.Fatalf("the ward's sheet: %+v", v.Rows)
	}
	test.Type(v.Grid, "2")
	if top := ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a rating key says %q", texts(top))
	}
	if rs, _ := owner.MemberRatings(ctx, v.Rows[0].MemberID); len(rs) != 1 || rs[0].Level != domain.LevelGood {
		t.Errorf("the ward's key stored %+v", rs)
	}
}

// TestAnAwardFormRefusedKeepsWhatWasTyped: another window saves the award
// while its form is open here; the save here is refused saying who and
// when, and the form opens again over the award as it now is, with what
// was typed here and theirs in the fields left alone; saving it then keeps
// both.
func TestAnAwardFormRefusedKeepsWhatWasTyped(t *testing.T) {
	g := newGiven(t)
	t.Setenv("LANG", "vi_VN.UTF-8")
	m := g.member("Lý Thị Khen", g.cell1)
	a := &domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Content: "Giấy khen 2024", Year: 2024, DecisionNo: "12-QĐ/ĐU"}
	if err := g.db.CreateAward(ctx, a); err != nil {
		t.Fatal(err)
	}
	loaded, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID})
	g.ui.Awards.awardDialog(&loaded[0], nil)
	form := g.ui.Window.Canvas().Overlays().Top()
	other, err := store.Open(g.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	theirs := loaded[0]
	theirs.DecisionNo = "15-QĐ/ĐU"
	if err := other.UpdateAward(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	// Here: the issuer (the last field) typed, then Lưu.
	es := entriesIn(form)
	es[len(es)-1].SetText("Đảng ủy phường")
	tapButton(t, form, T("Save"))
	if text := texts(g.ui.Window.Canvas().Overlays().Top()); !strings.Contains(text, "Giấy khen 2024 (Lý Thị Khen) đã được") {
		t.Fatalf("the refusal says %q", text)
	}
	if as, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID}); as[0].Issuer != "" || as[0].DecisionNo != "15-QĐ/ĐU" {
		t.Fatalf("the refused save wrote %+v", as[0])
	}
	g.ui.Window.Canvas().Overlays().Top().Hide() // the notice
	again := g.ui.Window.Canvas().Overlays().Top()
	es = entriesIn(again)
	var shown []string
	for _, e := range es {
		shown = append(shown, e.Text)
	}
	if joined := strings.Join(shown, "|"); !strings.Contains(joined, "Đảng ủy phường") || !strings.Contains(joined, "15-QĐ/ĐU") {
		t.Fatalf("the form again shows %q; want what was typed and their decision number", joined)
	}
	tapButton(t, again, T("Save"))
	if as, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID}); as[0].Issuer != "Đảng ủy phường" || as[0].DecisionNo != "15-QĐ/ĐU" {
		t.Errorf("saved again: %+v", as[0])
	}
}
