// Package pgtest starts a throwaway PostgreSQL cluster for the tests that
// run against a server: initdb in a temporary folder (as the postgres user
// when the tests run as root), the server listening only on a socket in
// that folder, fsync off; each test gets a database of its own, cloned from
// a template the caller prepares. The server dies with the test process
// (Linux's parent-death signal) and its folder is removed by Stop, or, when
// the process ends otherwise (a panic, a timeout), by a watcher process a
// moment later; folders a watcher could not remove go with the next Start.
//
// There is no silent skip: when no server can be started the error says
// why, and the tests that need it fail.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create databases
)

// Bin is where Debian's postgresql package puts the server's programs
// (15 on Debian 12; the newest installed when there are several).
var Bin = findBin()

func findBin() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	best, bestV := "/usr/lib/postgresql/15/bin", 0
	for _, d := range dirs {
		v, err := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		if _, serr := os.Stat(filepath.Join(d, "initdb")); err == nil && serr == nil && v > bestV {
			best, bestV = d, v
		}
	}
	return best
}

// Cluster is a running throwaway server.
type Cluster struct {
	dir    string
	cmd    *exec.Cmd
	admin  *sql.DB
	exited chan error // the server's exit
	serial atomic.Int64
	// Template is the database new ones are cloned from ("" for template1).
	Template string
}

const prefix = "xeploai-pg-"

// Options change the cluster Start makes.
type Options struct {
	// From is a cluster's data folder kept by Keep: the cluster starts on a
	// copy of it (From is left as it is) instead of an empty one.
	From string
	// Settings ("name=value") come after the tests' own (fsync off, a small
	// cache), which they override: a benchmark's server set as a stock one.
	Settings []string
}

// Start initialises and starts a cluster.
func Start() (*Cluster, error) { return StartWith(Options{}) }

// StartWith starts a cluster as opt says.
func StartWith(opt Options) (*Cluster, error) {
	initdb := filepath.Join(Bin, "initdb")
	if _, err := os.Stat(initdb); err != nil {
		return nil, fmt.Errorf("pgtest: PostgreSQL is not installed (%s missing): run scripts/setup.sh, which installs the Debian package postgresql", initdb)
	}
	removeStale()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	c := &Cluster{dir: dir}
	// Whatever ends this process (a panic, a timeout, a kill), the folder
	// goes after it: the server dies with it (below), and this watcher
	// removes what is left a moment later.
	watch := exec.Command("sh", "-c", `tail --pid="$1" -f /dev/null; sleep 2; rm -rf "$2"`, "sh", strconv.Itoa(os.Getpid()), dir)
	watch.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := watch.Start(); err == nil {
		go watch.Wait()
	}
	cred, err := serverUser()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: %w", err)
		}
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(Bin, name), args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
		return cmd
	}
	if opt.From != "" {
		// cp keeps the owner and the 0700 the server insists on.
		if out, err := exec.Command("cp", "-a", opt.From, data).CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: copying the kept cluster %s: %v\n%s", opt.From, err, out)
		}
		os.Remove(filepath.Join(data, "postmaster.pid"))
	} else if out, err := run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: initdb failed: %v\n%s", err, out)
	}
	log, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	if cred != nil {
		log.Chown(int(cred.Uid), int(cred.Gid))
	}
	args := []string{"-D", data, "-k", dir, "-c", "listen_addresses=", "-c", "fsync=off",
		"-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
		"-c", "shared_buffers=64MB", "-c", "max_locks_per_transaction=256"}
	for _, s := range opt.Settings {
		args = append(args, "-c", s)
	}
	c.cmd = run("postgres", args...)
	c.cmd.Stdout, c.cmd.Stderr = log, log
	if err := c.cmd.Start(); err != nil {
		log.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: cannot start postgres: %w", err)
	}
	log.Close()
	exited := make(chan error, 1)
	c.exited = exited
	go func() { exited <- c.cmd.Wait() }()
	c.admin, _ = sql.Open("pgx", c.URL("postgres"))
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.admin.PingContext(ctx)
		cancel()
		if err == nil {
			break
		}
		select {
		case werr := <-exited:
			b, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: postgres exited (%v):\n%s", werr, b)
		default:
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			c.Stop()
			return nil, fmt.Errorf("pgtest: postgres did not accept connections within 30 s (%v):\n%s", err, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return c, nil
}

// serverUser is the account the server runs as: postgres when the tests run
// as root (PostgreSQL refuses to run as root), else the current user.
func serverUser() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and there is no postgres user to run the server as (install the Debian package postgresql): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// removeStale removes the folders of clusters whose test process was killed
// outright (their server died with it).
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), prefix+"*"))
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "data", "postmaster.pid"))
		if err == nil {
			pid, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
			if pid > 0 && syscall.Kill(pid, 0) == nil {
				continue // alive: another test process's
			}
		}
		if st, err := os.Stat(d); err == nil && time.Since(st.ModTime()) > time.Minute {
			os.RemoveAll(d)
		}
	}
}

// URL is the address of database db on the cluster.
func (c *Cluster) URL(db string) string {
	return "postgres://postgres@/" + db + "?host=" + url.QueryEscape(c.dir) + "&sslmode=disable"
}

// Dir is the cluster's folder (its socket is there).
func (c *Cluster) Dir() string { return c.dir }

// NewDatabase creates an empty database (a clone of Template) and returns
// its address.
func (c *Cluster) NewDatabase() (string, error) {
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.serial.Add(1))
	q := `CREATE DATABASE ` + name
	if c.Template != "" {
		q += ` TEMPLATE ` + c.Template
	}
	if _, err := c.admin.Exec(q); err != nil {
		return "", fmt.Errorf("pgtest: %s: %w", q, err)
	}
	return c.URL(name), nil
}

// DropDatabase removes a database made by NewDatabase, once its
// connections are closed.
func (c *Cluster) DropDatabase(u string) error {
	p, err := url.Parse(u)
	if err != nil {
		return err
	}
	_, err = c.admin.Exec(`DROP DATABASE IF EXISTS ` + strings.TrimPrefix(p.Path, "/") + ` WITH (FORCE)`)
	return err
}

// Exec runs a statement as the cluster's superuser.
func (c *Cluster) Exec(q string) error {
	_, err := c.admin.Exec(q)
	return err
}

// RequirePassword makes role a login role with password that must give it
// (scram-sha-256 on the socket), as on a real server.
func (c *Cluster) RequirePassword(role, password string) error {
	hba := filepath.Join(c.dir, "data", "pg_hba.conf")
	b, err := os.ReadFile(hba)
	if err != nil {
		return err
	}
	line := "local all " + role + " scram-sha-256\n"
	if err := os.WriteFile(hba, append([]byte(line), b...), 0o600); err != nil {
		return err
	}
	if _, err := c.admin.Exec(`CREATE ROLE ` + role + ` LOGIN PASSWORD '` + strings.ReplaceAll(password, "'", "''") + `'`); err != nil {
		return err
	}
	_, err = c.admin.Exec(`SELECT pg_reload_conf()`)
	return err
}

// Stop stops the server and removes its folder.
func (c *Cluster) Stop() error { return c.stop("") }

// Keep stops the server cleanly, moves its data folder to dst (which must
// not exist, on the same file system as the temp folder) for StartWith's
// From, and removes the rest, as Stop.
func (c *Cluster) Keep(dst string) error { return c.stop(dst) }

func (c *Cluster) stop(keep string) error {
	var errs []error
	if c.admin != nil {
		c.admin.Close()
	}
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-c.exited:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			errs = append(errs, errors.New("pgtest: postgres did not stop within 10 s; killed"))
			keep = ""
		}
	}
	if keep != "" {
		errs = append(errs, os.Rename(filepath.Join(c.dir, "data"), keep))
	}
	errs = append(errs, os.RemoveAll(c.dir))
	return errors.Join(errs...)
}

var (
	shared     *Cluster
	sharedErr  error
	sharedOnce sync.Once
)

// Shared starts one cluster for the test process (the first call) and
// returns it; Main stops it.
func Shared() (*Cluster, error) {
	sharedOnce.Do(func() { shared, sharedErr = Start() })
	return shared, sharedErr
}

// Main runs a package's tests and stops the shared cluster afterwards, if
// one was started. Use it as the body of TestMain: os.Exit(pgtest.Main(m)).
func Main(m interface{ Run() int }) int {
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Database is a new, empty database on the test process's shared cluster,
// dropped after the test; the test fails, saying why, when no server could
// be started.
func Database(t testing.TB) string {
	t.Helper()
	c, err := Shared()
	if err != nil {
		t.Fatalf("the PostgreSQL tests need a server and none could be started: %v", err)
	}
	u, err := c.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.DropDatabase(u); err != nil {
			t.Error(err)
		}
	})
	return u
}
