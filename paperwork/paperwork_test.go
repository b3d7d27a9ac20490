package paperwork

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

var ctx = context.Background()

type fixture struct {
	t                  *testing.T
	db                 *store.DB
	ward, cell1, cell2 *domain.Org
}

func newFixture(t *testing.T) *fixture {
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, db: db}
	f.ward = f.org("Đảng bộ phường An Hải Bắc", domain.KindGrassrootsCommittee, 0)
	f.cell1 = f.org("Chi bộ Khu dân cư số 1", domain.KindCell, f.ward.ID)
	f.cell2 = f.org("Chi bộ Khu dân cư số 2", domain.KindCell, f.ward.ID)
	return f
}

func (f *fixture) org(name string, kind domain.OrgKind, parent int64) *domain.Org {
	o := &domain.Org{Name: name, Kind: kind, ParentID: parent}
	if err := f.db.CreateOrg(ctx, o); err != nil {
		f.t.Fatal(err)
	}
	return o
}

func (f *fixture) member(name string, cell *domain.Org, admitted domain.Date) *domain.Member {
	m := &domain.Member{FullName: name, BirthDate: domain.NewDate(1950, 3, 4), AdmittedOn: admitted, OfficialOn: admitted.AddDate(1, 0, 0), CellID: cell.ID}
	if err := f.db.CreateMember(ctx, m); err != nil {
		f.t.Fatal(err)
	}
	return m
}

// badgeBatch is the badge list of the occasion, and its batch.
func (f *fixture) badgeBatch(occ domain.Date) ([]store.Candidate, report.Batch) {
	f.t.Helper()
	cs, err := f.db.BadgeCandidates(ctx, occ)
	if err != nil {
		f.t.Fatal(err)
	}
	b, err := FromCandidates(ctx, f.db, List{Kind: "badge", Occasion: occ}, cs)
	if err != nil {
		f.t.Fatal(err)
	}
	return cs, b
}

func TestBadgeBatchReadsPartyDatesAndAge(t *testing.T) {
	f := newFixture(t)
	occ := domain.NewDate(2026, 9, 2)
	due := f.member("Trần Văn Đủ", f.cell1, domain.NewDate(1996, 8, 20))
	gap := f.member("Lê Thị Gián Đoạn", f.cell2, domain.NewDate(1996, 3, 1))
	if err := f.db.AddPartyAgeGap(ctx, gap.ID, domain.NewDate(2000, 1, 1), domain.NewDate(2000, 6, 29), "mất liên lạc"); err != nil {
		t.Fatal(err)
	}
	_, b := f.badgeBatch(occ)
	if b.Form != domain.FormBadge || b.Occasion != occ || len(b.People) != 2 {
		t.Fatalf("batch %+v", b)
	}
	byName := map[string]report.Person{}
	for _, p := range b.People {
		byName[p.Name] = p
	}
	if p := byName[due.FullName]; p.AdmittedOn != due.AdmittedOn || p.OfficialOn != due.OfficialOn || p.PartyAge != "30 năm" || p.Milestone != 30 {
		t.Errorf("due member %+v", p)
	}
	// Admitted 01/3/1996, out 01/01–29/06/2000 (5 months 28 days): 30
	// years on 29/8/2026.
	if p := byName[gap.FullName]; p.PartyAge != "30 năm" {
		t.Errorf("member with a gap: party age %q", p.PartyAge)
	}
}

// TestAPosthumousBadgeListsThePartyAgeReachedInLife: the list sent up
// gives a member who died the party age at death, not at the occasion.
func TestAPosthumousBadgeListsThePartyAgeReachedInLife(t *testing.T) {
	f := newFixture(t)
	occ := domain.NewDate(2026, 2, 3)
	died := func(name string, admitted, on domain.Date) {
		m := f.member(name, f.cell1, admitted)
		m.Status, m.StatusOn = domain.StatusDied, on
		if err := f.db.UpdateMember(ctx, m, domain.Date{}); err != nil {
			t.Fatal(err)
		}
	}
	died("Bùi Văn Mất Sau", domain.NewDate(1993, 6, 1), domain.NewDate(2024, 1, 1))    // 30 years 7 months at death
	died("Bùi Văn Truy Tặng", domain.NewDate(1995, 12, 1), domain.NewDate(2025, 8, 1)) // 4 months short of 30
	cs, b := f.badgeBatch(occ)
	want := map[string]string{"Bùi Văn Mất Sau": "30 năm", "Bùi Văn Truy Tặng": "29 năm 8 tháng"}
	if len(b.People) != len(want) {
		t.Fatalf("batch %+v", b.People)
	}
	for _, p := range b.People {
		if p.PartyAge != want[p.Name] || p.Note != "Truy tặng" {
			t.Errorf("%s: party age %q, note %q; want %q, Truy tặng", p.Name, p.PartyAge, p.Note, want[p.Name])
		}
	}
	// Recorded, the award says it was posthumous.
	if err := f.db.RecordAwards(ctx, cs, store.Decision{No: "11-QĐ/TU", Date: occ}); err != nil {
		t.Fatal(err)
	}
	as, _ := f.db.Awards(ctx, store.AwardQuery{})
	for _, a := range as {
		if a.Content != "Truy tặng Huy hiệu 30 năm tuổi Đảng" {
			t.Errorf("recorded %q", a.Content)
		}
	}
	// The recorded decision's papers say it once, with no stray "; ".
	rb, _, err := Recorded(ctx, f.db, "11-QĐ/TU", "QU", occ)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rb.People {
		if p.Note != "Truy tặng" || p.PartyAge != want[p.Name] {
			t.Errorf("recorded %s: note %q, party age %q", p.Name, p.Note, p.PartyAge)
		}
	}
}

func TestCertificateBatchOfCandidates(t *testing.T) {
	f := newFixture(t)
	m := f.member("Nguyễn Văn Năm", f.cell1, domain.NewDate(2000, 1, 1))
	for y := 2021; y <= 2025; y++ {
		f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: y, Level: domain.LevelExcellent}})
	}
	l := List{Kind: "consecutive", Year: 2025, Years: 5, Group: domain.GroupMembers}
	cs, err := f.db.ConsecutiveCandidates(ctx, 2025, 5, domain.GroupMembers)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FromCandidates(ctx, f.db, l, cs)
	if err != nil {
		t.Fatal(err)
	}
	if b.Reason != "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)" || b.Years != "5 năm liền (2021–2025)" || b.Year != 2025 ||
		len(b.People) != 1 || b.People[0].Unit() != "Chi bộ Khu dân cư số 1, Đảng bộ phường An Hải Bắc" {
		t.Errorf("batch %+v", b)
	}
	if r, y := (List{Kind: "year", Year: 2024}).Reason(); r != "Hoàn thành xuất sắc nhiệm vụ năm 2024" || y != "năm 2024" {
		t.Errorf("year list reason %q %q", r, y)
	}
}

func TestRecordedDecision(t *testing.T) {
	f := newFixture(t)
	a := f.member("Bùi Thị Ánh", f.cell2, domain.NewDate(1990, 1, 1))
	b := f.member("An Văn Bình", f.cell1, domain.NewDate(1990, 1, 1))
	c := f.member("Cao Văn Chính", f.cell1, domain.NewDate(1990, 1, 1))
	award := func(m *domain.Member, no string, on domain.Date, form domain.AwardForm) {
		aw := domain.Award{MemberID: m.ID, Form: form, Content: fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ 5 năm liền (%d–%d)", on.Year-5, on.Year-1),
			Year: on.Year, DecisionNo: no, DecisionDate: on}
		if form == domain.FormBadge {
			aw.Milestone, aw.Content = 30, "Huy hiệu 30 năm tuổi Đảng"
		}
		if err := f.db.CreateAward(ctx, &aw); err != nil {
			t.Fatal(err)
		}
	}
	on := domain.NewDate(2026, 1, 20)
	award(a, "127-QĐ/QU", on, domain.FormCertificate)
	award(c, "127-QĐ/QU", on, domain.FormCertificate)
	award(b, "127-QĐ/QU", on, domain.FormCertificate)
	batch, dec, err := Recorded(ctx, f.db, "127", "QU", domain.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range batch.People {
		names = append(names, p.Name)
	}
	// In the tree's order (cell 1 before cell 2), by name within a cell.
	if dec.No != "127-QĐ/QU" || dec.Date != on || strings.Join(names, ", ") != "An Văn Bình, Cao Văn Chính, Bùi Thị Ánh" ||
		batch.Reason != "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)" || batch.Years != "5 năm liền (2021–2025)" || batch.Group != domain.GroupMembers {
		t.Errorf("decision %+v, people %v, batch %+v", dec, names, batch)
	}
	if _, _, err := Recorded(ctx, f.db, "127-qđ/qu", "QU", domain.Date{}); err != nil {
		t.Errorf("the number in small letters: %v", err)
	}
	// The number used in an earlier term too: the date tells them apart.
	earlier := domain.NewDate(2020, 3, 2)
	award(a, "127-QĐ/QU", earlier, domain.FormCertificate)
	if _, _, err := Recorded(ctx, f.db, "127", "QU", domain.Date{}); err == nil || !strings.Contains(err.Error(), "20/01/2026, 02/03/2020") {
		t.Errorf("a number used twice: %v", err)
	}
	if got, _, err := Recorded(ctx, f.db, "127", "QU", earlier); err != nil || len(got.People) != 1 {
		t.Errorf("the earlier decision: %v, %d people", err, len(got.People))
	}
	// Recorded bare ("128", as the window did) and typed in full, or the
	// reverse: the same decision either way, even in one decision.
	award(a, "128", on, domain.FormCertificate)
	award(b, "128-QĐ/QU", on, domain.FormCertificate)
	award(c, "129-QĐ/QU", on, domain.FormCertificate)
	for _, c := range []struct {
		no   string
		want int
	}{{"128-QĐ/QU", 2}, {"128 - qđ/qu", 2}, {"128", 2}, {"129", 1}, {"129-QĐ/QU", 1}} {
		got, dec, err := Recorded(ctx, f.db, c.no, "QU", domain.Date{})
		if err != nil || len(got.People) != c.want || report.FullNumber(dec.No, report.KindDecision, "QU") != report.FullNumber(report.BareNumber(c.no, report.KindDecision, "QU"), report.KindDecision, "QU") {
			t.Errorf("decision %q: %v, %d people (want %d), number %q", c.no, err, len(got.People), c.want, dec.No)
		}
	}
	if _, _, err := Recorded(ctx, f.db, "128-QĐ/ĐU", "QU", domain.Date{}); err == nil {
		t.Error("128-QĐ/ĐU (another issuer's) found the Quận ủy's 128")
	}
	award(c, "9-QĐ/QU", on, domain.FormBadge)
	award(b, "9-QĐ/QU", on, domain.FormCertificate)
	for _, c := range []struct{ no, want string }{{"9", "cả Huy hiệu Đảng"}, {"404", "không có khen thưởng nào"}, {" ", "cần số quyết định"}} {
		if _, _, err := Recorded(ctx, f.db, c.no, "QU", domain.Date{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("decision %q: %v, want %q", c.no, err, c.want)
		}
	}
}

func TestCandidateNotes(t *testing.T) {
	for _, c := range []struct {
		c    store.Candidate
		want string
	}{
		{store.Candidate{Basis: domain.BasisDue}, ""},
		{store.Candidate{}, ""},
		{store.Candidate{Basis: domain.BasisPosthumous}, "Truy tặng"},
		{store.Candidate{Basis: domain.BasisEarlyIllness}, "Đề nghị sớm: bệnh hiểm nghèo"},
		{store.Candidate{Basis: domain.BasisOverdue}, "Bổ sung"},
		{store.Candidate{EligibleFrom: domain.NewDate(2026, 8, 1)}, "Xét từ 01/08/2026"},
	} {
		if got := candidateNote(c.c); got != c.want {
			t.Errorf("%+v: note %q, want %q", c.c, got, c.want)
		}
	}
}
