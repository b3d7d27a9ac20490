package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"xeploai/domain"
)

// Import writes a batch read from files in one transaction: organisations,
// then members, ratings and awards, each identified as interchange.md says and
// added, changed or left alone. If any row has an error, or dryRun is set,
// nothing is written; the report says what was (or would be) done and lists
// every error with its sheet, row and column.
func (db *DB) Import(ctx context.Context, b *domain.Batch, dryRun bool) (*domain.ImportReport, error) {
	rep := &domain.ImportReport{DryRun: dryRun, Warnings: b.Warnings}
	rep.Errors = append(rep.Errors, b.Errors...)
	errRollback := errors.New("rollback")
	err := db.inTx(ctx, "import", b.Source, func(tx *sql.Tx) error {
		q := newStmtCache(tx)
		defer q.close()
		im := &importer{ctx: ctx, q: q, rep: rep, today: domain.Today()}
		if err := im.loadOrgs(); err != nil {
			return err
		}
		for _, step := range []func() error{
			func() error { return im.importOrgs(b.Orgs) },
			func() error { return im.importMembers(b.Members) },
			func() error { return im.importOrgRatings(b.OrgRatings) },
			func() error { return im.importMemberRatings(b.MemberRatings) },
			func() error { return im.importAwards(b.Awards) },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		im.reasonWarnings()
		if len(rep.Errors) > 0 || dryRun {
			return errRollback
		}
		return nil
	})
	if err != nil && !errors.Is(err, errRollback) {
		return rep, err
	}
	if len(rep.Errors) > 0 {
		return rep, domain.Errorf(domain.EINVALID, "", "có %d lỗi trong tệp nhập; không có gì được ghi", len(rep.Errors))
	}
	return rep, nil
}

type importer struct {
	ctx   context.Context
	q     queryer
	rep   *domain.ImportReport
	today domain.Date
	orgs  orgIndex
	// not-rated reasons not on the list, by folded text
	unknownReasons map[string]*unknownReason
	reasonOrder    []string
}

// orgIndex finds organisations by code and by folded name during an import.
type orgIndex struct {
	byID   map[int64]*domain.Org
	byCode map[string]int64
	byName map[string][]int64
}

func (x *orgIndex) put(o domain.Org) {
	if old := x.byID[o.ID]; old != nil {
		delete(x.byCode, domain.Fold(old.Code))
		key := domain.Fold(old.Name)
		ids := x.byName[key]
		for i, id := range ids {
			if id == o.ID {
				x.byName[key] = append(ids[:i:i], ids[i+1:]...)
				break
			}
		}
	}
	x.byID[o.ID] = &o
	if o.Code != "" {
		x.byCode[domain.Fold(o.Code)] = o.ID
	}
	key := domain.Fold(o.Name)
	x.byName[key] = append(x.byName[key], o.ID)
}

// resolve finds the one organisation ref names. cellsOnly keeps only
// organisations that hold members. It returns a Vietnamese reason when there is
// none or more than one.
func (x *orgIndex) resolve(ref domain.OrgRef, cellsOnly bool) (int64, string) {
	key := domain.Fold(ref.Ref)
	if key == "" {
		return 0, "không được để trống"
	}
	if id, ok := x.byCode[key]; ok {
		if cellsOnly && !x.byID[id].Kind.HoldsMembers() {
			return 0, fmt.Sprintf("%s là %s, không trực tiếp quản lý đảng viên", x.byID[id].Name, x.byID[id].Kind.Label())
		}
		return id, ""
	}
	cands := append([]int64(nil), x.byName[key]...)
	if ref.Parent != "" {
		pid, why := x.resolve(domain.OrgRef{Ref: ref.Parent}, false)
		if why != "" {
			return 0, fmt.Sprintf("tổ chức cấp trên %q: %s", domain.CleanText(ref.Parent), why)
		}
		cands = filterIDs(cands, func(o *domain.Org) bool { return o.ParentID == pid }, x)
	}
	if cellsOnly {
		all := cands
		cands = filterIDs(cands, func(o *domain.Org) bool { return o.Kind.HoldsMembers() }, x)
		if len(cands) == 0 && len(all) > 0 {
			o := x.byID[all[0]]
			return 0, fmt.Sprintf("%s là %s, không trực tiếp quản lý đảng viên", o.Name, o.Kind.Label())
		}
	}
	if len(cands) > 1 {
		if active := filterIDs(cands, func(o *domain.Org) bool { return o.DissolvedOn.IsZero() }, x); len(active) == 1 {
			cands = active
		}
	}
	switch len(cands) {
	case 0:
		return 0, fmt.Sprintf("không tìm thấy tổ chức %q", domain.CleanText(ref.Ref))
	case 1:
		return cands[0], ""
	}
	var where []string
	for _, id := range cands {
		if p := x.byID[x.byID[id].ParentID]; p != nil {
			where = append(where, p.Name)
		}
	}
	return 0, fmt.Sprintf("có %d tổ chức tên %q (thuộc %s); hãy ghi cột Trực thuộc hoặc dùng mã tổ chức",
		len(cands), domain.CleanText(ref.Ref), strings.Join(where, ", "))
}

func filterIDs(ids []int64, keep func(*domain.Org) bool, x *orgIndex) []int64 {
	var out []int64
	for _, id := range ids {
		if keep(x.byID[id]) {
			out = append(out, id)
		}
	}
	return out
}

func (im *importer) loadOrgs() error {
	orgs, err := listOrgs(im.ctx, im.q)
	if err != nil {
		return err
	}
	im.orgs = orgIndex{byID: map[int64]*domain.Org{}, byCode: map[string]int64{}, byName: map[string][]int64{}}
	for _, o := range orgs {
		im.orgs.put(o)
	}
	return nil
}

// write runs a row's write and counts it as added or changed; a user error
// is recorded against the row, any other error returned.
func (im *importer) write(src domain.RowSource, counts *domain.ImportCounts, existed bool, fn func() error) error {
	if err := fn(); err != nil {
		return im.fail(src, err)
	}
	if existed {
		counts.Changed++
	} else {
		counts.Added++
	}
	return nil
}

// fail records a user error of row src; any other error is returned.
func (im *importer) fail(src domain.RowSource, err error) error {
	var es domain.Errors
	var e *domain.Error
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			im.rep.Errors = append(im.rep.Errors, src.Errorf(e.Field, "%s", e.Message))
		}
	case errors.As(err, &e):
		im.rep.Errors = append(im.rep.Errors, src.Errorf(e.Field, "%s", e.Message))
	default:
		return fmt.Errorf("%s, dòng %d: %w", src.Sheet, src.Row, err)
	}
	return nil
}

func (im *importer) errorf(src domain.RowSource, field, format string, args ...any) {
	im.rep.Errors = append(im.rep.Errors, src.Errorf(field, format, args...))
}

// Canonical column names, as interchange.md writes them.
const (
	colOrgCode      = "Mã tổ chức"
	colOrgName      = "Tên tổ chức"
	colKind         = "Loại"
	colParent       = "Trực thuộc"
	colNote         = "Ghi chú"
	colFullName     = "Họ và tên"
	colCell         = "Chi bộ"
	colCardNo       = "Số thẻ đảng viên"
	colHistoryNo    = "Số lý lịch"
	colScore        = "Điểm"
	colReason       = "Lý do không xếp loại"
	colCivilService = "Xếp loại công chức"
	colMassOrgs     = "Xếp loại chính quyền, đoàn thể"
	colYear         = "Năm"
	colContent      = "Nội dung"
	colDecision     = "Số quyết định"
	colDecisionOn   = "Ngày quyết định"
	colIssuer       = "Cấp khen thưởng"
)

func (im *importer) importOrgs(rows []domain.OrgRow) error {
	pendingKeys := map[string]int{}
	keysOf := func(r *domain.OrgRow) []string {
		keys := []string{domain.Fold(r.Org.Name)}
		if r.Org.Code != "" {
			keys = append(keys, domain.Fold(r.Org.Code))
		}
		return keys
	}
	pending := make([]int, len(rows))
	for i := range rows {
		pending[i] = i
		for _, k := range keysOf(&rows[i]) {
			pendingKeys[k]++
		}
	}
	done := func(r *domain.OrgRow) {
		for _, k := range keysOf(r) {
			pendingKeys[k]--
		}
	}
	seen := map[int64]int{} // organisation id → row that named it
	for progress := true; progress && len(pending) > 0; {
		progress = false
		var next []int
		for _, i := range pending {
			r := &rows[i]
			var parentID int64
			if p := domain.Fold(r.Parent); p != "" {
				selfKey := false
				for _, k := range keysOf(r) {
					selfKey = selfKey || k == p
				}
				if pendingKeys[p] > 0 && !selfKey {
					next = append(next, i) // its parent is a row not yet written
					continue
				}
				id, why := im.orgs.resolve(domain.OrgRef{Ref: r.Parent}, false)
				if why != "" {
					im.errorf(r.Src, colParent, "%s", why)
					done(r)
					progress = true
					continue
				}
				parentID = id
			}
			done(r)
			progress = true
			if err := im.importOrg(r, parentID, seen); err != nil {
				return err
			}
		}
		pending = next
	}
	for _, i := range pending {
		im.errorf(rows[i].Src, colParent, "không xác định được tổ chức cấp trên %q (các dòng trực thuộc lẫn nhau)", rows[i].Parent)
	}
	return nil
}

func (im *importer) importOrg(r *domain.OrgRow, parentID int64, seen map[int64]int) error {
	in := r.Org
	in.Normalize()
	in.ParentID = parentID
	var existing *domain.Org
	if in.Code != "" {
		if id, ok := im.orgs.byCode[domain.Fold(in.Code)]; ok {
			existing = im.orgs.byID[id]
		}
	}
	if existing == nil {
		for _, id := range im.orgs.byName[domain.Fold(in.Name)] {
			o := im.orgs.byID[id]
			if o.ParentID == parentID && (in.Code == "" || o.Code == "") {
				existing = o
				break
			}
		}
	}
	if existing != nil {
		if row, dup := seen[existing.ID]; dup {
			im.errorf(r.Src, colOrgName, "trùng với tổ chức ở dòng %d", row)
			return nil
		}
		seen[existing.ID] = r.Src.Row
		merged := *existing
		if r.Src.Has(colOrgName) {
			merged.Name = in.Name
		}
		if r.Src.Has(colKind) {
			merged.Kind = in.Kind
		}
		if r.Src.Has(colParent) {
			merged.ParentID = in.ParentID
		}
		if in.Code != "" {
			merged.Code = in.Code
		}
		if r.Src.Has(colNote) {
			merged.Note = in.Note
		}
		if merged == *existing {
			im.rep.Orgs.Unchanged++
			return nil
		}
		if err := updateOrg(im.ctx, im.q, &merged, im.today); err != nil {
			return im.fail(r.Src, err)
		}
		im.orgs.put(merged)
		im.rep.Orgs.Changed++
		return nil
	}
	if err := insertOrg(im.ctx, im.q, &in); err != nil {
		return im.fail(r.Src, err)
	}
	seen[in.ID] = r.Src.Row
	im.orgs.put(in)
	im.rep.Orgs.Added++
	return nil
}

// findMember identifies a member: by card number, else by personal-history
// number, else by name and date of birth (and cell, when cellID is set: a
// cell the member belongs or belonged to). A member given a card number or
// personal-history number for the first time is found by name and date of
// birth among those who have none yet. It returns 0 when there is none.
func (im *importer) findMember(ref domain.MemberRef, cellID int64) (int64, string, error) {
	var id int64
	for _, u := range []struct{ col, val string }{{"card_no", ref.CardNo}, {"history_no", ref.HistoryNo}} {
		if u.val == "" {
			continue
		}
		err := im.q.QueryRowContext(im.ctx, `SELECT id FROM members WHERE `+u.col+` = ?`, domain.CleanText(u.val)).Scan(&id)
		if err == nil {
			return id, "", nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, "", err
		}
	}
	name := domain.Fold(ref.FullName)
	if name == "" || ref.BirthDate.IsZero() {
		return 0, "", nil
	}
	query := `SELECT id FROM members WHERE name_fold = ? AND birth_date = ?`
	args := []any{name, ref.BirthDate.ISO()}
	if ref.CardNo != "" {
		query += ` AND card_no IS NULL`
	}
	if ref.HistoryNo != "" {
		query += ` AND history_no IS NULL`
	}
	if cellID != 0 {
		query += ` AND (cell_id = ? OR id IN (SELECT member_id FROM memberships WHERE org_id = ?))`
		args = append(args, cellID, cellID)
	}
	rows, err := im.q.QueryContext(im.ctx, query+` LIMIT 3`, args...)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return 0, "", err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	switch len(ids) {
	case 0:
		return 0, "", nil
	case 1:
		return ids[0], "", nil
	}
	return 0, fmt.Sprintf("có nhiều đảng viên %s sinh %s; hãy ghi số thẻ đảng viên hoặc chi bộ", domain.CleanText(ref.FullName), ref.BirthDate), nil
}

// memberFields copies each column's field from src to dst.
var memberFields = map[string]func(dst, src *domain.Member){
	"Họ và tên":         func(d, s *domain.Member) { d.FullName = s.FullName },
	"Tên khai sinh":     func(d, s *domain.Member) { d.BirthName = s.BirthName },
	"Ngày sinh":         func(d, s *domain.Member) { d.BirthDate = s.BirthDate },
	"Giới tính":         func(d, s *domain.Member) { d.Sex = s.Sex },
	"Nơi sinh":          func(d, s *domain.Member) { d.BirthPlace = s.BirthPlace },
	"Dân tộc":           func(d, s *domain.Member) { d.Ethnicity = s.Ethnicity },
	"Tôn giáo":          func(d, s *domain.Member) { d.Religion = s.Religion },
	"Quê quán":          func(d, s *domain.Member) { d.HomeTown = s.HomeTown },
	"Quê quán mới":      func(d, s *domain.Member) { d.HomeTownNew = s.HomeTownNew },
	"Trình độ học vấn":  func(d, s *domain.Member) { d.Education = s.Education },
	"Lý luận chính trị": func(d, s *domain.Member) { d.TheoryLevel = s.TheoryLevel },
	"Nghề nghiệp":       func(d, s *domain.Member) { d.Occupation = s.Occupation },
	"Ngày vào Đảng":     func(d, s *domain.Member) { d.AdmittedOn = s.AdmittedOn },
	"Ngày chính thức":   func(d, s *domain.Member) { d.OfficialOn = s.OfficialOn },
	"Số thẻ đảng viên":  func(d, s *domain.Member) { d.CardNo = s.CardNo },
	"Số lý lịch":        func(d, s *domain.Member) { d.HistoryNo = s.HistoryNo },
	"Số huy hiệu":       func(d, s *domain.Member) { d.BadgeNo = s.BadgeNo },
	"Chi bộ":            func(d, s *domain.Member) { d.CellID = s.CellID },
	"Trạng thái":        func(d, s *domain.Member) { d.Status = s.Status },
	"Ghi chú":           func(d, s *domain.Member) { d.Note = s.Note },
}

func (im *importer) importMembers(rows []domain.MemberRow) error {
	seen := map[int64]int{}
	seenKey := map[string]int{}
	for i := range rows {
		r := &rows[i]
		cellID, why := im.orgs.resolve(r.Cell, true)
		if why != "" {
			im.errorf(r.Src, colCell, "%s", why)
			continue
		}
		in := r.Member
		in.Normalize()
		in.CellID = cellID
		duplicate := false
		for _, k := range []struct{ col, val string }{{colCardNo, in.CardNo}, {colHistoryNo, in.HistoryNo}} {
			if k.val == "" {
				continue
			}
			if row, dup := seenKey[k.col+k.val]; dup {
				im.errorf(r.Src, k.col, "%s trùng với dòng %d", k.val, row)
				duplicate = true
			}
			seenKey[k.col+k.val] = r.Src.Row
		}
		if duplicate {
			continue
		}
		id, why, err := im.findMember(domain.MemberRef{CardNo: in.CardNo, HistoryNo: in.HistoryNo, FullName: in.FullName, BirthDate: in.BirthDate, Cell: r.Cell}, cellID)
		if err != nil {
			return err
		}
		if why != "" {
			im.errorf(r.Src, colFullName, "%s", why)
			continue
		}
		if id == 0 {
			if err := insertMember(im.ctx, im.q, &in); err != nil {
				if err := im.fail(r.Src, err); err != nil {
					return err
				}
				continue
			}
			seen[in.ID] = r.Src.Row
			im.rep.Members.Added++
			continue
		}
		if row, dup := seen[id]; dup {
			im.errorf(r.Src, colFullName, "trùng với đảng viên ở dòng %d", row)
			continue
		}
		seen[id] = r.Src.Row
		existing, err := getMember(im.ctx, im.q, id)
		if err != nil {
			return err
		}
		merged := *existing
		for col, copyField := range memberFields {
			if r.Src.Has(col) {
				copyField(&merged, &in)
			}
		}
		merged.Normalize()
		if merged == *existing {
			im.rep.Members.Unchanged++
			continue
		}
		if err := updateMember(im.ctx, im.q, &merged, im.today); err != nil {
			if err := im.fail(r.Src, err); err != nil {
				return err
			}
			continue
		}
		im.rep.Members.Changed++
	}
	return nil
}

// identifyingColumn is the column a member reference error is reported at.
func identifyingColumn(src domain.RowSource, ref domain.MemberRef) string {
	switch {
	case ref.CardNo != "":
		return colCardNo
	case ref.HistoryNo != "":
		return colHistoryNo
	}
	return colFullName
}

// resolveMember finds the member a ratings or awards row names, recording an
// error when there is none. It returns the member and the cell named, if any.
func (im *importer) resolveMember(src domain.RowSource, ref domain.MemberRef) (memberID, cellID int64, ok bool, err error) {
	if ref.Cell.Ref != "" {
		var why string
		if cellID, why = im.orgs.resolve(ref.Cell, true); why != "" {
			im.errorf(src, colCell, "%s", why)
			return 0, 0, false, nil
		}
	}
	id, why, err := im.findMember(ref, cellID)
	if err != nil {
		return 0, 0, false, err
	}
	col := identifyingColumn(src, ref)
	switch {
	case why != "":
		im.errorf(src, col, "%s", why)
		return 0, 0, false, nil
	case id == 0:
		im.errorf(src, col, "không tìm thấy đảng viên %s", describeRef(ref))
		return 0, 0, false, nil
	}
	return id, cellID, true, nil
}

func describeRef(ref domain.MemberRef) string {
	var parts []string
	if ref.FullName != "" {
		parts = append(parts, domain.CleanText(ref.FullName))
	}
	if !ref.BirthDate.IsZero() {
		parts = append(parts, "sinh "+ref.BirthDate.String())
	}
	if ref.CardNo != "" {
		parts = append(parts, "số thẻ "+domain.CleanText(ref.CardNo))
	}
	if ref.HistoryNo != "" {
		parts = append(parts, "số lý lịch "+domain.CleanText(ref.HistoryNo))
	}
	if ref.Cell.Ref != "" {
		parts = append(parts, "chi bộ "+domain.CleanText(ref.Cell.Ref))
	}
	if len(parts) == 0 {
		return "(chưa có số thẻ, số lý lịch hay họ tên và ngày sinh)"
	}
	return strings.Join(parts, ", ")
}

// mergeRating keeps the stored score, note, civil-service rating and the
// results of the government and unions when the sheet has no column for them.
func mergeRating(src domain.RowSource, in, old domain.Rating) domain.Rating {
	if !src.Has(colScore) {
		in.Score = old.Score
	}
	if !src.Has(colCivilService) {
		in.CivilService = old.CivilService
	}
	if !src.Has(colMassOrgs) {
		in.MassOrgs = old.MassOrgs
	}
	if !src.Has(colNote) {
		in.Note = old.Note
	}
	return in
}

func (im *importer) importMemberRatings(rows []domain.MemberRatingRow) error {
	seen := map[[2]int64]int{}
	for i := range rows {
		r := &rows[i]
		memberID, cellID, ok, err := im.resolveMember(r.Src, r.Member)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		key := [2]int64{memberID, int64(r.Rating.Year)}
		if row, dup := seen[key]; dup {
			im.errorf(r.Src, colYear, "đảng viên này đã có xếp loại năm %d ở dòng %d", r.Rating.Year, row)
			continue
		}
		seen[key] = r.Src.Row
		in := domain.MemberRating{MemberID: memberID, OrgID: cellID, Rating: r.Rating}
		in.Normalize()
		im.mapReason(r.Src, &in.Rating)
		old, err := memberRating(im.ctx, im.q, memberID, r.Rating.Year)
		if err != nil {
			return err
		}
		if old != nil {
			in.Rating = mergeRating(r.Src, in.Rating, old.Rating)
			if in.OrgID == 0 {
				in.OrgID = old.OrgID
			}
			if reflect.DeepEqual(in, *old) {
				im.rep.MemberRatings.Unchanged++
				continue
			}
		}
		if err := im.write(r.Src, &im.rep.MemberRatings, old != nil, func() error { return upsertMemberRating(im.ctx, im.q, &in) }); err != nil {
			return err
		}
	}
	return nil
}

func memberRating(ctx context.Context, q queryer, memberID int64, year int) (*domain.MemberRating, error) {
	r := domain.MemberRating{MemberID: memberID}
	var level sql.NullString
	var score sql.NullFloat64
	var civil sql.NullString
	err := q.QueryRowContext(ctx, `SELECT year, org_id, level, score, not_rated_reason, note, civil_level FROM member_ratings
		WHERE member_id = ? AND year = ?`, memberID, year).Scan(&r.Year, &r.OrgID, &level, &score, &r.NotRatedReason, &r.Note, &civil)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	scanRating(level, score, &r.Rating)
	r.CivilService = levelOf(civil)
	return &r, nil
}

func orgRating(ctx context.Context, q queryer, orgID int64, year int) (*domain.OrgRating, error) {
	r := domain.OrgRating{OrgID: orgID}
	var level sql.NullString
	var score sql.NullFloat64
	var mass sql.NullString
	err := q.QueryRowContext(ctx, `SELECT year, level, score, not_rated_reason, note, mass_level FROM org_ratings WHERE org_id = ? AND year = ?`,
		orgID, year).Scan(&r.Year, &level, &score, &r.NotRatedReason, &r.Note, &mass)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	scanRating(level, score, &r.Rating)
	r.MassOrgs = levelOf(mass)
	return &r, nil
}

func (im *importer) importOrgRatings(rows []domain.OrgRatingRow) error {
	seen := map[[2]int64]int{}
	for i := range rows {
		r := &rows[i]
		orgID, why := im.orgs.resolve(r.Org, false)
		if why != "" {
			col := colOrgName
			if !r.Src.Has(colOrgName) {
				col = colOrgCode
			}
			im.errorf(r.Src, col, "%s", why)
			continue
		}
		key := [2]int64{orgID, int64(r.Rating.Year)}
		if row, dup := seen[key]; dup {
			im.errorf(r.Src, colYear, "tổ chức này đã có xếp loại năm %d ở dòng %d", r.Rating.Year, row)
			continue
		}
		seen[key] = r.Src.Row
		in := domain.OrgRating{OrgID: orgID, Rating: r.Rating}
		in.Normalize()
		im.mapReason(r.Src, &in.Rating)
		old, err := orgRating(im.ctx, im.q, orgID, r.Rating.Year)
		if err != nil {
			return err
		}
		if old != nil {
			in.Rating = mergeRating(r.Src, in.Rating, old.Rating)
			if reflect.DeepEqual(in, *old) {
				im.rep.OrgRatings.Unchanged++
				continue
			}
		}
		if err := im.write(r.Src, &im.rep.OrgRatings, old != nil, func() error { return upsertOrgRating(im.ctx, im.q, &in) }); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) importAwards(rows []domain.AwardRow) error {
	for i := range rows {
		r := &rows[i]
		in := r.Award
		in.Normalize()
		switch {
		case r.Member != nil:
			id, _, ok, err := im.resolveMember(r.Src, *r.Member)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			in.MemberID = id
		case r.Org != nil:
			id, why := im.orgs.resolve(*r.Org, false)
			if why != "" {
				im.errorf(r.Src, colOrgName, "%s", why)
				continue
			}
			in.OrgID = id
		default:
			im.errorf(r.Src, "", "chưa ghi đảng viên hay tổ chức được khen thưởng")
			continue
		}
		var existing *domain.Award
		rows2, err := im.q.QueryContext(im.ctx, `SELECT `+awardCols+` FROM awards WHERE COALESCE(member_id, 0) = ? AND COALESCE(org_id, 0) = ?
			AND form = ? AND milestone = ? AND year = ?`, in.MemberID, in.OrgID, string(in.Form), in.Milestone, in.Year)
		if err != nil {
			return err
		}
		for rows2.Next() {
			a, err := scanAward(rows2)
			if err != nil {
				rows2.Close()
				return err
			}
			if domain.Fold(a.Content) == domain.Fold(in.Content) {
				existing = &a
				break
			}
		}
		rows2.Close()
		if existing == nil {
			if err := insertAward(im.ctx, im.q, &in); err != nil {
				if err := im.fail(r.Src, err); err != nil {
					return err
				}
				continue
			}
			im.rep.Awards.Added++
			continue
		}
		merged := *existing
		merged.Content = in.Content
		for col, p := range map[string]func(){
			colDecision:   func() { merged.DecisionNo = in.DecisionNo },
			colDecisionOn: func() { merged.DecisionDate = in.DecisionDate },
			colIssuer:     func() { merged.Issuer = in.Issuer },
			colNote:       func() { merged.Note = in.Note },
		} {
			if r.Src.Has(col) {
				p()
			}
		}
		if merged == *existing {
			im.rep.Awards.Unchanged++
			continue
		}
		if err := updateAward(im.ctx, im.q, &merged); err != nil {
			if err := im.fail(r.Src, err); err != nil {
				return err
			}
			continue
		}
		im.rep.Awards.Changed++
	}
	return nil
}
