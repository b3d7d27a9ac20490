package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xeploai/domain"
	"xeploai/store"
)

// rulesDB builds a small database: a ward with a cell, members at each kind
// of badge basis, one postponed after a warning, and a 2023 rating that
// breaks the collective discipline rule.
func rulesDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rules.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ward := &domain.Org{Name: "Đảng bộ phường An Hải Bắc", Kind: domain.KindGrassrootsCommittee}
	must(db.CreateOrg(ctx, ward))
	cell := &domain.Org{Name: "Chi bộ Khu dân cư số 1", Kind: domain.KindCell, ParentID: ward.ID}
	must(db.CreateOrg(ctx, cell))
	mk := func(name string, admitted domain.Date) *domain.Member {
		m := &domain.Member{FullName: name, BirthDate: domain.NewDate(1960, 1, 1), AdmittedOn: admitted, CellID: cell.ID}
		must(db.CreateMember(ctx, m))
		return m
	}
	mk("Đến Hạn", domain.NewDate(1996, 5, 1))
	mk("Bổ Sung", domain.NewDate(1990, 1, 1))
	ill := mk("Ốm Nặng", domain.NewDate(1996, 12, 1))
	must(db.AddAbsence(ctx, ill.ID, 2026, store.AbsenceSeriouslyIll, 0))
	dead := mk("Truy Tặng", domain.NewDate(1980, 1, 1))
	must(db.SetMemberStatus(ctx, dead.ID, domain.StatusDied, domain.NewDate(2025, 12, 1), ""))
	warned := mk("Cảnh Cáo", domain.NewDate(1996, 4, 1))
	must(db.AddDiscipline(ctx, store.Discipline{MemberID: warned.ID, On: domain.NewDate(2026, 1, 10), Form: "Cảnh cáo"}))
	// 2023: the cell disciplined (not self-corrected) and the ward rated good.
	must(db.AddDiscipline(ctx, store.Discipline{OrgID: cell.ID, On: domain.NewDate(2023, 5, 1), Form: "Khiển trách"}))
	must(db.SetOrgRating(ctx, &domain.OrgRating{OrgID: ward.ID, Rating: domain.Rating{Year: 2023, Level: domain.LevelGood}}))
	return path
}

func TestBadgeBasisAndPostponedFromTheCommandLine(t *testing.T) {
	db := rulesDB(t)
	code, out, errOut := run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-05-19", "--format", "json")
	if code != 0 {
		t.Fatalf("%d %q", code, errOut)
	}
	var got candidatesJSON
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	bases := map[string]string{}
	for _, c := range got.Candidates {
		bases[c.Name] = string(c.Basis)
		if c.EligibleFrom != "" {
			t.Errorf("a candidate with eligible_from: %+v", c)
		}
	}
	want := map[string]string{"Đến Hạn": "due", "Bổ Sung": "overdue", "Ốm Nặng": "early-illness", "Truy Tặng": "posthumous"}
	if len(bases) != len(want) {
		t.Errorf("bases %v, want %v", bases, want)
	}
	for n, b := range want {
		if bases[n] != b {
			t.Errorf("%s: basis %q, want %q", n, bases[n], b)
		}
	}
	if !strings.Contains(out, `"basis":"overdue","detail":"vào Đảng 01/01/1990, đủ 30 năm tuổi Đảng ngày 01/01/2020; bổ sung: đến hạn từ 01/01/2020"`) {
		t.Errorf("JSON %s", out)
	}

	code, out, errOut = run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-05-19", "--postponed", "--format", "json")
	if code != 0 {
		t.Fatalf("%d %q", code, errOut)
	}
	var pj postponedJSON
	dec = json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pj); err != nil {
		t.Fatal(err)
	}
	if pj.Kind != "badge" || len(pj.Postponed) != 1 || pj.Postponed[0].Name != "Cảnh Cáo" || pj.Postponed[0].EligibleFrom != "2026-10-10" ||
		pj.Postponed[0].Basis != "" || *pj.Postponed[0].Milestone != 30 {
		t.Errorf("postponed %s", out)
	}
	code, out, _ = run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-05-19", "--postponed")
	if code != 0 || !strings.Contains(out, "CHƯA ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG DO KỶ LUẬT, đợt 19/05/2026") || !strings.Contains(out, "xét từ 10/10/2026") {
		t.Errorf("postponed text %q", out)
	}
	code, out, _ = run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-05-19")
	if code != 0 || !strings.Contains(out, "Bổ Sung — 30 năm — bổ sung — ") || !strings.Contains(out, "Truy Tặng — 45 năm — truy tặng — ") || strings.Contains(out, "Cảnh Cáo") {
		t.Errorf("badge text %q", out)
	}
	pdf := filepath.Join(t.TempDir(), "hoan.pdf")
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-06-01", "--postponed", "--format", "pdf", "-o", pdf); code != 0 {
		t.Fatalf("postponed PDF: %q", errOut)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Errorf("postponed PDF %v", err)
	}
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "year", "--year", "2023", "--postponed"); code != ExitUser || !strings.Contains(errOut, "--postponed chỉ dùng với --kind badge") {
		t.Errorf("--postponed with another kind: %d %q", code, errOut)
	}
}

func TestCheckCitesDocumentAndArticle(t *testing.T) {
	db := rulesDB(t)
	code, out, errOut := run(t, "--db", db, "check", "--year", "2023")
	if code != 0 {
		t.Fatalf("%d %q", code, errOut)
	}
	for _, want := range []string{"KIỂM TRA XẾP LOẠI NĂM 2023 theo QĐ 124-QĐ/TW, HD 25-HD/BTCTW", "Ngày đánh giá: 15/12/2023",
		"[discipline]", "Đảng bộ phường An Hải Bắc: 1/1 tổ chức trực thuộc bị kỷ luật trong năm (trên 20%", "(QĐ 124-QĐ/TW, Điều 12)"} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "--db", db, "check", "--year", "2023", "--format", "json")
	if code != 0 || !strings.Contains(out, `"rule":"discipline","source":"QĐ 124-QĐ/TW, Điều 12","subject_kind":"org"`) {
		t.Errorf("check JSON %s", out)
	}
}

func TestOrganisationListsSayTheyAreAPool(t *testing.T) {
	db := rulesDB(t)
	code, out, _ := run(t, "--db", db, "awards", "--kind", "consecutive", "--year", "2023", "--group", "grassroots")
	if code != 0 || !strings.Contains(out, "DANH SÁCH ĐỂ LỰA CHỌN: Tổ chức cơ sở đảng xuất sắc 5 năm liền đến năm 2023") ||
		!strings.Contains(out, `Danh sách để lựa chọn tổ chức cơ sở đảng "Trong sạch, vững mạnh tiêu biểu"`) {
		t.Errorf("pool %q", out)
	}
	code, out, _ = run(t, "--db", db, "awards", "--kind", "consecutive", "--year", "2023")
	if code != 0 || strings.Contains(out, "LỰA CHỌN") {
		t.Errorf("members' list %q", out)
	}
	// Excellent in one year: "năm 2023", not "1 năm liền".
	for _, group := range []string{"cells", "members"} {
		code, out, _ = run(t, "--db", db, "awards", "--kind", "year", "--year", "2023", "--group", group)
		if first, _, _ := strings.Cut(out, "\n"); code != 0 || !strings.HasSuffix(first, "xuất sắc năm 2023") || strings.Contains(out, "năm liền") {
			t.Errorf("%s excellent in 2023: %q", group, first)
		}
	}
}
