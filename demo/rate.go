package demo

import (
	"fmt"

	"xeploai/domain"
)

// rateYears rates, year by year, the members, the cells and the grassroots
// organisations as the tree stood at the end of the year.
func (g *gen) rateYears() error {
	for y := g.opt.From; y <= g.opt.To; y++ {
		end := domain.YearEnd(y)
		// The cells of each grassroots organisation that year, and the
		// members of each cell.
		cellsOf := map[*unit][]*cell{}
		for _, c := range g.cells {
			if c.existsAt(end) {
				u := c.unitAt(end)
				cellsOf[u] = append(cellsOf[u], c)
			}
		}
		membersOf := map[*cell][]*member{}
		review := domain.NewDate(y, 12, 15)
		for _, m := range g.members {
			if m.onRoll(review) {
				c := m.cellAt(end)
				membersOf[c] = append(membersOf[c], m)
			}
		}
		for _, d := range g.districts {
			// Grassroots organisations of a district: at most 20% excellent.
			own := make([]domain.Level, len(d.units))
			for i, u := range d.units {
				l, err := g.rateUnit(u, y, cellsOf[u], membersOf)
				if err != nil {
					return err
				}
				own[i] = l
			}
			g.capExcellent(own)
			for i, u := range d.units {
				if err := g.rateOrg(u.org, y, own[i], ""); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// capExcellent demotes excellent levels to good until they are at most 20%
// of excellent + good, as the quota asks of collectives too; now and then it
// leaves a group over, so that the checks have something to find.
func (g *gen) capExcellent(levels []domain.Level) {
	if g.r.IntN(20) == 0 {
		return
	}
	ex, good := 0, 0
	for _, l := range levels {
		switch l {
		case domain.LevelExcellent:
			ex++
		case domain.LevelGood:
			good++
		}
	}
	limit := (ex + good) / 5
	for i := len(levels) - 1; i >= 0 && ex > limit; i-- {
		if levels[i] == domain.LevelExcellent {
			levels[i] = domain.LevelGood
			ex--
		}
	}
}

// rateMember draws a member's level for year y, or a reason not to rate,
// from what the member's year holds: exemption, suspension, admission less
// than six months before the review, discipline, long sick leave.
func (g *gen) rateMember(m *member, y int) (domain.Level, string, bool) {
	review := domain.NewDate(y, 12, 15)
	if m.admitted.After(review) || !m.onRoll(review) {
		return 0, "", false
	}
	if m.status == domain.StatusExempted && m.statusOn.Year <= y {
		return domain.LevelNone, notRatedReasons[0], true
	}
	if m.admitted.After(review.AddDate(0, -6, 0)) {
		return domain.LevelNone, notRatedReasons[2], true
	}
	rec := g.yearly[memberYear{m, y}]
	if rec == nil {
		rec = &yearRecord{}
	}
	r := g.r.IntN(1000)
	switch {
	case rec.suspended:
		return domain.LevelNone, notRatedReasons[3], true
	case rec.disciplined && r < 950:
		return domain.LevelNotCompleted, "", true
	case rec.disciplined:
		return domain.LevelCompleted, "", true // over what the rule allows: for the checks
	case rec.sick >= 3 && r < 900:
		return domain.LevelCompleted, "", true
	case r < 1:
		// Now and then a cell gives a reason the rules do not allow, so
		// that `check` has something to find.
		return domain.LevelNone, notRatedReasons[1], true
	case m.weak && r < 60:
		return domain.LevelNotCompleted, "", true
	case m.weak && r < 500:
		return domain.LevelCompleted, "", true
	case r < 30:
		return domain.LevelCompleted, "", true
	case m.star && r < 900:
		return domain.LevelExcellent, "", true
	case !m.star && r < 70:
		return domain.LevelExcellent, "", true
	}
	return domain.LevelGood, "", true
}

// rateUnit rates the members, cells and the organisation itself for year y,
// keeping excellent members within 20% of excellent + good in the unit, and
// each collective's level within what its members allow (HD 21).
func (g *gen) rateUnit(u *unit, y int, cells []*cell, membersOf map[*cell][]*member) (domain.Level, error) {
	type rated struct {
		m      *member
		c      *cell
		level  domain.Level
		reason string
	}
	var all []rated
	for _, c := range cells {
		for _, m := range membersOf[c] {
			if l, reason, ok := g.rateMember(m, y); ok {
				all = append(all, rated{m, c, l, reason})
			}
		}
	}
	// Keep within the quota: demote the excess excellent to good.
	ex, good := 0, 0
	for _, r := range all {
		switch r.level {
		case domain.LevelExcellent:
			ex++
		case domain.LevelGood:
			good++
		}
	}
	if limit := (ex + good) / 5; ex > limit && g.r.IntN(20) != 0 { // one unit in twenty is left over quota
		for pass := 0; pass < 2; pass++ {
			for i := range all {
				if ex <= limit {
					break
				}
				if all[i].level == domain.LevelExcellent && (pass == 1 || !all[i].m.star) {
					all[i].level = domain.LevelGood
					ex--
				}
			}
		}
	}
	counts := map[*cell]*domain.LevelCounts{}
	var unitCounts domain.LevelCounts
	for _, r := range all {
		if counts[r.c] == nil {
			counts[r.c] = &domain.LevelCounts{}
		}
		counts[r.c].Add(r.level, r.reason, 1)
		unitCounts.Add(r.level, r.reason, 1)
		r.m.rated[y-g.opt.From] = r.level
		mr := domain.MemberRating{MemberID: r.m.id, OrgID: r.c.org.ID, Rating: domain.Rating{Year: y, Level: r.level, NotRatedReason: r.reason}}
		if y >= 2025 && r.level != domain.LevelNone {
			mr.Score = g.score(r.level)
		}
		if rec := g.yearly[memberYear{r.m, y}]; rec != nil && rec.sick > 0 {
			mr.Note = fmt.Sprintf("Nghỉ ốm %g tháng", rec.sick)
		}
		if r.m.civil && r.level != domain.LevelNone {
			// As a civil servant, mostly the same level; now and then one
			// below an excellent party rating, for the checks.
			mr.CivilService = r.level
			if r.level == domain.LevelExcellent && g.r.IntN(10) == 0 {
				mr.CivilService = domain.LevelGood
			}
		}
		if err := g.b.MemberRating(&mr); err != nil {
			return 0, err
		}
		g.res.MemberRatings++
	}
	// Cells: the best level their members allow, excellent for at most 20%;
	// a cell disciplined that year is at most good.
	var sub []*cell
	var levels []domain.Level
	for _, c := range cells {
		if c.org != u.org {
			sub = append(sub, c)
			l := g.collectiveLevel(counts[c])
			if c.disciplined == y && l == domain.LevelExcellent {
				l = domain.LevelGood
			}
			levels = append(levels, l)
		}
	}
	g.capExcellent(levels)
	var cellCounts domain.LevelCounts
	for i, c := range sub {
		note := ""
		if c.disciplined == y {
			note = "Tập thể bị kỷ luật trong năm"
		}
		if err := g.rateOrg(c.org, y, levels[i], note); err != nil {
			return 0, err
		}
		cellCounts.Add(levels[i], "", 1)
	}
	// A grassroots cell is judged by its members, a committee by its cells.
	if len(sub) > 0 {
		return g.collectiveLevel(&cellCounts), nil
	}
	return g.collectiveLevel(&unitCounts), nil
}

func (g *gen) collectiveLevel(c *domain.LevelCounts) domain.Level {
	if c == nil || c.Rated() == 0 {
		return domain.LevelGood
	}
	goodShare := float64(c.Levels[domain.LevelExcellent]+c.Levels[domain.LevelGood]) / float64(c.Rated())
	var best domain.Level
	switch {
	case c.Levels[domain.LevelNotCompleted] > 0:
		best = domain.LevelCompleted
	case goodShare >= 0.8:
		best = domain.LevelExcellent
	case goodShare >= 0.5:
		best = domain.LevelGood
	default:
		best = domain.LevelCompleted
	}
	// Excellent is for the few (about one in six).
	if best == domain.LevelExcellent && g.r.IntN(6) != 0 {
		best = domain.LevelGood
	}
	return best
}

func (g *gen) score(l domain.Level) *float64 {
	var s float64
	switch l {
	case domain.LevelExcellent:
		s = 90 + float64(g.r.IntN(100))/10
	case domain.LevelGood:
		s = 70 + float64(g.r.IntN(200))/10
	case domain.LevelCompleted:
		s = 50 + float64(g.r.IntN(200))/10
	default:
		s = 30 + float64(g.r.IntN(200))/10
	}
	return &s
}

func (g *gen) rateOrg(o *domain.Org, y int, l domain.Level, note string) error {
	r := domain.OrgRating{OrgID: o.ID, Rating: domain.Rating{Year: y, Level: l, Note: note}}
	if o.Kind.IsGrassroots() && l != domain.LevelNone {
		// The government's, the Front's and the unions' results at its level.
		r.MassOrgs = []domain.Level{domain.LevelExcellent, domain.LevelGood, domain.LevelGood, domain.LevelCompleted}[g.r.IntN(4)]
	}
	if y >= 2025 {
		r.Score = g.score(l)
	}
	g.res.OrgRatings++
	return g.b.OrgRating(&r)
}

// awards records certificates (giấy khen) for most members excellent five
// years running up to the last year, merits (bằng khen) for some of them,
// badges for most members past a milestone (also those who died), and
// certificates for grassroots organisations excellent in the last year,
// leaving some for the candidate lists.
func (g *gen) awards() error {
	last := g.opt.To
	decision := domain.NewDate(last+1, 1, 20)
	if decision.After(g.today) {
		decision = g.today
	}
	award := func(a *domain.Award) error {
		g.res.Awards++
		return g.b.Award(a)
	}
	for _, m := range g.members {
		committee := m.stays[len(m.stays)-1].cell.unit.district.committee
		run := 0
		for y := last; y >= g.opt.From && m.rated[y-g.opt.From] == domain.LevelExcellent; y-- {
			run++
		}
		if run >= 5 && g.r.IntN(10) < 6 {
			content := fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ 5 năm liền (%d–%d)", last-4, last)
			if err := award(&domain.Award{MemberID: m.id, Form: domain.FormCertificate, Year: decision.Year, Content: content,
				DecisionNo: fmt.Sprintf("%d-QĐ/ĐU", 100+g.r.IntN(400)), DecisionDate: decision,
				Issuer: "Ban Thường vụ " + committee, YearFrom: last - 4, YearTo: last}); err != nil {
				return err
			}
			if g.r.IntN(5) == 0 {
				if err := award(&domain.Award{MemberID: m.id, Form: domain.FormMerit, Year: decision.Year, Content: "Có thành tích xuất sắc trong công tác xây dựng Đảng",
					DecisionNo: fmt.Sprintf("%d-QĐ/TU", 1000+g.r.IntN(9000)), DecisionDate: decision, Issuer: "Ban Thường vụ Thành ủy"}); err != nil {
					return err
				}
			}
		}
		if m.status != domain.StatusActive && m.status != domain.StatusExempted && m.status != domain.StatusDied {
			continue
		}
		// The highest milestone reached (before death, for those who died).
		until := g.today
		if m.status == domain.StatusDied {
			until = m.statusOn
		}
		for i := len(domain.BadgeMilestones) - 1; i >= 0; i-- {
			ms := domain.BadgeMilestones[i]
			due := m.admitted.AddDate(ms, 0, 0)
			if due.Before(until) && due.Year > domain.MinYear && g.r.IntN(10) < 8 {
				y := due.Year
				if err := award(&domain.Award{MemberID: m.id, Form: domain.FormBadge, Milestone: ms, Year: y,
					Content: fmt.Sprintf("Huy hiệu %d năm tuổi Đảng", ms), DecisionDate: domain.NewDate(y, 5, 19),
					DecisionNo: fmt.Sprintf("%d-QĐ/TU", 1000+g.r.IntN(9000)), Issuer: "Ban Thường vụ Thành ủy"}); err != nil {
					return err
				}
				break
			}
		}
	}
	for _, d := range g.districts {
		for _, u := range d.units {
			if g.r.IntN(4) == 0 {
				if err := award(&domain.Award{OrgID: u.org.ID, Form: domain.FormCertificate, Year: decision.Year,
					Content: fmt.Sprintf("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ năm %d", last), DecisionNo: fmt.Sprintf("%d-QĐ/QU", 10+g.r.IntN(90)),
					DecisionDate: decision, Issuer: "Ban Thường vụ " + d.committee}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
