// Package exchange is moving records in and out of a database through the
// interchange files, as one sequence that the window and the command line
// share: an import reads the files once, checks them against the database
// (the dry run), asks, backs the database up and writes; an export writes
// the whole database or one organisation's subtree.
package exchange

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"

	"xeploai/domain"
	"xeploai/interchange"
	"xeploai/paths"
	"xeploai/store"
)

// DB is what importing and exporting need of a database (store.Store).
type DB interface {
	Path() string
	Server() bool
	// ScopeNote says what an office's role on a server sees, "" elsewhere.
	ScopeNote(ctx context.Context) string
	IsEmpty(ctx context.Context) (bool, error)
	PlanImport(ctx context.Context, b *domain.Batch) (*store.ImportPlan, error)
	ApplyImport(ctx context.Context, p *store.ImportPlan) (*domain.ImportReport, error)
	BackupTo(ctx context.Context, dir string) (string, error)
	View(ctx context.Context, scope int64, fn func(s *store.Snapshot) error) error
}

// ImportOptions say how to import.
type ImportOptions struct {
	Read   interchange.Options
	DryRun bool
	// Confirm, if set, is shown what the import would do once the files are
	// checked; nothing is written unless it returns true.
	Confirm func(rep *domain.ImportReport) bool
	// Progress, if set, is told each step as it begins (in Vietnamese, with
	// its format for a translation).
	Progress func(step domain.Text)
	// Columns, if set, is shown the layout of the files' sheets when one
	// lacks a required column or has columns the format does not know; it
	// returns the mapping to read them with (Read.Map's form), or false to
	// stop.
	Columns func(layouts []interchange.Layout) (map[string]string, bool)
}

// importMemory is the memory an import asks the collector to stay under.
const importMemory = 700 << 20

// ErrCancelled is returned when Confirm declined the import.
var ErrCancelled = errors.New("import cancelled")

// Import reads files and imports them into db, all or nothing: the files
// are read and matched against the database once; a file with errors is
// refused before any backup (at 500,000 members a backup takes half a
// minute); a good one is confirmed (when asked), then the database is
// backed up (unless it is empty) and the import written as checked. The
// report says what was (or would be) done and lists every error by sheet,
// row and column.
func Import(ctx context.Context, db DB, files []string, opt ImportOptions) (*domain.ImportReport, error) {
	progress := func(format string, args ...any) {
		if opt.Progress != nil {
			opt.Progress(domain.Textf(format, args...))
		}
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	if opt.Columns != nil {
		layouts, err := interchange.Inspect(files, opt.Read)
		if err != nil {
			return nil, err
		}
		for _, l := range layouts {
			if l.NeedsMapping() {
				m, ok := opt.Columns(layouts)
				if !ok {
					return nil, ErrCancelled
				}
				opt.Read.Map = m
				break
			}
		}
	}
	// The file's rows and the plan are held until the import is written:
	// the collector is asked to keep the program's memory under
	// importMemory meanwhile (a provincial workbook of 200,000 members × 5
	// years holds about 700 MB of them at once).
	if old := debug.SetMemoryLimit(-1); old == math.MaxInt64 {
		debug.SetMemoryLimit(importMemory)
		defer debug.SetMemoryLimit(old)
	}
	progress("Đang đọc %s", strings.Join(names, ", "))
	b, err := interchange.ReadFiles(files, opt.Read)
	if err != nil {
		return nil, err
	}
	progress("Đang đối chiếu với dữ liệu")
	plan, err := db.PlanImport(ctx, b)
	if err != nil {
		return nil, err
	}
	rep := plan.Report()
	if len(rep.Errors) > 0 {
		if note := db.ScopeNote(ctx); note != "" {
			return rep, domain.Errorf(domain.EINVALID, "", "có %d lỗi trong tệp nhập; không có gì được ghi (%s)", len(rep.Errors), note)
		}
		return rep, domain.Errorf(domain.EINVALID, "", "có %d lỗi trong tệp nhập; không có gì được ghi", len(rep.Errors))
	}
	if opt.DryRun {
		return rep, nil
	}
	if opt.Confirm != nil && !opt.Confirm(rep) {
		return rep, ErrCancelled
	}
	if rep.Writes() {
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return rep, err
		}
		// A shared server is backed up on the server (a copy of all of it
		// on this PC before each import would take long); undo remains.
		if !empty && !db.Server() {
			progress("Đang sao lưu trước khi nhập")
			if _, err := db.BackupTo(ctx, paths.BackupDir(db.Path())); err != nil {
				return rep, err
			}
		}
	}
	progress("Đang ghi")
	return db.ApplyImport(ctx, plan)
}

// Export writes the whole database (scope 0) or the subtree of organisation
// scope to path: one .xlsx workbook, or, when path is a folder, one CSV
// file per sheet in it. It returns what of the members exported the file
// leaves out (see LeftOut).
func Export(ctx context.Context, db DB, scope int64, path string, toDir bool, opt interchange.ExportOptions) (LeftOut, error) {
	var left LeftOut
	err := db.View(ctx, scope, func(s *store.Snapshot) error {
		var err error
		if toDir {
			err = interchange.WriteCSVDir(path, s, opt)
		} else {
			err = interchange.WriteXLSXFile(path, s, opt)
		}
		if err == nil {
			left.Ratings, left.Memberships, err = s.LeftOut()
		}
		return err
	})
	return left, err
}

// LeftOut is what an export of a part leaves out of its members' records:
// the ratings given, and the memberships held, in cells outside the part
// (members who came from elsewhere), which no import of the file could
// place.
type LeftOut struct{ Ratings, Memberships int }

// Note says so, or is empty when nothing was left out.
func (l LeftOut) Note() domain.Text {
	if l.Ratings == 0 && l.Memberships == 0 {
		return domain.Text{}
	}
	return domain.Textf("Tệp không có %d kết quả xếp loại và %d quá trình sinh hoạt ở chi bộ ngoài phần này của những đảng viên chuyển đến (tệp chỉ có những gì nhập lại được vào phần này); bản sao lưu đầy đủ là `xeploai backup` (trên máy chủ: của người dùng chủ sở hữu)", l.Ratings, l.Memberships)
}
