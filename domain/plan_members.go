package domain

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// memberFields copies each column's field of a member from src to dst.
var memberFields = []struct {
	col  string
	copy func(dst, src *Member)
}{
	{ColFullName, func(d, s *Member) { d.FullName = s.FullName }},
	{ColBirthName, func(d, s *Member) { d.BirthName = s.BirthName }},
	{ColBirthDate, func(d, s *Member) { d.BirthDate = s.BirthDate }},
	{ColSex, func(d, s *Member) { d.Sex = s.Sex }},
	{ColBirthPlace, func(d, s *Member) { d.BirthPlace = s.BirthPlace }},
	{ColEthnicity, func(d, s *Member) { d.Ethnicity = s.Ethnicity }},
	{ColReligion, func(d, s *Member) { d.Religion = s.Religion }},
	{ColHomeTown, func(d, s *Member) { d.HomeTown = s.HomeTown }},
	{ColHomeTownNew, func(d, s *Member) { d.HomeTownNew = s.HomeTownNew }},
	{ColEducation, func(d, s *Member) { d.Education = s.Education }},
	{ColTheory, func(d, s *Member) { d.TheoryLevel = s.TheoryLevel }},
	{ColOccupation, func(d, s *Member) { d.Occupation = s.Occupation }},
	{ColAdmitted, func(d, s *Member) { d.AdmittedOn = s.AdmittedOn }},
	{ColOfficial, func(d, s *Member) { d.OfficialOn = s.OfficialOn }},
	{ColCardNo, func(d, s *Member) { d.CardNo = s.CardNo }},
	{ColHistoryNo, func(d, s *Member) { d.HistoryNo = s.HistoryNo }},
	{ColBadgeNo, func(d, s *Member) { d.BadgeNo = s.BadgeNo }},
	{ColCell, func(d, s *Member) { d.CellID = s.CellID }},
	{ColStatus, func(d, s *Member) { d.Status = s.Status }},
	{ColStatusOn, func(d, s *Member) { d.StatusOn = s.StatusOn }},
	{ColLeftForm, func(d, s *Member) { d.LeftForm = s.LeftForm }},
	{ColNote, func(d, s *Member) { d.Note = s.Note }},
}

// memberText shows each column's field of a member as users read it.
func (p *planner) memberText(m *Member) []string {
	return []string{m.FullName, m.BirthName, m.BirthDate.String(), m.Sex.Label(), m.BirthPlace, m.Ethnicity, m.Religion,
		m.HomeTown, m.HomeTownNew, m.Education, m.TheoryLevel, m.Occupation, m.AdmittedOn.String(), m.OfficialOn.String(),
		m.CardNo, m.HistoryNo, m.BadgeNo, p.path(m.CellID), m.Status.Label(), m.StatusOn.String(), m.LeftForm, m.Note}
}

func describeMember(m *Member) string {
	switch {
	case m.CardNo != "":
		return fmt.Sprintf("%s (số thẻ %s)", m.FullName, m.CardNo)
	case m.HistoryNo != "":
		return fmt.Sprintf("%s (số lý lịch %s)", m.FullName, m.HistoryNo)
	}
	return fmt.Sprintf("%s (sinh %s)", m.FullName, m.BirthDate)
}

func (p *planner) planMembers() {
	seenKey := map[string]RowSource{}
	for i := range p.b.Members {
		r := &p.b.Members[i]
		p.planMember(r, seenKey)
	}
}

// planMember plans one members row; a row refused is remembered by its
// keys, so that the rows naming its member say where the error is.
func (p *planner) planMember(r *MemberRow, seenKey map[string]RowSource) {
	in := r.Member
	in.Normalize()
	ref := MemberRef{CardNo: in.CardNo, HistoryNo: in.HistoryNo, FullName: in.FullName, BirthDate: in.BirthDate}
	errs := len(p.rep.Errors) + p.dropped
	defer func() {
		if len(p.rep.Errors)+p.dropped == errs && !r.Src.Bad() {
			return
		}
		for _, k := range refusedKeys(ref) {
			if _, ok := p.refusedMember[k]; !ok {
				p.refusedMember[k] = refusedRow{r.Src, r.Member}
			}
		}
	}()
	cellID, why := p.orgs.Resolve(r.Cell, true)
	if why.Format != "" {
		p.errorf(r.Src, ColCell, "%s", why)
	}
	in.CellID = cellID
	// refused checks the rest of a row refused for its cell or its
	// numbers, so that one run lists all that is wrong with it.
	refused := func() { p.failBut(r.Src, in.Validate(p.orgs.Get(cellID), p.today), ColCell) }
	dup := why.Format != ""
	for _, k := range []struct{ col, val string }{{ColCardNo, in.CardNo}, {ColHistoryNo, in.HistoryNo}} {
		if k.val == "" {
			continue
		}
		if row, ok := seenKey[k.col+k.val]; ok {
			p.errorf(r.Src, k.col, "%s trùng với %s", k.val, row.Where(r.Src))
			dup = true
		} else {
			seenKey[k.col+k.val] = r.Src // later rows name the first
		}
	}
	if dup {
		refused()
		return
	}
	if !r.Src.failed(ColFullName, ColBirthDate) && p.clash(r.Src, ref) {
		refused()
		return
	}
	id, found := p.members.Find(ref, cellID)
	if found != "" {
		p.errorf(r.Src, ColFullName, "%s", found)
		refused()
		return
	}
	if id == 0 {
		p.addMember(r, in)
		return
	}
	if row, dup := p.memberRow[id]; dup {
		p.errorf(r.Src, ColFullName, "trùng với đảng viên ở %s", row.Where(r.Src))
		refused()
		return
	}
	p.memberRow[id] = r.Src
	p.updateMember(r, id, in)
}

// clash refuses a row whose card or personal-history number belongs to a
// member of another name and date of birth (MemberIndex.Clash).
func (p *planner) clash(src RowSource, ref MemberRef) bool {
	col, e := p.members.Clash(ref)
	if e == nil {
		return false
	}
	what, no := "số thẻ", ref.CardNo
	if col == ColHistoryNo {
		what, no = "số lý lịch", ref.HistoryNo
	}
	m := p.memberOf(e.ID)
	p.errorf(src, col, "%s %s là của %s, sinh %s (%s), không phải của %s, sinh %s; hãy kiểm tra lại %s",
		what, CleanText(no), m.FullName, m.BirthDate, p.path(m.CellID), CleanText(ref.FullName), ref.BirthDate, what)
	return true
}

// checkMember validates a member as it would be stored.
func (p *planner) checkMember(src RowSource, m *Member) bool {
	cell := p.orgs.Get(m.CellID)
	if err := m.Validate(cell, p.today); err != nil {
		p.fail(src, err)
		return false
	}
	if !cell.DissolvedOn.IsZero() && m.Status.OnRoll() {
		p.errorf(src, ColCell, "%s đã giải thể ngày %s", cell.Name, cell.DissolvedOn)
		return false
	}
	for _, u := range []struct{ col, val string }{{ColCardNo, m.CardNo}, {ColHistoryNo, m.HistoryNo}} {
		if u.val == "" {
			continue
		}
		e := p.members.ByCard(u.val)
		if u.col == ColHistoryNo {
			e = p.members.ByHistory(u.val)
		}
		if e != nil && e.ID != m.ID {
			other := p.memberOf(e.ID)
			p.errorf(src, u.col, "%s đã thuộc về đảng viên %s (sinh %s)", u.val, other.FullName, other.BirthDate)
			return false
		}
	}
	return true
}

func (p *planner) indexMember(m *Member) {
	e := MemberEntry{ID: m.ID, CardNo: m.CardNo, HistoryNo: m.HistoryNo, NameFold: Fold(m.FullName), BirthDate: m.BirthDate}
	if old := p.members.Get(m.ID); old != nil {
		e.Cells = append(e.Cells, old.Cells...)
	}
	p.members.Put(e)
	p.members.AddCell(m.ID, m.CellID)
}

// memberOf is member id as planned: as the plan writes it, else as
// stored; nil for none. The pointer is valid until the next member is
// planned.
func (p *planner) memberOf(id int64) *Member {
	if i, ok := p.memberAt[id]; ok {
		return &p.plan.Members[i]
	}
	return p.storedMem[id]
}

func (p *planner) addMember(r *MemberRow, in Member) {
	if !p.checkMember(r.Src, &in) || p.outside(r.Src, ColCell, 0, in.CellID, 0) || r.Src.Bad() {
		return
	}
	p.newID--
	in.ID = p.newID
	p.memberRow[in.ID] = r.Src
	p.indexMember(&in)
	p.memberAt[in.ID] = len(p.plan.Members)
	p.plan.Members = append(p.plan.Members, in)
	p.rep.Members.added(describeMember(&in))
}

func (p *planner) updateMember(r *MemberRow, id int64, in Member) {
	var stored Member
	if m := p.storedMem[id]; m != nil {
		stored = *m
	}
	merged := *p.memberOf(id)
	for _, f := range memberFields {
		if r.Src.Has(f.col) {
			f.copy(&merged, &in)
		}
	}
	merged.Normalize()
	if merged == stored {
		p.rep.Members.Unchanged++
		return
	}
	if merged.CellID != stored.CellID && !r.Src.Bad() && p.scope != nil && !p.inScope(stored.CellID) && stored.Status.OnRoll() &&
		(merged.Status == StatusTransferred || p.leftSince(&stored, merged.CellID)) {
		// The file's organisation saw the member leave; another exchange
		// has put the member in a cell elsewhere since: left there.
		p.rep.Members.Unchanged++
		p.kept[id] = true
		p.rep.Transfers = append(p.rep.Transfers, Transfer{Member: describeMember(&stored), From: p.path(stored.CellID), To: p.path(merged.CellID), Kept: true})
		return
	}
	if !p.checkMember(r.Src, &merged) || p.outside(r.Src, ColCell, 0, merged.CellID, 0) || r.Src.Bad() {
		return
	}
	var fields []FieldChange
	before, after := p.memberText(&stored), p.memberText(&merged)
	for i, f := range memberFields {
		if before[i] != after[i] {
			fields = append(fields, FieldChange{f.col, before[i], after[i]})
		}
	}
	if len(fields) == 0 { // equal as shown, different as stored (decomposed text)
		fields = append(fields, FieldChange{ColFullName, stored.FullName, merged.FullName})
	}
	p.rep.Members.changed(RecordChange{Record: describeMember(&stored), Fields: fields})
	if merged.CellID != stored.CellID {
		p.moved[id] = stored.CellID
		p.rep.Transfers = append(p.rep.Transfers, Transfer{Member: describeMember(&merged), From: p.path(stored.CellID), To: p.path(merged.CellID)})
	}
	p.indexMember(&merged)
	p.memberAt[id] = len(p.plan.Members)
	p.plan.Members = append(p.plan.Members, merged)
}

// leftSince reports whether a member the file puts in cell of its scope
// left that cell for another organisation's since: the database holds the
// member's period there as ended, and the file gives no later one there —
// a file older than the move (or a ward's database that never saw it),
// not a return.
func (p *planner) leftSince(m *Member, cell int64) bool {
	var left Date
	for _, ms := range p.memberships[m.ID] {
		if ms.OrgID == cell && !ms.To.IsZero() && ms.ID != 0 && ms.To.After(left) {
			left = ms.To
		}
	}
	if left.IsZero() {
		return false
	}
	for i := range p.b.Memberships {
		r := &p.b.Memberships[i]
		if !sameMember(r.Member, m) || r.From.IsZero() || r.From.Before(left) {
			continue
		}
		if id, why := p.orgs.Resolve(r.Cell, true); why.Format == "" && id == cell {
			return false // the file brings the member back, from a later day
		}
	}
	return true
}

// sameMember reports whether a row names member m by card or
// personal-history number, or by name and date of birth.
func sameMember(ref MemberRef, m *Member) bool {
	switch {
	case ref.CardNo != "" && m.CardNo != "":
		return Fold(ref.CardNo) == Fold(m.CardNo)
	case ref.HistoryNo != "" && m.HistoryNo != "":
		return Fold(ref.HistoryNo) == Fold(m.HistoryNo)
	}
	return Fold(ref.FullName) == Fold(m.FullName) && ref.BirthDate == m.BirthDate
}

// resolveMember finds the member a row names, recording an error when
// there is none. It returns the member and the cell named, if any.
func (p *planner) resolveMember(src RowSource, ref MemberRef) (memberID, cellID int64, ok bool) {
	return p.resolveMemberIn(src, ref, false)
}

// resolveMemberIn is resolveMember; with anyCell, a member known by name and
// date of birth alone is found in another cell too when they are the only
// one: a row of the memberships sheet names a cell of the member's past,
// which the member is not yet known to have belonged to.
func (p *planner) resolveMemberIn(src RowSource, ref MemberRef, anyCell bool) (memberID, cellID int64, ok bool) {
	if ref.Cell.Ref != "" {
		var why Text
		if cellID, why = p.orgs.Resolve(ref.Cell, true); why.Format != "" {
			p.errorf(src, ColCell, "%s", why)
			return 0, 0, false
		}
	}
	unread := src.failed(ColFullName, ColBirthDate)
	if ref.CardNo == "" && ref.HistoryNo == "" && unread {
		return 0, 0, false // the row names its member by what could not be read
	}
	if ref.CardNo == "" && ref.HistoryNo == "" && (ref.FullName == "" || ref.BirthDate.IsZero()) {
		p.errorf(src, ColFullName, "cần Số thẻ đảng viên, Số lý lịch, hoặc Họ và tên cùng Ngày sinh để xác định đảng viên")
		return 0, 0, false
	}
	if !unread && p.clash(src, ref) {
		return 0, 0, false
	}
	id, why := p.members.Find(ref, cellID)
	if id == 0 && why == "" && anyCell && cellID != 0 {
		id, why = p.members.Find(ref, 0)
	}
	col := ColFullName
	switch {
	case ref.CardNo != "":
		col = ColCardNo
	case ref.HistoryNo != "":
		col = ColHistoryNo
	}
	switch {
	case why != "":
		p.errorf(src, col, "%s", why)
		return 0, 0, false
	case id == 0:
		for _, k := range refusedKeys(ref) {
			if row, ok := p.refusedMember[k]; ok {
				p.errorf(src, col, "đảng viên %s ở trang %s, dòng %d có lỗi; hãy sửa dòng đó", describeRef(ref), row.src.Sheet, row.src.Row)
				return 0, 0, false
			}
		}
		p.errorf(src, col, "không tìm thấy đảng viên %s", describeRef(ref))
		return 0, 0, false
	}
	return id, cellID, true
}

// refusedRow is a members row refused, and its member as read.
type refusedRow struct {
	src    RowSource
	member Member
}

// refusedOf is the member of a refused members row that ref names, as the
// row gives them; nil for none.
func (p *planner) refusedOf(ref MemberRef) *Member {
	if row := p.refusedRowOf(ref); row != nil {
		return &row.member
	}
	return nil
}

// refusedRowOf is the refused members row that ref names; nil for none.
func (p *planner) refusedRowOf(ref MemberRef) *refusedRow {
	for _, k := range refusedKeys(ref) {
		if row, ok := p.refusedMember[k]; ok {
			return &row
		}
	}
	return nil
}

// memberUnfound checks the rest of a row whose member was not found
// (reported): so that one run lists all that is wrong with it. check is
// given the member of a refused members row the row names, if any.
func (p *planner) memberUnfound(src RowSource, ref MemberRef, check func(m *Member) error) {
	m := p.refusedOf(ref)
	if m == nil {
		m = &Member{}
	}
	p.failBut(src, check(m), ColCardNo, ColHistoryNo, ColFullName, ColBirthDate, ColCell, ColParent)
}

// refusedKeys are the keys a refused members row is known by
// to the rows that name its member: card and personal-history numbers, and
// name with date of birth.
func refusedKeys(ref MemberRef) []string {
	var keys []string
	if ref.CardNo != "" {
		keys = append(keys, "c:"+Fold(ref.CardNo))
	}
	if ref.HistoryNo != "" {
		keys = append(keys, "h:"+Fold(ref.HistoryNo))
	}
	if ref.FullName != "" && !ref.BirthDate.IsZero() {
		keys = append(keys, "n:"+Fold(ref.FullName)+"|"+ref.BirthDate.ISO())
	}
	return keys
}

func describeRef(ref MemberRef) string {
	var parts []string
	if ref.FullName != "" {
		parts = append(parts, CleanText(ref.FullName))
	}
	if !ref.BirthDate.IsZero() {
		parts = append(parts, "sinh "+ref.BirthDate.String())
	}
	if ref.CardNo != "" {
		parts = append(parts, "số thẻ "+CleanText(ref.CardNo))
	}
	if ref.HistoryNo != "" {
		parts = append(parts, "số lý lịch "+CleanText(ref.HistoryNo))
	}
	if ref.Cell.Ref != "" {
		parts = append(parts, "chi bộ "+CleanText(ref.Cell.Ref))
	}
	if len(parts) == 0 {
		return "(chưa có số thẻ, số lý lịch hay họ tên và ngày sinh)"
	}
	return strings.Join(parts, ", ")
}

// ---- memberships

func (p *planner) describeMembership(ms *Membership) string {
	s := fmt.Sprintf("%s: %s từ %s", describeMember(p.memberOf(ms.MemberID)), p.path(ms.OrgID), dateOr(ms.From, "khi vào Đảng"))
	if !ms.To.IsZero() {
		s += " đến " + ms.To.String()
	}
	return s
}

func dateOr(d Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

func (p *planner) planMemberships() {
	dirty := map[*Membership]bool{}
	rows := map[*Membership]RowSource{} // the file's row of each period it gives
	seen := map[string]RowSource{}
	for i := range p.b.Memberships {
		r := &p.b.Memberships[i]
		if r.Cell.Ref == "" {
			p.errorf(r.Src, ColCell, "không được để trống")
			continue
		}
		ref := r.Member
		ref.Cell = r.Cell
		memberID, cellID, ok := p.resolveMemberIn(r.Src, ref, true)
		if !ok {
			continue
		}
		if !r.To.IsZero() && !r.From.IsZero() && r.To.Before(r.From) {
			p.errorf(r.Src, ColTo, "%s trước ngày bắt đầu %s", r.To, r.From)
			continue
		}
		if r.Src.Bad() {
			continue
		}
		key := fmt.Sprintf("%d|%d|%s", memberID, cellID, r.From.ISO())
		if row, dup := seen[key]; dup {
			p.errorf(r.Src, ColCell, "trùng với %s", row.Where(r.Src))
			continue
		}
		seen[key] = r.Src
		var found *Membership
		for _, ms := range p.memberships[memberID] {
			if ms.OrgID == cellID && ms.From == r.From {
				found = ms
				break
			}
		}
		if p.kept[memberID] && (found == nil || r.Src.Has(ColTo) && found.To != r.To) {
			// The member is where another exchange put them since the
			// file's organisation saw them leave: their periods are
			// left as the database has them.
			p.rep.Memberships.Unchanged++
			continue
		}
		if found == nil {
			if p.outside(r.Src, memberCol(r.Src), memberID, cellID, 0) {
				continue
			}
			ms := &Membership{MemberID: memberID, OrgID: cellID, From: r.From, To: r.To}
			p.memberships[memberID] = append(p.memberships[memberID], ms)
			p.members.AddCell(memberID, cellID)
			dirty[ms], rows[ms] = true, r.Src
			p.rep.Memberships.added(p.describeMembership(ms))
			continue
		}
		if !r.Src.Has(ColTo) || found.To == r.To {
			p.rep.Memberships.Unchanged++
			continue
		}
		if m := p.memberOf(memberID); r.To.IsZero() && m != nil && m.CellID != cellID {
			// An open period in a cell the member is no longer in (the
			// file's members sheet, or the database, has them elsewhere):
			// a row the file kept from before the move, not a return.
			p.rep.Memberships.Unchanged++
			continue
		}
		if p.outside(r.Src, memberCol(r.Src), memberID, cellID, 0) {
			continue
		}
		old := found.To
		found.To = r.To
		dirty[found], rows[found] = true, r.Src
		p.rep.Memberships.changed(RecordChange{Record: p.describeMembership(found), Fields: []FieldChange{{ColTo, old.String(), r.To.String()}}})
	}
	// A new member without a period in the file is in the cell since
	// admission.
	for _, m := range p.plan.Members {
		if m.ID < 0 && len(p.memberships[m.ID]) == 0 {
			ms := &Membership{MemberID: m.ID, OrgID: m.CellID, From: m.AdmittedOn}
			p.memberships[m.ID] = append(p.memberships[m.ID], ms)
			dirty[ms] = true
			p.rep.Memberships.added(p.describeMembership(ms) + " (ghi tự động theo trang Đảng viên)")
		}
	}
	// A member moved to another cell leaves the old one on the day the
	// file's period in the new cell begins (or today) and is in the new one
	// from then.
	for _, id := range sortedKeys(p.moved) {
		cell := p.memberOf(id).CellID
		at := p.today
		var current *Membership
		for _, ms := range p.memberships[id] {
			if ms.OrgID == cell && ms.To.IsZero() {
				current = ms
				if !ms.From.IsZero() {
					at = ms.From
				}
			}
		}
		for _, ms := range p.memberships[id] {
			if ms != current && ms.To.IsZero() && !at.Before(ms.From) {
				ms.To = at
				dirty[ms] = true
				p.rep.Memberships.changed(RecordChange{Record: p.describeMembership(ms) + " (ghi tự động: chuyển sinh hoạt)",
					Fields: []FieldChange{{ColTo, "", at.String()}}})
			}
		}
		if current == nil {
			ms := &Membership{MemberID: id, OrgID: cell, From: at}
			p.memberships[id] = append(p.memberships[id], ms)
			dirty[ms] = true
			p.rep.Memberships.added(p.describeMembership(ms) + " (ghi tự động: chuyển sinh hoạt)")
		}
	}
	p.overlaps(dirty, rows)
	for ms := range dirty {
		p.plan.Memberships = append(p.plan.Memberships, *ms)
	}
	sort.Slice(p.plan.Memberships, func(i, j int) bool {
		a, b := &p.plan.Memberships[i], &p.plan.Memberships[j]
		if a.MemberID != b.MemberID {
			return a.MemberID < b.MemberID
		}
		if a.From != b.From {
			return a.From.Before(b.From)
		}
		return a.OrgID < b.OrgID
	})
}

// overlaps refuses periods in two cells at once: of each member whose
// periods the plan adds or changes, two periods (stored or planned) that
// overlap, one of them the plan's, are an error at the file's row of it
// (or of the other), naming both. A period with no start runs from the
// admission; one with no end is still open; one ends the day the next
// begins.
func (p *planner) overlaps(dirty map[*Membership]bool, rows map[*Membership]RowSource) {
	members := map[int64]bool{}
	for ms := range dirty {
		members[ms.MemberID] = true
	}
	for _, id := range sortedKeys(members) {
		m := p.memberOf(id)
		if m == nil {
			continue
		}
		list := slices.Clone(p.memberships[id])
		start := func(ms *Membership) Date {
			if ms.From.IsZero() {
				return m.AdmittedOn
			}
			return ms.From
		}
		slices.SortStableFunc(list, func(a, b *Membership) int { return start(a).Compare(start(b)) })
		for i, a := range list {
			for _, b := range list[i+1:] {
				if !dirty[a] && !dirty[b] {
					continue
				}
				if !a.To.IsZero() && !start(b).Before(a.To) || !b.To.IsZero() && !start(a).Before(b.To) {
					continue
				}
				if a.To == start(a) || b.To == start(b) {
					continue // a period of no days
				}
				p.overlap(m, a, b, rows)
			}
		}
	}
}

// overlap reports two periods of member m that overlap, at the file's row
// of one of them.
func (p *planner) overlap(m *Member, a, b *Membership, rows map[*Membership]RowSource) {
	describe := func(ms *Membership) string {
		s := fmt.Sprintf("ở %s từ %s đến %s", p.path(ms.OrgID), dateOr(ms.From, "khi vào Đảng"), dateOr(ms.To, "nay"))
		switch src, ok := rows[ms]; {
		case ok:
			s += " (" + src.Where(RowSource{}) + ")"
		case ms.ID != 0:
			s += " (đã có trong cơ sở dữ liệu)"
		default:
			s += " (ghi tự động theo trang Đảng viên)"
		}
		return s
	}
	src, ok := rows[b]
	if !ok {
		src, ok = rows[a]
	}
	msg := fmt.Sprintf("%s sinh hoạt hai nơi cùng lúc: %s trùng với %s; mỗi thời điểm đảng viên chỉ sinh hoạt ở một chi bộ",
		describeMember(m), describe(a), describe(b))
	if !ok {
		p.rep.Errors = append(p.rep.Errors, ImportError{Loc: Loc{Sheet: SheetMemberships.Name()}, Message: msg})
		return
	}
	p.errorf(src, ColFrom, "%s", msg)
}

// cellAt is the cell a member belonged to on day d, as planned: the period
// that covers it (the latest to begin), else the member's cell.
func (p *planner) cellAt(memberID int64, d Date) int64 {
	var best *Membership
	for _, ms := range p.memberships[memberID] {
		if (ms.From.IsZero() || !ms.From.After(d)) && (ms.To.IsZero() || ms.To.After(d)) {
			if best == nil || best.From.Before(ms.From) {
				best = ms
			}
		}
	}
	if best != nil {
		return best.OrgID
	}
	if m := p.memberOf(memberID); m != nil {
		return m.CellID
	}
	return 0
}
