package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// The crash and two-writer tests run this package's test binary again as a
// child process (TestChild, selected by XEPLOAI_CHILD) that writes to a
// database until it is killed or done.

const batchSize = 200

// TestChild is not a test: it is the child process of the tests below, and
// returns at once in a normal run.
func TestChild(t *testing.T) {
	mode := os.Getenv("XEPLOAI_CHILD")
	if mode == "" {
		return
	}
	if mode == "import-each" {
		// Like a command-line import run again and again: each batch opens
		// the database, imports and closes it.
		if err := childImportsEach(os.Getenv("XEPLOAI_CHILD_DB")); err != nil {
			fmt.Println("error", err)
			os.Exit(4)
		}
		os.Exit(0)
	}
	db, err := OpenTarget(os.Getenv("XEPLOAI_CHILD_DB"), Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("ready")
	seed, _ := strconv.Atoi(os.Getenv("XEPLOAI_CHILD_SEED"))
	r := rand.New(rand.NewPCG(uint64(seed), 1))
	switch mode {
	case "import":
		err = childImports(db, r, 0)
	case "import-n":
		n, _ := strconv.Atoi(os.Getenv("XEPLOAI_CHILD_BATCHES"))
		err = childImports(db, r, n)
	case "rate":
		err = childRates(db, r)
	case "edit":
		err = childEdits(db, os.Getenv("XEPLOAI_CHILD_TAG"))
	case "hold":
		err = childHoldsAWrite(db)
	case "fill":
		err = childFillsTheDisk(db)
	}
	if err != nil {
		fmt.Println("error", err)
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	db.Close()
	os.Exit(0)
}

// childImports imports batches of members (each with ratings) until killed
// (or, when batches > 0, that many); each batch is marked in the members'
// note.
func childImports(db *DB, r *rand.Rand, batches int) error {
	cell, err := db.ResolveOrg(ctx, "Chi bộ Khu dân cư số 1")
	if err != nil {
		return err
	}
	for k := 0; batches == 0 || k < batches; k++ {
		tag := fmt.Sprintf("lô %d-%d", os.Getpid(), k)
		b := &domain.Batch{Source: tag}
		for i := 0; i < batchSize; i++ {
			src := domain.RowSource{Sheet: "DangVien", Row: i + 2, Cols: map[string]string{}}
			b.Members = append(b.Members, domain.MemberRow{Src: src,
				Member: domain.Member{FullName: fmt.Sprintf("Người %d %d", k, i), BirthDate: domain.NewDate(1940+r.IntN(40), 1+r.IntN(12), 1+r.IntN(28)),
					AdmittedOn: domain.NewDate(2005, 1, 1), CardNo: fmt.Sprintf("%d%05d%04d", os.Getpid(), k, i), Note: tag},
				Cell: domain.OrgRef{Ref: cell.Name}})
			b.MemberRatings = append(b.MemberRatings, domain.MemberRatingRow{Src: src,
				Member: domain.MemberRef{CardNo: fmt.Sprintf("%d%05d%04d", os.Getpid(), k, i)},
				Rating: domain.Rating{Year: 2024, Level: domain.Levels[r.IntN(4)]}})
		}
		if rep, err := db.Import(ctx, b, false); err != nil {
			if rep != nil && len(rep.Errors) > 0 {
				return fmt.Errorf("%w: %v", err, rep.Errors[0])
			}
			return err
		}
	}
	return nil
}

// childRates enters ratings one key at a time, in sessions, with undo now
// and then, until killed.
func childRates(db *DB, r *rand.Rand) error {
	ids, err := sqlrows.IDs(ctx, db.read, `SELECT id FROM members`)
	if err != nil {
		return err
	}
	for {
		sess := WithGroup(ctx, NewGroup("ratings"), "phiên")
		for i := 0; i < 20; i++ {
			mr := &domain.MemberRating{MemberID: ids[r.IntN(len(ids))], Rating: domain.Rating{Year: 2020 + r.IntN(5), Level: domain.Levels[r.IntN(4)]}}
			if err := db.SetMemberRating(sess, mr); err != nil {
				return err
			}
		}
		if r.IntN(3) == 0 {
			if _, err := db.Undo(ctx); err != nil {
				return err
			}
		}
	}
}

// childEdits makes 1,000 edits (XEPLOAI_CHILD_EDITS), each its own
// transaction: a rating of one of the members whose note is tag, for one of
// ten years.
func childEdits(db *DB, tag string) error {
	edits := 1000
	if n, err := strconv.Atoi(os.Getenv("XEPLOAI_CHILD_EDITS")); err == nil && n > 0 && n <= 1000 {
		edits = n
	}
	ids, err := sqlrows.IDs(ctx, db.read, `SELECT id FROM members WHERE note = ? ORDER BY id`, tag)
	if err != nil {
		return err
	}
	if len(ids) != 100 {
		return fmt.Errorf("%d members tagged %s", len(ids), tag)
	}
	for n := 0; n < edits; n++ {
		mr := &domain.MemberRating{MemberID: ids[n%100], Rating: domain.Rating{Year: 2015 + n/100, Level: domain.Levels[n%4]}}
		if err := db.SetMemberRating(ctx, mr); err != nil {
			return fmt.Errorf("edit %d: %w", n, err)
		}
	}
	return nil
}

// child starts the test binary as a child writing to path and waits for it
// to have opened the database.
func child(t *testing.T, path, mode string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{"XEPLOAI_CHILD=" + mode, "XEPLOAI_CHILD_DB=" + path}, env...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child did not start: %q", sc.Text())
	}
	return cmd, sc
}

// crashKills is how many times the crash test kills a writer: 50 in the
// normal run, more under `make soak` (XEPLOAI_CRASH_KILLS=200).
func crashKills() int {
	if n, err := strconv.Atoi(os.Getenv("XEPLOAI_CRASH_KILLS")); err == nil && n > 0 {
		return n
	}
	return 50
}

// TestCrashSafety kills a process with SIGKILL at random moments while it
// imports batches and while it enters ratings; after every kill the
// database passes integrity_check (on SQLite), no row refers to one that is
// gone, every import is wholly there or wholly absent, and every history
// step is whole — on a file and on a server.
func TestCrashSafety(t *testing.T) { onBoth(t, testCrashSafety) }

func testCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	f := newFixture(t)
	for i := 0; i < 50; i++ {
		f.member(t, fmt.Sprintf("Đảng viên %d", i), fmt.Sprint(9000+i), f.cell2)
	}
	path := f.db.Path()
	f.db.Close()
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	kills := crashKills()
	for i := 0; i < kills; i++ {
		mode := "import"
		if i%2 == 1 {
			mode = "rate"
		}
		cmd, _ := child(t, path, mode, fmt.Sprintf("XEPLOAI_CHILD_SEED=%d", i))
		time.Sleep(time.Duration(r.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d (%s): the child ended by itself: %v", i, mode, err)
		}
		checkAfterCrash(t, path, i, mode)
	}
	db, err := OpenTarget(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var batches int
	db.read.QueryRow(`SELECT COUNT(DISTINCT note) FROM members WHERE note LIKE 'lô %'`).Scan(&batches)
	t.Logf("%d kills; %d whole batches imported in between", kills, batches)
	if batches == 0 {
		t.Error("no import ever committed before a kill: the kills came too early to test anything")
	}
}

func checkAfterCrash(t *testing.T, path string, i int, mode string) {
	t.Helper()
	db, err := OpenTarget(path, Options{})
	if err != nil {
		t.Fatalf("kill %d (%s): reopen: %v", i, mode, err)
	}
	defer db.Close()
	if !db.Server() { // a server checks its own pages (WAL, checksums)
		var ok string
		if err := db.read.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("kill %d (%s): integrity_check %q, %v", i, mode, ok, err)
		}
	}
	var fk int
	db.read.QueryRow(`SELECT (SELECT COUNT(*) FROM member_ratings r LEFT JOIN members m ON m.id = r.member_id WHERE m.id IS NULL)
		+ (SELECT COUNT(*) FROM memberships s LEFT JOIN members m ON m.id = s.member_id WHERE m.id IS NULL)
		+ (SELECT COUNT(*) FROM members m LEFT JOIN orgs o ON o.id = m.cell_id WHERE o.id IS NULL)`).Scan(&fk)
	if fk != 0 {
		t.Fatalf("kill %d (%s): %d broken references", i, mode, fk)
	}
	rows, err := db.read.Query(`SELECT note, COUNT(*), (SELECT COUNT(*) FROM member_ratings mr JOIN members m2 ON m2.id = mr.member_id WHERE m2.note = m.note AND mr.year = 2024)
		FROM members m WHERE note LIKE 'lô %' GROUP BY note`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var note string
		var n, rated int
		rows.Scan(&note, &n, &rated)
		if n != batchSize || rated != batchSize {
			t.Fatalf("kill %d (%s): batch %q has %d of %d members and %d ratings", i, mode, note, n, batchSize, rated)
		}
	}
	// Every import step holds its whole batch in the history.
	var broken int
	db.read.QueryRow(`SELECT COUNT(*) FROM steps s WHERE action = 'import'
		AND (SELECT COUNT(*) FROM changes c WHERE c.step_id = s.id AND c.tbl = 'members') <> ?`, batchSize).Scan(&broken)
	if broken != 0 {
		t.Fatalf("kill %d (%s): %d import steps without their whole batch", i, mode, broken)
	}
}

// TestTwoProcessesWriteTogether runs two processes that each make 1,000
// edits to the same file at the same time: nothing is lost, neither sees
// "database is locked", and a reader that was open all along sees both.
func TestTwoProcessesWriteTogether(t *testing.T) { onBoth(t, testTwoProcessesWriteTogether) }

func testTwoProcessesWriteTogether(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	f := newFixture(t)
	for p, tag := range []string{"p1", "p2"} {
		importTagged(t, f, tag, fmt.Sprint(p+1))
	}
	var cs children
	for _, tag := range []string{"p1", "p2"} {
		cs.run(t, "process "+tag, f.db.Path(), "edit", "XEPLOAI_CHILD_TAG="+tag)
	}
	cs.wait()
	if n := editsAsWritten(t, f.db, "p%"); n != 2000 {
		t.Errorf("%d of 2000 edits are there as written", n)
	}
	var steps int
	f.db.read.QueryRow(`SELECT COUNT(*) FROM steps WHERE action = 'rating.member'`).Scan(&steps)
	if steps != 2000 {
		t.Errorf("%d of 2000 edits are in the history", steps)
	}
	// The reader open all along sees the other processes' work.
	rs, err := f.db.MemberRatings(ctx, mustMember(t, f.db, "20099"))
	if err != nil || len(rs) != 10 {
		t.Errorf("reader sees %d ratings of p2's last member, %v", len(rs), err)
	}
}

// importTagged imports 100 members whose note is tag, their card numbers
// beginning with prefix.
func importTagged(t *testing.T, f *fixture, tag, prefix string) {
	t.Helper()
	b := &domain.Batch{}
	for i := 0; i < 100; i++ {
		b.Members = append(b.Members, domain.MemberRow{Src: domain.RowSource{Sheet: "x", Row: i + 2, Cols: map[string]string{}},
			Member: domain.Member{FullName: fmt.Sprintf("Người %s %d", tag, i), BirthDate: domain.NewDate(1960, 1, 1+i%28),
				AdmittedOn: domain.NewDate(2005, 1, 1), CardNo: fmt.Sprintf("%s%04d", prefix, i), Note: tag},
			Cell: domain.OrgRef{Ref: f.cell1.Name}})
	}
	if _, err := f.db.Import(ctx, b, false); err != nil {
		t.Fatal(err)
	}
}

// children are child processes running at once.
type children struct{ wg sync.WaitGroup }

// run starts one; the test fails if it fails or prints anything.
func (c *children) run(t *testing.T, name, path, mode string, env ...string) {
	cmd, sc := child(t, path, mode, env...)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		var out []string
		for sc.Scan() {
			out = append(out, sc.Text())
		}
		if err := cmd.Wait(); err != nil || len(out) > 0 {
			t.Errorf("%s: %v %s", name, err, strings.Join(out, "\n"))
		}
	}()
}

func (c *children) wait() { c.wg.Wait() }

// editsAsWritten counts the ratings of the members whose note is LIKE note
// that are as childEdits writes them.
func editsAsWritten(t *testing.T, db *DB, note string) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM member_ratings mr JOIN members m ON m.id = mr.member_id
		WHERE m.note LIKE ? AND mr.level = (CASE ((mr.year - 2015) * 100 + (SELECT COUNT(*) FROM members m2 WHERE m2.note = m.note AND m2.id < m.id)) % 4
			WHEN 0 THEN 'HTXSNV' WHEN 1 THEN 'HTTNV' WHEN 2 THEN 'HTNV' ELSE 'KHTNV' END)`, note).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustMember(t *testing.T, db *DB, card string) int64 {
	m, err := db.MemberByCard(ctx, card)
	if err != nil || m == nil {
		t.Fatalf("member %s: %v", card, err)
	}
	return m.ID
}

// TestOfficesWriteTogether runs offices (processes) that each make their
// edits at the same time while another imports batches: nothing lost, no
// error, the history complete. `make test` runs 5 offices × 200 edits;
// XEPLOAI_OFFICES=20x500 (`make soak`) the 20 × 500.
func TestOfficesWriteTogether(t *testing.T) { onBoth(t, testOfficesWriteTogether) }

func testOfficesWriteTogether(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	offices, edits := 5, 200
	if v := os.Getenv("XEPLOAI_OFFICES"); v != "" {
		if _, err := fmt.Sscanf(v, "%dx%d", &offices, &edits); err != nil || edits > 1000 {
			t.Fatalf("XEPLOAI_OFFICES=%q: want OFFICESxEDITS (edits at most 1000)", v)
		}
	}
	f := newFixture(t)
	for p := range offices {
		importTagged(t, f, fmt.Sprintf("o%d", p), fmt.Sprintf("7%03d", p))
	}
	start := time.Now()
	var cs children
	for p := range offices {
		cs.run(t, fmt.Sprintf("office %d", p), f.db.Path(), "edit", fmt.Sprintf("XEPLOAI_CHILD_TAG=o%d", p), fmt.Sprintf("XEPLOAI_CHILD_EDITS=%d", edits))
	}
	cs.run(t, "importer", f.db.Path(), "import-n", "XEPLOAI_CHILD_BATCHES=3", "XEPLOAI_CHILD_SEED=1")
	cs.wait()
	t.Logf("%d offices × %d edits and 3 imports of %d members: %v", offices, edits, batchSize, time.Since(start))
	if n := editsAsWritten(t, f.db, "o%"); n != offices*edits {
		t.Errorf("%d of %d edits are there as written", n, offices*edits)
	}
	var steps, logged, imported int
	f.db.read.QueryRow(`SELECT COUNT(*) FROM steps WHERE action = 'rating.member'`).Scan(&steps)
	f.db.read.QueryRow(`SELECT COUNT(*) FROM changes c JOIN steps s ON s.id = c.step_id WHERE s.action = 'rating.member' AND c.tbl = 'member_ratings'`).Scan(&logged)
	f.db.read.QueryRow(`SELECT COUNT(*) FROM members WHERE note LIKE 'lô %'`).Scan(&imported)
	if steps != offices*edits || logged != offices*edits {
		t.Errorf("history: %d steps, %d rows logged, want %d each", steps, logged, offices*edits)
	}
	if imported != 3*batchSize {
		t.Errorf("%d members imported, want %d", imported, 3*batchSize)
	}
}
