// Command xeploai is the desktop record keeper for the yearly quality ratings
// of party members and organisations. With no arguments it opens the GUI; the
// verbs (import, export, summary, demo, version …) serve batch work.
package main

import (
	"context"
	"os"

	_ "_xeploai/localefix" // must initialise before Fyne: see its doc

	fyneapp "fyne.io/fyne/v2/app"

	"xeploai/app"
	"xeploai/cli"
	"xeploai/demo"
	"xeploai/paths"
	"xeploai/store"
)

// Stamped by the linker (see the Makefile).
var (
	version = "dev"
	commit  = "unknown"
	date    = "unknown"
)

func main() {
	env := &cli.Env{
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Build:  cli.Build{Version: version, Commit: commit, Date: date},
		GUI:    runGUI,
	}
	os.Exit(cli.Main(os.Args[1:], env))
}

func runGUI(dbPath string) error {
	if err := paths.EnsureDir(dbPath); err != nil {
		return err
	}
	db, err := store.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	a := fyneapp.NewWithID("vn.xeploai.app")
	ui := app.New(a, db, app.Options{
		Version: version,
		Demo: func(ctx context.Context, db *store.DB) error {
			_, err := demo.Fill(ctx, db, demo.Options{Members: 5000, Seed: 1})
			return err
		},
	})
	ui.ShowFirstRun()
	ui.Window.ShowAndRun()
	return nil
}
