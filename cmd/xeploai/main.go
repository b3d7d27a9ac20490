// Command xeploai is the desktop record keeper for the yearly quality ratings
// of party members and organisations. With no arguments it opens the GUI; the
// verbs (import, export, summary, demo, version …) serve batch work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	_ "_xeploai/localefix" // must initialise before Fyne: see its doc

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"xeploai"
	"xeploai/app"
	"xeploai/cli"
	"xeploai/demo"
	"xeploai/domain"
	"xeploai/paths"
	"xeploai/store"
	"xeploai/store/postgres"
)

// Stamped by the linker (see the Makefile).
var (
	version = "dev"
	commit  = "unknown"
	date    = "unknown"
)

// Builds that the linker did not stamp (`fyne package`) take the version
// from FyneApp.toml and the commit and date from Go's build information.
func init() {
	if version == "dev" {
		version = xeploai.Version()
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && commit == "unknown" && len(s.Value) >= 7:
				commit = s.Value[:7]
			case s.Key == "vcs.time" && date == "unknown" && len(s.Value) >= 10:
				date = s.Value[:10]
			}
		}
	}
}

func main() {
	env := &cli.Env{
		Ctx:    cli.StopCleanly(),
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Build:  cli.Build{Version: version, Commit: commit, Date: date},
		GUI:    runGUI,
	}
	os.Exit(cli.Main(os.Args[1:], env))
}

var started = time.Now()

// probeStartup prints how long the main window took to appear and the
// process's resident memory then, and quits.
func probeStartup(a fyne.App) {
	go func() {
		fyne.DoAndWait(func() {}) // runs once the window is up and drawing
		up := time.Since(started)
		time.Sleep(500 * time.Millisecond)
		fmt.Printf("window %d ms, resident %s\n", up.Milliseconds(), residentMemory())
		fyne.Do(a.Quit)
	}()
}

func residentMemory() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "?"
}

// haveDisplay says, in words, that the window cannot open without a
// graphical display (GLFW would panic).
func haveDisplay() error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return domain.Errorf(domain.EINVALID, "", "không có màn hình đồ họa (biến DISPLAY trống) nên cửa sổ không mở được; trên máy không màn hình hãy dùng các lệnh: xeploai help")
	}
	return nil
}

// traceWriter is where the window says what the user did, one line per
// action, for scripts (make window-check): stderr when XEPLOAI_TRACE=1.
func traceWriter() io.Writer {
	if os.Getenv("XEPLOAI_TRACE") == "1" {
		return os.Stderr
	}
	return nil
}

func runGUI(dbPath string) error {
	if err := haveDisplay(); err != nil {
		return err
	}
	a := fyneapp.NewWithID("vn.xeploai.app")
	var local func() (store.Store, error)
	if dbPath == "" {
		// No --db and no XEPLOAI_DB: the shared server opened last here
		// (Tệp › Mở cơ sở dữ liệu dùng chung…), with this PC's file offered
		// when it is out of reach; else the file.
		dbPath = paths.DefaultDB()
		if last := app.LastServer(a); last != "" {
			file := dbPath
			dbPath = last
			local = func() (store.Store, error) { return openFile(file) }
		}
	}
	if !postgres.IsURL(dbPath) {
		if err := paths.EnsureDir(dbPath); err != nil {
			return err
		}
	}
	opts := app.Options{
		Version: fmt.Sprintf("%s (commit %s, build %s)", version, commit, date),
		Trace:   traceWriter(),
		Screen:  screenSize,
		Local:   local,
		Demo: func(ctx context.Context, db store.Store) error {
			_, err := demo.Fill(ctx, db, demo.Options{Members: 5000, Seed: 1})
			return err
		},
	}
	// The database opens (and, after an upgrade, migrates) behind a small
	// window, which also says why when it cannot be opened.
	open := func() (store.Store, error) {
		if postgres.IsURL(dbPath) {
			db, err := store.OpenPostgres(dbPath)
			if err != nil {
				return nil, err
			}
			return db, nil
		}
		return openFile(dbPath)
	}
	start := app.Start(a, open, opts, func(ui *app.UI) {
		// A backup at start-up when the newest is older than a day, made in
		// the background once the window is up.
		db := ui.DB
		go func() {
			if db.ReadOnly() || db.Server() {
				// A read-only file cannot change, and its folder may not take
				// a backup; a shared server is backed up on the server (and
				// `xeploai backup` copies it to a file on demand).
				return
			}
			time.Sleep(5 * time.Second)
			if _, err := db.BackupIfOld(context.Background(), paths.BackupDir(db.Path()), 24*time.Hour); err != nil {
				fmt.Fprintln(os.Stderr, "xeploai: sao lưu tự động không thành công:", err)
			}
		}()
		switch {
		case os.Getenv("XEPLOAI_PROBE") != "":
			probeStartup(a) // make probe: how fast the window comes up
		case os.Getenv("XEPLOAI_SCREENSHOTS") != "":
			ui.CaptureScreens(os.Stdout) // make screenshots
		default:
			ui.ShowFirstRun()
			ui.WarnIfRemote()
			ui.WatchForeign()
		}
	})
	a.Run()
	if start.UI != nil {
		start.UI.DB.Close() // the one open now: the user may have opened another
	}
	return start.Err
}

// openFile opens the database file at path, creating it when missing; one
// that cannot be written (a CD, a read-only share) is shown, not changed.
func openFile(path string) (store.Store, error) {
	if err := paths.EnsureDir(path); err != nil {
		return nil, err
	}
	db, err := store.Open(path)
	if errors.Is(err, store.ErrReadOnly) {
		db, err = store.OpenWith(path, store.Options{ReadOnly: true})
	}
	if err != nil {
		return nil, err // not a nil *store.DB in a Store
	}
	return db, nil
}
