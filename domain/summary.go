package domain

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Group is one of the three groups of the conference report.
type Group string

// The report's groups.
const (
	GroupGrassroots Group = "grassroots" // Đảng bộ cơ sở + Chi bộ cơ sở
	GroupCells      Group = "cells"      // Chi bộ trực thuộc
	GroupMembers    Group = "members"    // đảng viên
)

// Groups lists the report's groups in report order.
var Groups = []Group{GroupGrassroots, GroupCells, GroupMembers}

// Label is the group's Vietnamese heading.
func (g Group) Label() string {
	switch g {
	case GroupGrassroots:
		return "Tổ chức cơ sở đảng"
	case GroupCells:
		return "Chi bộ trực thuộc"
	case GroupMembers:
		return "Đảng viên"
	}
	return ""
}

// GroupOfKind returns the report group an organisation's own rating counts
// in, or "" for kinds outside the report (superior and sub-committees).
func GroupOfKind(k OrgKind) Group {
	switch {
	case k.IsGrassroots():
		return GroupGrassroots
	case k == KindCell:
		return GroupCells
	}
	return ""
}

// LevelCounts totals ratings: how many at each level, how many not rated and
// why.
type LevelCounts struct {
	Total    int
	Levels   [LevelNotCompleted + 1]int // indexed by Level; LevelNone unused
	NotRated int
	Reasons  map[string]int // not-rated reasons and their counts
}

// Add counts one rating.
func (c *LevelCounts) Add(l Level, reason string, n int) {
	c.Total += n
	if l == LevelNone {
		c.NotRated += n
		if c.Reasons == nil {
			c.Reasons = map[string]int{}
		}
		c.Reasons[reason] += n
		return
	}
	c.Levels[l] += n
}

// Merge adds all of o's counts to c.
func (c *LevelCounts) Merge(o LevelCounts) {
	c.Total += o.Total
	c.NotRated += o.NotRated
	for i := range c.Levels {
		c.Levels[i] += o.Levels[i]
	}
	for r, n := range o.Reasons {
		if c.Reasons == nil {
			c.Reasons = map[string]int{}
		}
		c.Reasons[r] += n
	}
}

// ReasonCount is a not-rated reason and how many members it was given.
type ReasonCount struct {
	Reason string
	Count  int
}

// ReasonList lists the not-rated reasons in the order every report shows
// them: by name as read (diacritics aside), whatever the order the
// ratings were counted in.
func (c *LevelCounts) ReasonList() []ReasonCount {
	out := make([]ReasonCount, 0, len(c.Reasons))
	for r, n := range c.Reasons {
		out = append(out, ReasonCount{r, n})
	}
	slices.SortFunc(out, func(a, b ReasonCount) int {
		if c := strings.Compare(Fold(a.Reason), Fold(b.Reason)); c != 0 {
			return c
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	return out
}

// Rated is the number rated at some level.
func (c *LevelCounts) Rated() int { return c.Total - c.NotRated }

// Share is the count at level l as a fraction of those rated (0 when none).
func (c *LevelCounts) Share(l Level) float64 {
	if c.Rated() == 0 {
		return 0
	}
	return float64(c.Levels[l]) / float64(c.Rated())
}

// QuotaRatios returns the share of excellent against excellent + good (the
// default reading of the 20% quota) and against good alone; NaN where the
// denominator is 0, a share that cannot be computed (Percent says "—":
// 2 excellent and no good is not "0%" of good).
func (c *LevelCounts) QuotaRatios() (ofExcellentAndGood, ofGood float64) {
	ex, good := float64(c.Levels[LevelExcellent]), float64(c.Levels[LevelGood])
	ofExcellentAndGood, ofGood = math.NaN(), math.NaN()
	if ex+good > 0 {
		ofExcellentAndGood = ex / (ex + good)
	}
	if good > 0 {
		ofGood = ex / good
	}
	return
}

// GroupCounts is one group's line of the report.
type GroupCounts struct {
	Group Group
	LevelCounts
}

// GrassrootsLine is one grassroots organisation's line in the breakdown.
type GrassrootsLine struct {
	OrgID   int64
	Name    string
	Own     Level // the organisation's own rating, LevelNone when not rated
	Cells   LevelCounts
	Members LevelCounts
}

// Summary is the conference report's figures for a year and an organisation.
type Summary struct {
	Year         int
	Org          string // the organisation (or tree) reported on
	Groups       []GroupCounts
	ByGrassroots []GrassrootsLine
	// Left is what an office's report of a past year cannot count: what
	// has left its part since (the report says so).
	Left PartLeft
	// Denominator is the reading of the quota the checks follow (the
	// report names it).
	Denominator QuotaDenominator
	// Unentered is what the report cannot count because nothing was
	// entered for the year (read apart from the counts: see the store's
	// Unentered).
	Unentered Unentered
}

// Unentered counts, under a report's organisation, the members on a cell's
// roll on the review date and the cells and grassroots organisations
// standing then, that have neither a level nor a reason for the year.
type Unentered struct {
	Review        Date
	Members, Orgs int
}

// Note says what the report leaves out for want of an entry, in
// Vietnamese; "" when nothing.
func (u Unentered) Note(year int) string {
	if u.Members == 0 && u.Orgs == 0 {
		return ""
	}
	var what []string
	if u.Members > 0 {
		what = append(what, fmt.Sprintf("%s đảng viên trong danh sách ngày %s", Thousands(u.Members), u.Review))
	}
	if u.Orgs > 0 {
		what = append(what, fmt.Sprintf("%s tổ chức (chi bộ, tổ chức cơ sở đảng)", Thousands(u.Orgs)))
	}
	return fmt.Sprintf("Lưu ý: %s chưa có kết quả năm %d (chưa xếp loại, cũng chưa ghi lý do không xếp loại), không được tính trong báo cáo; xem Kiểm tra.", strings.Join(what, " và "), year)
}

// Notes are the report's notes: what it leaves out, and why.
func (s *Summary) Notes() []string {
	var out []string
	for _, n := range []string{s.Unentered.Note(s.Year), s.Left.Note()} {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// PartLeft counts what left an office's part after a year it reports on:
// organisations moved to another part (with what was under them), and the
// year's member ratings given there or by members transferred out since.
// The office sees neither; the owner's report counts them.
type PartLeft struct {
	Year          int
	Orgs, Ratings int
}

// Note says what the report leaves out, in Vietnamese; "" when nothing.
func (p PartLeft) Note() string {
	if p.Orgs == 0 && p.Ratings == 0 {
		return ""
	}
	var what []string
	if p.Orgs > 0 {
		what = append(what, fmt.Sprintf("%s tổ chức đã chuyển sang nơi khác sau %s", Thousands(p.Orgs), YearEnd(p.Year)))
	}
	switch {
	case p.Ratings > 0 && p.Orgs > 0:
		what = append(what, fmt.Sprintf("%s kết quả xếp loại đảng viên năm %d của các tổ chức đó và của đảng viên đã chuyển đi", Thousands(p.Ratings), p.Year))
	case p.Ratings > 0:
		what = append(what, fmt.Sprintf("%s kết quả xếp loại đảng viên năm %d của đảng viên đã chuyển đi", Thousands(p.Ratings), p.Year))
	}
	return fmt.Sprintf("Lưu ý: số liệu tính trên phần được phân quyền như hiện nay; không tính %s (không còn thuộc phần này; báo cáo của cấp trên có đủ).", strings.Join(what, " và "))
}

// Group returns the counts of group g.
func (s *Summary) Group(g Group) *GroupCounts {
	for i := range s.Groups {
		if s.Groups[i].Group == g {
			return &s.Groups[i]
		}
	}
	return nil
}

// MaxCollectiveLevel is the best level a cell or organisation may get given
// its members' (or sub-units') levels (HD 21-HD/BTCTW): excellent needs all
// at "completed" or above and at least 80% at "good" or above; good needs all
// at "completed" or above and at least 50% at "good" or above. Those not
// rated are left out of the shares.
func MaxCollectiveLevel(c LevelCounts) Level {
	rated := c.Rated()
	if rated == 0 {
		return LevelExcellent
	}
	if c.Levels[LevelNotCompleted] > 0 {
		return LevelCompleted
	}
	goodUp := c.Levels[LevelExcellent] + c.Levels[LevelGood]
	switch {
	case goodUp*10 >= rated*8:
		return LevelExcellent
	case goodUp*2 >= rated:
		return LevelGood
	}
	return LevelCompleted
}

// MaxCollectiveLevelWithoutShares is the best level when only "all at
// completed or above" binds, not the 80%/50% shares: the reading of the years
// after 2022 that the setting SharesNone chooses.
func MaxCollectiveLevelWithoutShares(c LevelCounts) Level {
	if c.Levels[LevelNotCompleted] > 0 {
		return LevelCompleted
	}
	return LevelExcellent
}
