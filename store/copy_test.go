package store

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"xeploai/domain"
)

// canonical is dump with each row's JSON decoded and encoded again, so that
// SQLite's and PostgreSQL's spellings of the same values (80.0 and 80, key
// order) compare equal.
func canonical(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for table, rows := range dump(t, db) {
		for _, r := range rows {
			var v map[string]any
			if err := json.Unmarshal([]byte(r), &v); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			b, _ := json.Marshal(v)
			out[table] = append(out[table], string(b))
		}
	}
	return out
}

// history is what the history and the trash say, for comparing databases.
func history(t *testing.T, db *DB) string {
	t.Helper()
	steps, err := db.Steps(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	trash, err := db.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "%d %s %s %s %q undone=%v undoable=%v changes=%d\n", s.ID, s.At, s.Who, s.Action, s.Subject, s.Undone, s.Undoable, s.Changes)
	}
	for _, it := range trash {
		fmt.Fprintf(&b, "trash %+v\n", it)
	}
	return b.String()
}

func TestCopyBothWays(t *testing.T) {
	f := newFixture(t) // SQLite
	// (The deleted member first: SQLite gives a new row the highest id
	// again once the row that had it is deleted.)
	gone := f.member(t, "Lê Văn Xoá", "1003", f.cell2)
	a := f.member(t, "Nguyễn Văn Đức", "1001", f.cell1)
	b := f.member(t, "Trần Thị Bình", "1002", f.cell2)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: a.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent, Score: ptr(92.5)}}))
	must(f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: b.ID, Rating: domain.Rating{Year: 2025, NotRatedReason: "Miễn sinh hoạt đảng"}}))
	must(f.db.AddDiscipline(ctx, Discipline{OrgID: f.cell1.ID, On: domain.NewDate(2025, 5, 1), Form: "Khiển trách", SelfCorrected: true}))
	must(f.db.CreateAward(ctx, &domain.Award{MemberID: a.ID, Form: domain.FormCertificate, Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền", Year: 2025, DecisionNo: "127-QĐ/QU"}))
	must(f.db.DeleteMember(ctx, gone.ID))
	must(f.db.SetSetting(ctx, "user_name", "Chị Hoa"))
	must(f.db.TransferMember(ctx, b.ID, f.cell1.ID, domain.NewDate(2025, 6, 1)))
	if _, err := f.db.Undo(ctx); err != nil { // the transfer, undone: a redo waits
		t.Fatal(err)
	}
	want, wantHistory := canonical(t, f.db), history(t, f.db)

	// File → server.
	pg := openPG(t)
	if err := f.db.CopyInto(ctx, pg); err != nil {
		t.Fatal(err)
	}
	if got := canonical(t, pg); !reflect.DeepEqual(got, want) {
		t.Errorf("the server's records differ from the file's:\n got %v\nwant %v", got, want)
	}
	if got := history(t, pg); got != wantHistory {
		t.Errorf("the server's history:\n%s\nwant\n%s", got, wantHistory)
	}
	// The server knows the copied tables' sizes at once (its planner
	// would otherwise take them for empty until autovacuum comes by).
	var analysed bool
	if err := pg.read.QueryRowContext(ctx, `SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'members'`).Scan(&analysed); err != nil || !analysed {
		t.Errorf("members analysed after the copy: %v, %v", analysed, err)
	}
	for _, q := range []string{"nguyen van duc", "duc", "127", "khu dan cu so 1"} {
		if got, want := names(search(t, pg, q)), names(search(t, f.db, q)); !reflect.DeepEqual(got, want) {
			t.Errorf("search %q on the server = %v, on the file %v", q, got, want)
		}
	}
	// A non-empty destination is refused and left as it was.
	err := f.db.CopyInto(ctx, pg)
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "đã có dữ liệu") {
		t.Errorf("copy into a database with data: %v", err)
	}
	if got := canonical(t, pg); !reflect.DeepEqual(got, want) {
		t.Error("a refused copy changed the destination")
	}
	// The copy goes on as the original would: redo, the trash, new rows.
	if s, err := pg.Redo(ctx); err != nil || s == nil || s.Action != "member.transfer" {
		t.Errorf("redo on the server = %+v, %v", s, err)
	}
	items, _ := pg.Trash(ctx)
	if len(items) != 1 {
		t.Fatalf("trash on the server %+v", items)
	}
	must(pg.RestoreTrash(ctx, items[0].ID))
	c := &domain.Member{FullName: "Phạm Thị Mới", BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2005, 1, 1), CellID: f.cell2.ID, CardNo: "1004"}
	must(pg.CreateMember(ctx, c))
	if c.ID <= b.ID {
		t.Errorf("a new member on the server got id %d, not above the copied ones (%d)", c.ID, b.ID)
	}
	must(pg.CreateAward(ctx, &domain.Award{MemberID: c.ID, Form: domain.FormCertificate, Content: "Giấy khen", Year: 2025}))

	// Server → file.
	want, wantHistory = canonical(t, pg), history(t, pg)
	back, err := Open(filepath.Join(t.TempDir(), "ban-sao.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if err := pg.CopyInto(ctx, back); err != nil {
		t.Fatal(err)
	}
	if got := canonical(t, back); !reflect.DeepEqual(got, want) {
		t.Errorf("the file's records differ from the server's:\n got %v\nwant %v", got, want)
	}
	if got := history(t, back); got != wantHistory {
		t.Errorf("the file's history:\n%s\nwant\n%s", got, wantHistory)
	}
	if got := names(search(t, back, "pham thi moi")); !reflect.DeepEqual(got, []string{"Phạm Thị Mới"}) {
		t.Errorf("search on the copy = %v", got)
	}
	if s, err := back.Undo(ctx); err != nil || s == nil || s.Action != "award.create" {
		t.Errorf("undo on the file copy = %+v, %v", s, err)
	}
}

func ptr[T any](v T) *T { return &v }
