package exchange_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/store"
)

// wards returns two grassroots committees of the demo district, each with
// a member on the roll who holds a card.
func wards(t *testing.T, db *store.DB) (w, v *domain.Org, inW, inV *domain.Member) {
	t.Helper()
	orgs, err := db.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range orgs {
		o := &orgs[i]
		if o.Kind != domain.KindGrassrootsCommittee {
			continue
		}
		ms, err := db.Members(ctx, store.MemberQuery{OrgID: o.ID, OnRoll: true, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var m *domain.Member
		for j := range ms {
			if ms[j].CardNo != "" && ms[j].Status == domain.StatusActive {
				m = &ms[j]
				break
			}
		}
		switch {
		case m == nil:
		case w == nil:
			w, inW = o, m
		case v == nil:
			v, inV = o, m
		}
	}
	if v == nil {
		t.Fatal("the demo has fewer than two wards")
	}
	return w, v, inW, inV
}

// TestWardSendsItsPartToTheDistrict: the district sends a ward its part;
// the ward, starting from it, records a member who came from another ward
// and one who left for it; its file, imported into the district, changes
// only the ward's part, and both moves are reported as transfers, the
// newcomer not duplicated.
func TestWardSendsItsPartToTheDistrict(t *testing.T) {
	district := fill(t, 1200, 21)
	w, v, stayer, mover := wards(t, district)

	// The district's part for the ward starts the ward's database.
	part := exportXLSX(t, district, w.ID)
	ward := openDB(t, "phuong.db")
	rep := importInto(t, ward, part)
	if rep.Scope != "" || !strings.Contains(strings.Join(rep.Warnings, "\n"), "được đặt ở cấp cao nhất") {
		t.Errorf("scope %q, warnings %v", rep.Scope, rep.Warnings)
	}
	wardOrgs, _ := ward.Orgs(ctx)
	tree, _ := district.Tree(ctx, domain.Date{})
	under := 0
	tree.Walk(w.ID, func(*domain.Org) { under++ })
	if len(wardOrgs) != under {
		t.Fatalf("the ward's database holds %d organisations, the district %d under the ward", len(wardOrgs), under)
	}
	// Exported again, the ward's part has the same rows, but for its top's
	// parent (which the ward's database lacks), the "Thông tin" sheet's
	// scope, and the moves of cells from wards it does not have.
	sent, again := sheetRows(t, part), sheetRows(t, exportXLSX(t, ward, 0))
	parent := rootParent(sent)
	for _, rows := range []map[string][][]string{sent, again} {
		delete(rows, interchange.InfoSheet)
		for _, rs := range rows {
			for _, r := range rs {
				for i := range r {
					if r[i] == parent {
						r[i] = "" // the top's parent, in "Trực thuộc" columns
					}
				}
			}
		}
		for name, rs := range rows {
			for i, r := range rs {
				for len(r) > 0 && r[len(r)-1] == "" {
					r = r[:len(r)-1]
				}
				rs[i] = r
			}
			rows[name] = rs
		}
	}
	events := interchange.SheetEvents.Name()
	var dropped [][]string
	for _, e := range sent[events] {
		if !containsRow(again[events], e) {
			dropped = append(dropped, e)
		}
	}
	for _, e := range dropped {
		if e[1] != "Chuyển trực thuộc" {
			t.Errorf("event %v dropped", e)
		}
	}
	delete(sent, events)
	delete(again, events)
	for name, rows := range sent {
		if !reflect.DeepEqual(rows, again[name]) {
			t.Errorf("sheet %s differs after the ward's import:\n%.300v\n%.300v", name, rows, again[name])
		}
	}

	// In the ward: a member of ward V moved in; a member of the ward left
	// for V; a note changed.
	wardCell := cellOf(t, ward, stayer.CardNo)
	newcomer := *mover
	newcomer.ID, newcomer.CellID, newcomer.Note = 0, wardCell, "Chuyển đến từ phường khác"
	if err := ward.CreateMember(ctx, &newcomer); err != nil {
		t.Fatal(err)
	}
	leaver, _ := ward.MemberByCard(ctx, stayer.CardNo)
	if err := ward.SetMemberStatus(ctx, leaver.ID, domain.StatusTransferred, domain.Today(), ""); err != nil {
		t.Fatal(err)
	}
	// …while the district has already put the leaver in ward V (V's own
	// exchange came first).
	vCell := cellOf(t, district, mover.CardNo)
	if err := district.TransferMember(ctx, stayer.ID, vCell, domain.Today()); err != nil {
		t.Fatal(err)
	}
	before := otherParts(t, district, w.ID, v.ID)
	back := exportXLSX(t, ward, 0)

	dry, err := exchange.Import(ctx, district, []string{back}, exchange.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err, dry.Errors)
	}
	if dry.Scope == "" || !strings.Contains(dry.Scope, w.Name) {
		t.Errorf("scope %q", dry.Scope)
	}
	var moved, kept bool
	for _, tr := range dry.Transfers {
		moved = moved || strings.Contains(tr.Member, mover.CardNo) && !tr.Kept
		kept = kept || strings.Contains(tr.Member, stayer.CardNo) && tr.Kept
	}
	if !moved || !kept {
		t.Errorf("transfers %v", dry.Transfers)
	}
	if dry.Members.Added != 0 {
		t.Errorf("%d members added: %v", dry.Members.Added, dry.Members.AddedList)
	}
	found := false
	for _, c := range dry.Members.Changes {
		if strings.Contains(c.Record, mover.CardNo) {
			for _, f := range c.Fields {
				found = found || f.Field == domain.ColNote && f.New == "Chuyển đến từ phường khác"
			}
		}
	}
	if !found {
		t.Errorf("the newcomer's note is not among the changes: %v", dry.Members.Changes)
	}
	importInto(t, district, back)

	got, _ := district.MemberByCard(ctx, mover.CardNo)
	if tree, _ := district.Tree(ctx, domain.Date{}); !tree.IsUnder(got.CellID, w.ID) {
		t.Errorf("the newcomer is not in the ward: %s", tree.Path(got.CellID))
	}
	if left, _ := district.MemberByCard(ctx, stayer.CardNo); left.CellID != vCell || left.Status != domain.StatusActive {
		t.Errorf("the leaver was taken back: cell #%d, %s", left.CellID, left.Status)
	}
	if n, _ := district.CountMembers(ctx, store.MemberQuery{}); n != 1200 {
		t.Errorf("%d members after the exchange, want 1200", n)
	}
	// Nothing outside the ward changed, but for ward V losing the member
	// who moved.
	after := otherParts(t, district, w.ID, v.ID)
	for code, b := range before {
		if !bytes.Equal(b, after[code]) {
			t.Errorf("organisation %s changed", code)
		}
	}
	// Importing the ward's file again changes nothing.
	if rep := importInto(t, district, back); rep.Writes() {
		t.Errorf("a second import writes: %s", counts(rep))
	}
}

// cellOf is the cell of the member holding a card.
func cellOf(t *testing.T, db *store.DB, card string) int64 {
	t.Helper()
	m, err := db.MemberByCard(ctx, card)
	if err != nil || m == nil {
		t.Fatalf("no member with card %s: %v", card, err)
	}
	return m.CellID
}

// otherParts exports every grassroots organisation but the given ones, by
// code.
func otherParts(t *testing.T, db *store.DB, skip ...int64) map[string][]byte {
	t.Helper()
	orgs, _ := db.Orgs(ctx)
	out := map[string][]byte{}
	for _, o := range orgs {
		if !o.Kind.IsGrassroots() || o.ID == skip[0] || o.ID == skip[1] {
			continue
		}
		out[o.Code] = read(t, exportXLSX(t, db, o.ID))
	}
	return out
}

// rootParent is the parent's code of the top organisation of a part.
func rootParent(sheets map[string][][]string) string {
	if rows := sheets[interchange.SheetOrgs.Name()]; len(rows) > 1 && len(rows[1]) > 3 {
		return rows[1][3]
	}
	return ""
}

func containsRow(rows [][]string, row []string) bool {
	for _, r := range rows {
		if reflect.DeepEqual(r, row) {
			return true
		}
	}
	return false
}

// withRows copies a workbook and appends rows to its sheets, each given by
// column name.
func withRows(t *testing.T, path string, rows map[string][]map[string]any) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, add := range rows {
		all, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range all[0] {
			col[h] = i
		}
		for i, r := range add {
			row := make([]any, len(all[0]))
			for name, v := range r {
				c, ok := col[name]
				if !ok {
					t.Fatalf("sheet %s has no column %s", sheet, name)
				}
				row[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, len(all)+1+i)
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPartFileStaysInItsScope: a ward's part (export --org) that also
// rates a member of another ward and that ward itself, changes that ward's
// row of the organisations sheet, or puts one of its
// own members in the other ward's cell, is refused row by row, each error
// saying what lies outside the ward, and nothing is written; a member the
// file moves into the ward brings their own records.
func TestPartFileStaysInItsScope(t *testing.T) {
	district := fill(t, 1200, 21)
	w, v, inW, inV := wards(t, district)
	part := exportXLSX(t, district, w.ID)
	vCell, _ := district.Org(ctx, cellOf(t, district, inV.CardNo))
	wCell, _ := district.Org(ctx, cellOf(t, district, inW.CardNo))
	orgs, members := interchange.SheetOrgs.Name(), interchange.SheetMembers.Name()
	ratings, orgRatings := interchange.SheetMemberRatings.Name(), interchange.SheetOrgRatings.Name()
	memberRow := func(m *domain.Member, cell *domain.Org) map[string]any {
		return map[string]any{domain.ColFullName: m.FullName, domain.ColBirthDate: m.BirthDate.String(),
			domain.ColAdmitted: m.AdmittedOn.String(), domain.ColCardNo: m.CardNo, domain.ColCell: cell.Code}
	}
	bad := withRows(t, part, map[string][]map[string]any{
		ratings: {{domain.ColYear: 2025, domain.ColCardNo: inV.CardNo, domain.ColFullName: inV.FullName,
			domain.ColLevel: "Hoàn thành xuất sắc nhiệm vụ", domain.ColNote: "sửa hộ"}},
		orgRatings: {{domain.ColYear: 2025, domain.ColOrgCode: v.Code, domain.ColOrgName: v.Name, domain.ColLevel: "Hoàn thành nhiệm vụ"}},
		// The other ward itself: its "Thông tin" sheet keeps the file to
		// its ward, whatever the organisations sheet holds.
		// Renamed: the messages name it as the database has it.
		orgs: {{domain.ColOrgCode: v.Code, domain.ColOrgName: v.Name + " đổi tên", domain.ColKind: "Đảng bộ cơ sở", domain.ColNote: "sửa hộ"}},
	})
	// The ward's own member put in the other ward's cell.
	moved := withCell(t, part, members, inW.CardNo, domain.ColCell, vCell.Code)

	before := read(t, exportXLSX(t, district, 0))
	for _, c := range []struct {
		name, file string
		want       []string
	}{
		{"ratings of another ward", bad, []string{
			fmt.Sprintf("%s, dòng %d, cột B (Số thẻ đảng viên): đảng viên %s (số thẻ %s) sinh hoạt ở", ratings, len(sheetRows(t, part)[ratings])+1, inV.FullName, inV.CardNo),
			fmt.Sprintf("%s, dòng %d, cột B (Mã tổ chức): %s, ngoài phạm vi của tệp (%s", orgRatings, len(sheetRows(t, part)[orgRatings])+1, v.Name, w.Name),
			fmt.Sprintf("%s, dòng %d, cột A (Mã tổ chức): %s, ngoài phạm vi của tệp (%s", orgs, len(sheetRows(t, part)[orgs])+1, v.Name, w.Name),
		}},
		{"a member put in another ward", moved, []string{fmt.Sprintf("%s, dòng", members),
			fmt.Sprintf("(Chi bộ): %s ›", v.Name), fmt.Sprintf("%s, ngoài phạm vi của tệp (%s", vCell.Name, w.Name)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := exchange.Import(ctx, district, []string{c.file}, exchange.ImportOptions{})
			if err == nil {
				t.Fatalf("imported: %s", counts(rep))
			}
			got := errorsOf(rep)
			for _, want := range c.want {
				if !strings.Contains(got, want) {
					t.Errorf("errors:\n%s\nwant %q", got, want)
				}
			}
			if strings.Contains(got, "đổi tên") {
				t.Errorf("a message names the refused new name:\n%s", got)
			}
			if n := len(rep.Errors); n != 3 && c.name == "ratings of another ward" {
				t.Errorf("%d errors, want %d:\n%s", n, len(c.want), got)
			}
			if !bytes.Equal(before, read(t, exportXLSX(t, district, 0))) {
				t.Error("the database changed")
			}
		})
	}

	// A member of the other ward moved into the ward, rated there.
	in := withRows(t, part, map[string][]map[string]any{
		members: {memberRow(inV, wCell)},
		ratings: {{domain.ColYear: 2026, domain.ColCardNo: inV.CardNo, domain.ColLevel: "Hoàn thành tốt nhiệm vụ"}},
	})
	rep := importInto(t, district, in)
	if len(rep.Transfers) != 1 || !strings.Contains(rep.Transfers[0].Member, inV.CardNo) || rep.MemberRatings.Added != 1 {
		t.Errorf("transfers %v, ratings added %d", rep.Transfers, rep.MemberRatings.Added)
	}
}

// withCell copies a workbook, setting column col of the row of sheet
// that holds card to v.
func withCell(t *testing.T, path, sheet, card, col string, v any) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int{}
	for i, h := range all[0] {
		at[h] = i
	}
	for r, row := range all {
		if len(row) > at[domain.ColCardNo] && row[at[domain.ColCardNo]] == card {
			cell, _ := excelize.CoordinatesToCellName(at[col]+1, r+1)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), filepath.Base(path))
			if err := f.SaveAs(out); err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	t.Fatalf("no row of %s holds card %s", sheet, card)
	return ""
}

func errorsOf(rep *domain.ImportReport) string {
	if rep == nil {
		return ""
	}
	var out []string
	for _, e := range rep.Errors {
		out = append(out, e.Error())
	}
	return strings.Join(out, "\n")
}

// TestAWardFileEditedByHandImportsTwice: staff move a member to another
// cell by changing Chi bộ on the members sheet of their ward's file and
// leave the file's periods as they were; the file imports, and importing
// it again changes nothing.
func TestAWardFileEditedByHandImportsTwice(t *testing.T) {
	db := fill(t, 600, 7)
	w, _, m, _ := wards(t, db)
	tree, err := db.Tree(ctx, domain.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var other *domain.Org
	tree.Walk(w.ID, func(o *domain.Org) {
		if other == nil && o.Kind.HoldsMembers() && o.ID != m.CellID && o.DissolvedOn.IsZero() {
			other = o
		}
	})
	if other == nil {
		t.Fatal("the ward has one cell")
	}
	path := exportXLSX(t, db, w.ID)
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := interchange.SheetMembers.Name()
	rows, _ := x.GetRows(sheet)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	moved := false
	for i, r := range rows {
		if len(r) > col["Số thẻ đảng viên"] && r[col["Số thẻ đảng viên"]] == m.CardNo {
			cell, _ := excelize.CoordinatesToCellName(col["Chi bộ"]+1, i+1)
			x.SetCellStr(sheet, cell, other.Code)
			moved = true
		}
	}
	if !moved {
		t.Fatalf("member %s not in the ward's file", m.CardNo)
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	rep := importInto(t, db, path)
	if len(rep.Transfers) != 1 || cellOf(t, db, m.CardNo) != other.ID {
		t.Fatalf("transfers %v, cell %d, want %d", rep.Transfers, cellOf(t, db, m.CardNo), other.ID)
	}
	if rep := importInto(t, db, path); rep.Writes() {
		t.Errorf("the same file again writes: %s", counts(rep))
	}
}

// TestAFileMadeByHandIsNoPart: a workbook typed by hand (no "Thông tin"
// sheet) that adds a cell under a ward and rates a member of another ward
// is not taken for that cell's part: it imports.
func TestAFileMadeByHandIsNoPart(t *testing.T) {
	db := fill(t, 600, 7)
	w, _, _, inV := wards(t, db)
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Tổ chức")
	x.SetSheetRow("Tổ chức", "A1", &[]any{"Tên tổ chức", "Loại", "Trực thuộc"})
	x.SetSheetRow("Tổ chức", "A2", &[]any{"Chi bộ Khối phố 99", "Chi bộ", w.Code})
	x.NewSheet("Xếp loại đảng viên")
	x.SetSheetRow("Xếp loại đảng viên", "A1", &[]any{"Năm", "Số thẻ đảng viên", "Xếp loại"})
	x.SetSheetRow("Xếp loại đảng viên", "A2", &[]any{2024, inV.CardNo, "Hoàn thành nhiệm vụ"})
	path := filepath.Join(t.TempDir(), "tay.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rep := importInto(t, db, path)
	if rep.Scope != "" || rep.Orgs.Added != 1 || rep.MemberRatings.Added+rep.MemberRatings.Changed+rep.MemberRatings.Unchanged != 1 {
		t.Errorf("scope %q, %s", rep.Scope, counts(rep))
	}
}

// TestAWardFileOlderThanATransfer: ward V takes in a member of ward W (its
// part's members sheet puts them in one of its cells); then W's part,
// exported before that move, comes in: the member stays in V (said so),
// and the database still goes through a workbook (no period ending before
// it begins).
func TestAWardFileOlderThanATransfer(t *testing.T) {
	db := fill(t, 600, 7)
	w, v, m, inV := wards(t, db)
	old := exportXLSX(t, db, w.ID) // W's part, before the move
	vPart := exportXLSX(t, db, v.ID)
	ox, err := excelize.OpenFile(old)
	if err != nil {
		t.Fatal(err)
	}
	oldRows, _ := ox.GetRows(interchange.SheetMembers.Name()) // dates as shown
	ox.Close()
	var row []string
	for _, r := range oldRows {
		if slices.Contains(r, m.CardNo) {
			row = r
		}
	}
	if row == nil {
		t.Fatalf("member %s not in W's part", m.CardNo)
	}
	header := oldRows[0]
	cellCol := slices.Index(header, "Chi bộ")
	vCell, err := db.Org(ctx, inV.CellID)
	if err != nil {
		t.Fatal(err)
	}
	row = slices.Clone(row)
	row[cellCol] = vCell.Code
	x, err := excelize.OpenFile(vPart)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(interchange.SheetMembers.Name())
	cells := make([]any, len(row))
	for i, c := range row {
		cells[i] = c
	}
	x.SetSheetRow(interchange.SheetMembers.Name(), fmt.Sprintf("A%d", len(rows)+1), &cells)
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	importInto(t, db, vPart)
	if cellOf(t, db, m.CardNo) != vCell.ID {
		t.Fatal("the member did not move to V")
	}
	rep := importInto(t, db, old)
	if got := cellOf(t, db, m.CardNo); got != vCell.ID {
		t.Errorf("W's older file took the member back: cell %d, want %d", got, vCell.ID)
	}
	kept := false
	for _, tr := range rep.Transfers {
		kept = kept || strings.Contains(tr.Member, m.CardNo) && tr.Kept
	}
	if !kept {
		t.Errorf("the review does not say the member stays: %v", rep.Transfers)
	}
	copy := openDB(t, "copy.db")
	importInto(t, copy, exportXLSX(t, db, 0))
}
