package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"xeploai/domain"
	"xeploai/store"
)

// TestHistoryOfAMemberSaysFieldsAndDatesAsTheWindowDoes: `history --card`
// names the fields and the tables in Vietnamese and shows dates
// dd/mm/yyyy, levels and cells by name — not column names and ISO dates.
func TestHistoryOfAMemberSaysFieldsAndDatesAsTheWindowDoes(t *testing.T) {
	db, s, ms := demoMembers(t, 30)
	ctx := context.Background()
	var m domain.Member
	for _, x := range ms {
		if x.CardNo != "" {
			m = x
			break
		}
	}
	old := m.BirthDate
	m.BirthDate = domain.NewDate(1974, 2, 12)
	if err := s.UpdateMember(ctx, &m, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2026, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := run(t, "--db", db, "history", "--card", m.CardNo)
	if code != 0 {
		t.Fatal(errOut)
	}
	for _, want := range []string{
		"sửa đảng viên", "Ngày sinh: " + old.String() + " → 12/02/1974",
		"thêm kết quả xếp loại năm 2026", "Hoàn thành xuất sắc nhiệm vụ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("history --card lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"birth_date", "1974-02-12", "update members", "HTXSNV"} {
		if strings.Contains(out, not) {
			t.Errorf("history --card says %q:\n%s", not, out)
		}
	}
}

// TestHistoryColumnsLineUp: names of every length, the steps' actions
// begin in one column.
func TestHistoryColumnsLineUp(t *testing.T) {
	db, s, ms := demoMembers(t, 10)
	ctx := context.Background()
	for i, who := range []string{"An", "Nguyễn Thị Phương Thảo (văn phòng)"} {
		s.SetUserName(who)
		m := ms[0]
		m.Note = fmt.Sprint("lần ", i)
		if err := s.UpdateMember(ctx, &m, domain.Date{}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	code, out, errOut := run(t, "--db", db, "history", "--limit", "3")
	if code != 0 {
		t.Fatal(errOut)
	}
	at := -1
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		i := strings.Index(line, "Sửa đảng viên")
		if i < 0 {
			continue
		}
		if col := utf8.RuneCountInString(line[:i]); at < 0 {
			at = col
		} else if col != at {
			t.Errorf("the action begins at column %d, above at %d:\n%s", col, at, out)
		}
	}
	if at < 0 {
		t.Fatalf("no step of the edits:\n%s", out)
	}
}

// demoMembers is a file of n demo members (made by the command line), open,
// and its members.
func demoMembers(t *testing.T, n int) (string, *store.DB, []domain.Member) {
	t.Helper()
	t.Setenv("LANG", "vi_VN.UTF-8")
	db := filepath.Join(t.TempDir(), "ls.db")
	if code, _, errOut := run(t, "--db", db, "demo", "--members", fmt.Sprint(n)); code != 0 {
		t.Fatal(errOut)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Members(context.Background(), store.MemberQuery{})
	if err != nil || len(ms) == 0 {
		t.Fatal(err)
	}
	return db, s, ms
}
