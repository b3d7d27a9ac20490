package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"unicode/utf8"

	"xeploai/assets"
	"xeploai/domain"
	"xeploai/paths"
	"xeploai/store"
)

// runUndo and runRedo take back, or apply again, the last step (a whole
// import, say), as Ctrl+Z and Ctrl+Y do in the window.
func runUndo(ctx context.Context, e *Env, g *globals, args []string) error {
	return undoRedo(ctx, e, g, args, "undo", (*store.DB).Undo, "Đã hoàn tác", "Không có gì để hoàn tác.")
}

func runRedo(ctx context.Context, e *Env, g *globals, args []string) error {
	return undoRedo(ctx, e, g, args, "redo", (*store.DB).Redo, "Đã làm lại", "Không có gì để làm lại.")
}

func undoRedo(ctx context.Context, e *Env, g *globals, args []string, verb string, do func(*store.DB, context.Context) (*store.Step, error), done, nothing string) error {
	pos, err := parseFlags(flag.NewFlagSet(verb, flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("%s không nhận tham số", verb)
	}
	db, err := openExisting(g)
	if err != nil {
		return err
	}
	defer db.Close()
	undo, redo, err := db.UndoRedo(ctx)
	if err != nil {
		return err
	}
	if next := map[string]*store.Step{"undo": undo, "redo": redo}[verb]; next != nil && next.Changes >= store.BulkStep && !db.Server() {
		// Taking back (or redoing) an import is a bulk change: a backup first
		// (of a file: a shared server is backed up on the server).
		if _, err := db.BackupTo(ctx, paths.BackupDir(g.db)); err != nil {
			return err
		}
	}
	s, err := do(db, ctx)
	if err != nil {
		return err
	}
	if s == nil {
		fmt.Fprintln(e.Stdout, nothing)
		return nil
	}
	fmt.Fprintf(e.Stdout, "%s: %s (%s, %s)\n", done, s.Label(), s.At, s.By())
	return nil
}

// runHistory lists the newest steps, or one member's changes (--card).
func runHistory(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	limit := fs.Int("limit", 30, "")
	card := fs.String("card", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("history không nhận tham số (dùng --card SỐ-THẺ cho một đảng viên)")
	}
	if *limit <= 0 {
		return usagef("--limit phải lớn hơn 0")
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	if *card == "" {
		steps, err := db.Steps(ctx, *limit)
		if err != nil {
			return err
		}
		by := byWidth(steps)
		for _, s := range steps {
			line := fmt.Sprintf("%s  %-*s  %s (%d dòng)", domain.StampText(s.At), by, s.By(), s.Label(), s.Changes)
			if !s.Undoable {
				// A bulk load logs no rows: it is not undone, but replaced.
				line = fmt.Sprintf("%s  %-*s  %s (không ghi từng dòng, không hoàn tác được)", domain.StampText(s.At), by, s.By(), s.Label())
			}
			if s.Undone {
				line += " — đã hoàn tác"
			}
			fmt.Fprintln(e.Stdout, line)
		}
		return nil
	}
	m, err := db.MemberByCard(ctx, *card)
	if err != nil {
		return err
	}
	if m == nil {
		return domain.Errorf(domain.ENOTFOUND, "--card", "không có đảng viên nào có số thẻ %s", *card)
	}
	changes, err := db.History(ctx, store.HistoryQuery{MemberID: m.ID, Limit: *limit})
	if err != nil {
		return err
	}
	tree, err := db.Tree(ctx, domain.Date{})
	if err != nil {
		return err
	}
	steps := make([]store.Step, len(changes))
	for i, c := range changes {
		steps[i] = c.Step
	}
	by := byWidth(steps)
	for _, c := range changes {
		what := word("table."+c.Table, c.Table)
		if c.Year != 0 {
			what += fmt.Sprintf(" năm %d", c.Year)
		}
		fmt.Fprintf(e.Stdout, "%s  %-*s  %s: %s %s\n", domain.StampText(c.Step.At), by, c.Step.By(), c.Step.Label(),
			map[string]string{"insert": "thêm", "update": "sửa", "delete": "xoá"}[c.Op], what)
		for _, f := range c.Fields {
			if !domain.FieldShown(c.Op, f.Field, f.Old, f.New) {
				continue // an added or removed row's empty fields and its keys
			}
			fmt.Fprintf(e.Stdout, "    %s: %s → %s\n", word("field."+f.Field, f.Field), orDash(domain.StoredValue(tree, f.Field, f.Old)), orDash(domain.StoredValue(tree, f.Field, f.New)))
		}
	}
	return nil
}

// words are the window's Vietnamese names of the history's tables and
// fields (assets/translations), which the command line says too.
var words = func() map[string]string {
	b, _ := assets.Translation("vi")
	m := map[string]string{}
	json.Unmarshal(b, &m)
	return m
}()

// word is the Vietnamese name under key, or def.
func word(key, def string) string {
	if w := words[key]; w != "" {
		return w
	}
	return def
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// byWidth is the width of the column of who made each step: the longest
// name (fmt pads by letters), at least 12.
func byWidth(steps []store.Step) int {
	w := 12
	for _, s := range steps {
		w = max(w, utf8.RuneCountInString(s.By()))
	}
	return w
}
