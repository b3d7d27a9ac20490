package store

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"xeploai/domain"
)

// childImportsEach imports batches of ten members, opening and closing the
// database for each, and prints "committed <tag>" after each commit, until
// its standard input is closed.
func childImportsEach(path string) error {
	stop := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(stop) }()
	fmt.Println("ready")
	for k := 0; ; k++ {
		select {
		case <-stop:
			return nil
		default:
		}
		tag := fmt.Sprintf("lô %d-%d", os.Getpid(), k)
		b := &domain.Batch{Source: tag}
		for i := 0; i < 10; i++ {
			src := domain.RowSource{Sheet: "DangVien", Row: i + 2, Cols: map[string]string{}}
			b.Members = append(b.Members, domain.MemberRow{Src: src,
				Member: domain.Member{FullName: fmt.Sprintf("Người %d %d", k, i), BirthDate: domain.NewDate(1960, 1, 1+i),
					AdmittedOn: domain.NewDate(2005, 1, 1), CardNo: fmt.Sprintf("%d%05d%02d", os.Getpid(), k, i), Note: tag},
				Cell: domain.OrgRef{Ref: "Chi bộ Khu dân cư số 1"}})
		}
		db, err := Open(path)
		if domain.ErrorCode(err) == domain.ECONFLICT {
			k-- // the database is busy being restored: try again
			continue
		}
		if err != nil {
			return err
		}
		_, err = db.Import(ctx, b, false)
		db.Close()
		if domain.ErrorCode(err) == domain.ECONFLICT {
			k--
			continue
		}
		if err != nil {
			return err
		}
		fmt.Println("committed", tag)
		time.Sleep(15 * time.Millisecond)
	}
}

// childHoldsAWrite adds a member in a write transaction that it keeps open
// until its standard input is closed, then commits.
func childHoldsAWrite(db *DB) error {
	cell, err := db.ResolveOrg(ctx, "Chi bộ Khu dân cư số 1")
	if err != nil {
		return err
	}
	return db.inTx(ctx, "create", "member", func(tx *sql.Tx) error {
		m := &domain.Member{FullName: "Giữ Khóa", BirthDate: domain.NewDate(1970, 1, 2), AdmittedOn: domain.NewDate(1995, 2, 3), CellID: cell.ID}
		if err := insertMember(ctx, tx, m); err != nil {
			return err
		}
		fmt.Println("holding")
		io.Copy(io.Discard, os.Stdin)
		return nil
	})
}

// TestRestoreRefusedWhileAnotherProcessHoldsAWrite: a restore while another
// process has a write transaction open is refused, naming the reason, and
// that process's work commits afterwards.
func TestRestoreRefusedWhileAnotherProcessHoldsAWrite(t *testing.T) {
	f := newFixture(t)
	dir := filepath.Join(t.TempDir(), "backups")
	old, err := f.db.BackupTo(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	path := f.db.Path()
	f.db.Close()
	cmd, sc, stop := childWithInput(t, path, "hold")
	if !sc.Scan() || sc.Text() != "holding" {
		t.Fatalf("child: %q", sc.Text())
	}
	before := backupCount(t, dir)
	_, err = Restore(ctx, path, old, dir)
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "đang được mở ở cửa sổ xeploai khác") || !strings.Contains(err.Error(), path) {
		t.Errorf("restore while another process writes: %v", err)
	}
	if n := backupCount(t, dir); n != before {
		t.Errorf("a refused restore left %d backups, want %d", n, before)
	}
	stop()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if m, _ := db.Members(ctx, MemberQuery{}); len(m) != 1 || m[0].FullName != "Giữ Khóa" {
		t.Errorf("the other process's member is lost: %v", m)
	}
	assertNoTemps(t, filepath.Dir(path), dir)
}

// TestRestoreWhileAnotherProcessImports runs restores while another process
// imports batch after batch (each opening and closing the database, as
// command-line imports do): every batch the importer saw committed is in
// the database at the end or in a backup a restore made.
func TestRestoreWhileAnotherProcessImports(t *testing.T) {
	f := newFixture(t)
	dir := filepath.Join(t.TempDir(), "backups")
	old, err := f.db.BackupTo(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	path := f.db.Path()
	f.db.Close()
	cmd, sc, stop := childWithInput(t, path, "import-each")
	committed := make(chan []string)
	go func() {
		var tags []string
		for sc.Scan() {
			if tag, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
				tags = append(tags, tag)
			} else {
				t.Errorf("child: %s", sc.Text())
			}
		}
		committed <- tags
	}()
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	var saved []string
	refused := 0
	for i := 0; i < 25; i++ {
		time.Sleep(time.Duration(20+r.IntN(60)) * time.Millisecond)
		s, err := Restore(ctx, path, old, dir)
		switch {
		case err == nil:
			saved = append(saved, s)
		case domain.ErrorCode(err) == domain.ECONFLICT:
			refused++
		default:
			t.Fatalf("restore %d: %v", i, err)
		}
	}
	stop()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	tags := <-committed
	t.Logf("%d restores done, %d refused while the importer had the file open; %d batches committed", len(saved), refused, len(tags))
	if len(saved) == 0 || len(tags) == 0 {
		t.Fatalf("nothing to judge: %d restores, %d batches", len(saved), len(tags))
	}
	holders := append([]string{path}, saved...)
	held := map[string]bool{}
	for _, p := range holders {
		db, err := OpenWith(p, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.read.Query(`SELECT DISTINCT note FROM members WHERE note LIKE 'lô %'`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tag string
			rows.Scan(&tag)
			held[tag] = true
		}
		rows.Close()
		db.Close()
	}
	for _, tag := range tags {
		if !held[tag] {
			t.Errorf("batch %s was committed, then lost: neither in the database nor in a backup", tag)
		}
	}
	assertNoTemps(t, filepath.Dir(path), dir)
}

// childWithInput is child with a pipe to its standard input, which the
// child reads to know when to stop: stop closes it.
func childWithInput(t *testing.T, path, mode string) (cmd *exec.Cmd, sc *bufio.Scanner, stop func()) {
	t.Helper()
	cmd = exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "XEPLOAI_CHILD="+mode, "XEPLOAI_CHILD_DB="+path)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdin = pr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pr.Close()
	t.Cleanup(func() { pw.Close(); cmd.Process.Kill() })
	sc = bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "ready" {
		t.Fatalf("child did not start: %q", sc.Text())
	}
	return cmd, sc, func() { pw.Close() }
}

func backupCount(t *testing.T, dir string) int {
	t.Helper()
	all, err := Backups(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// assertNoTemps fails if a temporary file of ours is left in any of dirs.
func assertNoTemps(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".xeploai-") || strings.HasSuffix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), "-journal") {
				t.Errorf("left behind: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}

// childFillsTheDisk imports until the file size limit (a full disk) stops
// it, then prints the size of the write-ahead log while it keeps the
// database open, as the window does.
func childFillsTheDisk(db *DB) error {
	signal.Ignore(syscall.SIGXFSZ)
	lim := uint64(256 << 10)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		return err
	}
	b := &domain.Batch{Source: "đầy"}
	for i := 0; i < 5000; i++ {
		src := domain.RowSource{Sheet: "DangVien", Row: i + 2, Cols: map[string]string{}}
		b.Members = append(b.Members, domain.MemberRow{Src: src,
			Member: domain.Member{FullName: fmt.Sprintf("Người Lấp Đầy %d", i), BirthDate: domain.NewDate(1960, 1, 1),
				AdmittedOn: domain.NewDate(2005, 1, 1), Note: strings.Repeat("x", 200)},
			Cell: domain.OrgRef{Ref: "Chi bộ Khu dân cư số 1"}})
	}
	_, err := db.Import(ctx, b, false)
	st, _ := os.Stat(db.Path() + "-wal")
	var size int64
	if st != nil {
		size = st.Size()
	}
	fmt.Printf("wal %d %v\n", size, err)
	io.Copy(io.Discard, os.Stdin)
	return nil
}

// TestAFailedWriteOnAFullDiskFreesTheLog: after a write fails for want of
// space, the write-ahead log is truncated at once, so that the disk is not
// left full by us while the window stays open; the message says the disk is
// full, and the database is as it was.
func TestAFailedWriteOnAFullDiskFreesTheLog(t *testing.T) {
	f := newFixture(t)
	path := f.db.Path()
	f.db.Close()
	_, sc, stop := childWithInput(t, path, "fill")
	if !sc.Scan() {
		t.Fatal("child said nothing")
	}
	var size int64
	var msg string
	fmt.Sscanf(sc.Text(), "wal %d", &size)
	msg = sc.Text()
	stop()
	if !strings.Contains(msg, "đĩa đầy") {
		t.Errorf("the import on a full disk said %q", msg)
	}
	if size > 64<<10 {
		t.Errorf("the write-ahead log holds %d bytes after the failed write", size)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, _ := db.CountMembers(ctx, MemberQuery{}); n != 0 {
		t.Errorf("%d members written by the failed import", n)
	}
}
