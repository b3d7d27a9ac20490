package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// upsert plans one record of a sheet: added when nothing is stored under
// its key (old is nil), else changed field by field or left alone. in must
// already hold the stored values of the columns the sheet lacks.
func upsert[T any](counts *ImportCounts, what string, old, in *T, diff func(old, in *T) []FieldChange) bool {
	if old == nil {
		counts.added(what)
		return true
	}
	fields := diff(old, in)
	if len(fields) == 0 {
		counts.Unchanged++
		return false
	}
	counts.changed(RecordChange{Record: what, Fields: fields})
	return true
}

// changes lists the fields whose shown values differ: pairs of field name,
// old value, new value.
func changes(triples ...string) []FieldChange {
	var out []FieldChange
	for i := 0; i+2 < len(triples); i += 3 {
		if triples[i+1] != triples[i+2] {
			out = append(out, FieldChange{triples[i], triples[i+1], triples[i+2]})
		}
	}
	return out
}

// optionalLevel shows a level that may not be there.
func optionalLevel(l Level) string {
	if l == LevelNone {
		return ""
	}
	return l.Name()
}

func ratingChanges(old, in *Rating) []FieldChange {
	return changes(ColLevel, old.Level.Name(), in.Level.Name(), ColScore, ScoreText(old.Score), ScoreText(in.Score),
		ColReason, old.NotRatedReason, in.NotRatedReason, ColCivilService, optionalLevel(old.CivilService), optionalLevel(in.CivilService),
		ColMassOrgs, optionalLevel(old.MassOrgs), optionalLevel(in.MassOrgs), ColNote, old.Note, in.Note)
}

// ratingStep is one rating row, member's or organisation's: the generic
// part of both.
type ratingStep struct {
	src      *RowSource // the batch's row
	counts   *ImportCounts
	seen     map[[2]int64]*RowSource // the row that gave each key (the batch's)
	key      [2]int64
	subject  string // "đảng viên này", "tổ chức này"
	what     string
	in, old  *Rating
	cells    [2]string // a member rating's cell before and after; empty for organisations
	validate func() error
}

// rating plans a rating row and reports whether it is to be written.
func (p *planner) rating(s ratingStep) bool {
	if !s.src.failed(ColYear) {
		if row, dup := s.seen[s.key]; dup {
			p.errorf(*s.src, ColYear, "%s đã có xếp loại năm %d ở %s", s.subject, s.in.Year, row.Where(*s.src))
			return false
		}
		s.seen[s.key] = s.src
	}
	if s.old != nil {
		*s.in = MergeRating(s.src.Has, *s.in, *s.old)
	}
	if err := s.validate(); err != nil {
		p.fail(*s.src, err)
		return false
	}
	if s.src.Bad() {
		return false
	}
	return upsert(s.counts, s.what, s.old, s.in, func(old, in *Rating) []FieldChange {
		return append(ratingChanges(old, in), changes(ColCell, s.cells[0], s.cells[1])...)
	})
}

func (p *planner) planRatings() {
	storedOrg := map[[2]int64]*Rating{}
	for i := range p.st.OrgRatings {
		r := &p.st.OrgRatings[i]
		storedOrg[[2]int64{r.OrgID, int64(r.Year)}] = &r.Rating
	}
	seen := map[[2]int64]*RowSource{}
	for i := range p.b.OrgRatings {
		r := &p.b.OrgRatings[i]
		orgID, why := p.orgs.Resolve(r.Org, false)
		if why.Format != "" {
			col := ColOrgName
			if !r.Src.Has(ColOrgName) {
				col = ColOrgCode
			}
			p.errorf(r.Src, col, "%s", why)
			continue
		}
		in := OrgRating{OrgID: orgID, Rating: r.Rating}
		in.Normalize()
		p.mapReason(r.Src, &in.Rating)
		key := [2]int64{orgID, int64(in.Year)}
		if p.rating(ratingStep{src: &r.Src, counts: &p.rep.OrgRatings, seen: seen, key: key, subject: "tổ chức này",
			what: fmt.Sprintf("%s, năm %d", p.describeOrg(orgID), in.Year), in: &in.Rating, old: storedOrg[key],
			validate: func() error { return in.ValidateFor(p.orgs.Get(orgID), p.today.Year) }}) && !p.outside(r.Src, orgCol(r.Src), 0, orgID, 0) {
			p.plan.OrgRatings = append(p.plan.OrgRatings, in)
		}
	}

	// The stored ratings, by member and year, searched in place (a map of
	// a million of them would cost 50 MB more).
	stored := p.st.MemberRatings
	byKey := func(a, b MemberRating) int {
		if c := cmp.Compare(a.MemberID, b.MemberID); c != 0 {
			return c
		}
		return cmp.Compare(a.Year, b.Year)
	}
	if !slices.IsSortedFunc(stored, byKey) {
		slices.SortFunc(stored, byKey)
	}
	storedMember := func(key [2]int64) *MemberRating {
		i, ok := slices.BinarySearchFunc(stored, MemberRating{MemberID: key[0], Rating: Rating{Year: int(key[1])}}, byKey)
		if !ok {
			return nil
		}
		return &stored[i]
	}
	seen = map[[2]int64]*RowSource{}
	seenRefused := map[string]RowSource{} // by refused members row and year
	for i := range p.b.MemberRatings {
		r := &p.b.MemberRatings[i]
		memberID, cellID, ok := p.resolveMember(r.Src, r.Member)
		if !ok {
			if row := p.refusedRowOf(r.Member); row != nil && !r.Src.failed(ColYear) {
				key := fmt.Sprintf("%s|%d|%d", row.src.Sheet, row.src.Row, r.Rating.Year)
				if first, dup := seenRefused[key]; dup {
					p.errorf(r.Src, ColYear, "đảng viên này đã có xếp loại năm %d ở %s", r.Rating.Year, first.Where(r.Src))
				} else {
					seenRefused[key] = r.Src
				}
			}
			p.memberUnfound(r.Src, r.Member, func(m *Member) error {
				in := MemberRating{Rating: r.Rating}
				return in.ValidateFor(m, p.today.Year)
			})
			continue
		}
		in := MemberRating{MemberID: memberID, OrgID: cellID, Rating: r.Rating}
		in.Normalize()
		p.mapReason(r.Src, &in.Rating)
		key := [2]int64{memberID, int64(in.Year)}
		var old *Rating
		var cells [2]string
		if stored := storedMember(key); stored != nil {
			old = &stored.Rating
			if in.OrgID == 0 {
				in.OrgID = stored.OrgID
			}
			cells = [2]string{p.path(stored.OrgID), p.path(in.OrgID)}
		} else if in.OrgID == 0 {
			in.OrgID = p.cellAt(memberID, YearEnd(in.Year))
		}
		m := p.memberOf(memberID)
		if p.rating(ratingStep{src: &r.Src, counts: &p.rep.MemberRatings, seen: seen, key: key, subject: "đảng viên này",
			what: fmt.Sprintf("%s, năm %d", describeMember(m), in.Year), in: &in.Rating, old: old, cells: cells,
			validate: func() error {
				if err := in.ValidateFor(m, p.today.Year); err != nil {
					return err
				}
				if o := p.orgs.Get(in.OrgID); o == nil || !o.Kind.HoldsMembers() {
					return Errorf(EINVALID, ColCell, "%s không trực tiếp quản lý đảng viên", p.orgName(in.OrgID))
				}
				return nil
			}}) && !p.outside(r.Src, memberCol(r.Src), memberID, in.OrgID, in.Year) {
			p.plan.MemberRatings = append(p.plan.MemberRatings, in)
		}
	}
}

// subjectCol is the column a row names its member or organisation by.
func subjectCol(src RowSource, memberID int64) string {
	if memberID != 0 {
		return memberCol(src)
	}
	return orgCol(src)
}

// unfound stands for the member or organisation a row names when it is not
// found (reported): the row's other fields are checked against what it
// names.
func unfound(member *MemberRef, org *OrgRef) (memberID, orgID int64) {
	if org != nil {
		return 0, -1
	}
	return -1, 0
}

// subject resolves the member or organisation a row names (exactly one is
// given).
func (p *planner) subject(src RowSource, member *MemberRef, org *OrgRef) (memberID, orgID int64, what string, ok bool) {
	switch {
	case member != nil:
		id, _, ok := p.resolveMember(src, *member)
		if !ok {
			return 0, 0, "", false
		}
		return id, 0, describeMember(p.memberOf(id)), true
	case org != nil:
		id, why := p.orgs.Resolve(*org, false)
		if why.Format != "" {
			col := ColOrgName
			if !src.Has(ColOrgName) {
				col = ColOrgCode
			}
			p.errorf(src, col, "%s", why)
			return 0, 0, "", false
		}
		return 0, id, p.describeOrg(id), true
	}
	p.errorf(src, ColFullName, "chưa ghi đảng viên hay tổ chức")
	return 0, 0, "", false
}

func awardKey(a *Award) string {
	return fmt.Sprintf("%d|%d|%s|%d|%d|%s", a.MemberID, a.OrgID, a.Form, a.Milestone, a.Year, Fold(a.Content))
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprint(y)
}

func (p *planner) planAwards() {
	stored := map[string][]*Award{}
	for i := range p.st.Awards {
		a := &p.st.Awards[i]
		stored[awardKey(a)] = append(stored[awardKey(a)], a)
	}
	for i := range p.b.Awards {
		r := &p.b.Awards[i]
		memberID, orgID, who, ok := p.subject(r.Src, r.Member, r.Org)
		in := r.Award
		in.MemberID, in.OrgID = memberID, orgID
		in.Normalize()
		if !ok {
			in.MemberID, in.OrgID = unfound(r.Member, r.Org)
			p.failBut(r.Src, in.Validate(p.today.Year))
			continue
		}
		if err := in.Validate(p.today.Year); err != nil || r.Src.Bad() {
			p.fail(r.Src, err)
			continue
		}
		k := awardKey(&in)
		var old *Award
		if list := stored[k]; len(list) > 0 {
			old, stored[k] = list[0], list[1:]
			merged := *old
			merged.Content = in.Content
			has := r.Src.Has
			for _, f := range []struct {
				col  string
				copy func()
			}{
				{ColDecisionNo, func() { merged.DecisionNo = in.DecisionNo }},
				{ColDecisionDate, func() { merged.DecisionDate = in.DecisionDate }},
				{ColIssuer, func() { merged.Issuer = in.Issuer }},
				{ColNote, func() { merged.Note = in.Note }},
				{ColYearFrom, func() { merged.YearFrom = in.YearFrom }},
				{ColYearTo, func() { merged.YearTo = in.YearTo }},
			} {
				if has(f.col) {
					f.copy()
				}
			}
			in = merged
		}
		what := fmt.Sprintf("%s: %s năm %d — %s", who, in.FormText(), in.Year, in.Content)
		if upsert(&p.rep.Awards, what, old, &in, func(o, n *Award) []FieldChange {
			return changes(ColContent, o.Content, n.Content, ColDecisionNo, o.DecisionNo, n.DecisionNo,
				ColDecisionDate, o.DecisionDate.String(), n.DecisionDate.String(), ColIssuer, o.Issuer, n.Issuer,
				ColYearFrom, yearText(o.YearFrom), yearText(n.YearFrom), ColYearTo, yearText(o.YearTo), yearText(n.YearTo),
				ColNote, o.Note, n.Note)
		}) && !p.outside(r.Src, subjectCol(r.Src, memberID), memberID, orgID, 0) {
			p.plan.Awards = append(p.plan.Awards, in)
		}
	}
}

func (p *planner) planDisciplines() {
	key := func(d *Discipline) string {
		return fmt.Sprintf("%d|%d|%s|%s", d.MemberID, d.OrgID, d.On.ISO(), FoldKey(d.Form))
	}
	stored := map[string][]*Discipline{}
	for i := range p.st.Disciplines {
		d := &p.st.Disciplines[i]
		stored[key(d)] = append(stored[key(d)], d)
	}
	for i := range p.b.Disciplines {
		r := &p.b.Disciplines[i]
		memberID, orgID, who, ok := p.subject(r.Src, r.Member, r.Org)
		in := r.Discipline
		in.MemberID, in.OrgID = memberID, orgID
		in.Normalize()
		if !ok {
			in.MemberID, in.OrgID = unfound(r.Member, r.Org)
			p.failBut(r.Src, in.Validate(p.today))
			continue
		}
		if err := in.Validate(p.today); err != nil || r.Src.Bad() {
			p.fail(r.Src, err)
			continue
		}
		k := key(&in)
		var old *Discipline
		if list := stored[k]; len(list) > 0 {
			old, stored[k] = list[0], list[1:]
			in.ID = old.ID
			if !r.Src.Has(ColWhy) {
				in.Reason = old.Reason
			}
			if !r.Src.Has(ColDecisionNo) {
				in.DecisionNo = old.DecisionNo
			}
			if !r.Src.Has(ColSelfCorrected) {
				in.SelfCorrected = old.SelfCorrected
			}
		}
		what := fmt.Sprintf("%s: %s ngày %s", who, in.Form, in.On)
		if upsert(&p.rep.Disciplines, what, old, &in, func(o, n *Discipline) []FieldChange {
			return changes(ColForm, o.Form, n.Form, ColWhy, o.Reason, n.Reason, ColDecisionNo, o.DecisionNo, n.DecisionNo,
				ColSelfCorrected, YesNo(o.SelfCorrected), YesNo(n.SelfCorrected))
		}) && !p.outside(r.Src, subjectCol(r.Src, memberID), memberID, orgID, 0) {
			p.plan.Disciplines = append(p.plan.Disciplines, in)
		}
	}
}

func monthsText(m float64) string {
	if m == 0 {
		return ""
	}
	return fmt.Sprintf("%g", m)
}

// keyedSheet is a sheet of members' records with one record per key (an
// absence per member, year and kind; a gap per member and start; a seat per
// member, organisation and start): what planKeyed needs to plan it.
type keyedSheet[T any] struct {
	stored []T
	key    func(*T) string
	dupCol string // the column a second row with the same key is refused at
	// keep gives in the stored record's id, and its values of the columns
	// the sheet lacks.
	keep func(in, old *T, has func(col string) bool)
	what func(*T) string
	diff func(old, in *T) []FieldChange
	// subject is the member (and organisation) a record is of, to keep
	// a part's file within its scope.
	subject func(*T) (memberID, orgID int64)
	counts  *ImportCounts
	out     *[]T
}

// planKeyed plans n rows of a keyed sheet: row makes a row's record
// (resolved, normalised and checked; false when the row is refused); a
// second row with the same key is refused; the record is added, changed or
// left alone.
func planKeyed[T any](p *planner, s keyedSheet[T], n int, row func(i int) (*T, RowSource, bool)) {
	stored := map[string]*T{}
	for i := range s.stored {
		stored[s.key(&s.stored[i])] = &s.stored[i]
	}
	seen := map[string]RowSource{}
	for i := range n {
		in, src, ok := row(i)
		if !ok || src.Bad() {
			continue
		}
		k := s.key(in)
		if first, dup := seen[k]; dup {
			p.errorf(src, s.dupCol, "trùng với %s", first.Where(src))
			continue
		}
		seen[k] = src
		old := stored[k]
		if old != nil {
			s.keep(in, old, src.Has)
		}
		if !upsert(s.counts, s.what(in), old, in, s.diff) {
			continue
		}
		if memberID, orgID := s.subject(in); !p.outside(src, memberCol(src), memberID, orgID, 0) {
			*s.out = append(*s.out, *in)
		}
	}
}

func (p *planner) planAbsences() {
	planKeyed(p, keyedSheet[Absence]{
		stored: p.st.Absences,
		key:    func(a *Absence) string { return fmt.Sprintf("%d|%d|%s", a.MemberID, a.Year, a.Kind) },
		dupCol: ColKind,
		keep: func(in, old *Absence, has func(string) bool) {
			in.ID = old.ID
			if !has(ColMonths) {
				in.Months = old.Months
			}
			if !has(ColNote) {
				in.Note = old.Note
			}
		},
		what: func(a *Absence) string {
			kind := a.Kind.Label()
			if a.Months > 0 {
				kind += " " + strings.Replace(monthsText(a.Months), ".", ",", 1) + " tháng" // "Nghỉ ốm 4 tháng"
			}
			return fmt.Sprintf("%s: %s năm %d", describeMember(p.memberOf(a.MemberID)), kind, a.Year)
		},
		diff: func(o, n *Absence) []FieldChange {
			return changes(ColMonths, monthsText(o.Months), monthsText(n.Months), ColNote, o.Note, n.Note)
		},
		subject: func(a *Absence) (int64, int64) { return a.MemberID, 0 },
		counts:  &p.rep.Absences, out: &p.plan.Absences,
	}, len(p.b.Absences), func(i int) (*Absence, RowSource, bool) {
		r := &p.b.Absences[i]
		memberID, _, ok := p.resolveMember(r.Src, r.Member)
		if !ok {
			p.memberUnfound(r.Src, r.Member, func(*Member) error { return r.Absence.Validate(p.today.Year) })
			return nil, r.Src, false
		}
		in := r.Absence
		in.MemberID = memberID
		in.Normalize()
		if err := in.Validate(p.today.Year); err != nil {
			p.fail(r.Src, err)
			return nil, r.Src, false
		}
		return &in, r.Src, true
	})
}

func (p *planner) planGaps() {
	planKeyed(p, keyedSheet[PartyAgeGap]{
		stored: p.st.Gaps,
		key:    func(g *PartyAgeGap) string { return fmt.Sprintf("%d|%s", g.MemberID, g.From.ISO()) },
		dupCol: ColFrom,
		keep: func(in, old *PartyAgeGap, has func(string) bool) {
			in.ID = old.ID
			if !has(ColWhy) {
				in.Reason = old.Reason
			}
		},
		what: func(g *PartyAgeGap) string {
			return fmt.Sprintf("%s: %s – %s", describeMember(p.memberOf(g.MemberID)), g.From, g.To)
		},
		diff: func(o, n *PartyAgeGap) []FieldChange {
			return changes(ColTo, o.To.String(), n.To.String(), ColWhy, o.Reason, n.Reason)
		},
		subject: func(g *PartyAgeGap) (int64, int64) { return g.MemberID, 0 },
		counts:  &p.rep.Gaps, out: &p.plan.Gaps,
	}, len(p.b.Gaps), func(i int) (*PartyAgeGap, RowSource, bool) {
		r := &p.b.Gaps[i]
		memberID, _, ok := p.resolveMember(r.Src, r.Member)
		if !ok {
			p.memberUnfound(r.Src, r.Member, func(*Member) error { return r.Gap.Validate(p.today) })
			return nil, r.Src, false
		}
		in := r.Gap
		in.MemberID = memberID
		in.Normalize()
		if err := in.Validate(p.today); err != nil {
			p.fail(r.Src, err)
			return nil, r.Src, false
		}
		return &in, r.Src, true
	})
}

func (p *planner) planLeaders() {
	planKeyed(p, keyedSheet[Leader]{
		stored: p.st.Leaders,
		key:    func(l *Leader) string { return fmt.Sprintf("%d|%d|%s", l.MemberID, l.OrgID, l.From.ISO()) },
		dupCol: ColFrom,
		keep: func(in, old *Leader, has func(string) bool) {
			in.ID = old.ID
			if !has(ColRole) {
				in.Role = old.Role
			}
			if !has(ColTo) {
				in.To = old.To
			}
		},
		what: func(l *Leader) string {
			return fmt.Sprintf("%s: %s %s", describeMember(p.memberOf(l.MemberID)), orDash(l.Role), p.orgName(l.OrgID))
		},
		diff: func(o, n *Leader) []FieldChange {
			return changes(ColRole, o.Role, n.Role, ColTo, o.To.String(), n.To.String())
		},
		subject: func(l *Leader) (int64, int64) { return l.MemberID, l.OrgID },
		counts:  &p.rep.Leaders, out: &p.plan.Leaders,
	}, len(p.b.Leaders), func(i int) (*Leader, RowSource, bool) {
		r := &p.b.Leaders[i]
		memberID, _, ok := p.resolveMember(r.Src, r.Member)
		if !ok {
			return nil, r.Src, false
		}
		orgID, why := p.orgs.Resolve(r.Org, false)
		if why.Format != "" {
			p.errorf(r.Src, ColOrgCode, "%s", why)
			return nil, r.Src, false
		}
		in := r.Leader
		in.MemberID, in.OrgID = memberID, orgID
		in.Normalize()
		if err := in.Validate(); err != nil {
			p.fail(r.Src, err)
			return nil, r.Src, false
		}
		return &in, r.Src, true
	})
}

// unknownReason is a not-rated reason read from a file that is none of the
// list's: kept as written and reported once, with the rows it is on.
type unknownReason struct {
	text  string
	first Loc
	rows  int
}

// mapReason puts a not-rated reason read from a file on the list (the
// list's wording, CanonicalReason); text that is not on it is kept as
// written, and reported when the plan is done.
func (p *planner) mapReason(src RowSource, r *Rating) {
	if r.NotRatedReason == "" {
		return
	}
	if _, ok := ParseReason(r.NotRatedReason); ok {
		r.NotRatedReason = CanonicalReason(r.NotRatedReason)
		return
	}
	key := Fold(r.NotRatedReason)
	u := p.unknownReasons[key]
	if u == nil {
		u = &unknownReason{text: r.NotRatedReason, first: src.At(ColReason)}
		p.unknownReasons[key] = u
		p.reasonOrder = append(p.reasonOrder, key)
	}
	u.rows++
}

// reasonWarnings reports the reasons not on the list, in the order met.
func (p *planner) reasonWarnings() {
	for _, key := range p.reasonOrder {
		u := p.unknownReasons[key]
		more := ""
		if u.rows > 1 {
			more = fmt.Sprintf(" (và %d dòng khác)", u.rows-1)
		}
		p.rep.Warnings = append(p.rep.Warnings, fmt.Sprintf("%s%s: lý do không xếp loại %q không có trong danh sách (đảng viên: %s; tổ chức: %s); đã giữ nguyên, mục Kiểm tra sẽ báo",
			u.first, more, u.text, ReasonLabels(MemberReasons), ReasonLabels(OrgReasons)))
	}
}
