package domain

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// RatedMember is what the checks know of a member's rating in the year.
type RatedMember struct {
	MemberID     int64
	Name         string
	Card         string // the party card's number, when known
	BirthDate    Date   // to tell apart two of one name without a card
	OrgID        int64  // the cell that rated the member
	Level        Level
	Score        *float64
	Reason       string
	CivilService Level // the member's rating as a civil servant; LevelNone when not one
	AdmittedOn   Date
	Status       MemberStatus
	StatusOn     Date
}

// CheckInput is everything the year's checks look at.
type CheckInput struct {
	Year    int
	Review  Date  // the day of the review; zero: DefaultReviewDate
	Tree    *Tree // as at the end of the year
	Scope   int64 // the organisation checked (0: all)
	Members []RatedMember
	// MemberCounts, when the members are not read one by one, are their
	// levels counted per organisation (CheckCollectives needs no more).
	MemberCounts map[int64]LevelCounts
	// Unrated are, by cell, the members on its roll on the review date
	// with neither a level nor a reason for the year: not entered yet.
	Unrated       map[int64][]RatedMember
	OrgRatings    map[int64]Rating
	Disciplined   map[int64]bool // members disciplined in the year
	OrgDiscipline map[int64]bool // organisations disciplined in the year
	// SelfCorrected holds the members and organisations (by id, members and
	// organisations apart) all of whose disciplines in the year were for a
	// violation the collective found and corrected itself.
	SelfCorrected    map[int64]bool
	OrgSelfCorrected map[int64]bool
	SickMonths       map[int64]float64 // months of sick leave in the year (maternity leave is not sick leave)
	Exempted         map[int64]bool    // exempted from work and party activities, on record for the year
	Suspended        map[int64]bool    // suspended from party activities, on record for the year
	Leaders          map[int64][]int64 // organisation → its committee members serving in the year
	// The readings of what the texts leave open (settings).
	Denominator QuotaDenominator
	Shares      SharesReading
	QuotaGroups QuotaGroups
	Links       LinksReading
}

// ReviewDate is the day the six-month rule counts to.
func (in *CheckInput) ReviewDate() Date {
	if in.Review.IsZero() {
		return DefaultReviewDate(in.Year)
	}
	return in.Review
}

// SetMember puts m in place of the member's earlier rating, or removes it
// when m has neither a level nor a reason: the rating sheet keeps its input
// up to date as it writes.
func (in *CheckInput) SetMember(m RatedMember) {
	in.setUnrated(m)
	for i := range in.Members {
		if in.Members[i].MemberID == m.MemberID {
			if m.Level == LevelNone && m.Reason == "" {
				in.Members = append(in.Members[:i], in.Members[i+1:]...)
			} else {
				in.Members[i] = m
			}
			return
		}
	}
	if m.Level != LevelNone || m.Reason != "" {
		in.Members = append(in.Members, m)
	}
}

// setUnrated keeps Unrated as m's rating stands: a member rated (or given
// a reason) is entered; one whose rating is cleared is not.
func (in *CheckInput) setUnrated(m RatedMember) {
	for cell, ms := range in.Unrated {
		for i := range ms {
			if ms[i].MemberID == m.MemberID {
				in.Unrated[cell] = append(ms[:i:i], ms[i+1:]...)
				break
			}
		}
	}
	if m.Level == LevelNone && m.Reason == "" {
		if in.Unrated == nil {
			in.Unrated = map[int64][]RatedMember{}
		}
		in.Unrated[m.OrgID] = append(in.Unrated[m.OrgID], m)
	}
}

// SetOrg puts r in place of the organisation's earlier rating, or removes it
// when r has neither a level nor a reason.
func (in *CheckInput) SetOrg(id int64, r Rating) {
	if r.Level == LevelNone && r.NotRatedReason == "" {
		delete(in.OrgRatings, id)
		return
	}
	if in.OrgRatings == nil {
		in.OrgRatings = map[int64]Rating{}
	}
	in.OrgRatings[id] = r
}

// Violation is one finding of a check, with the rule and its source.
type Violation struct {
	Rule        string
	Source      string // document and article
	SubjectKind string // "member" or "org"
	SubjectID   int64
	Subject     string
	Card        string // a member's party card number, to tell two of one name apart
	Born        Date   // a member's date of birth, for one without a card
	OrgID       int64  // the organisation the finding is about: the member's cell, or the organisation
	Org         string // path from the grassroots organisation down
	Message     string
	Text        Text // what Message was made from, to be said in another language
}

// Who names the finding's subject: a member as MemberWho does, in
// Vietnamese; an organisation by its name.
func (v Violation) Who() string {
	if v.SubjectKind != "member" {
		return v.Subject
	}
	return MemberWho(v.Subject, v.Card, v.Born,
		func(card string) string { return "thẻ " + card },
		func(born Date) string { return "sinh " + born.String() })
}

// MemberWho names a member so that two of one name are told apart: with
// the card's number, or the date of birth where there is no card
// ("Nguyễn Văn An (thẻ 10010286)", "Trùng Tên (sinh 05/07/1942)"), the
// words given by the caller (the window says them in its language).
func MemberWho(name, card string, born Date, cardWord func(string) string, bornWord func(Date) string) string {
	switch {
	case card != "":
		return name + " (" + cardWord(card) + ")"
	case !born.IsZero():
		return name + " (" + bornWord(born) + ")"
	}
	return name
}

// Check runs the rules of the year's rule set over in and returns the
// violations, rule by rule, in tree order.
func Check(in *CheckInput) []Violation {
	c := newChecker(in)
	if c == nil {
		return nil
	}
	c.quota()
	c.collectives()
	c.members()
	return c.sorted()
}

// CheckCollectives runs only the rules on organisations' own ratings
// (their members' or sub-units' levels, disciplines in them, the
// government's and unions' results, the six months): what decides whether
// an organisation's "xuất sắc" stands. in may hold the members' counts per
// organisation (MemberCounts) in place of the members.
func CheckCollectives(in *CheckInput) []Violation {
	c := newChecker(in)
	if c == nil {
		return nil
	}
	c.collectives()
	return c.sorted()
}

// newChecker sets up the rules of in's year over in; nil when no rule set
// covers the year.
func newChecker(in *CheckInput) *checker {
	rs := RuleSetFor(in.Year)
	if rs == nil {
		return nil
	}
	c := &checker{in: in, rs: rs, review: in.ReviewDate(), pos: map[int64]int{}, memberCounts: map[int64]*LevelCounts{},
		names: map[int64]string{}, den: in.Denominator, shares: in.Shares, groups: in.QuotaGroups}
	if c.den == "" {
		c.den = QuotaOfExcellentAndGood
	}
	if c.shares == "" {
		c.shares = SharesApply
	}
	if c.groups == "" {
		c.groups = QuotaByParent
	}
	for _, r := range in.Tree.Roots() {
		in.Tree.Walk(r, func(o *Org) { c.pos[o.ID] = len(c.pos) })
	}
	for id, cnt := range in.MemberCounts {
		if c.inScope(id) {
			c.memberCounts[id] = &cnt
		}
	}
	for i := range in.Members {
		m := &in.Members[i]
		c.names[m.MemberID] = m.Name
		if !c.inScope(m.OrgID) {
			continue
		}
		if c.memberCounts[m.OrgID] == nil {
			c.memberCounts[m.OrgID] = &LevelCounts{}
		}
		c.memberCounts[m.OrgID].Add(m.Level, m.Reason, 1)
	}
	return c
}

// sorted is what was found, rule by rule in RuleIDs' order.
func (c *checker) sorted() []Violation {
	order := map[string]int{}
	for i, id := range RuleIDs {
		order[id] = i
	}
	sort.SliceStable(c.out, func(i, j int) bool { return order[c.out[i].Rule] < order[c.out[j].Rule] })
	return c.out
}

// CheckSheet runs the rules over in and keeps what the rating sheet of org
// shows: the findings about org itself, its members (a cell) or its direct
// sub-organisations (a committee), and the quota of any organisation org
// lies under. in should hold the grassroots organisation org belongs to.
func CheckSheet(in *CheckInput, org int64) []Violation {
	var out []Violation
	for _, v := range Check(in) {
		o := in.Tree.Org(v.OrgID)
		switch {
		case v.SubjectKind == "member" && v.OrgID == org,
			v.SubjectKind == "org" && (v.SubjectID == org || (o != nil && o.ParentID == org)),
			v.Rule == RuleQuota && in.Tree.IsUnder(org, v.SubjectID):
			out = append(out, v)
		}
	}
	return out
}

type checker struct {
	in           *CheckInput
	rs           *RuleSet
	review       Date
	pos          map[int64]int
	memberCounts map[int64]*LevelCounts // per cell
	names        map[int64]string
	den          QuotaDenominator
	shares       SharesReading
	groups       QuotaGroups
	out          []Violation
}

func (c *checker) memberName(id int64) string {
	if n, ok := c.names[id]; ok {
		return n
	}
	return fmt.Sprintf("đảng viên #%d", id)
}

func (c *checker) inScope(orgID int64) bool {
	return c.in.Scope == 0 || c.in.Tree.IsUnder(orgID, c.in.Scope)
}

func (c *checker) add(rule string, clause Clause, kind string, id int64, subject string, orgID int64, format string, args ...any) {
	c.out = append(c.out, Violation{Rule: rule, Source: c.rs.Source(clause), SubjectKind: kind, SubjectID: id,
		Subject: subject, OrgID: orgID, Org: c.in.Tree.Path(orgID), Message: fmt.Sprintf(format, args...), Text: Text{format, args}})
}

// linksNote says, after a civil-service or mass-organisation finding of a
// year whose texts do not repeat HD 21's link, that it follows the setting.
func (c *checker) linksNote() string {
	if !c.rs.LinksUnsettled {
		return ""
	}
	return fmt.Sprintf(" (theo HD 21; %s, %s không nhắc lại: áp dụng theo cài đặt)", c.rs.Regulation, c.rs.Guidance)
}

// subtreeMembers totals the members rated in cells under id.
func (c *checker) subtreeMembers(id int64) LevelCounts {
	var total LevelCounts
	c.in.Tree.Walk(id, func(o *Org) {
		if mc := c.memberCounts[o.ID]; mc != nil {
			total.Merge(*mc)
		}
	})
	return total
}

// childRatings totals the own ratings of id's direct sub-organisations that
// keep selects.
func (c *checker) childRatings(id int64, keep func(*Org) bool) LevelCounts {
	var total LevelCounts
	for _, ch := range c.in.Tree.Children(id) {
		o := c.in.Tree.Org(ch)
		if r, ok := c.in.OrgRatings[ch]; ok && keep(o) {
			total.Add(r.Level, r.NotRatedReason, 1)
		}
	}
	return total
}

func ratioText(cnt LevelCounts) Text {
	a, b := cnt.QuotaRatios()
	return Textf("%d xuất sắc / %d tốt: %s của (xuất sắc + tốt), %s của tốt", cnt.Levels[LevelExcellent], cnt.Levels[LevelGood], Percent(a), Percent(b))
}

func quoted(l Level) Text { return Textf("%q", l.Name()) }

// quota: excellent members per grassroots organisation, excellent cells per
// grassroots committee, excellent grassroots organisations per superior
// committee: at most 20%.
func (c *checker) quota() {
	t := c.in.Tree
	for _, r := range t.Roots() {
		t.Walk(r, func(o *Org) {
			if !c.inScope(o.ID) {
				return
			}
			if o.Kind.IsGrassroots() {
				if cnt := c.subtreeMembers(o.ID); OverQuota(cnt, c.den) {
					c.add(RuleQuota, ClauseQuotaMembers, "org", o.ID, o.Name, o.ID, "đảng viên xếp loại xuất sắc vượt tỷ lệ 20%%: %s", ratioText(cnt))
				}
			}
			if o.Kind == KindGrassrootsCommittee {
				var cells LevelCounts
				t.Walk(o.ID, func(s *Org) {
					if r, ok := c.in.OrgRatings[s.ID]; ok && s.Kind == KindCell {
						cells.Add(r.Level, r.NotRatedReason, 1)
					}
				})
				if OverQuota(cells, c.den) {
					c.add(RuleQuota, ClauseQuotaCollectives, "org", o.ID, o.Name, o.ID, "chi bộ xếp loại xuất sắc vượt tỷ lệ 20%%: %s", ratioText(cells))
				}
			}
			if o.Kind == KindSuperior {
				c.grassrootsQuota(o)
			}
		})
	}
}

// grassrootsQuota: the excellent grassroots organisations of a superior
// committee, all together or, where the rule set leaves the grouping open,
// by kind as the setting says; the finding shows both.
func (c *checker) grassrootsQuota(o *Org) {
	all := c.childRatings(o.ID, func(s *Org) bool { return s.Kind.IsGrassroots() })
	if !c.rs.QuotaGroupsUnsettled {
		if OverQuota(all, c.den) {
			c.add(RuleQuota, ClauseQuotaCollectives, "org", o.ID, o.Name, o.ID, "tổ chức cơ sở đảng xếp loại xuất sắc vượt tỷ lệ 20%%: %s", ratioText(all))
		}
		return
	}
	over := c.groups == QuotaByParent && OverQuota(all, c.den)
	var byKind []any
	for _, k := range []OrgKind{KindGrassrootsCommittee, KindGrassrootsCell} {
		cnt := c.childRatings(o.ID, func(s *Org) bool { return s.Kind == k })
		if cnt.Total == 0 {
			continue
		}
		byKind = append(byKind, Textf("%s %s", k.Label(), ratioText(cnt)))
		if c.groups == QuotaByKind && OverQuota(cnt, c.den) {
			over = true
		}
	}
	if over {
		c.add(RuleQuota, ClauseQuotaCollectives, "org", o.ID, o.Name, o.ID,
			"tổ chức cơ sở đảng xếp loại xuất sắc vượt tỷ lệ 20%% (tính %s, theo cài đặt): chung %s; theo từng loại: %s",
			map[QuotaGroups]string{QuotaByParent: "chung cả đảng bộ", QuotaByKind: "theo từng loại tổ chức"}[c.groups],
			ratioText(all), JoinText("; ", byKind))
	}
}

// collectives: each organisation's own rating against its members or
// sub-units, the disciplines in it, the results of the government and the
// unions at its level, and whether it should be rated at all.
func (c *checker) collectives() {
	t := c.in.Tree
	for _, r := range t.Roots() {
		t.Walk(r, func(o *Org) {
			own, ok := c.in.OrgRatings[o.ID]
			if !ok || !c.inScope(o.ID) {
				return
			}
			if c.orgNotRated(o, own) || own.Level == LevelNone {
				return
			}
			c.levelVsMembers(o, own)
			c.collectiveDiscipline(o, own)
			if _, mass := c.rs.Links(c.in.Links); mass && own.Level == LevelExcellent && own.MassOrgs != LevelNone && !own.MassOrgs.AtLeast(LevelGood) {
				c.add(RuleMassOrgs, ClauseMassOrgs, "org", o.ID, o.Name, o.ID,
					"xếp loại %s nhưng chính quyền, Mặt trận và đoàn thể cùng cấp có kết quả %s: cần từ %s trở lên%s",
					quoted(own.Level), quoted(own.MassOrgs), quoted(LevelGood), c.linksNote())
			}
		})
	}
}

// orgNotRated checks an organisation founded less than six months before
// the review (not rated) and the reason of one not rated; it reports whether
// it found something.
func (c *checker) orgNotRated(o *Org, own Rating) bool {
	recent := SixMonthsBefore(o.FoundedOn, c.review)
	add := func(format string, args ...any) bool {
		c.add(RuleNotRated, ClauseNotRated, "org", o.ID, o.Name, o.ID, format, args...)
		return true
	}
	if own.Level != LevelNone {
		if recent {
			return add("thành lập ngày %s, chưa đủ 6 tháng đến ngày đánh giá %s nên không xếp loại, nhưng đã xếp loại %s", o.FoundedOn, c.review, quoted(own.Level))
		}
		return false
	}
	reason, known := ParseReason(own.NotRatedReason)
	switch {
	case !known || reason != ReasonFoundedRecently:
		return add("không xếp loại với lý do %q, không có trong danh sách lý do không xếp loại tổ chức (%s)", own.NotRatedReason, reasonList(OrgReasons))
	case o.FoundedOn.IsZero():
		return add("không xếp loại vì thành lập chưa đủ 6 tháng, nhưng chưa có ngày thành lập trong hồ sơ")
	case !recent:
		return add("thành lập ngày %s, đã đủ 6 tháng đến ngày đánh giá %s nên phải xếp loại", o.FoundedOn, c.review)
	}
	return false
}

// levelVsMembers: an organisation's own level against its members' (a cell)
// or its sub-units' (a committee); from 2023 the 80%/50% shares are read as
// the setting says and both readings are shown.
func (c *checker) levelVsMembers(o *Org, own Rating) {
	var cnt LevelCounts
	what := "đảng viên"
	if o.Kind.HoldsMembers() {
		if mc := c.memberCounts[o.ID]; mc != nil {
			cnt = *mc
		}
	} else {
		cnt = c.childRatings(o.ID, func(*Org) bool { return true })
		what = "tổ chức trực thuộc"
	}
	withShares, without := MaxCollectiveLevel(cnt), MaxCollectiveLevelWithoutShares(cnt)
	limit := withShares
	if c.rs.SharesUnsettled && c.shares == SharesNone {
		limit = without
	}
	if own.Level >= limit {
		return
	}
	good := cnt.Levels[LevelExcellent] + cnt.Levels[LevelGood]
	share := 0.0
	if cnt.Rated() > 0 {
		share = float64(good) / float64(cnt.Rated())
	}
	msg := Textf("xếp loại %s nhưng %d/%d %s từ hoàn thành tốt trở lên (%s) và %d không hoàn thành nhiệm vụ: tối đa %s",
		quoted(own.Level), good, cnt.Rated(), what, Percent(share), cnt.Levels[LevelNotCompleted], quoted(limit))
	if c.rs.SharesUnsettled {
		msg = Textf("%s%s", msg, Textf(" (theo tỷ lệ 80%%/50%% của HD 21: tối đa %s; không áp dụng tỷ lệ này sau năm 2022: tối đa %s; đang tính %s theo cài đặt)",
			quoted(withShares), quoted(without), map[SharesReading]string{SharesApply: "có áp dụng", SharesNone: "không áp dụng"}[c.shares]))
	}
	c.add(RuleLevelVsMembers, ClauseLevelVsMembers, "org", o.ID, o.Name, o.ID, "%s", msg)
}

// collectiveDiscipline: disciplines of the organisation, its sub-units and
// its leadership members in the year.
func (c *checker) collectiveDiscipline(o *Org, own Rating) {
	t := c.in.Tree
	var hard, soft []any // disciplines, and those the collective found and corrected itself
	subUnits, disciplinedUnits := 0, 0
	for _, ch := range t.Children(o.ID) {
		s := t.Org(ch)
		if !s.Active(c.review) {
			continue
		}
		subUnits++
		if c.in.OrgDiscipline[ch] {
			disciplinedUnits++
			d := Textf("tổ chức trực thuộc bị kỷ luật (%s)", s.Name)
			if c.in.OrgSelfCorrected[ch] {
				soft = append(soft, d)
			} else {
				hard = append(hard, d)
			}
		}
	}
	for _, m := range c.in.Leaders[o.ID] {
		if c.in.Disciplined[m] {
			d := Textf("cấp ủy viên bị kỷ luật trong năm (%s)", c.memberName(m))
			if c.in.SelfCorrected[m] {
				soft = append(soft, d)
			} else {
				hard = append(hard, d)
			}
		}
	}
	self := c.in.OrgDiscipline[o.ID]
	add := func(format string, args ...any) {
		c.add(RuleDiscipline, ClauseCollectiveDiscipline, "org", o.ID, o.Name, o.ID, format, args...)
	}
	if !c.rs.CollectiveDiscipline {
		if own.Level != LevelExcellent {
			return
		}
		for _, d := range append(append([]any(nil), hard...), soft...) {
			add("có %s nên không thể xếp loại xuất sắc", d)
		}
		if self {
			add("bị kỷ luật trong năm nên không thể xếp loại xuất sắc")
		}
		return
	}
	all := append(append([]any(nil), hard...), soft...)
	switch {
	case own.Level == LevelNotCompleted:
	case self:
		add("tập thể lãnh đạo bị kỷ luật trong năm nên phải xếp loại %s, không phải %s", quoted(LevelNotCompleted), quoted(own.Level))
	case disciplinedUnits*5 > subUnits:
		add("%d/%d tổ chức trực thuộc bị kỷ luật trong năm (trên 20%%: %s) nên phải xếp loại %s, không phải %s",
			disciplinedUnits, subUnits, JoinText("; ", all), quoted(LevelNotCompleted), quoted(own.Level))
	case len(hard) > 0:
		add("có %s, không phải vi phạm tự phát hiện và khắc phục xong hậu quả, nên không thể xếp loại từ %s trở lên: phải xếp loại %s, không phải %s",
			JoinText("; ", hard), quoted(LevelCompleted), quoted(LevelNotCompleted), quoted(own.Level))
	case len(soft) > 0 && own.Level == LevelExcellent:
		add("có %s (dù tự phát hiện và khắc phục) nên không thể xếp loại xuất sắc", JoinText("; ", soft))
	}
}

// members: discipline, sick leave, score bands, civil service and not-rated
// reasons.
func (c *checker) members() {
	ms := make([]*RatedMember, 0, len(c.in.Members))
	for i := range c.in.Members {
		if c.inScope(c.in.Members[i].OrgID) {
			ms = append(ms, &c.in.Members[i])
		}
	}
	// In tree order, and in a cell by name and admission: not by the
	// database's ids, so that a database moved through a workbook lists
	// its findings alike.
	folded := make(map[*RatedMember]string, len(ms))
	for _, m := range ms {
		folded[m] = Fold(m.Name)
	}
	slices.SortStableFunc(ms, func(a, b *RatedMember) int {
		if c := c.pos[a.OrgID] - c.pos[b.OrgID]; c != 0 {
			return c
		}
		if c := strings.Compare(folded[a], folded[b]); c != 0 {
			return c
		}
		return a.AdmittedOn.Compare(b.AdmittedOn)
	})
	for _, m := range ms {
		add := func(rule string, clause Clause, format string, args ...any) {
			c.add(rule, clause, "member", m.MemberID, m.Name, m.OrgID, format, args...)
			c.out[len(c.out)-1].Card, c.out[len(c.out)-1].Born = m.Card, m.BirthDate
		}
		rated := m.Level != LevelNone
		if c.in.Disciplined[m.MemberID] && rated && m.Level != LevelNotCompleted {
			add(RuleDiscipline, ClauseMemberDiscipline, "bị kỷ luật trong năm nên phải xếp loại %s, không phải %s", quoted(LevelNotCompleted), quoted(m.Level))
		}
		if months := c.in.SickMonths[m.MemberID]; months >= 3 && m.Level.AtLeast(LevelGood) {
			add(RuleSickLeave, ClauseSickLeave, "nghỉ ốm %s tháng trong năm nên tối đa %s, không phải %s", strings.Replace(fmt.Sprintf("%g", months), ".", ",", 1), quoted(LevelCompleted), quoted(m.Level))
		}
		if c.rs.ScoreBands && m.Score != nil && rated {
			if max := MaxLevelForScore(*m.Score); m.Level < max {
				add(RuleScoreLevel, ClauseScoreLevel, "%s điểm chỉ cho phép xếp loại từ %s trở xuống, không phải %s",
					strings.Replace(ScoreText(m.Score), ".", ",", 1), quoted(max), quoted(m.Level))
			}
		}
		if c.rs.ScoreBands && m.Score == nil && rated {
			// The level rests on the 100-point score: without it, nothing
			// bears the level out.
			add(RuleScoreLevel, ClauseScoreLevel, "xếp loại %s nhưng chưa có điểm: từ năm 2025 mức xếp loại dựa trên điểm (thang 100)", quoted(m.Level))
		}
		if civil, _ := c.rs.Links(c.in.Links); civil && rated && m.CivilService != LevelNone {
			switch {
			case m.CivilService == LevelNotCompleted && m.Level != LevelNotCompleted:
				add(RuleCivilService, ClauseCivilService, "xếp loại công chức, viên chức %s nên phải xếp loại %s, không phải %s%s",
					quoted(LevelNotCompleted), quoted(LevelNotCompleted), quoted(m.Level), c.linksNote())
			case m.Level == LevelExcellent && m.CivilService != LevelExcellent:
				add(RuleCivilService, ClauseCivilService, "xếp loại xuất sắc cần xếp loại công chức, viên chức %s, nhưng là %s%s",
					quoted(LevelExcellent), quoted(m.CivilService), c.linksNote())
			}
		}
		c.memberNotRated(m, func(format string, args ...any) { add(RuleNotRated, ClauseNotRated, format, args...) })
	}
	c.unrated()
}

// unrated: each cell whose roll on the review date has members with
// neither a level nor a reason for the year says how many and who (the
// report would leave them out of its totals unsaid).
func (c *checker) unrated() {
	t := c.in.Tree
	for _, r := range t.Roots() {
		t.Walk(r, func(o *Org) {
			if _, rated := c.in.OrgRatings[o.ID]; !rated && c.in.OrgRatings != nil && c.inScope(o.ID) && o.Reviewed(c.review) {
				c.add(RuleNotRated, ClauseNotRated, "org", o.ID, o.Name, o.ID,
					"chưa có kết quả năm %d của chính tổ chức (hãy xếp loại, hoặc ghi lý do không xếp loại; báo cáo không tính tổ chức này)", c.in.Year)
			}
			ms := c.in.Unrated[o.ID]
			if len(ms) == 0 || !c.inScope(o.ID) {
				return
			}
			sorted := slices.Clone(ms)
			slices.SortStableFunc(sorted, func(a, b RatedMember) int { return strings.Compare(Fold(a.Name), Fold(b.Name)) })
			var names []string
			for i, m := range sorted {
				if i == maxUnratedNamed {
					names = append(names, fmt.Sprintf("và %d người khác", len(sorted)-i))
					break
				}
				names = append(names, Violation{SubjectKind: "member", Subject: m.Name, Card: m.Card, Born: m.BirthDate}.Who())
			}
			c.add(RuleNotRated, ClauseNotRated, "org", o.ID, o.Name, o.ID,
				"%d đảng viên trong danh sách ngày %s chưa có kết quả năm %d (hãy xếp loại, hoặc ghi lý do không xếp loại; báo cáo không tính họ): %s",
				len(sorted), c.review, c.in.Year, strings.Join(names, ", "))
		})
	}
}

// maxUnratedNamed is how many members not entered a finding names.
const maxUnratedNamed = 10

// memberNotRated: only the reasons of the list excuse a member from rating,
// each as the records bear it out; a member they apply to is not rated.
func (c *checker) memberNotRated(m *RatedMember, add func(format string, args ...any)) {
	exempted := c.in.Exempted[m.MemberID] || (m.Status == StatusExempted && !m.StatusOn.After(c.review))
	suspended := c.in.Suspended[m.MemberID]
	recent := SixMonthsBefore(m.AdmittedOn, c.review)
	if m.Level != LevelNone {
		switch {
		case exempted:
			add("được miễn công tác và sinh hoạt đảng (có trong hồ sơ năm %d) nên không xếp loại, nhưng đã xếp loại %s", c.in.Year, quoted(m.Level))
		case suspended && c.rs.SuspendedNotRated:
			add("bị đình chỉ sinh hoạt đảng (có trong hồ sơ năm %d) nên không xếp loại, nhưng đã xếp loại %s", c.in.Year, quoted(m.Level))
		case recent:
			add("kết nạp ngày %s, chưa đủ 6 tháng đến ngày đánh giá %s nên không xếp loại, nhưng đã xếp loại %s", m.AdmittedOn, c.review, quoted(m.Level))
		}
		return
	}
	reason, known := ParseReason(m.Reason)
	allowed := c.rs.MemberReasons()
	switch {
	case !known || reason == ReasonFoundedRecently:
		msg := Textf("không xếp loại với lý do %q, không có trong danh sách lý do không xếp loại (%s)", m.Reason, reasonList(allowed))
		if hint := reasonHint(m.Reason); hint != "" {
			msg = Textf("%s: %s", msg, hint)
		}
		add("%s", msg)
	case reason == ReasonSuspended && !c.rs.SuspendedNotRated:
		add("không xếp loại vì đình chỉ sinh hoạt đảng, nhưng năm %d (%s) chỉ miễn xếp loại cho đảng viên được miễn công tác và sinh hoạt đảng hoặc mới kết nạp", c.in.Year, c.rs.Guidance)
	case reason == ReasonExempted && !exempted:
		add("không xếp loại vì miễn sinh hoạt đảng, nhưng hồ sơ không có việc miễn công tác và sinh hoạt đảng năm %d", c.in.Year)
	case reason == ReasonSuspended && !suspended:
		add("không xếp loại vì đình chỉ sinh hoạt đảng, nhưng hồ sơ không có việc đình chỉ sinh hoạt đảng năm %d", c.in.Year)
	case reason == ReasonAdmittedRecently && m.AdmittedOn.IsZero():
		add("không xếp loại vì kết nạp chưa đủ 6 tháng, nhưng chưa có ngày vào Đảng trong hồ sơ")
	case reason == ReasonAdmittedRecently && !recent:
		add("kết nạp ngày %s, đã đủ 6 tháng đến ngày đánh giá %s nên phải xếp loại", m.AdmittedOn, c.review)
	}
}
