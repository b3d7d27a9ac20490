package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"

	"golang.org/x/text/unicode/norm"

	"xeploai/domain"
)

// stay is a member's time in a cell, from a day on.
type stay struct {
	cell *cell
	from domain.Date
}

type member struct {
	id       int64
	name     string // NFC
	birth    domain.Date
	admitted domain.Date
	star     bool // rated excellent most years
	weak     bool // sometimes rated "completed" or worse
	status   domain.MemberStatus
	statusOn domain.Date
	stays    []stay
	rated    []domain.Level // by year from Options.From
	record   *domain.Member
	civil    bool // a civil servant: rated as one too each year
	female   bool
}

// cellAt is the cell the member belonged to on day d.
func (m *member) cellAt(d domain.Date) *cell {
	c := m.stays[0].cell
	for _, s := range m.stays[1:] {
		if !s.from.After(d) {
			c = s.cell
		}
	}
	return c
}

// onRoll reports whether the member belonged to a cell on day d: admitted,
// and not transferred out, dead or gone by then (an exempted member is on
// the roll).
func (m *member) onRoll(d domain.Date) bool {
	if m.admitted.After(d) {
		return false
	}
	switch m.status {
	case domain.StatusActive, domain.StatusExempted:
		return true
	}
	return m.statusOn.After(d)
}

// memberYear names a member's year, for the records of that year.
type memberYear struct {
	m *member
	y int
}

// yearRecord is what the rules read of a member's year.
type yearRecord struct {
	sick         float64 // months of sick leave
	suspended    bool
	disciplined  bool
	seriouslyIll bool
}

func (g *gen) year(m *member, y int) *yearRecord {
	k := memberYear{m, y}
	r := g.yearly[k]
	if r == nil {
		r = &yearRecord{}
		g.yearly[k] = r
	}
	return r
}

var occasions = [][2]int{{2, 3}, {5, 19}, {9, 2}, {11, 7}} // admission ceremonies favour these days

// makeMembers generates the members, their moves between cells and the
// records the rules read, and writes them.
func (g *gen) makeMembers() error {
	counts := distribute(g.opt.Members, len(g.cells), g.r)
	byDistrict := map[*district][]*cell{}
	for _, c := range g.cells {
		d := c.unit.district
		byDistrict[d] = append(byDistrict[d], c)
	}
	// A few members have neither card nor personal-history number: they
	// are known by name, date of birth and cell, so no other member may
	// share their name and date of birth.
	seen, codeless := map[uint64]bool{}, map[uint64]bool{}
	for _, c := range g.cells {
		for i := 0; i < counts[c.index]; i++ {
			m := g.newMember(c)
			g.moves(m, byDistrict)
			id := identity(m)
			for codeless[id] {
				m.birth = m.birth.AddDate(0, 0, -1)
				m.record.BirthDate = m.birth
				id = identity(m)
			}
			if g.r.IntN(200) == 0 && !seen[id] {
				m.record.CardNo, m.record.HistoryNo, m.record.BadgeNo = "", "", ""
				codeless[id] = true
			}
			seen[id] = true
			if err := g.writeMember(m); err != nil {
				return err
			}
			g.members = append(g.members, m)
		}
	}
	return nil
}

// writeMember writes a member and the member's periods in cells.
func (g *gen) writeMember(m *member) error {
	rec := m.record
	rec.CellID = m.stays[len(m.stays)-1].cell.org.ID
	if g.r.IntN(50) == 0 {
		// Typed with decomposed diacritics by an old converter: stored in
		// NFC all the same.
		rec.FullName = norm.NFD.String(rec.FullName)
	}
	if err := g.b.Member(rec); err != nil {
		return err
	}
	m.id = rec.ID
	g.res.Members++
	for i, s := range m.stays {
		ms := domain.Membership{MemberID: m.id, OrgID: s.cell.org.ID, From: s.from}
		if i+1 < len(m.stays) {
			ms.To = m.stays[i+1].from
		}
		if err := g.b.Membership(&ms); err != nil {
			return err
		}
	}
	m.record = nil // written: let it go
	return nil
}

// identity hashes a member's folded name and date of birth.
func identity(m *member) uint64 {
	h := fnv.New64a()
	h.Write([]byte(domain.Fold(m.name) + "|" + m.birth.ISO()))
	return h.Sum64()
}

// distribute shares n members among n cells, 5 to 60 a cell.
func distribute(n, cells int, r *rand.Rand) []int {
	out := make([]int, cells)
	weights := make([]float64, cells)
	total := 0.0
	for i := range weights {
		weights[i] = 0.4 + r.Float64()*1.6
		total += weights[i]
	}
	given := 0
	for i := range out {
		out[i] = int(float64(n) * weights[i] / total)
		given += out[i]
	}
	for i := 0; given < n; i++ {
		out[i%cells]++
		given++
	}
	return out
}

func (g *gen) newMember(c *cell) *member {
	r := g.r
	female := r.IntN(100) < 38
	var name string
	if female {
		name = g.surname.pick(r) + " " + g.midF.pick(r) + " " + pickOne(r, givenFemale)
	} else {
		name = g.surname.pick(r) + " " + g.midM.pick(r) + " " + pickOne(r, givenMale)
	}
	// Party age: many recent members, a long tail back to the 1950s, and a
	// few born early in the century, admitted before 1950, who have died.
	var admitted, birth domain.Date
	old := r.IntN(300) == 0
	switch x := r.IntN(100); {
	case old:
		birth = g.date(domain.NewDate(1900, 1, 1), domain.NewDate(1915, 12, 31))
		admitted = g.date(maxDate(birth.AddDate(18, 0, 0), domain.NewDate(1930, 2, 3)), domain.NewDate(1950, 12, 31))
	case x < 8:
		admitted = g.date(domain.NewDate(1950, 1, 1), domain.NewDate(1975, 12, 31))
	case x < 25:
		admitted = g.date(domain.NewDate(1976, 1, 1), domain.NewDate(1995, 12, 31))
	default:
		admitted = g.date(domain.NewDate(1996, 1, 1), g.today.AddDate(0, -1, 0))
	}
	if !old && r.IntN(3) == 0 {
		o := occasions[r.IntN(len(occasions))]
		if d := domain.NewDate(admitted.Year, o[0], o[1]); d.Before(g.today) {
			admitted = d
		}
	}
	if !old {
		birth = g.date(admitted.AddDate(-45, 0, 0), admitted.AddDate(-19, 0, 0))
	}
	for !c.existsAt(admitted) {
		c = c.into // a cell gone before the member came
	}
	m := &member{name: name, birth: birth, admitted: admitted, star: r.IntN(100) < 13, weak: r.IntN(100) < 6, female: female,
		status: domain.StatusActive, stays: []stay{{c, admitted}}, rated: make([]domain.Level, g.opt.To-g.opt.From+1)}
	rec := &domain.Member{
		FullName:    name,
		BirthDate:   birth,
		AdmittedOn:  admitted,
		HomeTown:    pickOne(r, homeTowns),
		Ethnicity:   "Kinh",
		Religion:    "Không",
		Education:   g.edu.pick(r),
		TheoryLevel: g.theory.pick(r),
		Occupation:  g.occ.pick(r),
		Status:      domain.StatusActive,
	}
	if female {
		rec.Sex = domain.SexFemale
	} else {
		rec.Sex = domain.SexMale
	}
	if r.IntN(50) == 0 {
		rec.Ethnicity, rec.Religion = "Hoa", "Phật giáo"
	} else if r.IntN(40) == 0 {
		rec.Religion = "Công giáo"
	}
	if official := admitted.AddDate(1, 0, 0); official.Before(g.today) {
		rec.OfficialOn = official
		g.cardSeq++
		// Unique 8-digit card numbers, increasing with gaps as they are
		// issued (in order, so that the unique index only ever appends).
		rec.CardNo = fmt.Sprintf("%08d", 10_000_000+g.cardSeq*150+r.IntN(150))
	}
	rec.HistoryNo = fmt.Sprintf("%06dDN", len(g.members)+1)
	age := g.today.Year - birth.Year
	switch x := r.IntN(1000); {
	case old:
		m.status = domain.StatusDied
		m.statusOn = g.date(birth.AddDate(75, 0, 0), birth.AddDate(100, 0, 0))
		if !m.statusOn.Before(g.end) {
			m.statusOn = g.date(g.start, g.end)
		}
	case x < 25 && age > 68:
		m.status = domain.StatusExempted
	case x < 35:
		m.status = domain.StatusTransferred
	case x < 45:
		m.status = domain.StatusDied
	case x < 48:
		m.status = domain.StatusLeft
		rec.LeftForm = pickOne(r, []string{"Xóa tên", "Khai trừ", "Xin ra khỏi Đảng"})
	}
	if m.status != domain.StatusActive && m.statusOn.IsZero() {
		m.statusOn = g.date(maxDate(admitted.AddDate(1, 0, 0), g.start), g.end)
	}
	if m.status != domain.StatusActive {
		rec.Status, rec.StatusOn = m.status, m.statusOn
		if m.status == domain.StatusTransferred {
			rec.Note = "Chuyển sinh hoạt đảng chính thức ra ngoài đảng bộ"
		}
	}
	switch rec.Occupation {
	case "Cán bộ, công chức", "Viên chức", "Giáo viên", "Bác sĩ":
		m.civil = true
	}
	m.record = rec
	return m
}

func maxDate(a, b domain.Date) domain.Date {
	if a.After(b) {
		return a
	}
	return b
}

// moves sends some members to another cell of their district, and the
// members of a cell that is merged or dissolved to the cell that takes
// them, on that day.
func (g *gen) moves(m *member, byDistrict map[*district][]*cell) {
	if g.r.IntN(50) == 0 {
		on := g.date(g.start, g.end)
		last := m.stays[len(m.stays)-1]
		cells := byDistrict[last.cell.unit.district]
		to := cells[g.r.IntN(len(cells))]
		if m.onRoll(on) && on.After(last.from) && to != last.cell && to.existsAt(on) {
			m.stays = append(m.stays, stay{to, on})
		}
	}
	for {
		last := m.stays[len(m.stays)-1]
		c := last.cell
		if c.goneOn.IsZero() || !m.onRoll(c.goneOn) || !c.goneOn.After(last.from) {
			break
		}
		m.stays = append(m.stays, stay{c.into, c.goneOn})
	}
}

// records writes the committee seats, the disciplines of members and cells,
// absences and gaps in party age that the rules read.
func (g *gen) records() error {
	write := func(err error) error {
		if err == nil {
			g.res.Records++
		}
		return err
	}
	// Each cell's secretary, and each ward's secretary and deputy, from
	// two years before the first year rated; some are replaced midway.
	seated := map[*member]bool{}
	byCell := map[*cell][]*member{}
	for _, m := range g.members {
		if m.status == domain.StatusActive && len(m.stays) == 1 && m.admitted.Before(g.start.AddDate(-3, 0, 0)) {
			byCell[m.stays[0].cell] = append(byCell[m.stays[0].cell], m)
		}
	}
	seat := func(m *member, org *domain.Org, role string, from, to domain.Date) error {
		seated[m] = true
		return write(g.b.Leader(&domain.Leader{MemberID: m.id, OrgID: org.ID, Role: role, From: from, To: to}))
	}
	for _, d := range g.districts {
		for _, u := range d.units {
			var pool []*member
			for _, c := range u.cells {
				ms := byCell[c]
				if len(ms) == 0 || !c.stable() {
					continue
				}
				from := g.start.AddDate(-2, 0, g.r.IntN(300))
				if len(ms) > 1 && g.r.IntN(5) == 0 {
					change := g.date(g.start, g.end)
					if err := seat(ms[0], c.org, "Bí thư", from, change); err != nil {
						return err
					}
					if err := seat(ms[1], c.org, "Bí thư", change, domain.Date{}); err != nil {
						return err
					}
				} else if err := seat(ms[0], c.org, "Bí thư", from, domain.Date{}); err != nil {
					return err
				}
				pool = append(pool, ms[len(ms)-1])
			}
			if u.org.Kind == domain.KindGrassrootsCommittee && len(pool) >= 2 {
				from := g.start.AddDate(-2, 3, 0)
				for i, role := range []string{"Bí thư", "Phó Bí thư", "Cấp ủy viên"} {
					if i < len(pool) && !seated[pool[i]] {
						if err := seat(pool[i], u.org, role, from, domain.Date{}); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	// A cell of each district disciplined as a collective in some year.
	for i, d := range g.districts {
		var cands []*cell
		for _, u := range d.units {
			for _, c := range u.cells {
				if c.stable() && c.org.Kind == domain.KindCell {
					cands = append(cands, c)
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		c := cands[g.r.IntN(len(cands))]
		c.disciplined = g.opt.From + g.r.IntN(g.opt.To-g.opt.From+1)
		on := g.date(domain.NewDate(c.disciplined, 1, 1), minDate(domain.NewDate(c.disciplined, 11, 30), g.end))
		if err := write(g.b.Discipline(&domain.Discipline{OrgID: c.org.ID, On: on, Form: "Khiển trách",
			Reason: "Buông lỏng quản lý đảng viên", DecisionNo: fmt.Sprintf("%d-QĐ/UBKT", 10+g.r.IntN(90)),
			SelfCorrected: i%2 == 0})); err != nil {
			return err
		}
	}
	for _, m := range g.members {
		// Gaps in party age: out of the party for a time, then back.
		if m.admitted.Year < 1995 && g.r.IntN(200) == 0 {
			from := m.admitted.AddDate(2+g.r.IntN(3), g.r.IntN(12), 0)
			gap := domain.PartyAgeGap{MemberID: m.id, From: from, To: from.AddDate(1+g.r.IntN(3), g.r.IntN(12), 0), Reason: "Gián đoạn sinh hoạt đảng, được kết nạp lại"}
			if err := write(g.b.Gap(&gap)); err != nil {
				return err
			}
		}
		for y := g.opt.From; y <= g.opt.To; y++ {
			review := domain.NewDate(y, 12, 15)
			if !m.onRoll(review) {
				continue
			}
			if m.status == domain.StatusExempted && m.statusOn.Year <= y {
				if err := write(g.b.Absence(&domain.Absence{MemberID: m.id, Year: y, Kind: domain.AbsenceExempted, Note: "Tuổi cao, sức yếu"})); err != nil {
					return err
				}
				continue
			}
			x := g.r.IntN(1000)
			switch {
			case x < 8:
				months := float64(3 + g.r.IntN(6))
				if g.r.IntN(2) == 0 {
					months += 0.5
				}
				g.year(m, y).sick = months
				if err := write(g.b.Absence(&domain.Absence{MemberID: m.id, Year: y, Kind: domain.AbsenceSickLeave, Months: months})); err != nil {
					return err
				}
			case x < 12:
				months := float64(1 + g.r.IntN(2))
				g.year(m, y).sick = months
				if err := write(g.b.Absence(&domain.Absence{MemberID: m.id, Year: y, Kind: domain.AbsenceSickLeave, Months: months})); err != nil {
					return err
				}
			case x < 14 && m.admitted.Before(domain.NewDate(y, 6, 15)):
				g.year(m, y).suspended = true
				if err := write(g.b.Absence(&domain.Absence{MemberID: m.id, Year: y, Kind: domain.AbsenceSuspended, Note: "Chờ xem xét kỷ luật"})); err != nil {
					return err
				}
			case x < 17:
				from := maxDate(domain.NewDate(y, 1, 1), m.admitted.AddDate(0, 0, 1))
				on := g.date(from, minDate(domain.NewDate(y, 11, 30), g.end))
				if on.Before(from) || on.After(g.end) {
					continue
				}
				g.year(m, y).disciplined = true
				form := pickOne(g.r, []string{"Khiển trách", "Khiển trách", "Cảnh cáo", "Cách chức"})
				if err := write(g.b.Discipline(&domain.Discipline{MemberID: m.id, On: on, Form: form, Reason: "Vi phạm quy định về những điều đảng viên không được làm",
					DecisionNo: fmt.Sprintf("%d-QĐ/UBKT", 100+g.r.IntN(900))})); err != nil {
					return err
				}
			case x < 22 && m.female && m.birth.Year > y-45:
				months := float64(4 + g.r.IntN(3))
				if err := write(g.b.Absence(&domain.Absence{MemberID: m.id, Year: y, Kind: domain.AbsenceMaternity, Months: months})); err != nil {
					return err
				}
			case x < 47 && y == g.opt.To && m.admitted.Year < 1980:
				g.year(m, y).seriouslyIll = true
				if err := write(g.b.Absence(&domain.Absence{MemberID: m.id, Year: y, Kind: domain.AbsenceSeriouslyIll, Note: "Bệnh hiểm nghèo"})); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func minDate(a, b domain.Date) domain.Date {
	if a.Before(b) {
		return a
	}
	return b
}
