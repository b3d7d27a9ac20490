package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// TestHistoryTriggersCoverEveryColumn fails when a migration adds a column
// to a record table without logging it: undo would then lose that column.
func TestHistoryTriggersCoverEveryColumn(t *testing.T) {
	db := openTemp(t)
	for table := range historyTables {
		info, err := db.loadTableInfo(ctx, db.read, table)
		if err != nil {
			t.Fatal(err)
		}
		ops := []string{"ai", "au", "ad"}
		if table == "trash" {
			ops = []string{"ai", "ad"}
		}
		for _, op := range ops {
			var sql string
			if err := db.read.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, "history_"+table+"_"+op).Scan(&sql); err != nil {
				t.Fatalf("trigger history_%s_%s: %v", table, op, err)
			}
			for _, c := range info.cols {
				for _, row := range map[string][]string{"ai": {"new"}, "au": {"old", "new"}, "ad": {"old"}}[op] {
					if !regexp.MustCompile(fmt.Sprintf(`'%s', %s\.%s\b`, c, row, c)).MatchString(sql) {
						t.Errorf("trigger history_%s_%s does not log %s.%s", table, op, row, c)
					}
				}
			}
		}
	}
	// And every table with rows of records is logged.
	rows, err := db.read.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'search%' AND name NOT IN ('steps', 'changes', 'settings', 'schema_migrations')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if !historyTables[name] {
			t.Errorf("table %s is not in the history", name)
		}
	}
}

// dump reads every record table in a stable order, for comparing states.
func dump(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for table := range historyTables {
		info, err := db.loadTableInfo(ctx, db.read, table)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.read.QueryContext(ctx, `SELECT `+info.rowJSON()+` FROM `+table+` ORDER BY `+strings.Join(info.pk, ", "))
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out[table] = append(out[table], withoutVersion(t, s))
		}
		rows.Close()
	}
	return out
}

// withoutVersion is a row as the server logs it (row_to_json) without its
// version, which counts on through undo and redo: the fields are what a
// dump compares.
func withoutVersion(t *testing.T, row string) string {
	if !strings.Contains(row, `"version"`) {
		return row
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(row), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, versionCol)
	b, _ := json.Marshal(m)
	return string(b)
}

func TestHistoryRecordsWhoWhatOldNew(t *testing.T) { onBoth(t, testHistoryRecordsWhoWhatOldNew) }

func testHistoryRecordsWhoWhatOldNew(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Nguyễn Văn An", "001", f.cell1)
	nameThePerson(f.db, "Chị Hoa (Ban Tổ chức)")
	m.FullName, m.HomeTown = "Nguyễn Văn Ân", "Hội An"
	if err := f.db.UpdateMember(ctx, m, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	// A refused change leaves no trace.
	bad := *m
	bad.BirthDate = domain.Date{}
	if err := f.db.UpdateMember(ctx, &bad, domain.Date{}); err == nil {
		t.Fatal("an invalid member was stored")
	}
	hist, err := f.db.History(ctx, HistoryQuery{MemberID: m.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 { // update; create's member and membership rows
		t.Fatalf("history has %d changes, want 3: %+v", len(hist), hist)
	}
	up := hist[0]
	if up.Step.Action != "member.update" || up.Step.Who != "Chị Hoa (Ban Tổ chức)" || up.Step.Subject != "Nguyễn Văn Ân" || up.Op != "update" {
		t.Errorf("newest change = %+v", up)
	}
	want := []FieldChange{{Field: "full_name", Old: "Nguyễn Văn An", New: "Nguyễn Văn Ân"}, {Field: "home_town", Old: "", New: "Hội An"}} // column order
	if !reflect.DeepEqual(up.Fields, want) {
		t.Errorf("fields = %+v, want %+v", up.Fields, want)
	}
	if hist[2].Step.Who != currentUser() || hist[2].Op != "insert" {
		t.Errorf("the creation is %+v, want by %s", hist[2], currentUser())
	}
	if lbl := up.Step.Label(); lbl != "Sửa đảng viên Nguyễn Văn Ân" {
		t.Errorf("label %q", lbl)
	}
	// An organisation's history: its creation and a rename.
	if err := f.db.RenameOrg(ctx, f.cell2.ID, "Chi bộ Tổ 2", domain.NewDate(2024, 1, 1)); err != nil {
		t.Fatal(err)
	}
	oh, err := f.db.History(ctx, HistoryQuery{OrgID: f.cell2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(oh) != 3 || oh[0].Step.Action != "org.rename" {
		t.Fatalf("org history = %+v", oh)
	}
}

func TestUndoRedoSteps(t *testing.T) { onBoth(t, testUndoRedoSteps) }

func testUndoRedoSteps(t *testing.T) {
	f := newFixture(t)
	db := f.db
	a := f.member(t, "Trần Thị Bình", "101", f.cell1)
	before := dump(t, db)

	// A transfer is one step.
	if err := db.TransferMember(ctx, a.ID, f.cell2.ID, domain.NewDate(2025, 3, 1)); err != nil {
		t.Fatal(err)
	}
	after := dump(t, db)
	undo, redo, err := db.UndoRedo(ctx)
	if err != nil || undo == nil || undo.Action != "member.transfer" || redo != nil {
		t.Fatalf("UndoRedo = %+v, %+v, %v", undo, redo, err)
	}
	if s, err := db.Undo(ctx); err != nil || s == nil || s.Action != "member.transfer" {
		t.Fatalf("undo = %+v, %v", s, err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, before) {
		t.Fatalf("after undo:\n%v\nwant\n%v", got, before)
	}
	if s, err := db.Redo(ctx); err != nil || s == nil {
		t.Fatalf("redo = %+v, %v", s, err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, after) {
		t.Fatalf("after redo:\n%v\nwant\n%v", got, after)
	}
	if s, _ := db.Redo(ctx); s != nil {
		t.Fatalf("redo twice redid %+v", s)
	}

	// A rating-entry session is one step; a new change ends the redo.
	sess := WithGroup(ctx, NewGroup("ratings"), "Chi bộ Khu dân cư số 2 — 2025")
	b := f.member(t, "Lê Văn Cường", "102", f.cell2)
	preRatings := dump(t, db)
	for _, r := range []domain.MemberRating{{MemberID: a.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}, {MemberID: b.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}},
		{MemberID: a.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelCompleted}}} {
		if err := db.SetMemberRating(sess, &r); err != nil {
			t.Fatal(err)
		}
	}
	if s, err := db.Undo(ctx); err != nil || s == nil || s.Subject != "Chi bộ Khu dân cư số 2 — 2025" || s.Changes != 3 {
		t.Fatalf("undo of the session = %+v, %v", s, err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, preRatings) {
		t.Fatal("the rating session was not wholly undone")
	}
	if err := db.SetMemberRating(ctx, &domain.MemberRating{MemberID: b.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	if _, redo, _ := db.UndoRedo(ctx); redo != nil {
		t.Errorf("a new change left redo of %+v", redo)
	}

	// Undo reaches back to the creation of a member, and no further than
	// what the history holds.
	for i := 0; i < 20; i++ {
		if s, err := db.Undo(ctx); err != nil {
			t.Fatal(err)
		} else if s == nil {
			break
		}
	}
	if n, _ := db.CountMembers(ctx, MemberQuery{}); n != 0 {
		t.Errorf("%d members after undoing everything", n)
	}
	if orgs, _ := db.Orgs(ctx); len(orgs) != 0 {
		t.Errorf("%d organisations after undoing everything", len(orgs))
	}
	steps, _ := db.Steps(ctx, 0)
	if len(steps) == 0 || steps[0].Action != "undo" {
		t.Errorf("undo steps are not in the history: %+v", steps)
	}
}

func TestUndoImportIsOneStepAndRefusesAChangedRow(t *testing.T) {
	onBoth(t, testUndoImportIsOneStepAndRefusesAChangedRow)
}

func testUndoImportIsOneStepAndRefusesAChangedRow(t *testing.T) {
	f := newFixture(t)
	db := f.db
	before := dump(t, db)
	b := &domain.Batch{Source: "ds.xlsx"}
	for i := 0; i < 30; i++ {
		b.Members = append(b.Members, domain.MemberRow{Src: domain.RowSource{Sheet: "DangVien", Row: i + 2, Cols: map[string]string{}},
			Member: domain.Member{FullName: fmt.Sprintf("Phạm Văn Số %d", i), BirthDate: domain.NewDate(1960, 1, 1+i%28), AdmittedOn: domain.NewDate(2001, 1, 1)},
			Cell:   domain.OrgRef{Ref: f.cell1.Name}})
	}
	if _, err := db.Import(ctx, b, false); err != nil {
		t.Fatal(err)
	}
	undo, _, _ := db.UndoRedo(ctx)
	if undo == nil || undo.Action != "import" || undo.Subject != "ds.xlsx" || undo.Changes != 60 {
		t.Fatalf("undo target = %+v", undo)
	}
	// Someone changes an imported row outside the history (another tool):
	// undo must not overwrite it.
	var trigger string
	db.read.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'history_members_au'`).Scan(&trigger)
	outside := func(update string) []string {
		if onPostgres(t) {
			return []string{`ALTER TABLE members DISABLE TRIGGER history`, update, `ALTER TABLE members ENABLE TRIGGER history`}
		}
		return []string{`DROP TRIGGER history_members_au`, update, trigger}
	}
	for _, q := range outside(`UPDATE members SET note = 'sửa tay' WHERE full_name IN ('Phạm Văn Số 7', 'Phạm Văn Số 9')`) {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	mid := dump(t, db)
	if _, err := db.Undo(ctx); domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "Nhập tệp ds.xlsx") ||
		!strings.Contains(err.Error(), "đảng viên Phạm Văn Số 9 đã được sửa") || !strings.Contains(err.Error(), "; 1 bản ghi khác của bước này") {
		t.Fatalf("undo over a changed row: %v", err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, mid) {
		t.Fatal("a refused undo wrote something")
	}
	for _, q := range outside(`UPDATE members SET note = '' WHERE full_name IN ('Phạm Văn Số 7', 'Phạm Văn Số 9')`) {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, before) {
		t.Fatal("the import was not wholly undone")
	}
	q, _ := domain.ParseSearch("pham van so")
	if rs, _ := db.Search(ctx, q, 50); len(rs) != 0 {
		t.Errorf("search still finds %d undone members", len(rs))
	}
}

func TestTrash(t *testing.T) { onBoth(t, testTrash) }

func testTrash(t *testing.T) {
	f := newFixture(t)
	db := f.db
	m := f.member(t, "Hoàng Thị Dung", "201", f.cell1)
	if err := db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAward(ctx, &domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Content: "Giấy khen 5 năm", Year: 2024}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, db)
	if err := db.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Member(ctx, m.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("deleted member still there: %v", err)
	}
	if rs, _ := db.MemberRatings(ctx, m.ID); len(rs) != 0 {
		t.Error("the deleted member's ratings stayed")
	}
	items, err := db.Trash(ctx)
	if err != nil || len(items) != 1 || items[0].Name != "Hoàng Thị Dung" || items[0].Kind != "member" || !strings.Contains(items[0].Detail, "02/01/1970") {
		t.Fatalf("trash = %+v, %v", items, err)
	}
	if err := db.RestoreTrash(ctx, items[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, before) {
		t.Fatalf("restored:\n%v\nwant\n%v", got, before)
	}
	q, _ := domain.ParseSearch("hoang dung")
	if rs, _ := db.Search(ctx, q, 50); len(rs) != 1 {
		t.Errorf("search finds %d restored members", len(rs))
	}

	// An organisation that held members is dissolved, not deleted.
	if err := db.DeleteOrg(ctx, f.cell1.ID); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "Giải thể") {
		t.Errorf("deleting a cell with members: %v", err)
	}
	if err := db.DeleteOrg(ctx, f.cell2.ID); err != nil {
		t.Fatal(err)
	}
	// A member deleted, then its cell: restoring the member first is
	// refused with a message, restoring the cell first works.
	if err := db.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteOrg(ctx, f.cell1.ID); err != nil {
		t.Fatal(err)
	}
	items, _ = db.Trash(ctx)
	if len(items) != 3 || items[0].Name != f.cell1.Name {
		t.Fatalf("trash = %+v", items)
	}
	if err := db.RestoreTrash(ctx, items[1].ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("restoring a member of a deleted cell: %v", err)
	}
	for _, i := range []int{0, 1} {
		if err := db.RestoreTrash(ctx, items[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := db.Member(ctx, m.ID); got == nil || got.CellID != f.cell1.ID {
		t.Errorf("member after restore: %+v", got)
	}
	// A deleted member's id is never given to another, and its card number
	// taken by someone else stops its restoring with a message.
	if err := db.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	other := f.member(t, "Hoàng Thị Dung", "201", f.gc)
	if other.ID <= m.ID {
		t.Errorf("new member got id %d, the deleted one had %d", other.ID, m.ID)
	}
	items, _ = db.Trash(ctx)
	if err := db.RestoreTrash(ctx, items[0].ID); domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "số thẻ") {
		t.Errorf("restoring over a reused card number: %v", err)
	}
	items, _ = db.Trash(ctx)
	if err := db.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	if items, _ := db.Trash(ctx); len(items) != 0 {
		t.Errorf("emptied trash holds %d", len(items))
	}
	// Emptying is a step too: undo brings the items back.
	if _, err := db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if back, _ := db.Trash(ctx); len(back) != len(items) || len(items) != 2 {
		t.Errorf("undo of emptying: trash holds %d, held %d", len(back), len(items))
	}
}

// TestServerHistoryTriggerOnEveryTable is the server's side of
// TestHistoryTriggersCoverEveryColumn: its one trigger logs whole rows
// (row_to_json), so what matters is that every record table has it and
// every table with records is in the history.
func TestServerHistoryTriggerOnEveryTable(t *testing.T) {
	db := openPG(t)
	rows, err := db.read.QueryContext(ctx, `SELECT c.relname, EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'history' AND g.tgenabled = 'O')
		FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = to_regnamespace(current_schema())
		AND c.relname NOT IN ('steps', 'changes', 'settings', 'schema_migrations', 'search', 'scopes', 'scope_orgs') ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var name string
		var logged bool
		if err := rows.Scan(&name, &logged); err != nil {
			t.Fatal(err)
		}
		seen[name] = true
		if !historyTables[name] {
			t.Errorf("table %s is not in the history", name)
		}
		if !logged {
			t.Errorf("table %s has no history trigger", name)
		}
	}
	for table := range historyTables {
		if !seen[table] {
			t.Errorf("history table %s is missing on the server", table)
		}
	}
}

func TestRestoreAfterANewMemberTookTheRowIDs(t *testing.T) {
	onBoth(t, testRestoreAfterANewMemberTookTheRowIDs)
}

// testRestoreAfterANewMemberTookTheRowIDs: a member deleted by mistake, the
// right one added, then the first restored from the trash: both are there
// with their own periods and ratings (on a file the new member's rows took
// the deleted one's row ids), and the restore undoes and redoes.
func testRestoreAfterANewMemberTookTheRowIDs(t *testing.T) {
	f := newFixture(t)
	db := f.db
	a := f.member(t, "Hoàng Thị Dung", "201", f.cell1)
	rate := func(id int64, l domain.Level) {
		if err := db.SetMemberRating(ctx, &domain.MemberRating{MemberID: id, Rating: domain.Rating{Year: 2024, Level: l}}); err != nil {
			t.Fatal(err)
		}
	}
	rate(a.ID, domain.LevelExcellent)
	if err := db.DeleteMember(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	b := f.member(t, "Lê Văn Bình", "202", f.cell1)
	rate(b.ID, domain.LevelGood)
	items, err := db.Trash(ctx)
	if err != nil || len(items) != 1 {
		t.Fatalf("trash %v %v", items, err)
	}
	if err := db.RestoreTrash(ctx, items[0].ID); err != nil {
		t.Fatalf("restore: %v", err)
	}
	check := func(id int64, level domain.Level) {
		t.Helper()
		ms, err := db.Memberships(ctx, id)
		if err != nil || len(ms) != 1 || ms[0].OrgID != f.cell1.ID {
			t.Errorf("member %d periods %v %v", id, ms, err)
		}
		rs, err := db.MemberRatings(ctx, id)
		if err != nil || len(rs) != 1 || rs[0].Level != level {
			t.Errorf("member %d ratings %v %v", id, rs, err)
		}
	}
	check(a.ID, domain.LevelExcellent)
	check(b.ID, domain.LevelGood)
	if _, err := db.Undo(ctx); err != nil {
		t.Fatalf("undo the restore: %v", err)
	}
	if _, err := db.Member(ctx, a.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("after undo, the restored member: %v", err)
	}
	check(b.ID, domain.LevelGood)
	if _, err := db.Redo(ctx); err != nil {
		t.Fatalf("redo the restore: %v", err)
	}
	check(a.ID, domain.LevelExcellent)
	check(b.ID, domain.LevelGood)
}

// nameThePerson names whom the history records for db's changes, as the
// window's settings do: in a file's settings, or on a shared server this
// PC's own name.
func nameThePerson(db *DB, name string) {
	if db.Server() {
		db.SetUserName(name)
		return
	}
	if err := db.SetSetting(ctx, SettingUserName, name); err != nil {
		panic(err)
	}
}

// TestEachOfficeIsNamedByItsOwnPC: on a shared server the name the history
// records is each PC's own; a name another office (or an older version)
// stored in the shared settings names nobody else's changes.
func TestEachOfficeIsNamedByItsOwnPC(t *testing.T) {
	district, u := openPGAt(t)
	ward, err := OpenPostgres(u)
	if err != nil {
		t.Fatal(err)
	}
	defer ward.Close()
	must(t, district.SetSetting(ctx, SettingUserName, "Anh Đức (quận ủy)"))
	district.SetUserName("Anh Đức (quận ủy)")
	ward.SetUserName("Chị Lan (phường An Hải Bắc)")
	org := &domain.Org{Name: "Đảng bộ phường An Hải Bắc", Kind: domain.KindGrassrootsCommittee}
	must(t, ward.CreateOrg(ctx, org))
	must(t, district.RenameOrg(ctx, org.ID, "Đảng bộ phường An Hải Bắc (mới)", domain.Date{}))
	ward.SetUserName("")
	must(t, ward.RenameOrg(ctx, org.ID, "Đảng bộ phường An Hải Bắc", domain.Date{}))
	var got []string
	must(t, sqlrows.Each(ctx, district.read, `SELECT who FROM steps ORDER BY id`, nil, func(sc func(...any) error) error {
		var who string
		err := sc(&who)
		got = append(got, who)
		return err
	}))
	want := []string{"Chị Lan (phường An Hải Bắc)", "Anh Đức (quận ủy)", currentUser()}
	if !slices.Equal(got, want) {
		t.Errorf("the history names %q, want %q", got, want)
	}
}
