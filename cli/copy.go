package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"xeploai/domain"
	"xeploai/store"
	"xeploai/store/postgres"
)

// runCopy copies a whole dataset — records, history, trash, settings — from
// one database to another, each a file or a shared server: a file to a
// server to start sharing it, a server to a file for a local copy. The
// destination must be empty (a new file is made); nothing is written when
// anything fails.
func runCopy(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("copy: cần đúng hai cơ sở dữ liệu: NGUỒN ĐÍCH (mỗi cái là một tệp hoặc postgres://…)")
	}
	from, to := pos[0], pos[1]
	if sameDatabase(from, to) {
		return domain.Errorf(domain.EINVALID, "", "copy: nguồn và đích là cùng một cơ sở dữ liệu (%s)", postgres.Redact(from))
	}
	if !postgres.IsURL(to) {
		if err := checkFileName("copy", to); err != nil {
			return err
		}
	}
	src, err := store.OpenTarget(from, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, undo, err := openNewAt(to)
	if err != nil {
		return err
	}
	if err := src.CopyInto(ctx, dst); err != nil {
		undo()
		dst.Close()
		return err
	}
	if err := dst.Close(); err != nil {
		return store.Explain(to, err)
	}
	fmt.Fprintf(e.Stdout, "Đã chép toàn bộ dữ liệu (hồ sơ, lịch sử thay đổi, thùng rác, thiết lập) từ %s sang %s\n", postgres.Redact(from), postgres.Redact(to))
	return nil
}

// sameDatabase reports two names of one database file (or one address).
func sameDatabase(a, b string) bool {
	if postgres.IsURL(a) || postgres.IsURL(b) {
		return postgres.Redact(a) == postgres.Redact(b)
	}
	x, errA := filepath.Abs(a)
	y, errB := filepath.Abs(b)
	return errA == nil && errB == nil && x == y
}
