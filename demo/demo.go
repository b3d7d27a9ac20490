// Package demo fills a database with realistic synthetic data: Vietnamese
// names with their real diacritics and surname frequencies, a committee tree
// with its history (renamed, moved, merged and dissolved cells, same-named
// cells at several depths), members who transfer, die, leave or are
// exempted, yearly ratings that mostly respect the rules (and the records
// the rules read: disciplines, absences, gaps in party age, committee
// seats), and awards of every form. Every kind of record the database holds
// is there, so that exports and imports can be checked against it.
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
	Events                                           int // renames, moves, merges, dissolutions
	Records                                          int // disciplines, absences, gaps in party age, committee seats
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
func Fill(ctx context.Context, db store.Store, opt Options) (*Result, error) {
	if opt.Members <= 0 {
		opt.Members = 5000
	}
	today := domain.Today()
	if opt.To == 0 {
		opt.To = today.Year - 1
	}
	if opt.From == 0 {
		opt.From = opt.To - 4
	}
	if opt.From > opt.To || opt.From < domain.MinYear || opt.To > today.Year {
		return nil, domain.Errorf(domain.EINVALID, "", "khoảng năm %d–%d không hợp lệ (đến năm %d là cuối)", opt.From, opt.To, today.Year)
	}
	if opt.Members > 5_000_000 {
		return nil, domain.Errorf(domain.EINVALID, "", "tối đa 5.000.000 đảng viên")
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, domain.Errorf(domain.EINVALID, "", "cơ sở dữ liệu %s đã có dữ liệu; dữ liệu mẫu chỉ tạo vào cơ sở dữ liệu trống (dùng --db để chọn tệp mới, hay một cơ sở dữ liệu trống trên máy chủ)", db.Path())
	}
	g := &gen{opt: opt, r: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), res: &Result{}, today: today,
		surname: newPicker(surnames), midM: newPicker(middleMale), midF: newPicker(middleFemale),
		occ: newPicker(occupations), edu: newPicker(educations), theory: newPicker(theoryLevels),
		yearly: map[memberYear]*yearRecord{}, parents: map[*domain.Org]*domain.Org{}}
	g.start = domain.NewDate(opt.From, 1, 1)
	g.end = domain.NewDate(opt.To, 12, 15)
	if !g.end.Before(today) {
		g.end = today.AddDate(0, 0, -1)
	}
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
	today                                 domain.Date
	start, end                            domain.Date // the days history happens between

	districts []*district
	cells     []*cell
	members   []*member
	yearly    map[memberYear]*yearRecord
	top       *domain.Org
	parents   map[*domain.Org]*domain.Org // while the tree is built
	renames   []rename
}

type district struct {
	org       *domain.Org
	committee string // its standing body, for decisions
	units     []*unit
}

// unit is a grassroots organisation.
type unit struct {
	district *district
	org      *domain.Org
	cells    []*cell // for a grassroots cell: itself
	subs     []*domain.Org
}

// cell is an organisation that holds members, with its history.
type cell struct {
	org    *domain.Org
	parent *domain.Org // now
	unit   *unit       // now
	index  int         // place among all cells, in the order they are written

	oldName   string // before a rename
	renamedOn domain.Date
	before    *unit // before a move
	oldParent *domain.Org
	movedOn   domain.Date
	goneOn    domain.Date // merged or dissolved
	into      *cell       // where its members went
	merged    bool
	// disciplined is the year the cell itself was disciplined (0: never).
	disciplined int
}

func (c *cell) unitAt(d domain.Date) *unit {
	if !c.movedOn.IsZero() && d.Before(c.movedOn) {
		return c.before
	}
	return c.unit
}

func (c *cell) existsAt(d domain.Date) bool { return c.goneOn.IsZero() || d.Before(c.goneOn) }

// stable reports whether the cell stays as it is: members may be sent to it.
func (c *cell) stable() bool { return c.goneOn.IsZero() && c.movedOn.IsZero() }

func (g *gen) org(name string, kind domain.OrgKind, parent *domain.Org) *domain.Org {
	o := &domain.Org{Name: name, Kind: kind, Code: domain.OrgCode(g.r.Uint64())}
	if parent != nil {
		o.ParentID = -1 // set when written
	}
	return o
}

func (g *gen) run() error {
	g.structure()
	g.history()
	if err := g.writeOrgs(); err != nil {
		return err
	}
	if err := g.makeMembers(); err != nil {
		return err
	}
	if err := g.records(); err != nil {
		return err
	}
	if err := g.rateYears(); err != nil {
		return err
	}
	return g.awards()
}

// structure builds the tree: about twenty members a cell and fifteen cells
// a grassroots committee.
func (g *gen) structure() {
	nCells := max(2, g.opt.Members/20)
	nDistricts := 1
	if g.opt.Members > 60_000 {
		nDistricts = min(len(districts), g.opt.Members/60_000+1)
	}
	var top *domain.Org
	if nDistricts > 1 {
		top = g.org("Đảng bộ thành phố Đà Nẵng", domain.KindSuperior, nil)
	}
	cellsLeft := nCells
	for d := 0; d < nDistricts; d++ {
		dist := &district{org: g.org("Đảng bộ "+districts[d], domain.KindSuperior, top), committee: committeeName(districts[d])}
		g.parents[dist.org] = top
		share := cellsLeft / (nDistricts - d)
		cellsLeft -= share
		g.district(dist, share)
		g.districts = append(g.districts, dist)
	}
	g.top = top
}

// district builds one superior committee's grassroots organisations holding
// about nCells cells in all.
func (g *gen) district(d *district, nCells int) {
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
			o := g.org(name, domain.KindGrassrootsCell, d.org)
			g.parent(o, d.org)
			u := &unit{district: d, org: o}
			c := g.newCell(o, d.org, u)
			u.cells = []*cell{c}
			d.units = append(d.units, u)
			nCells--
			continue
		}
		name := "Đảng bộ phường " + wards[wardOrder[nWard%len(wards)]]
		if round := nWard / len(wards); round > 0 {
			name += fmt.Sprintf(" (khu %d)", round+1)
		}
		nWard++
		u := g.ward(d, name, min(nCells, 15+g.r.IntN(30)))
		nCells -= len(u.cells)
		d.units = append(d.units, u)
	}
}

func (g *gen) parent(o, p *domain.Org) { g.parents[o] = p }

func (g *gen) newCell(o, parent *domain.Org, u *unit) *cell {
	c := &cell{org: o, parent: parent, unit: u, index: len(g.cells)}
	g.cells = append(g.cells, c)
	return c
}

// ward builds a grassroots committee of n cells. Large wards group their
// last cells under a sub-committee, numbered again from 1: the same names
// stand at two depths of one ward.
func (g *gen) ward(d *district, name string, n int) *unit {
	o := g.org(name, domain.KindGrassrootsCommittee, d.org)
	g.parent(o, d.org)
	u := &unit{district: d, org: o}
	parent := o
	pattern := pickOne(g.r, cellKinds)
	number := 0
	for i := 1; i <= n; i++ {
		if n > 12 && i == n-3 {
			sub := g.org("Đảng bộ bộ phận "+fmt.Sprintf("Khu vực %d", 1+g.r.IntN(3)), domain.KindSubCommittee, o)
			g.parent(sub, o)
			u.subs = append(u.subs, sub)
			parent, number = sub, 0
		}
		number++
		c := g.org("Chi bộ "+fmt.Sprintf(pattern, number), domain.KindCell, parent)
		g.parent(c, parent)
		u.cells = append(u.cells, g.newCell(c, parent, u))
	}
	return u
}

// date is a day between from and to.
func (g *gen) date(from, to domain.Date) domain.Date {
	days := int(to.Time().Sub(from.Time()).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, g.r.IntN(days+1))
}

// history renames, moves, merges and dissolves some cells, and renames a
// ward in each district, on days within the years rated.
func (g *gen) history() {
	for _, d := range g.districts {
		var wardsOf []*unit
		for _, u := range d.units {
			if u.org.Kind == domain.KindGrassrootsCommittee {
				wardsOf = append(wardsOf, u)
			}
		}
		if len(wardsOf) >= 3 {
			u := wardsOf[g.r.IntN(len(wardsOf))]
			newName := "Đảng bộ phường " + pickOne(g.r, wards) + " mới"
			u.org.Note = "Đổi tên khi sắp xếp đơn vị hành chính"
			g.renames = append(g.renames, rename{org: u.org, old: u.org.Name, on: g.date(g.start, g.end)})
			u.org.Name = newName
		}
		// Each kind of change at least once a district, when it has room.
		done := map[int]bool{}
		for pass := 0; pass < 2; pass++ {
			for _, u := range wardsOf {
				var direct []*cell
				for _, c := range u.cells {
					if c.parent == u.org && c.unit == u {
						direct = append(direct, c)
					}
				}
				for i, c := range direct {
					if !c.stable() {
						continue
					}
					kind := -1
					switch x := g.r.IntN(1000); {
					case pass == 1:
						for k := 0; k < 4; k++ {
							if !done[k] {
								kind = k
								break
							}
						}
					case x < 40:
						kind = 0
					case x < 55:
						kind = 1
					case x < 65:
						kind = 2
					case x < 75:
						kind = 3
					}
					if g.change(c, kind, i, direct, u, wardsOf) {
						done[kind] = true
					}
				}
			}
		}
	}
}

// change makes cell c (the i-th of direct, the cells right under ward u)
// renamed (kind 0), moved to another ward (1), merged into an earlier
// sibling (2) or dissolved with its members sent to one (3); it reports
// whether it could.
func (g *gen) change(c *cell, kind, i int, direct []*cell, u *unit, wardsOf []*unit) bool {
	switch kind {
	case 0:
		if !c.renamedOn.IsZero() {
			return false
		}
		c.oldName, c.renamedOn = c.org.Name, g.date(g.start, g.end)
		c.org.Name = renamed(c.org.Name, g.r)
	case 1:
		to := wardsOf[g.r.IntN(len(wardsOf))]
		if to == u || !c.renamedOn.IsZero() {
			return false
		}
		c.before, c.oldParent, c.movedOn = u, u.org, g.date(g.start, g.end)
		c.unit, c.parent = to, to.org
		g.parents[c.org] = to.org
		to.cells = append(to.cells, c)
	case 2, 3:
		// Into an earlier sibling that stays, so that it is written first.
		if i == 0 {
			return false
		}
		target := direct[g.r.IntN(i)]
		if !target.stable() || target.merged {
			return false
		}
		c.goneOn, c.into, c.merged = g.date(g.start, g.end), target, kind == 2
		if !c.renamedOn.IsZero() && !c.goneOn.After(c.renamedOn) {
			c.goneOn = c.renamedOn.AddDate(0, 0, 1)
		}
		c.org.DissolvedOn = c.goneOn
		if c.merged {
			c.org.MergedInto = -1 // set when written
		}
	default:
		return false
	}
	return true
}

type rename struct {
	org *domain.Org
	old string
	on  domain.Date
}

// renamed names a cell after the residential reorganisation:
// "Khu dân cư số 5" becomes "Tổ dân phố 5 (mới)".
func renamed(name string, r *rand.Rand) string {
	for _, k := range cellKinds {
		prefix := "Chi bộ " + strings.TrimSuffix(k, "%d")
		if strings.HasPrefix(name, prefix) {
			for {
				other := cellKinds[r.IntN(len(cellKinds))]
				if other != k {
					return "Chi bộ " + strings.TrimSuffix(other, "%d") + strings.TrimPrefix(name, prefix) + " (mới)"
				}
			}
		}
	}
	return name + " (mới)"
}

// writeOrgs writes the organisations as they are now, parents first, and
// their history.
func (g *gen) writeOrgs() error {
	ids := map[*domain.Org]bool{}
	write := func(o *domain.Org) error {
		if ids[o] {
			return nil
		}
		ids[o] = true
		if p := g.parents[o]; p != nil {
			o.ParentID = p.ID
		} else {
			o.ParentID = 0
		}
		g.res.Orgs++
		return g.b.Org(o)
	}
	if g.top != nil {
		if err := write(g.top); err != nil {
			return err
		}
	}
	for _, d := range g.districts {
		if err := write(d.org); err != nil {
			return err
		}
		for _, u := range d.units {
			if err := write(u.org); err != nil {
				return err
			}
			for _, s := range u.subs {
				if err := write(s); err != nil {
					return err
				}
			}
		}
	}
	for _, c := range g.cells {
		if c.merged {
			c.org.MergedInto = c.into.org.ID // an earlier cell: written already
		}
		if err := write(c.org); err != nil {
			return err
		}
	}
	var events []domain.OrgEvent
	for _, rn := range g.renames {
		events = append(events, domain.OrgEvent{OrgID: rn.org.ID, On: rn.on, Kind: domain.EventRename, OldName: rn.old, NewName: rn.org.Name})
	}
	for _, c := range g.cells {
		if !c.renamedOn.IsZero() {
			events = append(events, domain.OrgEvent{OrgID: c.org.ID, On: c.renamedOn, Kind: domain.EventRename, OldName: c.oldName, NewName: c.org.Name})
		}
		if !c.movedOn.IsZero() {
			events = append(events, domain.OrgEvent{OrgID: c.org.ID, On: c.movedOn, Kind: domain.EventMove, OldParent: c.oldParent.ID, NewParent: c.parent.ID,
				Note: "Điều chỉnh địa bàn"})
		}
		switch {
		case c.merged:
			events = append(events, domain.OrgEvent{OrgID: c.org.ID, On: c.goneOn, Kind: domain.EventMerge, OtherID: c.into.org.ID})
		case !c.goneOn.IsZero():
			events = append(events, domain.OrgEvent{OrgID: c.org.ID, On: c.goneOn, Kind: domain.EventDissolve})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].On.Before(events[j].On) })
	for i := range events {
		if err := g.b.Event(&events[i]); err != nil {
			return err
		}
		g.res.Events++
	}
	return nil
}

// committeeName names the standing committee of a superior committee:
// "Đảng bộ quận Sơn Trà" is led by "Quận ủy Sơn Trà".
func committeeName(district string) string {
	for _, p := range []struct{ prefix, body string }{{"quận ", "Quận ủy "}, {"huyện ", "Huyện ủy "}} {
		if strings.HasPrefix(district, p.prefix) {
			return p.body + strings.TrimPrefix(district, p.prefix)
		}
	}
	return "Đảng ủy " + district
}
