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
	"sync"
	"syscall"
	"testing"
	"time"

	"xeploai/domain"
	"xeploai/store/postgres"
	"xeploai/store/sqlite"
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
		if err := db.insertMember(ctx, tx, m); err != nil {
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
	before := backupCount(t, dir, path)
	_, err = Restore(ctx, path, old, dir)
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "đang được mở ở cửa sổ xeploai khác") || !strings.Contains(err.Error(), path) {
		t.Errorf("restore while another process writes: %v", err)
	}
	if n := backupCount(t, dir, path); n != before {
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

func backupCount(t *testing.T, dir, db string) int {
	t.Helper()
	all, err := Backups(dir, db)
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

// TestBackupsOfTwoDatabasesInOneFolder: two databases beside each other
// share the backups folder, but each keeps its own backups, named after it.
func TestBackupsOfTwoDatabasesInOneFolder(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(filepath.Join(dir, "A.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(filepath.Join(dir, "B.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	backups := filepath.Join(dir, "backups")
	pa, err := a.BackupTo(ctx, backups)
	if err != nil {
		t.Fatal(err)
	}
	b.SetSetting(ctx, SettingBackupKeep, "2")
	for i := 0; i < 4; i++ {
		if _, err := b.BackupTo(ctx, backups); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := Backups(backups, a.Path()); len(got) != 1 || got[0] != pa || !strings.HasPrefix(filepath.Base(pa), "A-") {
		t.Errorf("A's backups %v, want [%s]", got, pa)
	}
	if got, _ := Backups(backups, b.Path()); len(got) != 2 {
		t.Errorf("B keeps %d backups, want 2", len(got))
	}
}

// TestRestoreReadsTheBackupsLog: a backup still open elsewhere has its last
// changes in its write-ahead log; the restore brings them too, and makes no
// file beside it.
func TestRestoreReadsTheBackupsLog(t *testing.T) {
	f := newFixture(t)
	src := f.db.Path()
	// Another connection keeps the log from being folded back on close.
	keep, err := sql.Open("sqlite", sqlite.DSN(src, true))
	if err != nil {
		t.Fatal(err)
	}
	defer keep.Close()
	if _, err := keep.Exec(`SELECT COUNT(*) FROM members`); err != nil {
		t.Fatal(err)
	}
	f.member(t, "Chỉ Trong Nhật Ký", "", f.cell1)
	f.db.Close()
	if !hasLog(src) {
		t.Fatal("the member is not only in the log: nothing to test")
	}
	dst := filepath.Join(t.TempDir(), "moi.db")
	if _, err := Restore(ctx, dst, src, filepath.Join(t.TempDir(), "backups")); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ms, _ := db.Members(ctx, MemberQuery{Name: "chi trong nhat ky"}); len(ms) != 1 {
		t.Errorf("the member committed in the backup's log is missing: %v", ms)
	}
}

// TestRestoreThroughALink: --db a symbolic link restores into the file it
// points to (the link stays a link), leaving no journal; a link to nowhere,
// a FIFO or a device is refused and stays what it is.
func TestRestoreThroughALink(t *testing.T) {
	f := newFixture(t)
	f.member(t, "Trong Bản Sao", "", f.cell1)
	dir := t.TempDir()
	backup := filepath.Join(dir, "sao.db")
	if err := f.db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "that.db")
	r, err := Open(real)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	link := filepath.Join(dir, "lienket.db")
	os.Symlink(real, link)
	if _, err := Restore(ctx, link, backup, filepath.Join(dir, "backups")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	db, _ := Open(real)
	if ms, _ := db.Members(ctx, MemberQuery{Name: "trong ban sao"}); len(ms) != 1 {
		t.Error("the file the link points to was not restored")
	}
	db.Close()
	assertNoTemps(t, dir)
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "khong-co.db"), dangling)
	fifo := filepath.Join(dir, "ong.db")
	syscall.Mkfifo(fifo, 0o600)
	for _, p := range []string{dangling, fifo} {
		before, _ := os.Lstat(p)
		if _, err := Restore(ctx, p, backup, filepath.Join(dir, "backups")); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("restore into %s: %v", p, err)
		}
		if after, _ := os.Lstat(p); after.Mode() != before.Mode() {
			t.Errorf("%s became %v", p, after.Mode())
		}
	}
}

// TestHardLinkedDatabaseIsRefused: a database with two names (hard links)
// would get a log for each name and lose the work written through one.
func TestHardLinkedDatabaseIsRefused(t *testing.T) {
	db := openTemp(t)
	p := db.Path()
	db.Close()
	other := filepath.Join(filepath.Dir(p), "ten-khac.db")
	if err := os.Link(p, other); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{p, other} {
		if d, err := Open(name); err == nil {
			d.Close()
			t.Errorf("opened %s, which has two names", name)
		} else if !strings.Contains(err.Error(), "liên kết cứng") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestDamagedDatabaseIsSaidSo: a damaged page is a user's problem with a
// way out (restore a backup), not an internal error; the file is kept.
func TestDamagedDatabaseIsSaidSo(t *testing.T) {
	f := newFixture(t)
	p := f.db.Path()
	f.db.Close()
	b, _ := os.ReadFile(p)
	copy(b[4100:], []byte{0xff, 0xff, 0xff, 0xff})
	os.WriteFile(p, b, 0o600)
	db, err := Open(p)
	if err == nil {
		db.Close()
		t.Fatal("this damage did not stop SQLite from opening the file: the test tests nothing")
	}
	if domain.ErrorCode(err) == domain.EINTERNAL || !strings.Contains(err.Error(), p) {
		t.Errorf("damaged database: %v", err)
	}
	if after, _ := os.ReadFile(p); string(after) != string(b) {
		t.Error("the damaged file was changed")
	}
}

// TestForeignChangesSeesOtherProcessesOnly: another connection's commit (as
// another process's) is reported once; this handle's own writes are not.
func TestForeignChangesSeesOtherProcessesOnly(t *testing.T) {
	onBoth(t, testForeignChangesSeesOtherProcessesOnly)
}

func testForeignChangesSeesOtherProcessesOnly(t *testing.T) {
	f := newFixture(t)
	if ch, err := f.db.ForeignChanges(ctx); err != nil || ch {
		t.Fatalf("first call: %v %v", ch, err)
	}
	f.member(t, "Của Chính Mình", "", f.cell1)
	if ch, _ := f.db.ForeignChanges(ctx); ch {
		t.Error("this handle's own write reported as another's")
	}
	other, err := OpenTarget(f.db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.CreateMember(ctx, &domain.Member{FullName: "Của Người Khác", BirthDate: domain.NewDate(1970, 1, 1), AdmittedOn: domain.NewDate(1995, 1, 1), CellID: f.cell1.ID}); err != nil {
		t.Fatal(err)
	}
	// Within 2 seconds (a server's notice comes a moment after the commit).
	deadline := time.Now().Add(2 * time.Second)
	ch := false
	for !ch && time.Now().Before(deadline) {
		if ch, _ = f.db.ForeignChanges(ctx); !ch {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !ch {
		t.Error("another's write not reported within 2 s")
	}

	if ch, _ := f.db.ForeignChanges(ctx); ch {
		t.Error("reported twice")
	}
}

// TestAnotherOfficesChangeIsNoticedAtOnce: on a server, a write in one
// store instance reaches another's listener (LISTEN/NOTIFY) within 2
// seconds, without either asking the server.
func TestAnotherOfficesChangeIsNoticedAtOnce(t *testing.T) {
	a := openPG(t)
	b, err := OpenTarget(a.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if ch, err := a.ForeignChanges(ctx); err != nil || ch {
		t.Fatalf("first call: %v %v", ch, err)
	}
	if !a.notices.Alive() {
		t.Fatal("no listener on the server")
	}
	ward := &domain.Org{Name: "Đảng bộ phường Mới", Kind: domain.KindGrassrootsCommittee}
	start := time.Now()
	if err := b.CreateOrg(ctx, ward); err != nil {
		t.Fatal(err)
	}
	for a.notices.Received() == 0 && time.Since(start) < 2*time.Second {
		time.Sleep(5 * time.Millisecond)
	}
	if a.notices.Received() == 0 {
		t.Fatal("no notice within 2 s")
	}
	t.Logf("noticed after %v", time.Since(start))
	if ch, _ := a.ForeignChanges(ctx); !ch {
		t.Error("the notice is not reported")
	}
	if ch, _ := a.ForeignChanges(ctx); ch {
		t.Error("reported twice")
	}
	// Its own writes are not another's.
	if err := a.RenameOrg(ctx, ward.ID, "Đảng bộ phường Mới Hơn", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if ch, _ := a.ForeignChanges(ctx); ch {
		t.Error("its own write reported as another's")
	}
	// The listener's connection lost (the server restarted, the network
	// dropped): the window looks again once, then asks the server.
	if err := pgCluster(t).Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ` + postgres.Channel + `'`); err != nil {
		t.Fatal(err)
	}
	for a.notices.Alive() && time.Since(start) < 5*time.Second {
		time.Sleep(5 * time.Millisecond)
	}
	if ch, _ := a.ForeignChanges(ctx); !ch {
		t.Error("a lost listener does not make the window look again")
	}
	a.ForeignChanges(ctx)
	if err := b.RenameOrg(ctx, ward.ID, "Đảng bộ phường Khác", domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if ch, _ := a.ForeignChanges(ctx); !ch || a.notices.Alive() {
		t.Errorf("without a listener, another's write is reported: %v (listening: %v)", ch, a.notices.Alive())
	}
}

// TestBackupsByProcessesAtOnce: several processes backing one file up at
// once (imports and undos of big steps, in two windows and commands) each
// get a backup of their own — never refused for a name another took in the
// same millisecond — and pruning the same old ones together fails none.
func TestBackupsByProcessesAtOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chung.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	first.SetSetting(ctx, SettingBackupKeep, "3")
	first.Close()
	backups := filepath.Join(dir, "backups")
	const writers = 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*4)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(path) // a connection of its own, as another process's
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			for range 4 {
				if _, err := db.BackupTo(ctx, backups); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, _ := Backups(backups, path); len(got) < 3 {
		t.Errorf("%d backups kept, want at least 3", len(got))
	}
}

// TestAFreeBackupName: a backup's name taken in the same millisecond is
// not taken again.
func TestAFreeBackupName(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 26, 17, 58, 32, 707e6, time.Local)
	taken := filepath.Join(dir, backupName("chung.db", at, ""))
	os.WriteFile(taken, nil, 0o600)
	if got := freeBackupName(dir, "chung.db", at); got == taken || filepath.Base(got) != "chung-20261126-175832.708.db" {
		t.Errorf("free name %s (taken %s)", got, taken)
	}
}
