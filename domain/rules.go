package domain

import (
	"fmt"
	"sort"
	"strings"
)

// Rule ids: a contract that scripts rely on.
const (
	RuleQuota          = "quota"
	RuleLevelVsMembers = "level-vs-members"
	RuleDiscipline     = "discipline"
	RuleSickLeave      = "sick-leave"
	RuleScoreLevel     = "score-level"
	RuleNotRated       = "not-rated"
)

// RuleSet is the regulation in force for a range of years, as data: which
// rules apply and which document each comes from. A new regulation is a new
// RuleSet (and, at most, a new rule function).
type RuleSet struct {
	From, To   int // years it applies to; To 0 = still in force
	Regulation string
	Guidance   string
	Sources    map[string]string // rule id → the document it comes from
	ScoreBands bool              // levels follow a 100-point score
}

// RuleSets lists the regulations, oldest first (domain.md "Rule sets by year").
var RuleSets = []RuleSet{
	{From: 2018, To: 2018, Regulation: "QĐ 132-QĐ/TW", Guidance: "HD 16-HD/BTCTW", Sources: map[string]string{
		RuleQuota: "HD 16-HD/BTCTW", RuleLevelVsMembers: "HD 16-HD/BTCTW", RuleDiscipline: "HD 16-HD/BTCTW",
		RuleSickLeave: "HD 16-HD/BTCTW", RuleNotRated: "HD 16-HD/BTCTW"}},
	{From: 2019, To: 2022, Regulation: "QĐ 132-QĐ/TW", Guidance: "HD 21-HD/BTCTW", Sources: map[string]string{
		RuleQuota: "HD 21-HD/BTCTW", RuleLevelVsMembers: "HD 21-HD/BTCTW", RuleDiscipline: "HD 21-HD/BTCTW",
		RuleSickLeave: "HD 21-HD/BTCTW", RuleNotRated: "HD 21-HD/BTCTW"}},
	{From: 2023, To: 2024, Regulation: "QĐ 124-QĐ/TW", Guidance: "HD 25-HD/BTCTW", Sources: map[string]string{
		RuleQuota: "HD 25-HD/BTCTW", RuleLevelVsMembers: "HD 25-HD/BTCTW", RuleDiscipline: "QĐ 124-QĐ/TW",
		RuleSickLeave: "HD 25-HD/BTCTW", RuleNotRated: "HD 25-HD/BTCTW"}},
	{From: 2025, Regulation: "QĐ 366-QĐ/TW", Guidance: "HD 43-HD/BTCTW", ScoreBands: true, Sources: map[string]string{
		RuleQuota: "HD 43-HD/BTCTW", RuleLevelVsMembers: "HD 43-HD/BTCTW", RuleDiscipline: "QĐ 366-QĐ/TW",
		RuleSickLeave: "HD 43-HD/BTCTW", RuleScoreLevel: "HD 43-HD/BTCTW", RuleNotRated: "HD 43-HD/BTCTW"}},
}

// RuleSetFor returns the rule set a rating of year is judged by, or nil
// before 2018.
func RuleSetFor(year int) *RuleSet {
	for i := range RuleSets {
		rs := &RuleSets[i]
		if year >= rs.From && (rs.To == 0 || year <= rs.To) {
			return rs
		}
	}
	return nil
}

// LevelForScore is the level a 100-point score gives (HD 43): ≥ 90
// excellent, 70–< 90 good, 50–< 70 completed, < 50 not completed.
func LevelForScore(s float64) Level {
	switch {
	case s >= 90:
		return LevelExcellent
	case s >= 70:
		return LevelGood
	case s >= 50:
		return LevelCompleted
	}
	return LevelNotCompleted
}

// QuotaDenominator says what the 20% quota of excellent members is counted
// against; domain.md leaves it unsettled, so it is a setting.
type QuotaDenominator string

// Quota denominators.
const (
	QuotaOfExcellentAndGood QuotaDenominator = "excellent+good" // default: the excellent are chosen among the good
	QuotaOfGood             QuotaDenominator = "good"
)

// OverQuota reports whether excellent exceeds 20% of the denominator.
func OverQuota(c LevelCounts, d QuotaDenominator) bool {
	ex, good := c.Levels[LevelExcellent], c.Levels[LevelGood]
	den := ex + good
	if d == QuotaOfGood {
		den = good
	}
	return ex*5 > den
}

// RatedMember is what the checks know of a member's rating in the year.
type RatedMember struct {
	MemberID   int64
	Name       string
	OrgID      int64 // the cell that rated the member
	Level      Level
	Score      *float64
	Reason     string
	AdmittedOn Date
	Status     MemberStatus
	StatusOn   Date
}

// CheckInput is everything the year's checks look at.
type CheckInput struct {
	Year          int
	Tree          *Tree // as at the end of the year
	Scope         int64 // the organisation checked (0: all)
	Members       []RatedMember
	OrgRatings    map[int64]Rating
	Disciplined   map[int64]bool    // members disciplined in the year
	OrgDiscipline map[int64]bool    // organisations disciplined in the year
	SickMonths    map[int64]float64 // months of sick leave in the year
	Exempted      map[int64]bool    // exempted from work and party activities
	Suspended     map[int64]bool    // suspended from party activities
	Leaders       map[int64][]int64 // organisation → its committee members serving in the year
	Denominator   QuotaDenominator
}

// Violation is one finding of a check, with the rule and its source.
type Violation struct {
	Rule        string
	Source      string
	SubjectKind string // "member" or "org"
	SubjectID   int64
	Subject     string
	Org         string // path from the grassroots organisation down
	Message     string
}

// allowedReasons are the reasons not to rate a member (HD 21): exempted,
// suspended, or admitted less than six months before the review.
var allowedReasons = []string{"mien", "dinh chi", "chua du 6 thang", "duoi 6 thang", "ket nap"}

// ReasonAllowed reports whether a not-rated reason is one the rules allow.
func ReasonAllowed(reason string) bool {
	f := Fold(reason)
	for _, a := range allowedReasons {
		if strings.Contains(f, a) {
			return true
		}
	}
	return false
}

// Check runs the rules of the year's rule set over in and returns the
// violations, rule by rule, in tree order.
func Check(in *CheckInput) []Violation {
	rs := RuleSetFor(in.Year)
	if rs == nil {
		return nil
	}
	if in.Denominator == "" {
		in.Denominator = QuotaOfExcellentAndGood
	}
	c := &checker{in: in, rs: rs, pos: map[int64]int{}, memberCounts: map[int64]*LevelCounts{}}
	for _, r := range in.Tree.Roots() {
		in.Tree.Walk(r, func(o *Org) { c.pos[o.ID] = len(c.pos) })
	}
	for i := range in.Members {
		m := &in.Members[i]
		if !c.inScope(m.OrgID) {
			continue
		}
		if c.memberCounts[m.OrgID] == nil {
			c.memberCounts[m.OrgID] = &LevelCounts{}
		}
		c.memberCounts[m.OrgID].Add(m.Level, m.Reason, 1)
	}
	c.quota()
	c.levelVsMembers()
	c.members()
	sort.SliceStable(c.out, func(i, j int) bool { return ruleOrder(c.out[i].Rule) < ruleOrder(c.out[j].Rule) })
	return c.out
}

func ruleOrder(id string) int {
	for i, r := range []string{RuleQuota, RuleLevelVsMembers, RuleDiscipline, RuleSickLeave, RuleScoreLevel, RuleNotRated} {
		if r == id {
			return i
		}
	}
	return 99
}

type checker struct {
	in           *CheckInput
	rs           *RuleSet
	pos          map[int64]int
	memberCounts map[int64]*LevelCounts // per cell
	out          []Violation
}

func (c *checker) memberName(id int64) string {
	for i := range c.in.Members {
		if c.in.Members[i].MemberID == id {
			return c.in.Members[i].Name
		}
	}
	return fmt.Sprintf("đảng viên #%d", id)
}

func (c *checker) inScope(orgID int64) bool {
	return c.in.Scope == 0 || c.in.Tree.IsUnder(orgID, c.in.Scope)
}

func (c *checker) add(rule, kind string, id int64, subject string, orgID int64, format string, args ...any) {
	c.out = append(c.out, Violation{Rule: rule, Source: c.rs.Sources[rule], SubjectKind: kind, SubjectID: id,
		Subject: subject, Org: c.in.Tree.Path(orgID), Message: fmt.Sprintf(format, args...)})
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
// are in the report's groups.
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

func ratioText(cnt LevelCounts) string {
	a, b := cnt.QuotaRatios()
	return fmt.Sprintf("%d xuất sắc / %d tốt: %s của (xuất sắc + tốt), %s của tốt", cnt.Levels[LevelExcellent], cnt.Levels[LevelGood], pct(a), pct(b))
}

func pct(f float64) string { return strings.Replace(fmt.Sprintf("%.1f%%", f*100), ".", ",", 1) }

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
				if cnt := c.subtreeMembers(o.ID); OverQuota(cnt, c.in.Denominator) {
					c.add(RuleQuota, "org", o.ID, o.Name, o.ID, "đảng viên xếp loại xuất sắc vượt 20%%: %s", ratioText(cnt))
				}
			}
			if o.Kind == KindGrassrootsCommittee {
				var cells LevelCounts
				t.Walk(o.ID, func(s *Org) {
					if r, ok := c.in.OrgRatings[s.ID]; ok && s.Kind == KindCell {
						cells.Add(r.Level, r.NotRatedReason, 1)
					}
				})
				if OverQuota(cells, c.in.Denominator) {
					c.add(RuleQuota, "org", o.ID, o.Name, o.ID, "chi bộ xếp loại xuất sắc vượt 20%%: %s", ratioText(cells))
				}
			}
			if o.Kind == KindSuperior {
				if cnt := c.childRatings(o.ID, func(s *Org) bool { return s.Kind.IsGrassroots() }); OverQuota(cnt, c.in.Denominator) {
					c.add(RuleQuota, "org", o.ID, o.Name, o.ID, "tổ chức cơ sở đảng xếp loại xuất sắc vượt 20%%: %s", ratioText(cnt))
				}
			}
		})
	}
}

// levelVsMembers: an organisation's own level against its members' (a cell)
// or its sub-units' (a committee); a disciplined sub-unit rules out excellent.
func (c *checker) levelVsMembers() {
	t := c.in.Tree
	for _, r := range t.Roots() {
		t.Walk(r, func(o *Org) {
			own, ok := c.in.OrgRatings[o.ID]
			if !ok || own.Level == LevelNone || !c.inScope(o.ID) {
				return
			}
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
			if max := MaxCollectiveLevel(cnt); own.Level < max {
				good := cnt.Levels[LevelExcellent] + cnt.Levels[LevelGood]
				c.add(RuleLevelVsMembers, "org", o.ID, o.Name, o.ID,
					"xếp loại %q nhưng %d/%d %s từ hoàn thành tốt trở lên và %d không hoàn thành nhiệm vụ: tối đa %q",
					own.Level.Name(), good, cnt.Rated(), what, cnt.Levels[LevelNotCompleted], max.Name())
			}
			if own.Level == LevelExcellent {
				for _, ch := range t.Children(o.ID) {
					if c.in.OrgDiscipline[ch] {
						c.add(RuleDiscipline, "org", o.ID, o.Name, o.ID, "có tổ chức trực thuộc bị kỷ luật (%s) nên không thể xếp loại xuất sắc", t.Org(ch).Name)
					}
				}
				if c.in.OrgDiscipline[o.ID] {
					c.add(RuleDiscipline, "org", o.ID, o.Name, o.ID, "bị kỷ luật trong năm nên không thể xếp loại xuất sắc")
				}
				for _, m := range c.in.Leaders[o.ID] {
					if c.in.Disciplined[m] {
						c.add(RuleDiscipline, "org", o.ID, o.Name, o.ID, "có cấp ủy viên bị kỷ luật trong năm (%s) nên không thể xếp loại xuất sắc", c.memberName(m))
					}
				}
			}
		})
	}
}

// members: discipline, sick leave, score bands and not-rated reasons.
func (c *checker) members() {
	ms := make([]*RatedMember, 0, len(c.in.Members))
	for i := range c.in.Members {
		if c.inScope(c.in.Members[i].OrgID) {
			ms = append(ms, &c.in.Members[i])
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return c.pos[ms[i].OrgID] < c.pos[ms[j].OrgID] })
	review := NewDate(c.in.Year, 12, 31)
	for _, m := range ms {
		add := func(rule, format string, args ...any) {
			c.add(rule, "member", m.MemberID, m.Name, m.OrgID, format, args...)
		}
		if c.in.Disciplined[m.MemberID] && m.Level != LevelNone && m.Level != LevelNotCompleted {
			add(RuleDiscipline, "bị kỷ luật trong năm nên phải xếp loại %q, không phải %q", LevelNotCompleted.Name(), m.Level.Name())
		}
		if months := c.in.SickMonths[m.MemberID]; months >= 3 && m.Level.AtLeast(LevelGood) {
			add(RuleSickLeave, "nghỉ ốm %g tháng trong năm nên tối đa %q, không phải %q", months, LevelCompleted.Name(), m.Level.Name())
		}
		if c.rs.ScoreBands && m.Score != nil && m.Level != LevelNone {
			if want := LevelForScore(*m.Score); want != m.Level {
				add(RuleScoreLevel, "%s điểm ứng với %q, không phải %q", strings.Replace(ScoreText(m.Score), ".", ",", 1), want.Name(), m.Level.Name())
			}
		}
		mustNot := ""
		switch {
		case c.in.Exempted[m.MemberID] || (m.Status == StatusExempted && !m.StatusOn.After(review)):
			mustNot = "được miễn công tác và sinh hoạt đảng"
		case c.in.Suspended[m.MemberID]:
			mustNot = "bị đình chỉ sinh hoạt đảng"
		case !m.AdmittedOn.IsZero() && m.AdmittedOn.After(NewDate(c.in.Year, 6, 30)):
			// Admitted after 30/6: less than six months before the year-end review.
			mustNot = fmt.Sprintf("kết nạp ngày %s, chưa đủ 6 tháng đến kỳ đánh giá", m.AdmittedOn)
		}
		switch {
		case m.Level == LevelNone && !ReasonAllowed(m.Reason):
			add(RuleNotRated, "không xếp loại với lý do %q, không phải lý do được phép (miễn sinh hoạt, đình chỉ sinh hoạt, kết nạp chưa đủ 6 tháng)", m.Reason)
		case m.Level != LevelNone && mustNot != "":
			add(RuleNotRated, "%s nên không xếp loại, nhưng đã xếp loại %q", mustNot, m.Level.Name())
		}
	}
}
