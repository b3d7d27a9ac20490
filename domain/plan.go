package domain

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// ImportState is what an import is planned against: the stored records the
// batch may name (the store reads them, the plan is pure logic).
type ImportState struct {
	Today         Date
	ImportRecords // every organisation; the members the batch may name and their records
}

// ImportPlan is what an import writes: each record to add (ID 0, or a
// negative ID for a new organisation or member, which others may refer to
// until the store gives it its own) or to change (its stored ID). Nothing is
// to be written while the report holds an error.
type ImportPlan struct {
	Report ImportReport
	ImportRecords
}

// ImportRecords are the records an import reads or writes, by kind.
type ImportRecords struct {
	Orgs          []Org
	Events        []OrgEvent
	Members       []Member
	Memberships   []Membership
	MemberRatings []MemberRating
	OrgRatings    []OrgRating
	Awards        []Award
	Disciplines   []Discipline
	Absences      []Absence
	Gaps          []PartyAgeGap
	Leaders       []Leader
}

// MaxImportErrors is how many errors a report lists; the rest are counted.
const MaxImportErrors = 1000

// PlanImport matches a batch read from files against the stored records and
// decides, row by row, what to add, change or leave alone, as
// interchange.md says: organisations by code, else name and parent; members
// by card number, else personal-history number, else name, date of birth
// and cell. A column a sheet does not have leaves the stored field alone.
// Every problem is listed in the report with its sheet, row and column.
func PlanImport(b *Batch, st *ImportState) *ImportPlan {
	p := newPlanner(b, st)
	p.planOrgs()
	p.planEvents()
	p.planMembers()
	p.planMemberships()
	p.planRatings()
	p.planAwards()
	p.planDisciplines()
	p.planAbsences()
	p.planGaps()
	p.planLeaders()
	p.finish()
	return p.plan
}

type planner struct {
	b     *Batch
	st    *ImportState
	plan  *ImportPlan
	rep   *ImportReport
	today Date

	orgs      *OrgIndex
	storedOrg map[int64]Org
	orgRow    map[int64]RowSource // organisation → the row that named it
	orgAt     map[int64]int       // organisation → its place in plan.Orgs
	// scope: the organisations the file covers, as planned and as stored;
	// nil: the whole database
	scope, storedScope map[int64]bool
	newID              int64
	tree               *Tree // as planned, once the organisations are
	stTree             *Tree // as stored

	members     *MemberIndex
	storedMem   map[int64]*Member // the state's members (memberOf: as planned)
	memberRow   map[int64]RowSource
	memberAt    map[int64]int
	memberships map[int64][]*Membership // by member, as planned
	moved       map[int64]int64         // member → the cell the member left
	kept        map[int64]bool          // members the file saw leave, whom another exchange has put elsewhere
	dropped     int
	// refusedMember: members rows refused, by the keys they give
	// (refusedKeys)
	refusedMember map[string]refusedRow
	// partial: the file is one organisation's part whose parent this
	// database lacks; its history may name organisations the database
	// never had.
	partial bool

	// not-rated reasons not on the list, by folded text, in the order met
	unknownReasons map[string]*unknownReason
	reasonOrder    []string
}

func newPlanner(b *Batch, st *ImportState) *planner {
	p := &planner{b: b, st: st, plan: &ImportPlan{}, today: st.Today,
		orgs: NewOrgIndex(st.Orgs), storedOrg: map[int64]Org{}, orgRow: map[int64]RowSource{}, orgAt: map[int64]int{},
		members: NewMemberIndex(), storedMem: map[int64]*Member{}, memberRow: map[int64]RowSource{},
		memberAt: map[int64]int{}, memberships: map[int64][]*Membership{}, moved: map[int64]int64{}, kept: map[int64]bool{}, refusedMember: map[string]refusedRow{}, unknownReasons: map[string]*unknownReason{}}
	if p.today.IsZero() {
		p.today = Today()
	}
	p.rep = &p.plan.Report
	p.orgs.unread = b.UnreadOrgs
	p.rep.Errors = append(p.rep.Errors, b.Errors...)
	p.rep.Warnings = append(p.rep.Warnings, b.Warnings...)
	p.rep.Conversions = append(p.rep.Conversions, b.Conversions...)
	for _, o := range st.Orgs {
		p.storedOrg[o.ID] = o
	}
	for i := range st.Members {
		p.storedMem[st.Members[i].ID] = &st.Members[i]
	}
	for i := range st.Memberships {
		ms := st.Memberships[i]
		p.memberships[ms.MemberID] = append(p.memberships[ms.MemberID], &ms)
	}
	for _, m := range st.Members {
		e := MemberEntry{ID: m.ID, CardNo: m.CardNo, HistoryNo: m.HistoryNo, NameFold: Fold(m.FullName), BirthDate: m.BirthDate, Cells: []int64{m.CellID}}
		for _, ms := range p.memberships[m.ID] {
			if ms.OrgID != m.CellID {
				e.Cells = append(e.Cells, ms.OrgID)
			}
		}
		p.members.Put(e)
	}
	return p
}

// errorf records an error at field of a row.
func (p *planner) errorf(src RowSource, field, format string, args ...any) {
	if src.failed(field) {
		return // reported as the row was read
	}
	if src.Bad() && field != "" && !src.Has(field) {
		// A row already wrong, checked with the stored values of the
		// columns the sheet lacks: what they make wrong follows from its
		// errors, not from the file.
		return
	}
	if len(p.rep.Errors) >= MaxImportErrors {
		p.dropped++
		return
	}
	p.rep.Errors = append(p.rep.Errors, src.Errorf(field, format, args...))
}

// fail records a validation error of row src at the fields it names.
func (p *planner) fail(src RowSource, err error) {
	if err == nil {
		return
	}
	var es Errors
	var e *Error
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			p.errorf(src, e.Field, "%s", e.Said())
		}
	case errors.As(err, &e):
		p.errorf(src, e.Field, "%s", e.Said())
	default:
		p.errorf(src, "", "%v", err)
	}
}

// failBut records a validation error of row src but at fields, which
// were found wrong already (a cell or member not found): so that one run
// lists all that is wrong with a row.
func (p *planner) failBut(src RowSource, err error, fields ...string) {
	src.Failed = append(slices.Clone(src.Failed), fields...)
	p.fail(src, err)
}

func (p *planner) finish() {
	p.reasonWarnings()
	sortErrors(p.rep.Errors)
	if p.dropped > 0 {
		p.rep.Errors = append(p.rep.Errors, ImportError{Message: fmt.Sprintf("và %d lỗi khác", p.dropped)})
	}
}

// sortErrors puts errors in the order of the file, read or not: by sheet
// (in the order first met), row and column, so that a row's errors are
// listed together.
func sortErrors(es []ImportError) {
	sheets := map[string]int{}
	for _, e := range es {
		if _, ok := sheets[e.Sheet]; !ok {
			sheets[e.Sheet] = len(sheets)
		}
	}
	slices.SortStableFunc(es, func(a, b ImportError) int {
		if c := sheets[a.Sheet] - sheets[b.Sheet]; c != 0 {
			return c
		}
		if c := a.Row - b.Row; c != 0 {
			return c
		}
		if c := len(a.Column) - len(b.Column); c != 0 {
			return c
		}
		return strings.Compare(a.Column, b.Column)
	})
}

// orgName names an organisation for a message: its name and code.
func (p *planner) orgName(id int64) string {
	o := p.orgs.Get(id)
	if o == nil {
		return ""
	}
	if o.Code != "" && !IsGeneratedOrgCode(o.Code) {
		return fmt.Sprintf("%s (%s)", o.Name, o.Code)
	}
	return o.Name
}

// path names an organisation from its grassroots organisation down, in the
// tree as planned.
func (p *planner) path(id int64) string {
	if p.tree == nil {
		p.tree = p.orgs.Tree()
	}
	return p.tree.Path(id)
}

// storedTree is the tree as the database holds it.
func (p *planner) storedTree() *Tree {
	if p.stTree == nil {
		p.stTree = TreeAt(p.st.Orgs, nil, Date{})
	}
	return p.stTree
}

// inScope reports whether an organisation lies in what the file covers.
func (p *planner) inScope(id int64) bool { return p.scope == nil || p.scope[id] }

// ---- organisations

type orgPending struct {
	row      *OrgRow
	id       int64 // set once placed
	existing bool
}

func (p *planner) planOrgs() {
	rows := p.b.Orgs
	keysOf := func(r *OrgRow) []string {
		keys := []string{Fold(r.Org.Name)}
		if r.Org.Code != "" {
			keys = append(keys, Fold(r.Org.Code))
		}
		return keys
	}
	pendingKeys := map[string]int{}
	pending := make([]int, len(rows))
	for i := range rows {
		pending[i] = i
		for _, k := range keysOf(&rows[i]) {
			pendingKeys[k]++
		}
	}
	done := func(r *OrgRow) {
		for _, k := range keysOf(r) {
			pendingKeys[k]--
		}
	}
	placed := make([]orgPending, 0, len(rows))
	for progress := true; progress && len(pending) > 0; {
		progress = false
		var next []int
		for _, i := range pending {
			r := &rows[i]
			parentID, ok, wait := p.orgParent(r, pendingKeys, keysOf(r))
			if wait {
				next = append(next, i)
				continue
			}
			done(r)
			progress = true
			if !ok {
				continue
			}
			if op, ok := p.placeOrg(r, parentID); ok {
				placed = append(placed, op)
			}
		}
		pending = next
	}
	for _, i := range pending {
		p.errorf(rows[i].Src, ColParent, "không xác định được tổ chức cấp trên %q (các dòng trực thuộc lẫn nhau)", rows[i].Parent)
	}
	p.findScope(placed)
	for _, op := range placed {
		p.finishOrg(op)
	}
}

// orgParent resolves an organisation row's parent: wait is set while the
// parent is a row not yet placed.
func (p *planner) orgParent(r *OrgRow, pendingKeys map[string]int, own []string) (id int64, ok, wait bool) {
	ref := Fold(r.Parent)
	if ref == "" {
		return 0, true, false
	}
	self := false
	for _, k := range own {
		self = self || k == ref
	}
	if pendingKeys[ref] > 0 && !self {
		return 0, false, true
	}
	id, why := p.orgs.Resolve(OrgRef{Ref: r.Parent}, false)
	if why.Format == "" {
		return id, true, false
	}
	// A subtree's top row names a parent this database does not have (a
	// ward starting from the district's export): it goes to the top when
	// its kind may stand there.
	if r.Org.Code != "" && len(p.orgs.Named(r.Parent)) == 0 && r.Org.Kind.CanBeUnder("") {
		p.rep.Warnings = append(p.rep.Warnings, fmt.Sprintf("%s: tổ chức cấp trên %q của %s không có trong cơ sở dữ liệu; %s được đặt ở cấp cao nhất",
			r.Src.At(ColParent), CleanText(r.Parent), CleanText(r.Org.Name), CleanText(r.Org.Name)))
		p.partial = true
		return 0, true, false
	}
	p.errorf(r.Src, ColParent, "%s", why)
	return 0, false, false
}

// placeOrg finds the stored organisation a row names, or adds it, and puts
// it in the index with its name, code and parent from the row, so that the
// rows below it can find it.
func (p *planner) placeOrg(r *OrgRow, parentID int64) (orgPending, bool) {
	in := r.Org
	in.Normalize()
	var existing *Org
	if in.Code != "" {
		existing = p.orgs.ByCode(in.Code)
	}
	if existing == nil {
		for _, o := range p.orgs.Named(in.Name) {
			if o.ParentID == parentID && (in.Code == "" || o.Code == "" || IsGeneratedOrgCode(o.Code)) && o.ID > 0 {
				existing = o
				break
			}
		}
	}
	if existing == nil && in.Code == "" && CleanText(r.Parent) == "" {
		var ok bool
		if existing, ok = p.orgByNameAlone(r, in); !ok {
			return orgPending{}, false
		}
	}
	if existing != nil {
		if row, dup := p.orgRow[existing.ID]; dup {
			p.errorf(r.Src, ColOrgName, "trùng với tổ chức ở %s", row.Where(r.Src))
			return orgPending{}, false
		}
		p.orgRow[existing.ID] = r.Src
		o := *existing
		if r.Src.Has(ColOrgName) {
			o.Name = in.Name
		}
		if r.Src.Has(ColKind) {
			o.Kind = in.Kind
		}
		// An empty "Trực thuộc" leaves the parent alone: a ward's own
		// database has its organisation at the top, and its file must not
		// take it out of the district's tree. A move names the new parent.
		if r.Src.Has(ColParent) && CleanText(r.Parent) != "" {
			o.ParentID = parentID
		}
		if in.Code != "" {
			o.Code = in.Code
		}
		p.orgs.Put(o)
		return orgPending{row: r, id: o.ID, existing: true}, true
	}
	if in.Code != "" && p.orgs.ByCode(in.Code) != nil {
		p.errorf(r.Src, ColOrgCode, "mã %q đã dùng cho %s", in.Code, p.orgs.ByCode(in.Code).Name)
		return orgPending{}, false
	}
	p.newID--
	in.ID, in.ParentID = p.newID, parentID
	p.orgRow[in.ID] = r.Src
	p.orgs.Put(in)
	return orgPending{row: r, id: in.ID}, true
}

// orgByNameAlone finds the stored organisation a row with neither a code
// nor a parent names: none is at the top under that name, so it is the one
// organisation of that name and kind anywhere, said in a warning (a row
// that only leaves "Trực thuộc" empty must not add a second one at the
// top); several are ambiguous, refused. Only when none has the name is it
// a new organisation at the top (nil, true).
func (p *planner) orgByNameAlone(r *OrgRow, in Org) (*Org, bool) {
	var named, same []*Org
	for _, o := range p.orgs.Named(in.Name) {
		if o.ID > 0 {
			named = append(named, o)
			if o.Kind == in.Kind {
				same = append(same, o)
			}
		}
	}
	describe := func(os []*Org, kind bool) string {
		var out []string
		for _, o := range os {
			s := fmt.Sprintf("%s (mã %s)", p.storedTree().Path(o.ID), o.Code)
			if kind {
				s = fmt.Sprintf("%s (%s, mã %s)", p.storedTree().Path(o.ID), o.Kind.Label(), o.Code)
			}
			out = append(out, s)
		}
		return strings.Join(out, "; ")
	}
	switch {
	case len(named) == 0:
		return nil, true
	case len(same) == 1:
		p.rep.Warnings = append(p.rep.Warnings, fmt.Sprintf("%s: %q không ghi %s hay %s; đã khớp với %s, tổ chức duy nhất có tên và loại này",
			r.Src.At(ColOrgName), in.Name, ColParent, ColOrgCode, p.describeOrg(same[0].ID)))
		return same[0], true
	case len(same) > 1:
		p.errorf(r.Src, ColParent, "có %d tổ chức tên %q: %s; hãy ghi %s hoặc %s", len(same), in.Name, describe(same, false), ColParent, ColOrgCode)
	default:
		p.errorf(r.Src, ColKind, "đã có tổ chức tên %q nhưng khác loại: %s; hãy ghi %s hoặc %s nếu đây là tổ chức khác", in.Name, describe(named, true), ColParent, ColOrgCode)
	}
	return nil, false
}

// finishOrg sets the fields the row gives, once every organisation is
// placed (a merge may name one further down), validates and plans it.
func (p *planner) finishOrg(op orgPending) {
	r := op.row
	o := *p.orgs.Get(op.id)
	in := r.Org
	in.Normalize()
	has := r.Src.Has
	if !op.existing || has(ColNote) {
		o.Note = in.Note
	}
	if !op.existing || has(ColFounded) {
		o.FoundedOn = in.FoundedOn
	}
	if !op.existing || has(ColDissolved) {
		o.DissolvedOn = in.DissolvedOn
	}
	if !op.existing || has(ColMergedInto) {
		o.MergedInto = 0
		if m := CleanText(r.MergedInto); m != "" {
			id, why := p.orgs.Resolve(OrgRef{Ref: m}, false)
			if why.Format != "" {
				p.errorf(r.Src, ColMergedInto, "%s", why)
				return
			}
			o.MergedInto = id
		}
	}
	parent := p.orgs.Get(o.ParentID)
	if err := o.Validate(parent); err != nil {
		p.fail(r.Src, err)
		return
	}
	if o.ParentID != 0 && p.orgs.IsUnder(o.ParentID, o.ID) {
		p.errorf(r.Src, ColParent, "không thể chuyển %s vào tổ chức cấp dưới của chính nó", o.Name)
		return
	}
	if o.MergedInto == o.ID {
		p.errorf(r.Src, ColMergedInto, "một tổ chức không thể hợp nhất vào chính nó")
		return
	}
	p.orgs.Put(o)
	if !op.existing {
		if p.outside(r.Src, orgCol(r.Src), 0, o.ID, 0) {
			return
		}
		p.rep.Orgs.added(p.describeOrg(o.ID))
		p.orgAt[o.ID] = len(p.plan.Orgs)
		p.plan.Orgs = append(p.plan.Orgs, o)
		return
	}
	old := p.storedOrg[o.ID]
	fields := p.orgChanges(old, o)
	if len(fields) == 0 {
		p.rep.Orgs.Unchanged++
		return
	}
	if p.scope != nil {
		// Said as the database has it, and kept so if refused.
		p.keepStored(old)
		if p.outside(r.Src, orgCol(r.Src), 0, o.ID, 0) {
			return
		}
		p.keepStored(o)
	}
	if p.scope != nil && !p.storedScope[o.ID] {
		p.errorf(r.Src, ColParent, "%s (thuộc %s), ngoài phạm vi của tệp (%s), không thể chuyển vào phạm vi này bằng tệp", old.Name, p.orgName(old.ParentID), p.rep.Scope)
		p.keepStored(old)
		return
	}
	p.rep.Orgs.changed(RecordChange{Record: p.describeOrg(o.ID), Fields: fields})
	p.orgAt[o.ID] = len(p.plan.Orgs)
	p.plan.Orgs = append(p.plan.Orgs, o)
}

// keepStored puts an organisation in the index as given (back as stored,
// when the file may not change it): the messages that follow name it so.
func (p *planner) keepStored(o Org) {
	p.orgs.Put(o)
	p.tree = nil
}

func (p *planner) describeOrg(id int64) string {
	o := p.orgs.Get(id)
	if parent := p.orgs.Get(o.ParentID); parent != nil {
		return fmt.Sprintf("%s (thuộc %s)", o.Name, parent.Name)
	}
	return o.Name
}

func (p *planner) orgChanges(old, o Org) []FieldChange {
	var out []FieldChange
	add := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{field, a, b})
		}
	}
	add(ColOrgCode, old.Code, o.Code)
	add(ColOrgName, old.Name, o.Name)
	add(ColKind, old.Kind.Label(), o.Kind.Label())
	add(ColParent, p.orgName(old.ParentID), p.orgName(o.ParentID))
	add(ColFounded, old.FoundedOn.String(), o.FoundedOn.String())
	add(ColDissolved, old.DissolvedOn.String(), o.DissolvedOn.String())
	add(ColMergedInto, p.orgName(old.MergedInto), p.orgName(o.MergedInto))
	add(ColNote, old.Note, o.Note)
	return out
}

// findScope works out what the file covers: the subtrees of the
// organisations its "Thông tin" sheet names (an export of one
// organisation's part), else, when every organisation at the top of its
// organisations sheet sits under an organisation of the database (a
// ward's part sent to the district), the subtrees under them; otherwise
// the whole database. A scope that holds every organisation is none.
func (p *planner) findScope(placed []orgPending) {
	var roots []int64
	for _, code := range p.b.Scopes {
		if o := p.orgs.ByCode(code); o != nil {
			roots = append(roots, o.ID)
		} else {
			p.rep.Warnings = append(p.rep.Warnings, fmt.Sprintf("%s: phạm vi của tệp là tổ chức mã %q, không có trong cơ sở dữ liệu hay trang %s",
				InfoSheet, code, SheetOrgs.Name()))
		}
	}
	if len(roots) == 0 && p.b.Exported {
		// Another database's whole export (a ward's own database) whose
		// top organisations sit under ours is a part of ours; a file made
		// by hand is not.
		roots = p.fileTops(placed)
	}
	if len(roots) == 0 {
		return
	}
	p.scope, p.storedScope = map[int64]bool{}, map[int64]bool{}
	tree, stored := p.orgs.Tree(), p.storedTree()
	var names []string
	for _, r := range roots {
		tree.Walk(r, func(o *Org) { p.scope[o.ID] = true })
		stored.Walk(r, func(o *Org) { p.storedScope[o.ID] = true })
		names = append(names, p.orgName(r))
	}
	if len(p.scope) == len(p.orgs.byID) {
		p.scope, p.storedScope = nil, nil
		return
	}
	p.rep.Scope = strings.Join(names, "; ")
}

// fileTops are the organisations at the top of the file's organisations
// sheet when each sits under an organisation of the database; none when
// one is at the top of the tree.
func (p *planner) fileTops(placed []orgPending) []int64 {
	inFile := map[int64]bool{}
	for _, op := range placed {
		inFile[op.id] = true
	}
	var tops []int64
	for _, op := range placed {
		o := p.orgs.Get(op.id)
		if !inFile[o.ParentID] {
			if o.ParentID == 0 {
				return nil // the file holds a top organisation: the whole database
			}
			tops = append(tops, o.ID)
		}
	}
	return tops
}

// outside refuses a record the file adds or changes outside its scope (a
// ward's file names a member or organisation of another ward): of a
// member (memberID, 0 for none), in or of an organisation (orgID, 0 for
// none), of a year (0 for none), named at column col of row src. A
// member's record is inside when the member is (on a cell of the scope as
// planned, or seen leaving it by the file), or, for a year's record, was
// at the end of that year; a member the file's members sheet moves into
// the scope brings the member's own records from anywhere. It reports
// whether the record was refused.
func (p *planner) outside(src RowSource, col string, memberID, orgID int64, year int) bool {
	if p.scope == nil || memberID != 0 && p.transferredIn(memberID) {
		return false
	}
	var what string
	switch {
	case memberID != 0 && !p.memberInside(memberID, year):
		m := p.memberOf(memberID)
		what = fmt.Sprintf("đảng viên %s sinh hoạt ở %s", describeMember(m), p.path(m.CellID))
	case orgID != 0 && !p.inScope(orgID):
		what = p.path(orgID)
		if memberID != 0 {
			if col = ColCell; src.Has(ColOrgCode) {
				col = ColOrgCode // a committee seat's organisation
			}
		}
	default:
		return false
	}
	p.errorf(src, col, "%s, ngoài phạm vi của tệp (%s); tệp của một tổ chức chỉ được thêm, sửa hồ sơ trong phạm vi đó (và của đảng viên chuyển đến theo trang %s)",
		what, p.rep.Scope, SheetMembers.Name())
	return true
}

// memberInside reports whether a member is in the file's scope as planned,
// was seen leaving it by the file, or (year given) was in it at the end
// of that year.
func (p *planner) memberInside(id int64, year int) bool {
	if year != 0 {
		// A record of a year: the member's then, wherever they are now.
		return p.inScope(p.cellAt(id, YearEnd(year))) || p.inScope(p.memberOf(id).CellID) && !p.kept[id]
	}
	return p.inScope(p.memberOf(id).CellID) || p.kept[id]
}

// transferredIn reports whether the file's members sheet moves a member
// from outside its scope into it.
func (p *planner) transferredIn(memberID int64) bool {
	from, ok := p.moved[memberID]
	return ok && !p.storedScope[from]
}

// memberCol is the column a row names a member by, for a message.
func memberCol(src RowSource) string {
	if src.Has(ColCardNo) {
		return ColCardNo
	}
	return ColFullName
}

// orgCol is the column a row names an organisation by, for a message.
func orgCol(src RowSource) string {
	if src.Has(ColOrgCode) || !src.Has(ColOrgName) {
		return ColOrgCode
	}
	return ColOrgName
}

// ---- organisation events

func eventKey(e *OrgEvent) string {
	return fmt.Sprintf("%d|%s|%s|%s|%d|%d", e.OrgID, e.On.ISO(), e.Kind, Fold(e.NewName), e.NewParent, e.OtherID)
}

func (p *planner) planEvents() {
	stored := map[string]*OrgEvent{}
	for i := range p.st.Events {
		e := &p.st.Events[i]
		stored[eventKey(e)] = e
	}
	seen := map[string]RowSource{}
	for i := range p.b.Events {
		r := &p.b.Events[i]
		e := r.Event
		e.OldName, e.NewName, e.Note = CleanText(e.OldName), CleanText(e.NewName), CleanText(e.Note)
		ok := true
		skip := false
		resolve := func(col, ref string, dst *int64) {
			if CleanText(ref) == "" {
				return
			}
			id, why := p.orgs.Resolve(OrgRef{Ref: ref}, false)
			switch {
			case why.Format != "" && p.partial && col != ColOrgCode && len(p.orgs.Named(ref)) == 0:
				skip = true
			case why.Format != "":
				p.errorf(r.Src, col, "%s", why)
				ok = false
			}
			*dst = id
		}
		if CleanText(r.Org) == "" {
			p.errorf(r.Src, ColOrgCode, "không được để trống")
			continue
		}
		resolve(ColOrgCode, r.Org, &e.OrgID)
		resolve(ColOldParent, r.OldParent, &e.OldParent)
		resolve(ColNewParent, r.NewParent, &e.NewParent)
		resolve(ColOtherOrg, r.Other, &e.OtherID)
		if !ok {
			continue
		}
		if skip {
			p.rep.Warnings = append(p.rep.Warnings, fmt.Sprintf("%s: sự kiện nhắc tới tổ chức không có trong cơ sở dữ liệu này; bỏ qua", r.Src.At(ColEvent)))
			continue
		}
		if err := e.Validate(p.today); err != nil {
			p.fail(r.Src, err)
			continue
		}
		key := eventKey(&e)
		if row, dup := seen[key]; dup {
			p.errorf(r.Src, ColEvent, "trùng với sự kiện ở %s", row.Where(r.Src))
			continue
		}
		seen[key] = r.Src
		if old := stored[key]; old != nil {
			e.ID = old.ID
			var fields []FieldChange
			if r.Src.Has(ColNote) && old.Note != e.Note {
				fields = append(fields, FieldChange{ColNote, old.Note, e.Note})
			}
			if r.Src.Has(ColOldName) && old.OldName != e.OldName {
				fields = append(fields, FieldChange{ColOldName, old.OldName, e.OldName})
			}
			if len(fields) == 0 {
				p.rep.Events.Unchanged++
				continue
			}
			if p.outside(r.Src, ColOrgCode, 0, e.OrgID, 0) {
				continue
			}
			if !r.Src.Has(ColNote) {
				e.Note = old.Note
			}
			if !r.Src.Has(ColOldName) {
				e.OldName = old.OldName
			}
			e.OldParent = old.OldParent
			p.rep.Events.changed(RecordChange{Record: p.describeEvent(&e), Fields: fields})
			p.plan.Events = append(p.plan.Events, e)
			continue
		}
		if p.outside(r.Src, ColOrgCode, 0, e.OrgID, 0) {
			continue
		}
		p.rep.Events.added(p.describeEvent(&e))
		p.plan.Events = append(p.plan.Events, e)
	}
	p.autoEvents()
}

func (p *planner) describeEvent(e *OrgEvent) string {
	s := fmt.Sprintf("%s: %s ngày %s", p.orgName(e.OrgID), e.Kind.Label(), e.On)
	switch e.Kind {
	case EventRename:
		s += fmt.Sprintf(" (%s → %s)", e.OldName, e.NewName)
	case EventMove:
		s += fmt.Sprintf(" (%s → %s)", orDash(p.orgName(e.OldParent)), orDash(p.orgName(e.NewParent)))
	case EventMerge:
		s += " vào " + p.orgName(e.OtherID)
	}
	return s
}

// autoEvents records in the organisations' history the renames, moves and
// dissolutions the organisations sheet makes, unless the file's history
// sheet (or the stored one) already holds them.
func (p *planner) autoEvents() {
	has := func(id int64, match func(e *OrgEvent) bool) bool {
		for i := range p.plan.Events {
			if e := &p.plan.Events[i]; e.OrgID == id && match(e) {
				return true
			}
		}
		for i := range p.st.Events {
			if e := &p.st.Events[i]; e.OrgID == id && match(e) {
				return true
			}
		}
		return false
	}
	for _, o := range p.plan.Orgs {
		old, ok := p.storedOrg[o.ID]
		if !ok {
			continue
		}
		var add []OrgEvent
		if old.Name != o.Name && !has(o.ID, func(e *OrgEvent) bool { return e.Kind == EventRename && Fold(e.NewName) == Fold(o.Name) }) {
			add = append(add, OrgEvent{OrgID: o.ID, On: p.today, Kind: EventRename, OldName: old.Name, NewName: o.Name})
		}
		if old.ParentID != o.ParentID && !has(o.ID, func(e *OrgEvent) bool { return e.Kind == EventMove && e.NewParent == o.ParentID }) {
			add = append(add, OrgEvent{OrgID: o.ID, On: p.today, Kind: EventMove, OldParent: old.ParentID, NewParent: o.ParentID})
		}
		if old.DissolvedOn.IsZero() && !o.DissolvedOn.IsZero() &&
			!has(o.ID, func(e *OrgEvent) bool { return e.Kind == EventMerge || e.Kind == EventDissolve }) {
			e := OrgEvent{OrgID: o.ID, On: o.DissolvedOn, Kind: EventDissolve}
			if o.MergedInto != 0 {
				e.Kind, e.OtherID = EventMerge, o.MergedInto
			}
			add = append(add, e)
		}
		for _, e := range add {
			p.rep.Events.added(p.describeEvent(&e) + " (ghi tự động theo trang Tổ chức)")
			p.plan.Events = append(p.plan.Events, e)
		}
	}
}

// Validate checks an event's own fields.
func (e *OrgEvent) Validate(today Date) error {
	var es Errors
	switch {
	case e.On.IsZero():
		es.add(ColDate, "không được để trống")
	case e.On.After(today):
		es.add(ColDate, "%s ở tương lai", e.On)
	}
	switch e.Kind {
	case EventRename:
		if e.NewName == "" {
			es.add(ColNewName, "không được để trống khi đổi tên")
		}
	case EventMove:
		if e.NewParent == e.OrgID && e.OrgID != 0 {
			es.add(ColNewParent, "một tổ chức không thể trực thuộc chính nó")
		}
	case EventMerge:
		if e.OtherID == 0 {
			es.add(ColOtherOrg, "cần mã tổ chức được hợp nhất vào")
		} else if e.OtherID == e.OrgID {
			es.add(ColOtherOrg, "một tổ chức không thể hợp nhất vào chính nó")
		}
	case EventDissolve:
	default:
		es.add(ColEvent, "sự kiện không hợp lệ")
	}
	return es.Err()
}

// ---- generated codes

const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" // Crockford's base 32

// OrgCode makes a code for an organisation that has none from 40 random
// bits: "TC" and eight letters and digits, so that codes two databases make
// do not meet.
func OrgCode(bits uint64) string {
	out := []byte("TC")
	for i := 0; i < 8; i++ {
		out = append(out, codeAlphabet[bits&31])
		bits >>= 5
	}
	return string(out)
}

// IsGeneratedOrgCode reports whether a code is one NewOrgCode made: an
// import may replace it with the code a file gives.
func IsGeneratedOrgCode(code string) bool {
	if len(code) != 10 || !strings.HasPrefix(code, "TC") {
		return false
	}
	for _, c := range code[2:] {
		if !strings.ContainsRune(codeAlphabet, c) {
			return false
		}
	}
	return true
}

// sortedKeys returns a map's keys in order, for a stable plan.
func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
