package store

import (
	"errors"
	"strings"
	"testing"

	"xeploai/domain"
)

func TestAStaleFormIsRefused(t *testing.T) { onBoth(t, testAStaleFormIsRefused) }

// testAStaleFormIsRefused: two handles load one member; one saves a new
// home town; the other's save over what it loaded is refused, naming who
// and when and both values, and writes nothing; saved over the member as
// it now is, it goes through.
func testAStaleFormIsRefused(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Nguyễn Văn An", "5001", f.cell1)
	other, err := OpenTarget(f.db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	nameThePerson(other, "Chị Lan (phường An Hải Bắc)")
	loaded, _ := f.db.Member(ctx, m.ID)
	theirs := *loaded
	theirs.HomeTown = "Hội An"
	if err := other.UpdateMemberFrom(ctx, loaded, &theirs, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	mine := *loaded
	mine.HomeTown, mine.Note = "Điện Bàn", "sửa ở quận"
	err = f.db.UpdateMemberFrom(ctx, loaded, &mine, domain.Date{})
	var ce *ChangedError
	if !errors.As(err, &ce) || domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("a stale save: %v", err)
	}
	if ce.Who != shownAs(other, "Chị Lan (phường An Hải Bắc)") || ce.At == "" || ce.Current.(*domain.Member).HomeTown != "Hội An" {
		t.Errorf("refusal names %q at %q, current %q", ce.Who, ce.At, ce.Current.(*domain.Member).HomeTown)
	}
	if len(ce.Fields) != 1 || ce.Fields[0] != (FieldChange{Field: "home_town", Old: "Hội An", New: "Điện Bàn"}) {
		t.Errorf("fields %+v", ce.Fields)
	}
	if now, _ := f.db.Member(ctx, m.ID); now.HomeTown != "Hội An" || now.Note != "" {
		t.Errorf("a refused save wrote: %q %q", now.HomeTown, now.Note)
	}
	// Deleted by the other meanwhile: said with who and when.
	gone := f.member(t, "Mai Văn Xoá", "5009", f.cell1)
	goneLoaded, _ := f.db.Member(ctx, gone.ID)
	must(t, other.DeleteMember(ctx, gone.ID))
	edit := *goneLoaded
	edit.Note = "sửa"
	if err := f.db.UpdateMemberFrom(ctx, goneLoaded, &edit, domain.Date{}); domain.ErrorCode(err) != domain.ECONFLICT ||
		!strings.Contains(err.Error(), "Mai Văn Xoá đã bị "+shownAs(other, "Chị Lan (phường An Hải Bắc)")+" xoá lúc") {
		t.Errorf("a save over a member deleted since: %v", err)
	}
	// Over the member as it is now (the form shows it), the save goes on.
	if err := f.db.UpdateMemberFrom(ctx, ce.Current.(*domain.Member), &mine, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if now, _ := f.db.Member(ctx, m.ID); now.HomeTown != "Điện Bàn" || now.Note != "sửa ở quận" {
		t.Errorf("saved %q %q", now.HomeTown, now.Note)
	}
}

func TestARatingKeyOnAChangedRowIsRefused(t *testing.T) {
	onBoth(t, testARatingKeyOnAChangedRowIsRefused)
}

// testARatingKeyOnAChangedRowIsRefused: a sheet showing no rating for a
// member whom another office has rated since: the key is refused, naming
// who, and the rating stored now comes back; over it, the key is saved; a
// removal over a stale rating is refused too.
func testARatingKeyOnAChangedRowIsRefused(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Trần Văn Bình", "5002", f.cell1)
	other, err := OpenTarget(f.db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	nameThePerson(other, "Anh Minh")
	if err := other.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}); err != nil {
		t.Fatal(err)
	}
	good := &domain.MemberRating{MemberID: m.ID, OrgID: f.cell1.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}
	none := domain.Rating{Year: 2025}
	err = f.db.RateMemberFrom(ctx, m.ID, 2025, &none, good)
	var ce *RatingChangedError
	if !errors.As(err, &ce) || domain.ErrorCode(err) != domain.ECONFLICT || ce.Who != shownAs(other, "Anh Minh") || ce.Current == nil || ce.Current.Level != domain.LevelExcellent {
		t.Fatalf("a key over a changed row: %v (%+v)", err, ce)
	}
	if rs, _ := f.db.MemberRatings(ctx, m.ID); len(rs) != 1 || rs[0].Level != domain.LevelExcellent {
		t.Errorf("a refused key wrote: %+v", rs)
	}
	if err := f.db.RateMemberFrom(ctx, m.ID, 2025, ce.Current, good); err != nil {
		t.Fatal(err)
	}
	if rs, _ := f.db.MemberRatings(ctx, m.ID); len(rs) != 1 || rs[0].Level != domain.LevelGood {
		t.Errorf("saved over the row as it is: %+v", rs)
	}
	// Delete over a rating the sheet no longer shows.
	stale := domain.Rating{Year: 2025, Level: domain.LevelExcellent}
	if err := f.db.RateMemberFrom(ctx, m.ID, 2025, &stale, nil); !errors.As(err, &ce) {
		t.Errorf("a removal over a changed row: %v", err)
	}
	if rs, _ := f.db.MemberRatings(ctx, m.ID); len(rs) != 1 {
		t.Errorf("a refused removal removed: %+v", rs)
	}
}

func TestAStaleAwardFormIsRefused(t *testing.T) { onBoth(t, testAStaleAwardFormIsRefused) }

// testAStaleAwardFormIsRefused: an award edited elsewhere since it was
// loaded is not saved over; a deleted one neither.
func testAStaleAwardFormIsRefused(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Lê Thị Cúc", "5003", f.cell1)
	a := &domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Content: "Giấy khen", Year: 2025, DecisionNo: "12-QĐ/ĐU"}
	if err := f.db.CreateAward(ctx, a); err != nil {
		t.Fatal(err)
	}
	loaded := *a
	theirs := loaded
	theirs.DecisionNo = "15-QĐ/ĐU"
	if err := f.db.UpdateAwardFrom(ctx, &loaded, &theirs); err != nil {
		t.Fatal(err)
	}
	mine := loaded
	mine.Issuer = "Đảng ủy phường"
	err := f.db.UpdateAwardFrom(ctx, &loaded, &mine)
	var ce *ChangedError
	if !errors.As(err, &ce) || len(ce.Fields) != 1 || ce.Fields[0] != (FieldChange{Field: "decision_no", Old: "15-QĐ/ĐU", New: "12-QĐ/ĐU", Kept: true}) || ce.Who == "" ||
		ce.Name != "Giấy khen (Lê Thị Cúc)" {
		t.Fatalf("a stale award save: %v %+v", err, ce)
	}
	if as, _ := f.db.Awards(ctx, AwardQuery{MemberID: m.ID}); len(as) != 1 || as[0].DecisionNo != "15-QĐ/ĐU" || as[0].Issuer != "" {
		t.Errorf("a refused save wrote: %+v", as)
	}
	if err := f.db.DeleteAward(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.UpdateAwardFrom(ctx, &theirs, &mine); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("saving a deleted award: %v", err)
	}
}

func TestAnOrgRatingKeyOnAChangedRowIsRefused(t *testing.T) {
	onBoth(t, testAnOrgRatingKeyOnAChangedRowIsRefused)
}

// testAnOrgRatingKeyOnAChangedRowIsRefused: as for a member, an
// organisation's own rating on the sheet saves only over the rating shown
// (the government's and unions' result included).
func testAnOrgRatingKeyOnAChangedRowIsRefused(t *testing.T) {
	f := newFixture(t)
	other, err := OpenTarget(f.db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	nameThePerson(other, "Anh Minh")
	if err := other.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.cell1.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}); err != nil {
		t.Fatal(err)
	}
	excellent := &domain.OrgRating{OrgID: f.cell1.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}
	none := domain.Rating{Year: 2025}
	err = f.db.RateOrgFrom(ctx, f.cell1.ID, 2025, &none, excellent)
	var ce *RatingChangedError
	if !errors.As(err, &ce) || domain.ErrorCode(err) != domain.ECONFLICT || ce.Who != shownAs(other, "Anh Minh") || ce.Name != f.cell1.Name || ce.Current == nil || ce.Current.Level != domain.LevelGood {
		t.Fatalf("a key over a changed row: %v (%+v)", err, ce)
	}
	if r, _ := f.db.OrgRating(ctx, f.cell1.ID, 2025); r == nil || r.Level != domain.LevelGood {
		t.Errorf("a refused key wrote: %+v", r)
	}
	if err := f.db.RateOrgFrom(ctx, f.cell1.ID, 2025, ce.Current, excellent); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.db.OrgRating(ctx, f.cell1.ID, 2025); r == nil || r.Level != domain.LevelExcellent {
		t.Errorf("saved over the row as it is: %+v", r)
	}
	// Another office enters the unions' result: a removal over the rating
	// without it is refused.
	shown := *ce.Current
	shown.Level = domain.LevelExcellent
	withMass := *excellent
	withMass.MassOrgs = domain.LevelGood
	if err := other.SetOrgRating(ctx, &withMass); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RateOrgFrom(ctx, f.cell1.ID, 2025, &shown, nil); !errors.As(err, &ce) {
		t.Errorf("a removal over a changed row: %v", err)
	}
	if r, _ := f.db.OrgRating(ctx, f.cell1.ID, 2025); r == nil || r.MassOrgs != domain.LevelGood {
		t.Errorf("a refused removal removed: %+v", r)
	}
	if err := f.db.RateOrgFrom(ctx, f.cell1.ID, 2025, &withMass.Rating, nil); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.db.OrgRating(ctx, f.cell1.ID, 2025); r != nil {
		t.Errorf("removed over the row as it is: %+v", r)
	}
}

func TestAStaleOrgActionIsRefused(t *testing.T) { onBoth(t, testAStaleOrgActionIsRefused) }

// testAStaleOrgActionIsRefused: renaming, moving or merging an organisation
// as a window loaded it, after another office renamed it, is refused naming
// who and both values, and writes nothing; over what is stored now, it is
// done.
func testAStaleOrgActionIsRefused(t *testing.T) {
	f := newFixture(t)
	loaded := *f.cell2
	other, err := OpenTarget(f.db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	nameThePerson(other, "Chị Lan")
	if err := other.RenameOrg(ctx, f.cell2.ID, "Chi bộ Tổ dân phố 2", domain.NewDate(2025, 1, 1)); err != nil {
		t.Fatal(err)
	}
	on := domain.NewDate(2025, 6, 1)
	for _, c := range []struct {
		action string
		do     func(loaded *domain.Org) error
		field  FieldChange
	}{
		{"rename", func(l *domain.Org) error { return f.db.RenameOrgFrom(ctx, l, "Chi bộ Khu dân cư 2 (mới)", on) },
			FieldChange{Field: "name", Old: "Chi bộ Tổ dân phố 2", New: "Chi bộ Khu dân cư 2 (mới)"}},
		// A move or a merge does not change the name: it is theirs, kept.
		{"move", func(l *domain.Org) error { return f.db.MoveOrgFrom(ctx, l, f.top.ID, on) },
			FieldChange{Field: "name", Old: "Chi bộ Tổ dân phố 2", New: "Chi bộ Khu dân cư số 2", Kept: true}},
		{"merge", func(l *domain.Org) error { return f.db.MergeOrgFrom(ctx, l, f.cell1.ID, on) },
			FieldChange{Field: "name", Old: "Chi bộ Tổ dân phố 2", New: "Chi bộ Khu dân cư số 2", Kept: true}},
	} {
		err := c.do(&loaded)
		var ce *ChangedError
		if !errors.As(err, &ce) || domain.ErrorCode(err) != domain.ECONFLICT || ce.Who != shownAs(other, "Chị Lan") || len(ce.Fields) != 1 || ce.Fields[0] != c.field {
			t.Fatalf("%s over a stale organisation: %v (%+v)", c.action, err, ce)
		}
		if o, _ := f.db.Org(ctx, f.cell2.ID); o.Name != "Chi bộ Tổ dân phố 2" || o.ParentID != f.ward.ID || !o.DissolvedOn.IsZero() {
			t.Errorf("a refused %s wrote: %+v", c.action, o)
		}
	}
	cur, _ := f.db.Org(ctx, f.cell2.ID)
	if err := f.db.MergeOrgFrom(ctx, cur, f.cell1.ID, on); err != nil {
		t.Fatal(err)
	}
	if o, _ := f.db.Org(ctx, f.cell2.ID); o.MergedInto != f.cell1.ID {
		t.Errorf("merged over what is stored: %+v", o)
	}
}

// shownAs is how the history names a change db made as name: on a server
// with the login role after it (the tests' is postgres).
func shownAs(db *DB, name string) string {
	if db.Server() {
		return name + " (postgres)"
	}
	return name
}

func TestEveryRecordCarriesAVersion(t *testing.T) { onBoth(t, testEveryRecordCarriesAVersion) }

// testEveryRecordCarriesAVersion: each change to a record counts its
// version up — a save, an undo, another process's change and its change
// back — and a form saves only over the version it loaded: a member, an
// organisation or an award changed and changed back since the form opened
// is refused (naming who and when) although its fields read as loaded.
// The version is no field of the history: an update logs one change.
func testEveryRecordCarriesAVersion(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Võ Thị Phiên", "5101", f.cell1)
	version := func() int64 {
		got, err := f.db.Member(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Version
	}
	if v := version(); v != 1 {
		t.Fatalf("a new member's version is %d, want 1", v)
	}
	loaded, _ := f.db.Member(ctx, m.ID)
	changed := *loaded
	changed.Note = "một"
	must(t, f.db.UpdateMember(ctx, &changed, domain.Date{}))
	if v := version(); v != 2 {
		t.Errorf("after a save the version is %d, want 2", v)
	}
	var logged int
	if err := f.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM changes WHERE step_id = (SELECT MAX(id) FROM steps) AND tbl = 'members'`).Scan(&logged); err != nil || logged != 1 {
		t.Errorf("the save logged %d changes of the member (%v), want 1", logged, err)
	}
	if _, err := f.db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.db.Member(ctx, m.ID); got.Note != "" || got.Version != 3 {
		t.Errorf("after the undo: note %q, version %d; want the note back and version 3", got.Note, got.Version)
	}

	// Another process changes the member and changes it back.
	other, err := OpenTarget(f.db.Path(), Options{})
	must(t, err)
	defer other.Close()
	nameThePerson(other, "Anh Tâm")
	loaded, _ = f.db.Member(ctx, m.ID)
	for _, note := range []string{"tạm", ""} {
		theirs, _ := other.Member(ctx, m.ID)
		theirs.Note = note
		must(t, other.UpdateMember(ctx, theirs, domain.Date{}))
	}
	mine := *loaded
	mine.HomeTown = "Huế"
	err = f.db.UpdateMemberFrom(ctx, loaded, &mine, domain.Date{})
	var ce *ChangedError
	if !errors.As(err, &ce) || ce.Who != shownAs(other, "Anh Tâm") || len(ce.Fields) != 0 || ce.Current.(*domain.Member).Version != 5 {
		t.Fatalf("a save over a member changed and changed back since: %v (%+v)", err, ce)
	}
	if now, _ := f.db.Member(ctx, m.ID); now.HomeTown != "" {
		t.Errorf("the refused save wrote %q", now.HomeTown)
	}
	must(t, f.db.UpdateMemberFrom(ctx, ce.Current.(*domain.Member), &mine, domain.Date{}))

	// An organisation likewise.
	tree, _ := f.db.Tree(ctx, domain.Date{})
	cell := *tree.Org(f.cell2.ID)
	must(t, other.RenameOrg(ctx, cell.ID, "Chi bộ tạm", domain.Date{}))
	must(t, other.RenameOrg(ctx, cell.ID, cell.Name, domain.Date{}))
	if err := f.db.RenameOrgFrom(ctx, &cell, "Chi bộ mới", domain.Date{}); !errors.As(err, &ce) || ce.Who != shownAs(other, "Anh Tâm") {
		t.Errorf("a rename over an organisation changed and changed back since: %v", err)
	}

	// An award likewise.
	a := &domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Content: "Giấy khen 2024", Year: 2024}
	must(t, f.db.CreateAward(ctx, a))
	awards, _ := f.db.Awards(ctx, AwardQuery{MemberID: m.ID})
	award := awards[0]
	for _, note := range []string{"tạm", ""} {
		theirs := award
		theirs.Note = note
		must(t, other.UpdateAward(ctx, &theirs))
	}
	mineAward := award
	mineAward.Issuer = "Đảng ủy phường"
	if err := f.db.UpdateAwardFrom(ctx, &award, &mineAward); !errors.As(err, &ce) {
		t.Errorf("a save over an award changed and changed back since: %v", err)
	}

	// Ratings and the other records count too.
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}))
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelExcellent}}))
	var rv int64
	if err := f.db.read.QueryRowContext(ctx, `SELECT version FROM member_ratings WHERE member_id = ? AND year = 2024`, m.ID).Scan(&rv); err != nil || rv != 2 {
		t.Errorf("a rating changed once is at version %d (%v), want 2", rv, err)
	}
}

func TestAPartsExportSaysWhatItLeavesOut(t *testing.T) {
	onBoth(t, testAPartsExportSaysWhatItLeavesOut)
}

// testAPartsExportSaysWhatItLeavesOut: a member who came to a cell from
// another keeps the rating and the membership of the cell he left; an
// export of the cell alone cannot carry them, and says how many it leaves
// out; an export of the whole database leaves nothing out.
func testAPartsExportSaysWhatItLeavesOut(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Đinh Văn Đến", "5201", f.cell2)
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, OrgID: f.cell2.ID, Rating: domain.Rating{Year: 2023, Level: domain.LevelGood}}))
	must(t, f.db.TransferMember(ctx, m.ID, f.cell1.ID, domain.NewDate(2024, 3, 1)))
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, OrgID: f.cell1.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}))
	for _, c := range []struct {
		name                 string
		scope                int64
		ratings, memberships int
	}{{"the cell he came to", f.cell1.ID, 1, 1}, {"the ward of both cells", f.ward.ID, 0, 0}, {"the whole database", 0, 0, 0}} {
		err := f.db.View(ctx, c.scope, func(s *Snapshot) error {
			r, ms, err := s.LeftOut()
			if r != c.ratings || ms != c.memberships {
				t.Errorf("%s: leaves out %d ratings and %d memberships, want %d and %d", c.name, r, ms, c.ratings, c.memberships)
			}
			return err
		})
		must(t, err)
	}
}
