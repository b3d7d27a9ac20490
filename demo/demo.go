// Package demo fills a database with realistic synthetic data: Vietnamese
// names with their real diacritics and surname frequencies, a committee tree,
// members, yearly ratings that mostly respect the rules, and some awards.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"xeploai/domain"
	"xeploai/store"
)

// Options size the generated data.
type Options struct {
	Members  int    // how many members (default 5000)
	From, To int    // years rated (default the five years before this one)
	Seed     uint64 // the same seed gives the same data
}

// Result says what was generated.
type Result struct {
	Orgs, Members, MemberRatings, OrgRatings, Awards int
}

type weighted struct {
	s string
	w int
}

type picker struct {
	items []string
	cum   []int
}

func newPicker(ws []weighted) picker {
	p := picker{}
	total := 0
	for _, w := range ws {
		total += w.w
		p.items = append(p.items, w.s)
		p.cum = append(p.cum, total)
	}
	return p
}

func (p picker) pick(r *rand.Rand) string {
	n := r.IntN(p.cum[len(p.cum)-1])
	i := sort.SearchInts(p.cum, n+1)
	return p.items[i]
}

func pickOne(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// Fill generates data into db, which must be empty.
func Fill(ctx context.Context, db *store.DB, opt Options) (*Result, error) {
	if opt.Members <= 0 {
		opt.Members = 5000
	}
	this := domain.Today().Year
	if opt.To == 0 {
		opt.To = this - 1
	}
	if opt.From == 0 {
		opt.From = opt.To - 4
	}
	if opt.From > opt.To || opt.From < domain.MinYear || opt.To > this {
		return nil, domain.Errorf(domain.EINVALID, "", "khoảng năm %d–%d không hợp lệ (đến năm %d là cuối)", opt.From, opt.To, this)
	}
	if opt.Members > 5_000_000 {
		return nil, domain.Errorf(domain.EINVALID, "", "tối đa 5.000.000 đảng viên")
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, domain.Errorf(domain.EINVALID, "", "cơ sở dữ liệu %s đã có dữ liệu; dữ liệu mẫu chỉ tạo vào tệp trống (dùng --db để chọn tệp mới)", db.Path())
	}
	g := &gen{opt: opt, r: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), res: &Result{},
		surname: newPicker(surnames), midM: newPicker(middleMale), midF: newPicker(middleFemale),
		occ: newPicker(occupations), edu: newPicker(educations), theory: newPicker(theoryLevels)}
	err = db.BulkLoad(ctx, func(b *store.Bulk) error {
		g.b = b
		return g.run()
	})
	if err != nil {
		return nil, err
	}
	return g.res, nil
}

type gen struct {
	opt                                   Options
	r                                     *rand.Rand
	b                                     *store.Bulk
	res                                   *Result
	surname, midM, midF, occ, edu, theory picker
	cardSeq                               int
}

// unit is a grassroots organisation with its cells, for rating.
type unit struct {
	committee string // the superior committee's standing body, for decisions
	org       *domain.Org
	cells     []*cell // for a grassroots cell: itself
	subs      []*domain.Org
}

type cell struct {
	org     *domain.Org
	members []*member
}

type member struct {
	id       int64
	admitted domain.Date
	star     bool // rated excellent most years
	weak     bool // sometimes rated "completed" or worse
	status   domain.MemberStatus
	statusOn domain.Date
	rated    []domain.Level // by year from Options.From
}

func (g *gen) org(name string, kind domain.OrgKind, parent *domain.Org) (*domain.Org, error) {
	o := &domain.Org{Name: name, Kind: kind}
	if parent != nil {
		o.ParentID = parent.ID
	}
	g.res.Orgs++
	return o, g.b.Org(o)
}

func (g *gen) run() error {
	// About twenty members a cell and fifteen cells a grassroots committee.
	nCells := max(2, g.opt.Members/20)
	nDistricts := 1
	if g.opt.Members > 60_000 {
		nDistricts = min(len(districts), g.opt.Members/60_000+1)
	}
	var top *domain.Org
	var err error
	if nDistricts > 1 {
		if top, err = g.org("Đảng bộ thành phố Đà Nẵng", domain.KindSuperior, nil); err != nil {
			return err
		}
	}
	var byDistrict [][]*unit
	cellsLeft := nCells
	for d := 0; d < nDistricts; d++ {
		district, err := g.org("Đảng bộ "+districts[d], domain.KindSuperior, top)
		if err != nil {
			return err
		}
		share := cellsLeft / (nDistricts - d)
		cellsLeft -= share
		us, err := g.district(district, d, share)
		if err != nil {
			return err
		}
		for _, u := range us {
			u.committee = committeeName(districts[d])
		}
		byDistrict = append(byDistrict, us)
	}
	var units []*unit
	for _, us := range byDistrict {
		units = append(units, us...)
	}
	members := distribute(g.opt.Members, units, g.r)
	for _, u := range units {
		for _, c := range u.cells {
			for i := 0; i < members[c]; i++ {
				m, err := g.member(c.org)
				if err != nil {
					return err
				}
				c.members = append(c.members, m)
			}
		}
	}
	for y := g.opt.From; y <= g.opt.To; y++ {
		for _, us := range byDistrict {
			// Grassroots organisations of a district: at most 20% excellent.
			own := make([]domain.Level, len(us))
			for i, u := range us {
				l, err := g.rateUnit(u, y)
				if err != nil {
					return err
				}
				own[i] = l
			}
			g.capExcellent(own)
			for i, u := range us {
				if err := g.rateOrg(u.org, y, own[i]); err != nil {
					return err
				}
			}
		}
	}
	return g.awards(units)
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

// district builds one superior committee's grassroots organisations holding
// about nCells cells in all.
func (g *gen) district(d *domain.Org, idx, nCells int) ([]*unit, error) {
	var units []*unit
	agencyOrder := g.r.Perm(len(agencies))
	wardOrder := g.r.Perm(len(wards))
	nAgency, nWard := 0, 0
	for nCells > 0 {
		if g.r.IntN(4) == 0 {
			// A grassroots cell: a school, an office, a company.
			name := "Chi bộ " + agencies[agencyOrder[nAgency%len(agencies)]]
			if round := nAgency / len(agencies); round > 0 {
				name += fmt.Sprintf(" (cơ sở %d)", round+1)
			}
			nAgency++
			o, err := g.org(name, domain.KindGrassrootsCell, d)
			if err != nil {
				return nil, err
			}
			units = append(units, &unit{org: o, cells: []*cell{{org: o}}})
			nCells--
			continue
		}
		name := "Đảng bộ phường " + wards[wardOrder[nWard%len(wards)]]
		if round := nWard / len(wards); round > 0 {
			name += fmt.Sprintf(" (khu %d)", round+1)
		}
		nWard++
		u, err := g.ward(d, name, min(nCells, 15+g.r.IntN(30)))
		if err != nil {
			return nil, err
		}
		nCells -= len(u.cells)
		units = append(units, u)
	}
	return units, nil
}

func (g *gen) ward(d *domain.Org, name string, n int) (*unit, error) {
	o, err := g.org(name, domain.KindGrassrootsCommittee, d)
	if err != nil {
		return nil, err
	}
	u := &unit{org: o}
	parent := o
	pattern := pickOne(g.r, cellKinds)
	for i := 1; i <= n; i++ {
		if n > 12 && i == n-3 {
			// Some large wards group their last cells under a sub-committee.
			if parent, err = g.org("Đảng bộ bộ phận "+fmt.Sprintf("Khu vực %d", 1+g.r.IntN(3)), domain.KindSubCommittee, o); err != nil {
				return nil, err
			}
			u.subs = append(u.subs, parent)
		}
		c, err := g.org("Chi bộ "+fmt.Sprintf(pattern, i), domain.KindCell, parent)
		if err != nil {
			return nil, err
		}
		u.cells = append(u.cells, &cell{org: c})
	}
	return u, nil
}

// distribute shares n members among the cells, 5 to 60 a cell.
func distribute(n int, units []*unit, r *rand.Rand) map[*cell]int {
	var cells []*cell
	for _, u := range units {
		cells = append(cells, u.cells...)
	}
	out := map[*cell]int{}
	weights := make([]float64, len(cells))
	total := 0.0
	for i := range cells {
		weights[i] = 0.4 + r.Float64()*1.6
		total += weights[i]
	}
	given := 0
	for i, c := range cells {
		k := int(float64(n) * weights[i] / total)
		out[c] = k
		given += k
	}
	for i := 0; given < n; i++ {
		out[cells[i%len(cells)]]++
		given++
	}
	return out
}

func (g *gen) date(from, to domain.Date) domain.Date {
	days := int(to.Time().Sub(from.Time()).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, g.r.IntN(days+1))
}

var occasions = [][2]int{{2, 3}, {5, 19}, {9, 2}, {11, 7}} // admission ceremonies favour these days

func (g *gen) member(c *domain.Org) (*member, error) {
	r := g.r
	today := domain.Today()
	female := r.IntN(100) < 38
	var name string
	if female {
		name = g.surname.pick(r) + " " + g.midF.pick(r) + " " + pickOne(r, givenFemale)
	} else {
		name = g.surname.pick(r) + " " + g.midM.pick(r) + " " + pickOne(r, givenMale)
	}
	// Party age: many recent members, a long tail back to the 1950s.
	var admitted domain.Date
	switch x := r.IntN(100); {
	case x < 8:
		admitted = g.date(domain.NewDate(1950, 1, 1), domain.NewDate(1975, 12, 31))
	case x < 25:
		admitted = g.date(domain.NewDate(1976, 1, 1), domain.NewDate(1995, 12, 31))
	default:
		admitted = g.date(domain.NewDate(1996, 1, 1), today.AddDate(0, -1, 0))
	}
	if r.IntN(3) == 0 {
		o := occasions[r.IntN(len(occasions))]
		if d := domain.NewDate(admitted.Year, o[0], o[1]); d.Before(today) {
			admitted = d
		}
	}
	birth := g.date(admitted.AddDate(-45, 0, 0), admitted.AddDate(-19, 0, 0))
	m := domain.Member{
		FullName:    name,
		BirthDate:   birth,
		AdmittedOn:  admitted,
		HomeTown:    pickOne(r, homeTowns),
		Ethnicity:   "Kinh",
		Religion:    "Không",
		Education:   g.edu.pick(r),
		TheoryLevel: g.theory.pick(r),
		Occupation:  g.occ.pick(r),
		CellID:      c.ID,
		Status:      domain.StatusActive,
	}
	if female {
		m.Sex = domain.SexFemale
	} else {
		m.Sex = domain.SexMale
	}
	if r.IntN(50) == 0 {
		m.Ethnicity, m.Religion = "Hoa", "Phật giáo"
	} else if r.IntN(40) == 0 {
		m.Religion = "Công giáo"
	}
	if official := admitted.AddDate(1, 0, 0); official.Before(today) {
		m.OfficialOn = official
		g.cardSeq++
		// Unique 8-digit card numbers, increasing with gaps as they are
		// issued (in order, so that the unique index only ever appends).
		m.CardNo = fmt.Sprintf("%08d", 10_000_000+g.cardSeq*150+r.IntN(150))
	}
	m.HistoryNo = fmt.Sprintf("%06dDN", g.res.Members+1)
	mm := &member{admitted: admitted, star: r.IntN(100) < 13, weak: r.IntN(100) < 6, status: domain.StatusActive, rated: make([]domain.Level, g.opt.To-g.opt.From+1)}
	age := today.Year - birth.Year
	switch x := r.IntN(1000); {
	case x < 25 && age > 68:
		mm.status = domain.StatusExempted
	case x < 35:
		mm.status = domain.StatusTransferred
	case x < 45:
		mm.status = domain.StatusDied
	case x < 48:
		mm.status = domain.StatusLeft
		m.LeftForm = "Xóa tên"
	}
	if mm.status != domain.StatusActive {
		mm.statusOn = g.date(maxDate(admitted.AddDate(1, 0, 0), domain.NewDate(g.opt.From, 1, 1)), today.AddDate(0, 0, -1))
		m.Status, m.StatusOn = mm.status, mm.statusOn
	}
	if err := g.b.Member(&m); err != nil {
		return nil, err
	}
	g.res.Members++
	mm.id = m.ID
	return mm, nil
}

func maxDate(a, b domain.Date) domain.Date {
	if a.After(b) {
		return a
	}
	return b
}

// rateMember draws a member's level for year y, or a reason not to rate.
func (g *gen) rateMember(m *member, y int) (domain.Level, string, bool) {
	review := domain.NewDate(y, 12, 15)
	if m.admitted.After(review) {
		return 0, "", false
	}
	if m.status != domain.StatusActive && m.status != domain.StatusExempted && m.statusOn.Year <= y {
		return 0, "", false // gone before the review
	}
	if m.status == domain.StatusExempted && m.statusOn.Year <= y {
		return domain.LevelNone, notRatedReasons[0], true
	}
	if m.admitted.After(review.AddDate(0, -6, 0)) {
		return domain.LevelNone, notRatedReasons[2], true
	}
	r := g.r.IntN(1000)
	switch {
	case r < 1:
		// Now and then a cell gives a reason the rules do not allow, so
		// that `check` has something to find.
		return domain.LevelNone, notRatedReasons[1], true
	case r < 4:
		return domain.LevelCompleted, "", true // long sick leave caps at completed
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
func (g *gen) rateUnit(u *unit, y int) (domain.Level, error) {
	type rated struct {
		m      *member
		c      *cell
		level  domain.Level
		reason string
	}
	var all []rated
	for _, c := range u.cells {
		for _, m := range c.members {
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
		for i := range all {
			if ex <= limit {
				break
			}
			if all[i].level == domain.LevelExcellent && !all[i].m.star {
				all[i].level = domain.LevelGood
				ex--
			}
		}
		for i := range all {
			if ex <= limit {
				break
			}
			if all[i].level == domain.LevelExcellent {
				all[i].level = domain.LevelGood
				ex--
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
		if err := g.b.MemberRating(&mr); err != nil {
			return 0, err
		}
		g.res.MemberRatings++
	}
	// Cells: the best level their members allow, excellent for at most 20%.
	var cells []*cell
	var levels []domain.Level
	for _, c := range u.cells {
		if c.org != u.org {
			cells = append(cells, c)
			levels = append(levels, g.collectiveLevel(counts[c]))
		}
	}
	g.capExcellent(levels)
	var cellCounts domain.LevelCounts
	for i, c := range cells {
		if err := g.rateOrg(c.org, y, levels[i]); err != nil {
			return 0, err
		}
		cellCounts.Add(levels[i], "", 1)
	}
	// A grassroots cell is judged by its members, a committee by its cells.
	if len(cells) > 0 {
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

func (g *gen) rateOrg(o *domain.Org, y int, l domain.Level) error {
	r := domain.OrgRating{OrgID: o.ID, Rating: domain.Rating{Year: y, Level: l}}
	if y >= 2025 {
		r.Score = g.score(l)
	}
	g.res.OrgRatings++
	return g.b.OrgRating(&r)
}

// awards records certificates for most members excellent five years running
// up to the last year, and badges for most members past a milestone, leaving
// some for the candidate lists.
func (g *gen) awards(units []*unit) error {
	last := g.opt.To
	decision := domain.NewDate(last+1, 1, 20)
	if decision.After(domain.Today()) {
		decision = domain.Today()
	}
	for _, u := range units {
		for _, c := range u.cells {
			for _, m := range c.members {
				run := 0
				for y := last; y >= g.opt.From && m.rated[y-g.opt.From] == domain.LevelExcellent; y-- {
					run++
				}
				if run >= 5 && g.r.IntN(10) < 6 {
					a := domain.Award{MemberID: m.id, Form: domain.FormCertificate, Year: decision.Year,
						Content:    fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ 5 năm liền (%d–%d)", last-4, last),
						DecisionNo: fmt.Sprintf("%d-QĐ/ĐU", 100+g.r.IntN(400)), DecisionDate: decision,
						Issuer: "Ban Thường vụ " + committeeOf(u), YearFrom: last - 4, YearTo: last}
					if err := g.b.Award(&a); err != nil {
						return err
					}
					g.res.Awards++
				}
				if m.status != domain.StatusActive && m.status != domain.StatusExempted {
					continue
				}
				age := domain.Today().Year - m.admitted.Year
				for i := len(domain.BadgeMilestones) - 1; i >= 0; i-- {
					ms := domain.BadgeMilestones[i]
					if age > ms && g.r.IntN(10) < 8 {
						y := m.admitted.Year + ms
						a := domain.Award{MemberID: m.id, Form: domain.FormBadge, Milestone: ms, Year: y,
							Content: fmt.Sprintf("Huy hiệu %d năm tuổi Đảng", ms), DecisionDate: domain.NewDate(y, 5, 19),
							DecisionNo: fmt.Sprintf("%d-QĐ/TU", 1000+g.r.IntN(9000)), Issuer: "Ban Thường vụ Thành ủy"}
						if err := g.b.Award(&a); err != nil {
							return err
						}
						g.res.Awards++
						break
					}
				}
			}
		}
	}
	return nil
}

// committeeOf names the standing committee of the superior committee above
// the unit: "Đảng bộ quận Sơn Trà" is led by "Quận ủy Sơn Trà".
func committeeOf(u *unit) string { return u.committee }

func committeeName(district string) string {
	for _, p := range []struct{ prefix, body string }{{"quận ", "Quận ủy "}, {"huyện ", "Huyện ủy "}} {
		if strings.HasPrefix(district, p.prefix) {
			return p.body + strings.TrimPrefix(district, p.prefix)
		}
	}
	return "Đảng ủy " + district
}
