package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"xeploai/domain"
	"xeploai/store/sqlite"
)

func TestCheckInputReadsWhatTheRulesNeed(t *testing.T) {
	onBoth(t, testCheckInputReadsWhatTheRulesNeed)
}

func testCheckInputReadsWhatTheRulesNeed(t *testing.T) {
	f := newFixture(t)
	civil := f.member(t, "Công Chức", "", f.cell1)
	mother := f.member(t, "Nghỉ Thai Sản", "", f.cell1)
	leader := f.member(t, "Bí Thư Tự Sửa", "", f.cell2)
	other := f.member(t, "Ngoài Phạm Vi", "", f.gc)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: civil.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelExcellent, CivilService: domain.LevelGood}}))
	must(f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: mother.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelGood}}))
	must(f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: leader.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelNotCompleted}}))
	must(f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: other.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelGood}}))
	must(f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.ward.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelExcellent, MassOrgs: domain.LevelCompleted}}))
	must(f.db.AddAbsence(ctx, mother.ID, 2021, AbsenceMaternity, 6))
	must(f.db.AddLeader(ctx, leader.ID, f.cell2.ID, "Bí thư", domain.Date{}, domain.Date{}))
	// Two disciplines of the leader in the year, one not self-corrected:
	// the leader does not count as self-corrected; the organisation's one
	// does.
	must(f.db.AddDiscipline(ctx, Discipline{MemberID: leader.ID, On: domain.NewDate(2021, 3, 1), Form: "khien trach", SelfCorrected: true}))
	must(f.db.AddDiscipline(ctx, Discipline{MemberID: leader.ID, On: domain.NewDate(2021, 9, 1), Form: "Cảnh cáo"}))
	must(f.db.AddDiscipline(ctx, Discipline{OrgID: f.cell1.ID, On: domain.NewDate(2021, 5, 1), Form: "Khiển trách", SelfCorrected: true}))
	must(f.db.SetReviewDate(ctx, 2021, domain.NewDate(2022, 1, 10)))
	must(f.db.SetReading(ctx, SettingShares, "none"))

	in, err := f.db.CheckInput(ctx, 2021, f.ward.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Members) != 3 {
		t.Errorf("%d members read for the ward, want 3 (not the one of another grassroots cell)", len(in.Members))
	}
	for _, m := range in.Members {
		if m.MemberID == civil.ID && m.CivilService != domain.LevelGood {
			t.Errorf("civil-service level %v", m.CivilService)
		}
	}
	if in.OrgRatings[f.ward.ID].MassOrgs != domain.LevelCompleted {
		t.Errorf("mass organisations %+v", in.OrgRatings[f.ward.ID])
	}
	if in.SickMonths[mother.ID] != 0 || in.Exempted[mother.ID] {
		t.Errorf("maternity leave counted as sick leave or exemption: %v %v", in.SickMonths, in.Exempted)
	}
	if !in.Disciplined[leader.ID] || in.SelfCorrected[leader.ID] || !in.OrgDiscipline[f.cell1.ID] || !in.OrgSelfCorrected[f.cell1.ID] {
		t.Errorf("disciplines %v %v %v %v", in.Disciplined, in.SelfCorrected, in.OrgDiscipline, in.OrgSelfCorrected)
	}
	if in.Review != domain.NewDate(2022, 1, 10) || in.Shares != domain.SharesNone || in.Denominator != domain.QuotaOfExcellentAndGood || in.QuotaGroups != domain.QuotaByParent {
		t.Errorf("settings: review %v, shares %q, denominator %q, groups %q", in.Review, in.Shares, in.Denominator, in.QuotaGroups)
	}
	rules := map[string]int{}
	for _, v := range domain.Check(in) {
		rules[v.Rule]++
	}
	// Civil servant rated good but excellent; the ward excellent with the
	// unions at completed, and with a cell disciplined (self-corrected, but
	// excellent is barred all the same: HD 21 in 2021).
	if rules[domain.RuleCivilService] != 1 || rules[domain.RuleMassOrgs] != 1 || rules[domain.RuleDiscipline] != 1 || rules[domain.RuleSickLeave] != 0 {
		t.Errorf("findings %v", rules)
	}
}

func TestSettingsOfTheRules(t *testing.T) { onBoth(t, testSettingsOfTheRules) }

func testSettingsOfTheRules(t *testing.T) {
	db := openTemp(t)
	if d, err := db.ReviewDate(ctx, 2024); err != nil || d != domain.NewDate(2024, 12, 15) {
		t.Errorf("default review %v %v", d, err)
	}
	if err := db.SetReviewDate(ctx, 2024, domain.NewDate(2025, 4, 1)); err == nil || !strings.Contains(err.Error(), "31/03/2025") {
		t.Errorf("a review in April of the next year: %v", err)
	}
	if err := db.SetReviewDate(ctx, 2024, domain.NewDate(2024, 12, 28)); err != nil {
		t.Fatal(err)
	}
	if d, _ := db.ReviewDate(ctx, 2024); d != domain.NewDate(2024, 12, 28) {
		t.Errorf("review %v", d)
	}
	if d, _ := db.ReviewDate(ctx, 2023); d != domain.NewDate(2023, 12, 15) {
		t.Errorf("another year's review %v", d)
	}
	if err := db.SetReviewDate(ctx, 2024, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if d, _ := db.ReviewDate(ctx, 2024); d != domain.NewDate(2024, 12, 15) {
		t.Errorf("review back to the default: %v", d)
	}
	if err := db.SetReading(ctx, SettingQuotaGroups, "cousins"); err == nil {
		t.Error("a reading that is none of the values was stored")
	}
	if err := db.SetReading(ctx, SettingQuotaGroups, "kind"); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Reading(ctx, SettingQuotaGroups); v != "kind" {
		t.Errorf("reading %q", v)
	}
}

func TestDisciplineFormsAndMaternityLeave(t *testing.T) {
	onBoth(t, testDisciplineFormsAndMaternityLeave)
}

func testDisciplineFormsAndMaternityLeave(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Nguyễn Văn Đức", "", f.cell1)
	for _, tt := range []struct {
		d    Discipline
		want string
	}{
		{Discipline{MemberID: m.ID, On: domain.NewDate(2021, 1, 1), Form: "Phê bình"}, "không phải là hình thức kỷ luật"},
		{Discipline{MemberID: m.ID, On: domain.NewDate(2021, 1, 1), Form: "Giải tán"}, "không phải là hình thức kỷ luật đảng viên"},
		{Discipline{OrgID: f.cell1.ID, On: domain.NewDate(2021, 1, 1), Form: "Cách chức"}, "không phải là hình thức kỷ luật tổ chức đảng"},
		{Discipline{MemberID: m.ID, On: domain.Today().AddDate(0, 0, 1), Form: "Khiển trách"}, "ở tương lai"},
	} {
		if err := f.db.AddDiscipline(ctx, tt.d); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.d, err, tt.want)
		}
	}
	if err := f.db.AddDiscipline(ctx, Discipline{MemberID: m.ID, On: domain.NewDate(2021, 1, 1), Form: "CANH CAO", SelfCorrected: true}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.AddAbsence(ctx, m.ID, 2021, AbsenceMaternity, 6); err != nil {
		t.Fatal(err)
	}
	rs, _ := f.db.MemberRecords(ctx, m.ID)
	var texts []string
	for _, r := range rs {
		texts = append(texts, r.Text)
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "Kỷ luật: Cảnh cáo, 01/01/2021, vi phạm tự phát hiện và khắc phục") || !strings.Contains(all, "Năm 2021: nghỉ thai sản 6 tháng") {
		t.Errorf("records:\n%s", all)
	}
}

func TestImportMapsReasonsToTheList(t *testing.T) { onBoth(t, testImportMapsReasonsToTheList) }

func testImportMapsReasonsToTheList(t *testing.T) {
	f := newFixture(t)
	a := f.member(t, "Miễn Sinh Hoạt", "11111111", f.cell1)
	b := f.member(t, "Thai Sản", "22222222", f.cell1)
	c := f.member(t, "Thai Sản Hai", "33333333", f.cell1)
	cols := map[string]string{"Năm": "A", "Số thẻ đảng viên": "B", "Lý do không xếp loại": "C"}
	row := func(n int, card, reason string) domain.MemberRatingRow {
		return domain.MemberRatingRow{Src: domain.RowSource{Sheet: "Xếp loại đảng viên", Row: n, Cols: cols},
			Member: domain.MemberRef{CardNo: card}, Rating: domain.Rating{Year: 2021, NotRatedReason: reason}}
	}
	batch := &domain.Batch{MemberRatings: []domain.MemberRatingRow{row(2, "11111111", "mien sinh hoat (tu 1/3)"), row(3, "22222222", "Nghỉ thai sản"), row(4, "33333333", "nghỉ  thai sản")}}
	rep, err := f.db.Import(ctx, batch, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], `Xếp loại đảng viên, dòng 3, cột C (Lý do không xếp loại) (và 1 dòng khác): lý do không xếp loại "Nghỉ thai sản" không có trong danh sách`) {
		t.Errorf("warnings %q", rep.Warnings)
	}
	for id, want := range map[int64]string{a.ID: "Miễn sinh hoạt đảng", b.ID: "Nghỉ thai sản", c.ID: "nghỉ thai sản"} {
		rs, _ := f.db.MemberRatings(ctx, id)
		if len(rs) != 1 || rs[0].NotRatedReason != want {
			t.Errorf("member %d: %+v, want reason %q", id, rs, want)
		}
	}
	// Importing the same rows again changes nothing.
	rep, err = f.db.Import(ctx, batch, false)
	if err != nil || rep.MemberRatings.Unchanged != 3 {
		t.Errorf("second import: %+v %v", rep.MemberRatings, err)
	}
}

func TestBadgeListAtAnyOccasion(t *testing.T) { onBoth(t, testBadgeListAtAnyOccasion) }

func testBadgeListAtAnyOccasion(t *testing.T) {
	f := newFixture(t)
	mk := func(name string, admitted domain.Date) *domain.Member { return f.admitted(t, name, admitted) }
	occ := domain.NewDate(2026, 5, 19)
	mk("Đến Hạn", domain.NewDate(1996, 5, 19))
	mk("Bổ Sung", domain.NewDate(1990, 1, 1)) // 30 years on 01/01/2020, never awarded
	dead := mk("Truy Tặng", domain.NewDate(1980, 1, 1))
	if err := f.db.SetMemberStatus(ctx, dead.ID, domain.StatusDied, domain.NewDate(2025, 12, 1), ""); err != nil {
		t.Fatal(err)
	}
	warned := mk("Cảnh Cáo", domain.NewDate(1996, 4, 1))
	if err := f.db.AddDiscipline(ctx, Discipline{MemberID: warned.ID, On: domain.NewDate(2026, 1, 10), Form: "Cảnh cáo"}); err != nil {
		t.Fatal(err)
	}
	expelled := mk("Khai Trừ Rồi Kết Nạp Lại", domain.NewDate(1996, 4, 2))
	if err := f.db.AddDiscipline(ctx, Discipline{MemberID: expelled.ID, On: domain.NewDate(2000, 1, 10), Form: "Khai trừ"}); err != nil {
		t.Fatal(err)
	}
	cs, err := f.db.BadgeCandidates(ctx, occ)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cs {
		got[c.Name] = fmt.Sprintf("%d %s", c.Milestone, c.Basis)
	}
	want := map[string]string{"Đến Hạn": "30 due", "Bổ Sung": "30 overdue", "Truy Tặng": "45 posthumous"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("candidates %v, want %v", got, want)
	}
	ps, err := f.db.BadgePostponed(ctx, occ)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Name != "Cảnh Cáo" || ps[0].EligibleFrom != domain.NewDate(2026, 10, 10) || !strings.Contains(ps[0].Detail, "xét từ 10/10/2026") {
		t.Errorf("postponed %+v", ps)
	}
	// Another day is an occasion too: 1/6 finds the same (nobody reaches a
	// milestone between 19/5 and 1/6).
	other, err := f.db.BadgeCandidates(ctx, domain.NewDate(2026, 6, 1))
	if err != nil || len(other) != 3 {
		t.Errorf("at 01/06/2026: %d candidates, %v", len(other), err)
	}
	// Recorded, the due member leaves the list.
	if err := f.db.RecordAwards(ctx, cs[:1], Decision{No: "1-QĐ/TU", Date: occ}); err != nil {
		t.Fatal(err)
	}
	if again, _ := f.db.BadgeCandidates(ctx, occ); len(again) != 2 {
		t.Errorf("after recording one: %d candidates", len(again))
	}
}

func TestOrganisationListsAreAPool(t *testing.T) { onBoth(t, testOrganisationListsAreAPool) }

func testOrganisationListsAreAPool(t *testing.T) {
	f := newFixture(t)
	for y := 2017; y <= 2021; y++ {
		f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.ward.ID, Rating: domain.Rating{Year: y, Level: domain.LevelExcellent}})
	}
	cs, err := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupGrassroots)
	if err != nil || len(cs) != 1 {
		t.Fatalf("%+v %v", cs, err)
	}
	if cs[0].Detail != "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)" || cs[0].Content != "Trong sạch, vững mạnh tiêu biểu 5 năm liền (2017–2021)" {
		t.Errorf("candidate %+v", cs[0])
	}
	if err := f.db.RecordAwards(ctx, cs, Decision{No: "5-QĐ/QU", Date: domain.NewDate(2022, 1, 26)}); err != nil {
		t.Fatal(err)
	}
	as, _ := f.db.Awards(ctx, AwardQuery{OrgID: f.ward.ID})
	if len(as) != 1 || as[0].Content != "Trong sạch, vững mạnh tiêu biểu 5 năm liền (2017–2021)" || as[0].YearFrom != 2017 {
		t.Errorf("awards %+v", as)
	}
	if again, _ := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupGrassroots); len(again) != 0 {
		t.Errorf("the chosen one is still in the pool: %+v", again)
	}
}

// oldSchema makes a database of the first n migrations, as an older
// version left it, and returns its path, its connection and a way to run a
// statement on it.
func oldSchema(t *testing.T, n int) (string, *sql.DB, func(q string, args ...any)) {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", n))
	raw, err := sql.Open("sqlite", sqlite.DSN(path, false))
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q[:min(len(q), 60)], err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`)
	for _, m := range migrations[:n] {
		exec(m.sql)
		exec(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name)
	}
	exec(fmt.Sprintf(`PRAGMA user_version = %d`, n))
	return path, raw, exec
}

// TestMigrationKeepsAbsencesAndOldHistory opens a database of schema 6 (before
// the rules' new fields): its absences survive the rebuild of their table,
// and a discipline deleted before the migration can be restored by undo.
func TestMigrationKeepsAbsencesAndOldHistory(t *testing.T) {
	path, raw, exec := oldSchema(t, 6)
	exec(`INSERT INTO orgs (id, name, name_fold, kind) VALUES (1, 'Chi bộ 1', 'chi bo 1', 'grassroots_cell')`)
	exec(`INSERT INTO members (id, full_name, name_fold, birth_date, admitted_on, cell_id) VALUES (1, 'Nguyễn Văn Đức', 'nguyen van duc', '1970-01-01', '1995-01-01', 1)`)
	exec(`INSERT INTO absences (member_id, year, kind, months) VALUES (1, 2021, 'sick_leave', 4)`)
	exec(`INSERT INTO disciplines (member_id, on_date, form) VALUES (1, '2021-05-01', 'Khiển trách')`)
	exec(`INSERT INTO steps (action) VALUES ('record.delete')`)
	exec(`DELETE FROM disciplines`)
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	in, err := db.CheckInput(ctx, 2021, 0)
	if err != nil || in.SickMonths[1] != 4 {
		t.Fatalf("sick leave after the migration: %v %v", in.SickMonths, err)
	}
	if err := db.AddAbsence(ctx, 1, 2021, AbsenceMaternity, 3); err != nil {
		t.Errorf("maternity leave after the migration: %v", err)
	}
	if _, err := db.Undo(ctx); err != nil { // the maternity leave
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx); err != nil { // the deletion logged before the migration
		t.Fatalf("undoing a deletion logged before the migration: %v", err)
	}
	if in, _ := db.CheckInput(ctx, 2021, 0); !in.Disciplined[1] || in.SelfCorrected[1] {
		t.Errorf("restored discipline: %v %v", in.Disciplined, in.SelfCorrected)
	}
}

// TestMigrationGivesEveryOrganisationACode opens a database of schema 7:
// the organisations without a code get one each, "TC" and eight letters and
// digits, all different; a code typed by a user is kept; the change is one
// step of the history, which undo passes over.
func TestMigrationGivesEveryOrganisationACode(t *testing.T) {
	path, raw, exec := oldSchema(t, 7)
	exec(`INSERT INTO orgs (id, name, name_fold, kind, code) VALUES (1, 'Đảng bộ phường A', 'dang bo phuong a', 'grassroots_committee', 'PA')`)
	exec(`INSERT INTO orgs (id, name, name_fold, kind) VALUES (2, 'Đảng bộ phường B', 'dang bo phuong b', 'grassroots_committee')`)
	exec(`INSERT INTO orgs (id, name, name_fold, kind, parent_id) VALUES (3, 'Chi bộ Khu vực 1', 'chi bo khu vuc 1', 'grassroots_cell', 1)`)
	exec(`INSERT INTO orgs (id, name, name_fold, kind, parent_id, code) VALUES (4, 'Chi bộ Khu vực 1', 'chi bo khu vuc 1', 'grassroots_cell', 2, '')`)
	exec(`INSERT INTO steps (action) VALUES ('org.create')`)
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	codes := map[string]int64{}
	for id := int64(1); id <= 4; id++ {
		o, err := db.Org(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case id == 1 && o.Code != "PA":
			t.Errorf("the user's code became %q", o.Code)
		case id > 1 && !domain.IsGeneratedOrgCode(o.Code):
			t.Errorf("%s (#%d) got code %q", o.Name, id, o.Code)
		}
		if other, dup := codes[o.Code]; dup {
			t.Errorf("#%d and #%d share code %q", other, id, o.Code)
		}
		codes[o.Code] = id
	}
	var steps int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM steps WHERE action = 'migration'`).Scan(&steps); err != nil || steps != 1 {
		t.Errorf("migration steps: %d %v", steps, err)
	}
	// Undo passes over the migration to the step before it.
	undo, _, err := db.UndoRedo(ctx)
	if err != nil || undo == nil || undo.Action != "org.create" {
		t.Errorf("the step undo would reverse: %+v %v", undo, err)
	}
}
