package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// Snapshot reads a consistent view of the database, or of one
// organisation's subtree, for exports. It lists records in an order that
// depends on the data alone (tree order, then names), never on row ids, so
// that an export, imported elsewhere and exported again, gives the same
// rows. Large tables are read a group of cells at a time, so that memory
// does not grow with the database.
type Snapshot struct {
	ctx   context.Context
	db    *DB
	tx    *sql.Tx   // txs[0]
	txs   []*sql.Tx // the readers' transactions, all seeing the same moment
	tree  *domain.Tree
	pos   map[int64]int // organisation id → position in tree order
	scope int64
	in    map[int64]bool // the organisations exported
	order []int64        // them, in tree order
	cells [][]int64      // the cells among them, in tree order, in groups
}

// cellGroup is how many cells' rows are read with one query.
const cellGroup = 128

// View runs fn with a snapshot of the whole database (scope 0) or of the
// subtree of organisation scope: everything it reads is as of one moment,
// whatever other writers do meanwhile.
//
// The large tables are read on two connections at once (the driver's work
// per row, not the disk, bounds an export): both begin their reading while
// this process holds the write lock, so that no writer commits between
// them and they see the same moment.
func (db *DB) View(ctx context.Context, scope int64, fn func(s *Snapshot) error) error {
	readers := 1
	if !db.readOnly && runtime.NumCPU() > 1 {
		readers = 2
	}
	var cleanup []func()
	defer func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}()
	var conns []*sql.Conn
	for range readers {
		conn, done, err := db.unmappedConn(ctx)
		if err != nil {
			return err
		}
		cleanup = append(cleanup, done)
		conns = append(conns, conn)
	}
	s := &Snapshot{ctx: ctx, db: db, scope: scope, in: map[int64]bool{}}
	if db.pg {
		if err := db.beginShared(ctx, conns, s, &cleanup); err != nil {
			return err
		}
	}
	begin := func() error {
		for _, conn := range conns {
			tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
			if err != nil {
				return err
			}
			cleanup = append(cleanup, func() { tx.Rollback() })
			s.txs = append(s.txs, tx)
			var one int
			// The transaction's moment is taken at its first read.
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM orgs LIMIT 1) AS one`).Scan(&one); err != nil {
				return err
			}
		}
		return nil
	}
	if db.pg {
		// begun above
	} else if readers > 1 {
		w, err := db.write.BeginTx(ctx, nil) // BEGIN IMMEDIATE: no one else commits
		if err != nil {
			return err
		}
		err = begin()
		w.Rollback()
		if err != nil {
			return err
		}
	} else if err := begin(); err != nil {
		return err
	}
	s.tx = s.txs[0]
	var err error
	if s.tree, err = treeAt(ctx, s.tx, domain.Date{}); err != nil {
		return err
	}
	s.pos = map[int64]int{}
	for _, r := range s.tree.Roots() {
		s.tree.Walk(r, func(o *domain.Org) { s.pos[o.ID] = len(s.pos) })
	}
	roots := s.tree.Roots()
	if scope != 0 {
		if s.tree.Org(scope) == nil {
			return domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy tổ chức #%d", scope)
		}
		roots = []int64{scope}
	}
	var cells []int64
	for _, r := range roots {
		s.tree.Walk(r, func(o *domain.Org) {
			s.in[o.ID] = true
			s.order = append(s.order, o.ID)
			if o.Kind.HoldsMembers() {
				cells = append(cells, o.ID)
			}
		})
	}
	for len(cells) > 0 {
		n := min(cellGroup, len(cells))
		s.cells = append(s.cells, cells[:n])
		cells = cells[n:]
	}
	return fn(s)
}

// beginShared begins the readers' transactions on a server: repeatable
// read, the first exporting its snapshot and the others taking it, so that
// all see the same moment while other offices go on writing.
func (db *DB) beginShared(ctx context.Context, conns []*sql.Conn, s *Snapshot, cleanup *[]func()) error {
	var snapshot string
	for i, conn := range conns {
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
		if err != nil {
			return db.explainRead(err)
		}
		*cleanup = append(*cleanup, func() { tx.Rollback() })
		s.txs = append(s.txs, tx)
		if i == 0 {
			err = tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snapshot)
		} else {
			_, err = tx.ExecContext(ctx, `SET TRANSACTION SNAPSHOT '`+strings.ReplaceAll(snapshot, "'", "")+`'`)
		}
		if err != nil {
			return db.explainRead(err)
		}
	}
	return nil
}

// unmappedConn is a read connection of its own that reads without mapping
// the file, for reading all of a large database once (an export, an
// import's check): mapped pages would count in the program's memory as
// they are read (500 MB at 500,000 members). done gives it back as it was.
func (db *DB) unmappedConn(ctx context.Context) (*sql.Conn, func(), error) {
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if db.pg {
		return conn, func() { conn.Close() }, nil // a server's memory is its own
	}
	var mmap int64
	if err := conn.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&mmap); err != nil {
		conn.Close()
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA mmap_size = 0`); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, func() {
		conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA mmap_size = %d`, mmap))
		conn.Close()
	}, nil
}

// inOrder runs the tasks 0 … n-1 on the snapshot's readers (task i on
// reader i mod readers, each with its own transaction, a task or two
// ahead) and calls emit with their results in order. prepare readies a
// reader's statements and returns its fetch, and what closes them.
func inOrder[T any](s *Snapshot, n int, prepare func(tx *sql.Tx) (fetch func(i int) (T, error), done func(), err error), emit func(T) error) error {
	k := len(s.txs)
	if k == 1 || n < 2 {
		fetch, done, err := prepare(s.tx)
		if err != nil {
			return err
		}
		defer done()
		for i := range n {
			v, err := fetch(i)
			if err != nil {
				return err
			}
			if err := emit(v); err != nil {
				return err
			}
		}
		return nil
	}
	type result struct {
		v   T
		err error
	}
	out := make([]chan result, k)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range k {
		out[w] = make(chan result, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			send := func(r result) bool {
				select {
				case out[w] <- r:
					return r.err == nil
				case <-stop:
					return false
				}
			}
			fetch, done, err := prepare(s.txs[w])
			if err != nil {
				send(result{err: err})
				return
			}
			defer done()
			for i := w; i < n; i += k {
				v, err := fetch(i)
				if !send(result{v, err}) {
					return
				}
			}
		}()
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for i := range n {
		r := <-out[i%k]
		if r.err != nil {
			return r.err
		}
		if err := emit(r.v); err != nil {
			return err
		}
	}
	return nil
}

// prepared readies query on tx for inOrder's fetch.
func (s *Snapshot) prepared(tx *sql.Tx, query string) (*sql.Stmt, func(), error) {
	stmt, err := tx.PrepareContext(s.ctx, query)
	if err != nil {
		return nil, nil, err
	}
	return stmt, func() { stmt.Close() }, nil
}

// Tree returns the organisation tree as it is now.
func (s *Snapshot) Tree() *domain.Tree { return s.tree }

// Scope is the organisation whose subtree is exported; 0 for the whole
// database.
func (s *Snapshot) Scope() int64 { return s.scope }

// Orgs calls fn for every organisation exported, in tree order: parents
// before children.
func (s *Snapshot) Orgs(fn func(o *domain.Org) error) error {
	for _, id := range s.order {
		if err := fn(s.tree.Org(id)); err != nil {
			return err
		}
	}
	return nil
}

// Events calls fn for every event of the organisations exported, oldest
// first (the order the tree's history is replayed in).
func (s *Snapshot) Events(fn func(e *domain.OrgEvent) error) error {
	events, err := listOrgEvents(s.ctx, s.tx)
	if err != nil {
		return err
	}
	for i := range events {
		if s.in[events[i].OrgID] {
			if err := fn(&events[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// who is a member as other sheets name them, with the member's cell.
type who struct {
	ref  domain.MemberRef
	fold string
	cell int64
}

// less orders members: by their cell in tree order, then by name, date of
// birth and numbers.
func (s *Snapshot) less(a, b *who) bool { return s.compare(a, b) < 0 }

// compare is less as a three-way comparison.
func (s *Snapshot) compare(a, b *who) int {
	if a.cell != b.cell {
		if c := cmp.Compare(s.pos[a.cell], s.pos[b.cell]); c != 0 {
			return c
		}
	}
	if c := strings.Compare(a.fold, b.fold); c != 0 {
		return c
	}
	if c := a.ref.BirthDate.Compare(b.ref.BirthDate); c != 0 {
		return c
	}
	if c := strings.Compare(a.ref.FullName, b.ref.FullName); c != 0 {
		return c
	}
	if c := strings.Compare(a.ref.CardNo, b.ref.CardNo); c != 0 {
		return c
	}
	return strings.Compare(a.ref.HistoryNo, b.ref.HistoryNo)
}

// memberGroup is the members of a group of cells, in order.
type memberGroup struct {
	members []domain.Member
	who     []who
}

// eachMemberGroup calls fn with the members of each group of cells, in
// order.
func (s *Snapshot) eachMemberGroup(fn func(g *memberGroup) error) error {
	return inOrder(s, len(s.cells), func(tx *sql.Tx) (func(int) (*memberGroup, error), func(), error) {
		stmt, done, err := s.prepared(tx, `SELECT id, cell_id, `+packedMemberCols("")+` FROM members WHERE cell_id`+s.db.inFew("?", "bigint"))
		if err != nil {
			return nil, nil, err
		}
		return func(i int) (*memberGroup, error) { return s.memberGroup(tx, stmt, s.cells[i]) }, done, nil
	}, fn)
}

// memberGroup reads the members of cells, in order.
func (s *Snapshot) memberGroup(tx *sql.Tx, stmt *sql.Stmt, cells []int64) (*memberGroup, error) {
	var g memberGroup
	err := eachStmtRow(s.ctx, stmt, []any{jsonArg(cells)}, func(sc func(...any) error) error {
		var id, cell int64
		var row string
		if err := sc(&id, &cell, &row); err != nil {
			return err
		}
		m, fold, ok := unpackMember(id, cell, row)
		if !ok {
			var err error
			if m, err = scanMember(tx.QueryRowContext(s.ctx, `SELECT `+memberCols+`, name_fold FROM members WHERE id = ?`, id), &fold); err != nil {
				return err
			}
		}
		g.members = append(g.members, m)
		g.who = append(g.who, who{ref: domain.MemberRef{CardNo: m.CardNo, HistoryNo: m.HistoryNo, FullName: m.FullName, BirthDate: m.BirthDate}, fold: fold, cell: m.CellID})
		return nil
	})
	if err != nil {
		return nil, err
	}
	idx := make([]int32, len(g.members))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return s.compare(&g.who[a], &g.who[b]) })
	sorted := &memberGroup{members: make([]domain.Member, len(idx)), who: make([]who, len(idx))}
	for k, i := range idx {
		sorted.members[k], sorted.who[k] = g.members[i], g.who[i]
	}
	return sorted, nil
}

// EachMember calls fn for every member exported, cell by cell in tree
// order, then by name and date of birth.
func (s *Snapshot) EachMember(fn func(m *domain.Member) error) error {
	return s.eachMemberGroup(func(g *memberGroup) error {
		for i := range g.members {
			if err := fn(&g.members[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// whoCols are the columns naming a member, joined as m.
const whoCols = `m.full_name, m.name_fold, m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), m.cell_id`

// scanWho reads whoCols.
func scanWho(sc func(...any) error, dest ...any) (who, error) {
	var w who
	var birth sql.NullString
	err := sc(append(dest, &w.ref.FullName, &w.fold, &birth, &w.ref.CardNo, &w.ref.HistoryNo, &w.cell)...)
	w.ref.BirthDate = scanDate(birth)
	return w, err
}

// byMember is records of members with the members' identities, to be put
// in the members' order.
type byMember[T any] struct {
	rec []T
	who []who
	id  []int64
	idx []int32 // the order, once sorted
}

func (b *byMember[T]) add(id int64, w who, r T) {
	b.id, b.who, b.rec = append(b.id, id), append(b.who, w), append(b.rec, r)
}

// sort puts the records member by member in the members' order (same
// members by id), keeping the order they were added in within a member.
func (b *byMember[T]) sort(s *Snapshot) *byMember[T] {
	b.idx = make([]int32, len(b.rec))
	for i := range b.idx {
		b.idx[i] = int32(i)
	}
	slices.SortStableFunc(b.idx, func(a, c int32) int {
		if b.id[a] == b.id[c] {
			return 0
		}
		if r := s.compare(&b.who[a], &b.who[c]); r != 0 {
			return r
		}
		return cmp.Compare(b.id[a], b.id[c])
	})
	return b
}

// emit calls fn for the records in the order sort put them in.
func (b *byMember[T]) emit(fn func(r *T, w *who) error) error {
	for _, i := range b.idx {
		if err := fn(&b.rec[i], &b.who[i]); err != nil {
			return err
		}
	}
	return nil
}

// packedMembershipCols are a member's period and who the member is,
// packed.
var packedMembershipCols = packed("m.full_name", "m.name_fold", "m.birth_date", "m.card_no", "m.history_no", "s.from_on", "s.to_on")

// EachMembership calls fn for each period of the members exported in a
// cell exported, member by member, oldest first. The periods are read a
// group of cells at a time (the members now in them).
func (s *Snapshot) EachMembership(fn func(ms *domain.Membership, who *domain.MemberRef) error) error {
	return inOrder(s, len(s.cells), func(tx *sql.Tx) (func(int) (*byMember[domain.Membership], error), func(), error) {
		stmt, done, err := s.prepared(tx, `SELECT s.id, s.member_id, s.org_id, m.cell_id, `+packedMembershipCols+`
			FROM members m JOIN memberships s ON s.member_id = m.id WHERE m.cell_id`+s.db.inFew("?", "bigint")+`
			ORDER BY s.member_id, COALESCE(s.from_on, ''), s.id`)
		if err != nil {
			return nil, nil, err
		}
		return func(i int) (*byMember[domain.Membership], error) { return s.memberships(tx, stmt, s.cells[i]) }, done, nil
	}, func(b *byMember[domain.Membership]) error {
		return b.emit(func(ms *domain.Membership, w *who) error { return fn(ms, &w.ref) })
	})
}

// memberships reads the periods of the members now in cells, in order.
func (s *Snapshot) memberships(tx *sql.Tx, stmt *sql.Stmt, cells []int64) (*byMember[domain.Membership], error) {
	var b byMember[domain.Membership]
	err := eachStmtRow(s.ctx, stmt, []any{jsonArg(cells)}, func(sc func(...any) error) error {
		var ms domain.Membership
		var rowID int64
		var w who
		var row string
		if err := sc(&rowID, &ms.MemberID, &ms.OrgID, &w.cell, &row); err != nil || !s.in[ms.OrgID] {
			return err
		}
		var f [7]string
		if !unpack(row, f[:]) {
			if err := tx.QueryRowContext(s.ctx, `SELECT `+strings.ReplaceAll(packedMembershipCols, packSep, ", ")+`
				FROM memberships s JOIN members m ON m.id = s.member_id WHERE s.id = ?`, rowID).Scan(
				&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6]); err != nil {
				return err
			}
		}
		w.ref = domain.MemberRef{FullName: f[0], CardNo: f[3], HistoryNo: f[4]}
		w.fold = f[1]
		w.ref.BirthDate, _ = domain.ParseDate(f[2])
		ms.From, _ = domain.ParseDate(f[5])
		ms.To, _ = domain.ParseDate(f[6])
		b.add(ms.MemberID, w, ms)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.sort(s), nil
}

// eachStmtRow runs stmt and calls fn with a scanner for each row.
func eachStmtRow(ctx context.Context, stmt *sql.Stmt, args []any, fn func(scan func(...any) error) error) error {
	rows, err := stmt.QueryContext(ctx, args...)
	return sqlrows.Scan(rows, err, fn)
}

// eachMemberRecord reads query (whose columns end with whoCols) whole:
// the smaller tables of members' records. keep scans a row's other
// columns and says whether the record is exported.
func eachMemberRecord[T any](s *Snapshot, query string, scan func(sc func(...any) error) (id int64, r T, keep bool, err error), fn func(r *T, who *domain.MemberRef, cell int64) error) error {
	var b byMember[T]
	err := sqlrows.Each(s.ctx, s.tx, query, nil, func(sc func(...any) error) error {
		var w who
		var err error
		id, r, keep, err := scan(func(dest ...any) error {
			w, err = scanWho(sc, dest...)
			return err
		})
		if err == nil && keep && s.in[w.cell] {
			b.add(id, w, r)
		}
		return err
	})
	if err != nil {
		return err
	}
	return b.sort(s).emit(func(r *T, w *who) error { return fn(r, &w.ref, w.cell) })
}

// EachAbsence calls fn for each absence of the members exported, by year.
func (s *Snapshot) EachAbsence(fn func(a *domain.Absence, who *domain.MemberRef, cell int64) error) error {
	return eachMemberRecord(s, `SELECT a.member_id, a.year, a.kind, a.months, a.note, `+whoCols+`
		FROM absences a JOIN members m ON m.id = a.member_id ORDER BY a.member_id, a.year, a.kind, a.id`,
		func(sc func(...any) error) (int64, domain.Absence, bool, error) {
			var a domain.Absence
			var kind string
			err := sc(&a.MemberID, &a.Year, &kind, &a.Months, &a.Note)
			a.Kind = domain.AbsenceKind(kind)
			return a.MemberID, a, true, err
		}, fn)
}

// EachGap calls fn for each gap in party age of the members exported.
func (s *Snapshot) EachGap(fn func(g *domain.PartyAgeGap, who *domain.MemberRef, cell int64) error) error {
	return eachMemberRecord(s, `SELECT g.member_id, g.from_on, g.to_on, g.reason, `+whoCols+`
		FROM party_age_gaps g JOIN members m ON m.id = g.member_id ORDER BY g.member_id, g.from_on, g.id`,
		func(sc func(...any) error) (int64, domain.PartyAgeGap, bool, error) {
			var g domain.PartyAgeGap
			var from, to sql.NullString
			err := sc(&g.MemberID, &from, &to, &g.Reason)
			g.From, g.To = scanDate(from), scanDate(to)
			return g.MemberID, g, true, err
		}, fn)
}

// EachLeader calls fn for each committee seat of the members exported on
// an organisation exported.
func (s *Snapshot) EachLeader(fn func(l *domain.Leader, who *domain.MemberRef, cell int64) error) error {
	return eachMemberRecord(s, `SELECT l.member_id, l.org_id, l.role, l.from_on, l.to_on, `+whoCols+`
		FROM leaders l JOIN members m ON m.id = l.member_id ORDER BY l.member_id, COALESCE(l.from_on, ''), l.org_id, l.id`,
		func(sc func(...any) error) (int64, domain.Leader, bool, error) {
			var l domain.Leader
			var from, to sql.NullString
			err := sc(&l.MemberID, &l.OrgID, &l.Role, &from, &to)
			l.From, l.To = scanDate(from), scanDate(to)
			return l.MemberID, l, s.in[l.OrgID], err
		}, fn)
}

// LeftOut counts the records of the members exported that the export
// leaves out: ratings given, and memberships held, in cells outside what
// is exported (a member who came from another ward keeps the ratings of
// the cell he left), which an import of the file could not place. None
// for the whole of a database.
func (s *Snapshot) LeftOut() (ratings, memberships int, err error) {
	if s.scope == 0 && s.db.office == "" {
		return 0, 0, nil
	}
	var cells []int64
	for _, g := range s.cells {
		cells = append(cells, g...)
	}
	if len(cells) == 0 {
		return 0, 0, nil
	}
	in, out := s.db.inJSON("?1", "bigint"), s.db.inJSON("?2", "bigint")
	args := []any{jsonArg(cells), jsonArg(s.order)}
	for table, n := range map[string]*int{"member_ratings": &ratings, "memberships": &memberships} {
		if err := s.tx.QueryRowContext(s.ctx, `SELECT COUNT(*) FROM `+table+` r JOIN members m ON m.id = r.member_id
			WHERE m.cell_id`+in+` AND NOT r.org_id`+out, args...).Scan(n); err != nil {
			return 0, 0, err
		}
	}
	return ratings, memberships, nil
}

func (s *Snapshot) years(table string) ([]int, error) {
	var out []int
	err := sqlrows.Each(s.ctx, s.tx, `SELECT DISTINCT year FROM `+table+` ORDER BY year`, nil, func(sc func(...any) error) error {
		var y int
		err := sc(&y)
		out = append(out, y)
		return err
	})
	return out, err
}

// EachMemberRating calls fn for every member rating given in a cell
// exported (to a member exported, for a subtree), with the member's
// identity: by year, then cell in tree order, then name. The largest
// table: its text columns come packed in one, cut apart here, which halves
// the driver's work per row.
func (s *Snapshot) EachMemberRating(fn func(r *domain.MemberRating, who *domain.MemberRef) error) error {
	years, err := s.years("member_ratings")
	if err != nil || len(s.cells) == 0 {
		return err
	}
	var pool sync.Pool
	return inOrder(s, len(years)*len(s.cells), func(tx *sql.Tx) (func(int) (*ratingGroup, error), func(), error) {
		stmt, done, err := s.prepared(tx, `SELECT r.member_id, r.org_id, r.score, m.cell_id, `+packedRatingCols+`
			FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.year = ? AND r.org_id`+s.db.inFew("?", "bigint"))
		if err != nil {
			return nil, nil, err
		}
		return func(i int) (*ratingGroup, error) {
			g, _ := pool.Get().(*ratingGroup)
			return s.ratings(g, tx, stmt, years[i/len(s.cells)], s.cells[i%len(s.cells)])
		}, done, nil
	}, func(g *ratingGroup) error {
		for _, i := range g.idx {
			if err := fn(&g.items[i].r, &g.items[i].who.ref); err != nil {
				return err
			}
		}
		pool.Put(g) // its room is used again
		return nil
	})
}

// ratingGroup is the ratings of a year given in a group of cells, and
// their order.
type ratingGroup struct {
	items []ratingItem
	idx   []int32
}

type ratingItem struct {
	r   domain.MemberRating
	who who
}

// ratings reads the ratings of year given in cells, in order.
func (s *Snapshot) ratings(g *ratingGroup, tx *sql.Tx, stmt *sql.Stmt, year int, cells []int64) (*ratingGroup, error) {
	if g == nil {
		g = &ratingGroup{}
	}
	g.items, g.idx = g.items[:0], g.idx[:0]
	err := eachStmtRow(s.ctx, stmt, []any{year, jsonArg(cells)}, func(sc func(...any) error) error {
		var it ratingItem
		var score sql.NullFloat64
		var memberCell int64
		var packed string
		if err := sc(&it.r.MemberID, &it.r.OrgID, &score, &memberCell, &packed); err != nil {
			return err
		}
		if s.scope != 0 && !s.in[memberCell] {
			return nil // a member who has left the subtree
		}
		var f [9]string
		if !unpack(packed, f[:]) {
			if err := tx.QueryRowContext(s.ctx, `SELECT `+strings.ReplaceAll(packedRatingCols, packSep, ", ")+`
				FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.member_id = ? AND r.year = ?`, it.r.MemberID, year).Scan(
				&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8]); err != nil {
				return err
			}
		}
		it.r.Year = year
		it.r.Level, _ = domain.LevelFromCode(f[0])
		if score.Valid {
			v := score.Float64
			it.r.Score = &v
		}
		it.r.NotRatedReason, it.r.Note = f[1], f[2]
		it.r.CivilService, _ = domain.LevelFromCode(f[3])
		it.who.ref = domain.MemberRef{FullName: f[4], CardNo: f[7], HistoryNo: f[8]}
		it.who.fold = f[5]
		it.who.ref.BirthDate, _ = domain.ParseDate(f[6])
		it.who.cell = it.r.OrgID
		g.items = append(g.items, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range g.items {
		g.idx = append(g.idx, int32(i))
	}
	slices.SortStableFunc(g.idx, func(a, b int32) int { return s.compare(&g.items[a].who, &g.items[b].who) })
	return g, nil
}

// packedRatingCols are the text columns of a member's rating and of the
// member, packed.
var packedRatingCols = packed("r.level", "r.not_rated_reason", "r.note", "r.civil_level",
	"m.full_name", "m.name_fold", "m.birth_date", "m.card_no", "m.history_no")

// EachOrgRating calls fn for every rating of an organisation exported, by
// year then tree order.
func (s *Snapshot) EachOrgRating(fn func(r *domain.OrgRating) error) error {
	var all []domain.OrgRating
	err := sqlrows.Each(s.ctx, s.tx, `SELECT org_id, year, level, score, not_rated_reason, note, mass_level FROM org_ratings`, nil, func(sc func(...any) error) error {
		var r domain.OrgRating
		var level, mass sql.NullString
		var score sql.NullFloat64
		if err := sc(&r.OrgID, &r.Year, &level, &score, &r.NotRatedReason, &r.Note, &mass); err != nil {
			return err
		}
		if s.in[r.OrgID] {
			scanRating(level, score, &r.Rating)
			r.MassOrgs = levelOf(mass)
			all = append(all, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Year != all[j].Year {
			return all[i].Year < all[j].Year
		}
		return s.pos[all[i].OrgID] < s.pos[all[j].OrgID]
	})
	for i := range all {
		if err := fn(&all[i]); err != nil {
			return err
		}
	}
	return nil
}

// subject is a record's member (with the member's cell) or organisation.
type subject struct {
	who    *who
	orgID  int64
	keyOrg int64 // the organisation the record sorts under
}

func (s *Snapshot) subjectOf(memberID, orgID int64, fullName, fold string, birth sql.NullString, card, history string, cell int64) (subject, bool) {
	if memberID == 0 {
		return subject{orgID: orgID, keyOrg: orgID}, s.in[orgID]
	}
	w := &who{ref: domain.MemberRef{FullName: fullName, BirthDate: scanDate(birth), CardNo: card, HistoryNo: history}, fold: fold, cell: cell}
	return subject{who: w, keyOrg: cell}, s.in[cell]
}

// lessSubject orders records of members and organisations: by the
// organisation in tree order, then an organisation's before its members',
// then the members in order.
func (s *Snapshot) lessSubject(a, b *subject) (less, equal bool) {
	if pa, pb := s.pos[a.keyOrg], s.pos[b.keyOrg]; pa != pb {
		return pa < pb, false
	}
	switch {
	case a.who == nil && b.who == nil:
		return false, true
	case a.who == nil || b.who == nil:
		return a.who == nil, false
	}
	if s.less(a.who, b.who) {
		return true, false
	}
	return false, !s.less(b.who, a.who)
}

// EachAward calls fn for every award of a member or organisation exported,
// with the member's identity and cell (nil and 0 for an organisation's), by
// year, milestone, recipient in tree order, form, content. A year's awards
// are read at a time.
func (s *Snapshot) EachAward(fn func(a *domain.Award, who *domain.MemberRef, cellID int64) error) error {
	years, err := s.years("awards")
	if err != nil {
		return err
	}
	return inOrder(s, len(years), func(tx *sql.Tx) (func(int) ([]awardItem, error), func(), error) {
		stmt, done, err := s.prepared(tx, `SELECT `+awardColumns("a.")+`,
			COALESCE(m.full_name, ''), COALESCE(m.name_fold, ''), m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), COALESCE(m.cell_id, 0)
			FROM awards a LEFT JOIN members m ON m.id = a.member_id WHERE a.year = ?`)
		if err != nil {
			return nil, nil, err
		}
		return func(i int) ([]awardItem, error) { return s.awards(stmt, years[i]) }, done, nil
	}, func(all []awardItem) error {
		for i := range all {
			var ref *domain.MemberRef
			var cell int64
			if w := all[i].subj.who; w != nil {
				ref, cell = &w.ref, w.cell
			}
			if err := fn(&all[i].a, ref, cell); err != nil {
				return err
			}
		}
		return nil
	})
}

type awardItem struct {
	a    domain.Award
	subj subject
	fold string // the content, folded
}

// awards reads the awards of year, in order.
func (s *Snapshot) awards(stmt *sql.Stmt, year int) ([]awardItem, error) {
	var all []awardItem
	err := eachStmtRow(s.ctx, stmt, []any{year}, func(sc func(...any) error) error {
		var name, fold, card, history string
		var birth sql.NullString
		var cell int64
		a, err := scanAward(rowScanner(sc), &name, &fold, &birth, &card, &history, &cell)
		if err != nil {
			return err
		}
		if subj, ok := s.subjectOf(a.MemberID, a.OrgID, name, fold, birth, card, history, cell); ok {
			all = append(all, awardItem{a: a, subj: subj, fold: domain.Fold(a.Content)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		if a.a.Year != b.a.Year {
			return a.a.Year < b.a.Year
		}
		if a.a.Milestone != b.a.Milestone {
			return a.a.Milestone < b.a.Milestone
		}
		if less, equal := s.lessSubject(&a.subj, &b.subj); !equal {
			return less
		}
		if a.a.Form != b.a.Form {
			return a.a.Form < b.a.Form
		}
		if a.fold != b.fold {
			return a.fold < b.fold
		}
		return a.a.DecisionNo < b.a.DecisionNo
	})
	return all, nil
}

// EachDiscipline calls fn for every discipline of a member or organisation
// exported, by date, then subject in tree order.
func (s *Snapshot) EachDiscipline(fn func(d *domain.Discipline, who *domain.MemberRef, cellID int64) error) error {
	type item struct {
		d    domain.Discipline
		subj subject
	}
	var all []item
	err := sqlrows.Each(s.ctx, s.tx, `SELECT COALESCE(d.member_id, 0), COALESCE(d.org_id, 0), d.on_date, d.form, d.reason, d.decision_no, COALESCE(d.self_corrected, 0),
		COALESCE(m.full_name, ''), COALESCE(m.name_fold, ''), m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), COALESCE(m.cell_id, 0)
		FROM disciplines d LEFT JOIN members m ON m.id = d.member_id`, nil, func(sc func(...any) error) error {
		var d domain.Discipline
		var on, birth sql.NullString
		var name, fold, card, history string
		var cell int64
		if err := sc(&d.MemberID, &d.OrgID, &on, &d.Form, &d.Reason, &d.DecisionNo, &d.SelfCorrected, &name, &fold, &birth, &card, &history, &cell); err != nil {
			return err
		}
		d.On = scanDate(on)
		if subj, ok := s.subjectOf(d.MemberID, d.OrgID, name, fold, birth, card, history, cell); ok {
			all = append(all, item{d, subj})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		if c := a.d.On.Compare(b.d.On); c != 0 {
			return c < 0
		}
		if less, equal := s.lessSubject(&a.subj, &b.subj); !equal {
			return less
		}
		return a.d.Form < b.d.Form
	})
	for i := range all {
		var ref *domain.MemberRef
		var cell int64
		if w := all[i].subj.who; w != nil {
			ref, cell = &w.ref, w.cell
		}
		if err := fn(&all[i].d, ref, cell); err != nil {
			return err
		}
	}
	return nil
}
