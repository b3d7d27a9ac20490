package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xeploai/domain"
)

var ctx = context.Background()

func openTemp(t *testing.T) *DB {
	t.Helper()
	if onPostgres(t) {
		return openPG(t)
	}
	db, err := Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fixture is a small tree: a superior committee, a grassroots committee
// with two cells, and a grassroots cell.
type fixture struct {
	db                          *DB
	top, ward, cell1, cell2, gc *domain.Org
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return fixtureOn(t, openTemp(t))
}

// fixtureOn makes the fixture's tree in db.
func fixtureOn(t *testing.T, db *DB) *fixture {
	t.Helper()
	f := &fixture{db: db}
	mk := func(name string, kind domain.OrgKind, parent *domain.Org) *domain.Org {
		o := &domain.Org{Name: name, Kind: kind}
		if parent != nil {
			o.ParentID = parent.ID
		}
		if err := f.db.CreateOrg(ctx, o); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		return o
	}
	f.top = mk("Đảng bộ quận Sơn Trà", domain.KindSuperior, nil)
	f.ward = mk("Đảng bộ phường An Hải Bắc", domain.KindGrassrootsCommittee, f.top)
	f.cell1 = mk("Chi bộ Khu dân cư số 1", domain.KindCell, f.ward)
	f.cell2 = mk("Chi bộ Khu dân cư số 2", domain.KindCell, f.ward)
	f.gc = mk("Chi bộ Trường THPT Hoàng Hoa Thám", domain.KindGrassrootsCell, f.top)
	return f
}

func (f *fixture) member(t *testing.T, name, card string, cell *domain.Org) *domain.Member {
	t.Helper()
	m := &domain.Member{FullName: name, BirthDate: domain.NewDate(1970, 1, 2), AdmittedOn: domain.NewDate(1995, 2, 3),
		OfficialOn: domain.NewDate(1996, 2, 3), CardNo: card, CellID: cell.ID}
	if err := f.db.CreateMember(ctx, m); err != nil {
		t.Fatalf("create member %s: %v", name, err)
	}
	return m
}

func TestOpenCreatesSchemaAndFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	var n int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != SchemaVersion() {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, SchemaVersion())
	}
	for _, pragma := range []struct{ name, want string }{{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"synchronous", "2"}, {"busy_timeout", "10000"}} {
		var got string
		if err := db.read.QueryRow("PRAGMA " + pragma.name).Scan(&got); err != nil || got != pragma.want {
			t.Errorf("read pool PRAGMA %s = %q (%v), want %q", pragma.name, got, err, pragma.want)
		}
		if err := db.write.QueryRow("PRAGMA " + pragma.name).Scan(&got); err != nil || got != pragma.want {
			t.Errorf("write pool PRAGMA %s = %q (%v), want %q", pragma.name, got, err, pragma.want)
		}
	}
	db.Close()
	// Reopening migrates nothing more and keeps data.
	db2, err := Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	db2.Close()
}

func TestOpenRefusesNonDatabaseUntouched(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"notes.txt":  []byte("Danh sách đảng viên\n1. Nguyễn Văn A\n"),
		"short.bin":  []byte("SQLite"),
		"excel.xlsx": append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 200)...),
	}
	for name, content := range cases {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(path)
		if !errors.Is(err, ErrNotDatabase) || domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: error %v, want ErrNotDatabase", name, err)
		}
		if !strings.Contains(err.Error(), "không phải là tệp dữ liệu") {
			t.Errorf("%s: message %q is not the Vietnamese one", name, err)
		}
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, content) {
			t.Errorf("%s was modified", name)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("%s: a -wal file was created", name)
		}
	}
}

func copyDB(t *testing.T, db *DB) []byte {
	t.Helper()
	// Checkpoint so the main file holds everything.
	if _, err := db.write.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenRefusesNewerSchemaUntouched(t *testing.T) {
	db := openTemp(t)
	if _, err := db.write.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
		t.Fatal(err)
	}
	content := copyDB(t, db)
	path := db.Path()
	db.Close()
	_, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "phiên bản xeploai mới hơn") {
		t.Fatalf("error %v, want ErrNewerSchema with a Vietnamese message", err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, content) {
		t.Error("newer database was modified")
	}
}

func TestOpenRefusesNewerSchemaInMigrationsTable(t *testing.T) {
	db := openTemp(t)
	if _, err := db.write.Exec(`INSERT INTO schema_migrations (version, name) VALUES (99, 'future')`); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	if _, err := Open(path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("error %v, want ErrNewerSchema", err)
	}
}

func TestOpenRefusesTruncatedUntouched(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 200; i++ {
		f.member(t, "Trần Thị Lan "+strings.Repeat("A", i%5), "", f.cell1)
	}
	if _, err := f.db.write.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
		t.Fatal(err)
	}
	content := copyDB(t, f.db)
	f.db.Close()
	path := filepath.Join(t.TempDir(), "cut.db")
	cut := content[:len(content)/2]
	if err := os.WriteFile(path, cut, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "bị cắt cụt hoặc hỏng") {
		t.Fatalf("error %v, want ErrDamaged", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, cut) {
		t.Error("truncated database was modified")
	}
}

func TestMemberValidationThroughStore(t *testing.T) { onBoth(t, testMemberValidationThroughStore) }

func testMemberValidationThroughStore(t *testing.T) {
	f := newFixture(t)
	f.member(t, "Nguyễn Văn Đức", "12345678", f.cell1)
	tests := []struct {
		name  string
		m     domain.Member
		code  domain.Code
		field string
		msg   string
	}{
		{"duplicate card", domain.Member{FullName: "Lê Văn Tám", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 1, 1), CardNo: "12345678", CellID: f.cell2.ID},
			domain.ECONFLICT, "Số thẻ đảng viên", "đã thuộc về đảng viên Nguyễn Văn Đức (sinh 02/01/1970)"},
		{"member in a committee", domain.Member{FullName: "Lê Văn Tám", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 1, 1), CellID: f.ward.ID},
			domain.EINVALID, "Chi bộ", "không trực tiếp quản lý đảng viên"},
		{"official before admission", domain.Member{FullName: "Lê Văn Tám", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 1, 1), OfficialOn: domain.NewDate(2004, 1, 1), CellID: f.cell1.ID},
			domain.EINVALID, "Ngày chính thức", "trước ngày vào Đảng"},
		{"card not digits", domain.Member{FullName: "Lê Văn Tám", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 1, 1), CardNo: "AB123", CellID: f.cell1.ID},
			domain.EINVALID, "Số thẻ đảng viên", "chỉ được gồm chữ số"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			err := f.db.CreateMember(ctx, &m)
			if domain.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.field) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %v (code %v), want %v naming %s: %s", err, domain.ErrorCode(err), tt.code, tt.field, tt.msg)
			}
		})
	}
	n, _ := f.db.CountMembers(ctx, MemberQuery{})
	if n != 1 {
		t.Errorf("%d members stored, want 1", n)
	}
}

func TestRatingBeforeAdmissionRefused(t *testing.T) { onBoth(t, testRatingBeforeAdmissionRefused) }

func testRatingBeforeAdmissionRefused(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Nguyễn Văn Đức", "", f.cell1)
	err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 1994, Level: domain.LevelGood}})
	if err == nil || !strings.Contains(err.Error(), "trước năm vào Đảng") {
		t.Fatalf("error %v, want a rating before admission refused", err)
	}
	if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	rs, _ := f.db.MemberRatings(ctx, m.ID)
	if len(rs) != 1 || rs[0].OrgID != f.cell1.ID || rs[0].Level != domain.LevelGood {
		t.Errorf("ratings %+v, want one good rating in cell 1", rs)
	}
}

func TestTransferKeepsRatingWithOldCell(t *testing.T) { onBoth(t, testTransferKeepsRatingWithOldCell) }

func testTransferKeepsRatingWithOldCell(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Phạm Thị Hoa", "", f.cell1)
	if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.TransferMember(ctx, m.ID, f.cell2.ID, domain.NewDate(2022, 3, 1)); err != nil {
		t.Fatal(err)
	}
	if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2022, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	rs, _ := f.db.MemberRatings(ctx, m.ID)
	if len(rs) != 2 || rs[0].OrgID != f.cell2.ID || rs[1].OrgID != f.cell1.ID {
		t.Fatalf("ratings %+v: want 2022 in cell 2 and 2021 in cell 1", rs)
	}
	ms, _ := f.db.Memberships(ctx, m.ID)
	if len(ms) != 2 || ms[0].To != domain.NewDate(2022, 3, 1) || ms[1].OrgID != f.cell2.ID {
		t.Errorf("memberships %+v", ms)
	}
}

func TestOrgHistoryRenameMoveMerge(t *testing.T) { onBoth(t, testOrgHistoryRenameMoveMerge) }

func testOrgHistoryRenameMoveMerge(t *testing.T) {
	f := newFixture(t)
	ward2 := &domain.Org{Name: "Đảng bộ phường An Hải Tây", Kind: domain.KindGrassrootsCommittee, ParentID: f.top.ID}
	if err := f.db.CreateOrg(ctx, ward2); err != nil {
		t.Fatal(err)
	}
	m := f.member(t, "Võ Văn Kiệt", "", f.cell2)
	if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RenameOrg(ctx, f.cell2.ID, "Chi bộ Tổ dân phố 2", domain.NewDate(2023, 1, 1)); err != nil {
		t.Fatal(err)
	}
	if err := f.db.MoveOrg(ctx, f.cell2.ID, ward2.ID, domain.NewDate(2023, 1, 1)); err != nil {
		t.Fatal(err)
	}
	old, _ := f.db.Tree(ctx, domain.YearEnd(2021))
	now, _ := f.db.Tree(ctx, domain.Date{})
	if got := old.Path(f.cell2.ID); got != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 2" {
		t.Errorf("2021 path %q", got)
	}
	if got := now.Path(f.cell2.ID); got != "Đảng bộ phường An Hải Tây › Chi bộ Tổ dân phố 2" {
		t.Errorf("current path %q", got)
	}
	// The 2021 rating still counts under An Hải Bắc.
	s, err := f.db.Summary(ctx, 2021, f.ward.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Group(domain.GroupMembers).Levels[domain.LevelGood]; got != 1 {
		t.Errorf("An Hải Bắc 2021 members good = %d, want 1", got)
	}
	// Moving an organisation under its own child is refused.
	if err := f.db.MoveOrg(ctx, f.ward.ID, f.cell1.ID, domain.Date{}); err == nil {
		t.Error("moved a committee under its own cell")
	}
	// Merge cell 1 into cell 2: the member list moves, cell 1 is dissolved.
	m1 := f.member(t, "Đỗ Thị Mai", "", f.cell1)
	if err := f.db.MergeOrg(ctx, f.cell1.ID, f.cell2.ID, domain.NewDate(2024, 6, 1)); err != nil {
		t.Fatal(err)
	}
	got, _ := f.db.Member(ctx, m1.ID)
	c1, _ := f.db.Org(ctx, f.cell1.ID)
	if got.CellID != f.cell2.ID || c1.DissolvedOn != domain.NewDate(2024, 6, 1) || c1.MergedInto != f.cell2.ID {
		t.Errorf("after merge: member in %d, cell 1 %+v", got.CellID, c1)
	}
	// A committee with cells cannot simply be dissolved.
	if err := f.db.DissolveOrg(ctx, ward2.ID, domain.Date{}); err == nil || !strings.Contains(err.Error(), "còn 0 đảng viên và 1 tổ chức trực thuộc") {
		t.Errorf("dissolving a committee with a cell: %v", err)
	}
	// An Hải Bắc has nothing left under it and can be.
	if err := f.db.DissolveOrg(ctx, f.ward.ID, domain.Date{}); err != nil {
		t.Errorf("dissolving an empty committee: %v", err)
	}
}

func TestSummaryCountsGroups(t *testing.T) { onBoth(t, testSummaryCountsGroups) }

func testSummaryCountsGroups(t *testing.T) {
	f := newFixture(t)
	levels := []domain.Level{domain.LevelExcellent, domain.LevelGood, domain.LevelGood, domain.LevelCompleted}
	for i, l := range levels {
		m := f.member(t, "Đảng viên "+string(rune('A'+i)), "", f.cell1)
		if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, Level: l}}); err != nil {
			t.Fatal(err)
		}
	}
	m := f.member(t, "Đảng viên miễn", "", f.gc)
	if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2021, NotRatedReason: "Miễn sinh hoạt"}}); err != nil {
		t.Fatal(err)
	}
	for org, l := range map[int64]domain.Level{f.ward.ID: domain.LevelExcellent, f.gc.ID: domain.LevelGood, f.cell1.ID: domain.LevelGood, f.cell2.ID: domain.LevelCompleted, f.top.ID: domain.LevelGood} {
		if err := f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: org, Rating: domain.Rating{Year: 2021, Level: l}}); err != nil {
			t.Fatal(err)
		}
	}
	s, err := f.db.Summary(ctx, 2021, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.Org != "Đảng bộ quận Sơn Trà" {
		t.Errorf("org %q", s.Org)
	}
	g := s.Group(domain.GroupGrassroots)
	if g.Total != 2 || g.Levels[domain.LevelExcellent] != 1 || g.Levels[domain.LevelGood] != 1 {
		t.Errorf("grassroots %+v", g)
	}
	c := s.Group(domain.GroupCells)
	if c.Total != 2 || c.Levels[domain.LevelGood] != 1 || c.Levels[domain.LevelCompleted] != 1 {
		t.Errorf("cells %+v", c)
	}
	mg := s.Group(domain.GroupMembers)
	if mg.Total != 5 || mg.Levels[domain.LevelGood] != 2 || mg.NotRated != 1 || mg.Reasons["Miễn sinh hoạt"] != 1 {
		t.Errorf("members %+v", mg)
	}
	if len(s.ByGrassroots) != 2 || s.ByGrassroots[0].Name != "Chi bộ Trường THPT Hoàng Hoa Thám" || s.ByGrassroots[1].Members.Total != 4 {
		t.Errorf("breakdown %+v", s.ByGrassroots)
	}
	// Scoped to the ward: its own rating, its cells and its members.
	s, _ = f.db.Summary(ctx, 2021, f.ward.ID)
	if s.Group(domain.GroupGrassroots).Total != 1 || s.Group(domain.GroupMembers).Total != 4 {
		t.Errorf("ward summary %+v", s.Groups)
	}
	// Another year is empty.
	s, _ = f.db.Summary(ctx, 2020, 0)
	if s.Group(domain.GroupMembers).Total != 0 {
		t.Errorf("2020 has members rated")
	}
}

func TestResolveOrg(t *testing.T) { onBoth(t, testResolveOrg) }

func testResolveOrg(t *testing.T) {
	f := newFixture(t)
	other := &domain.Org{Name: "Đảng bộ phường Thọ Quang", Kind: domain.KindGrassrootsCommittee, ParentID: f.top.ID, Code: "TQ"}
	if err := f.db.CreateOrg(ctx, other); err != nil {
		t.Fatal(err)
	}
	dup := &domain.Org{Name: "Chi bộ Khu dân cư số 1", Kind: domain.KindCell, ParentID: other.ID}
	if err := f.db.CreateOrg(ctx, dup); err != nil {
		t.Fatal(err)
	}
	if o, err := f.db.ResolveOrg(ctx, "tq"); err != nil || o.ID != other.ID {
		t.Errorf("by code: %v %v", o, err)
	}
	if o, err := f.db.ResolveOrg(ctx, "dang bo phuong an hai bac"); err != nil || o.ID != f.ward.ID {
		t.Errorf("by folded name: %v %v", o, err)
	}
	_, err := f.db.ResolveOrg(ctx, "Chi bộ Khu dân cư số 1")
	if err == nil || !strings.Contains(err.Error(), "có 2 tổ chức") || !strings.Contains(err.Error(), "thuộc Đảng bộ phường Thọ Quang") {
		t.Errorf("ambiguous name: %v", err)
	}
	if _, err := f.db.ResolveOrg(ctx, "Không có"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown: %v", err)
	}
	// Duplicate code refused.
	bad := &domain.Org{Name: "X", Kind: domain.KindGrassrootsCommittee, Code: "TQ"}
	if err := f.db.CreateOrg(ctx, bad); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("duplicate code: %v", err)
	}
}

func TestTreeCacheSeesEveryWrite(t *testing.T) { onBoth(t, testTreeCacheSeesEveryWrite) }

func testTreeCacheSeesEveryWrite(t *testing.T) {
	f := newFixture(t)
	before, _ := f.db.Tree(ctx, domain.Date{})
	again, _ := f.db.Tree(ctx, domain.Date{})
	if before != again {
		t.Error("the tree was built twice with nothing written between")
	}
	// A write through this handle.
	f.db.CreateOrg(ctx, &domain.Org{Name: "Chi bộ mới", Kind: domain.KindCell, ParentID: f.ward.ID})
	after, _ := f.db.Tree(ctx, domain.Date{})
	if after.Len() != before.Len()+1 {
		t.Errorf("tree has %d organisations after adding one to %d", after.Len(), before.Len())
	}
	// A write by another process (another handle on the same file).
	other, err := OpenTarget(f.db.Path(), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.RenameOrg(ctx, f.cell1.ID, "Chi bộ Tổ dân phố 1", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	seen, _ := f.db.Tree(ctx, domain.Date{})
	if got := seen.Org(f.cell1.ID).Name; got != "Chi bộ Tổ dân phố 1" {
		t.Errorf("another writer's rename not seen: %q", got)
	}
}

func TestBackupRestore(t *testing.T) {
	f := newFixture(t)
	f.member(t, "Nguyễn Văn Đức", "12345678", f.cell1)
	dir := filepath.Join(t.TempDir(), "backups")
	f.db.SetSetting(ctx, SettingBackupKeep, "2")
	var made []string
	for i := 0; i < 3; i++ {
		p, err := f.db.BackupTo(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	left, _ := Backups(dir, f.db.Path())
	if len(left) != 2 || left[0] != made[2] {
		t.Errorf("kept %v, want the newest two of %v", left, made)
	}
	if st, _ := os.Stat(left[0]); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", st.Mode().Perm())
	}
	if p, err := f.db.BackupIfOld(ctx, dir, time.Hour); err != nil || p != "" {
		t.Errorf("a fresh backup exists, yet BackupIfOld made %q (%v)", p, err)
	}
	// The backup holds the data.
	b, err := Open(left[0])
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := b.CountMembers(ctx, MemberQuery{}); n != 1 {
		t.Errorf("backup holds %d members", n)
	}
	b.Close()
	// Change the live database, then restore the backup over it.
	f.member(t, "Lê Thị Hoa", "", f.cell1)
	dbPath := f.db.Path()
	f.db.Close()
	saved, err := Restore(ctx, dbPath, left[0], dir)
	if err != nil {
		t.Fatal(err)
	}
	if saved == "" {
		t.Error("restore did not back up the current database first")
	}
	r, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountMembers(ctx, MemberQuery{}); n != 1 {
		t.Errorf("restored database has %d members, want 1", n)
	}
	// A damaged or foreign file is refused and nothing changes.
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("not a database at all"), 0o600)
	if _, err := Restore(ctx, dbPath, bad, dir); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("restore of junk: %v", err)
	}
	if n, _ := r.CountMembers(ctx, MemberQuery{}); n != 1 {
		t.Errorf("database changed by a refused restore")
	}
}
