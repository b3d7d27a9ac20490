package domain

import "fmt"

// Rule ids: a contract that scripts rely on.
const (
	RuleQuota          = "quota"
	RuleLevelVsMembers = "level-vs-members"
	RuleDiscipline     = "discipline"
	RuleSickLeave      = "sick-leave"
	RuleScoreLevel     = "score-level"
	RuleCivilService   = "civil-service"
	RuleMassOrgs       = "mass-organisations"
	RuleNotRated       = "not-rated"
)

// RuleIDs lists the rule ids in the order findings are reported.
var RuleIDs = []string{RuleQuota, RuleLevelVsMembers, RuleDiscipline, RuleSickLeave, RuleScoreLevel, RuleCivilService, RuleMassOrgs, RuleNotRated}

// Clause is a provision of a rule set that a finding cites: one rule may
// rest on several (the quota of members and that of collectives).
type Clause string

// The clauses a finding may cite.
const (
	ClauseQuotaMembers         Clause = "quota-members"
	ClauseQuotaCollectives     Clause = "quota-collectives"
	ClauseLevelVsMembers       Clause = "level-vs-members"
	ClauseMemberDiscipline     Clause = "member-discipline"
	ClauseCollectiveDiscipline Clause = "collective-discipline"
	ClauseSickLeave            Clause = "sick-leave"
	ClauseScoreLevel           Clause = "score-level"
	ClauseCivilService         Clause = "civil-service"
	ClauseMassOrgs             Clause = "mass-organisations"
	ClauseNotRated             Clause = "not-rated"
)

// RuleSet is the regulation in force for a range of years, as data: which
// rules apply, how, and which document and article each finding cites. A new
// regulation is a new RuleSet (and, at most, a new rule function).
type RuleSet struct {
	From, To   int // years it applies to; To 0 = still in force
	Regulation string
	Guidance   string
	Sources    map[Clause]string // clause → document and article
	// ScoreBands: levels rest on a 100-point score whose bands are minimums
	// (QĐ 366-QĐ/TW, Điều 11).
	ScoreBands bool
	// SuspendedNotRated: members suspended from party activity are not
	// rated (added by HD 21-HD/BTCTW; HD 16 excused only exemption).
	SuspendedNotRated bool
	// CollectiveDiscipline: a disciplined sub-unit or leadership member bars
	// "tốt" and "hoàn thành" too unless the collective found and corrected the
	// violation itself, and the leadership collective disciplined or more
	// than 20% of sub-units disciplined makes it "không hoàn thành" (QĐ 124
	// Điều 12, QĐ 366 Điều 11). Before: only "xuất sắc" is barred.
	CollectiveDiscipline bool
	// CivilService: a member's civil-service rating caps the party rating;
	// MassOrgs: an organisation's "xuất sắc" needs the government, the Front
	// and the unions at its level at "tốt" or above (HD 21-HD/BTCTW).
	CivilService, MassOrgs bool
	// LinksUnsettled: whether those two links of HD 21 still bind is not
	// settled for this set (QĐ 124 and QĐ 366 do not repeat them); the
	// setting ReadingLinks decides, and findings say they follow it.
	LinksUnsettled bool
	// SharesUnsettled: whether HD 21's 80%/50% member shares still bind a
	// collective's level is not settled for this set; the setting
	// ReadingShares decides and findings show both readings.
	SharesUnsettled bool
	// QuotaGroupsUnsettled: the collectives' quota counts "within each group
	// with similar roles" (QĐ 124, Điều 12); grouping by parent or by kind is
	// the setting ReadingQuotaGroups, and findings show both.
	QuotaGroupsUnsettled bool
}

// Source is the document and article a finding under clause cites.
func (rs *RuleSet) Source(c Clause) string { return rs.Sources[c] }

// MemberReasons lists the reasons not to rate a member under this set.
func (rs *RuleSet) MemberReasons() []Reason {
	if rs.SuspendedNotRated {
		return MemberReasons
	}
	return []Reason{ReasonExempted, ReasonAdmittedRecently}
}

// Sources of the rule sets. Where the texts are quoted in domain.md, or by
// the legal Q&A sites it names, the article (or section of a guidance) is
// given; HD 16 is cited by its part II, where its rules are, and HD 25 and
// HD 43 by name where no public copy gives the section. An organisation's
// level against its members' is the year's guidance from 2023 on: the
// 80%/50% shares that HD 21 set are a reading the finding names (a setting),
// not the source of a later year's rule.
const (
	hd16        = "HD 16-HD/BTCTW, Mục II"
	hd21Orgs    = "HD 21-HD/BTCTW, Mục II.B.1.3" // the levels of party organisations
	hd21Members = "HD 21-HD/BTCTW, Mục II.B.2.3" // the levels of members
	hd21Cases   = "HD 21-HD/BTCTW, Mục II.6"     // particular cases: new, sick, maternity
	qd124       = "QĐ 124-QĐ/TW, Điều 12"
	qd366       = "QĐ 366-QĐ/TW, Điều 11"
)

// RuleSets lists the regulations, oldest first (domain.md "Rule sets by year").
var RuleSets = []RuleSet{
	{From: 2018, To: 2018, Regulation: "QĐ 132-QĐ/TW", Guidance: "HD 16-HD/BTCTW", Sources: map[Clause]string{
		ClauseQuotaMembers: hd16, ClauseQuotaCollectives: hd16, ClauseLevelVsMembers: hd16, ClauseMemberDiscipline: hd16,
		ClauseCollectiveDiscipline: hd16, ClauseSickLeave: hd16, ClauseNotRated: hd16}},
	{From: 2019, To: 2022, Regulation: "QĐ 132-QĐ/TW", Guidance: "HD 21-HD/BTCTW", SuspendedNotRated: true,
		CivilService: true, MassOrgs: true, Sources: map[Clause]string{
			ClauseQuotaMembers: hd21Members, ClauseQuotaCollectives: hd21Orgs, ClauseLevelVsMembers: hd21Orgs,
			ClauseMemberDiscipline: hd21Members, ClauseCollectiveDiscipline: hd21Orgs, ClauseSickLeave: hd21Cases,
			ClauseNotRated: hd21Cases, ClauseCivilService: hd21Members, ClauseMassOrgs: hd21Orgs}},
	{From: 2023, To: 2024, Regulation: "QĐ 124-QĐ/TW", Guidance: "HD 25-HD/BTCTW", SuspendedNotRated: true,
		CollectiveDiscipline: true, SharesUnsettled: true, QuotaGroupsUnsettled: true, LinksUnsettled: true, Sources: map[Clause]string{
			ClauseQuotaMembers: qd124, ClauseQuotaCollectives: qd124, ClauseLevelVsMembers: "HD 25-HD/BTCTW",
			ClauseMemberDiscipline: qd124, ClauseCollectiveDiscipline: qd124, ClauseSickLeave: "HD 25-HD/BTCTW",
			ClauseNotRated: "HD 25-HD/BTCTW", ClauseCivilService: hd21Members, ClauseMassOrgs: hd21Orgs}},
	{From: 2025, Regulation: "QĐ 366-QĐ/TW", Guidance: "HD 43-HD/BTCTW", ScoreBands: true, SuspendedNotRated: true,
		CollectiveDiscipline: true, SharesUnsettled: true, QuotaGroupsUnsettled: true, LinksUnsettled: true, Sources: map[Clause]string{
			ClauseQuotaMembers: qd366, ClauseQuotaCollectives: qd366, ClauseLevelVsMembers: "HD 43-HD/BTCTW",
			ClauseMemberDiscipline: qd366, ClauseCollectiveDiscipline: qd366, ClauseSickLeave: "HD 43-HD/BTCTW",
			ClauseScoreLevel: qd366, ClauseNotRated: "HD 43-HD/BTCTW", ClauseCivilService: hd21Members, ClauseMassOrgs: hd21Orgs}},
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

// MaxLevelForScore is the best level a 100-point score allows (QĐ 366-QĐ/TW,
// Điều 11): 90 points are needed for "xuất sắc", 70 for "tốt", 50 for "hoàn
// thành". The bands are minimums: each level also has other conditions, so a
// lower level with a high score can be right (a discipline, for one).
func MaxLevelForScore(s float64) Level {
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

// DefaultReviewDate is the day a year's review is taken to be held when no
// date is set: 15 December of the year.
func DefaultReviewDate(year int) Date { return NewDate(year, 12, 15) }

// ValidReviewDate reports why d cannot be the review date of year: reviews
// are held in the year or, at the latest, by the end of March after it.
func ValidReviewDate(year int, d Date) error {
	if d.Before(NewDate(year, 1, 1)) || d.After(NewDate(year+1, 3, 31)) {
		return Errorf(EINVALID, fmt.Sprintf("Ngày đánh giá năm %d", year), "phải từ 01/01/%d đến 31/03/%d, không phải %s", year, year+1, d)
	}
	return nil
}

// SixMonthsBefore reports whether since (an admission or a founding) is less
// than six months before the review: such a member or organisation is not
// rated (HD 21-HD/BTCTW, Mục II.6). Six months to the day is enough.
func SixMonthsBefore(since, review Date) bool {
	return !since.IsZero() && since.AddMonths(6).After(review)
}

// QuotaDenominator says what the 20% quota of excellent members is counted
// against; domain.md leaves it unsettled, so it is a setting.
type QuotaDenominator string

// Quota denominators.
const (
	QuotaOfExcellentAndGood QuotaDenominator = "excellent+good" // default: the excellent are chosen among the good
	QuotaOfGood             QuotaDenominator = "good"
)

// SharesReading says whether HD 21's 80%/50% member shares bind a
// collective's level in the years after 2022, which the texts leave open.
type SharesReading string

// Readings of the member shares after 2022.
const (
	SharesApply SharesReading = "apply" // default: the shares still bind
	SharesNone  SharesReading = "none"  // only "all at completed or above" binds
)

// LinksReading says whether HD 21's links of a party rating to the
// civil-service rating (members) and to the government's, Front's and
// unions' results (organisations) bind in the years after 2022, which the
// texts leave open.
type LinksReading string

// Readings of the links after 2022.
const (
	LinksApply LinksReading = "apply" // default: they still bind
	LinksNone  LinksReading = "none"  // they do not
)

// Links reports whether the civil-service and mass-organisation links bind
// under rs read as r.
func (rs *RuleSet) Links(r LinksReading) (civil, mass bool) {
	if rs.LinksUnsettled {
		return r != LinksNone, r != LinksNone
	}
	return rs.CivilService, rs.MassOrgs
}

// QuotaGroups says how collectives are grouped for their 20% quota from
// 2023 ("within each group with similar roles", QĐ 124-QĐ/TW, Điều 12).
type QuotaGroups string

// Groupings of collectives for the quota.
const (
	QuotaByParent QuotaGroups = "parent" // default: all sub-units of a committee together
	QuotaByKind   QuotaGroups = "kind"   // each kind of sub-unit apart (Đảng bộ cơ sở, Chi bộ cơ sở)
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
