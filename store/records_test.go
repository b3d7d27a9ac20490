package store

import (
	"reflect"
	"testing"

	"xeploai/domain"
)

func TestMemberRecords(t *testing.T) { onBoth(t, testMemberRecords) }

func testMemberRecords(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Kiều Văn Bảy", "301", f.cell1)
	for _, err := range []error{
		f.db.AddDiscipline(ctx, Discipline{MemberID: m.ID, On: domain.NewDate(2024, 3, 12), Form: "Khiển trách", Reason: "vi phạm quy chế", DecisionNo: "45-QĐ/UBKT"}),
		f.db.AddAbsence(ctx, m.ID, 2024, AbsenceSickLeave, 4),
		f.db.AddPartyAgeGap(ctx, m.ID, domain.NewDate(1990, 1, 1), domain.NewDate(1995, 6, 30), "ra khỏi Đảng"),
		f.db.AddLeader(ctx, m.ID, f.cell1.ID, "Bí thư", domain.NewDate(2020, 10, 1), domain.Date{}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	rs, err := f.db.MemberRecords(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range rs {
		texts = append(texts, r.Text)
	}
	want := []string{
		"Kỷ luật: Khiển trách, 12/03/2024 (QĐ 45-QĐ/UBKT) — vi phạm quy chế",
		"Năm 2024: nghỉ ốm 4 tháng",
		"Gián đoạn tuổi Đảng 01/01/1990 – 30/06/1995: ra khỏi Đảng",
		"Bí thư, Chi bộ Khu dân cư số 1, từ 01/10/2020 đến nay",
	}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("records:\n%q\nwant\n%q", texts, want)
	}
	// Refusals name the field; a member that does not exist is named so.
	for _, err := range []error{
		f.db.AddAbsence(ctx, m.ID, 1800, AbsenceSickLeave, 1),
		f.db.AddLeader(ctx, m.ID, f.cell1.ID, "", domain.NewDate(2020, 1, 1), domain.NewDate(2019, 1, 1)),
		f.db.AddAbsence(ctx, 99999, 2024, AbsenceExempted, 0),
	} {
		if code := domain.ErrorCode(err); code != domain.EINVALID && code != domain.ENOTFOUND {
			t.Errorf("accepted or unclear: %v", err)
		}
	}
	// Deleting one is a step of the history, undone at once.
	if err := f.db.DeleteMemberRecord(ctx, "absences", rs[1].ID); err != nil {
		t.Fatal(err)
	}
	if after, _ := f.db.MemberRecords(ctx, m.ID); len(after) != 3 {
		t.Errorf("%d records after a delete", len(after))
	}
	if s, err := f.db.Undo(ctx); err != nil || s.Label() != "Xoá hồ sơ Kiều Văn Bảy" {
		t.Fatalf("undo %+v, %v", s, err)
	}
	if after, _ := f.db.MemberRecords(ctx, m.ID); len(after) != 4 {
		t.Errorf("%d records after undo", len(after))
	}
	if err := f.db.DeleteMemberRecord(ctx, "members", m.ID); err == nil {
		t.Error("deleted a member as a record")
	}
}
