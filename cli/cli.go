// Package cli is xeploai's command line: the verbs that serve batch work and
// scripting (import, export, summary, demo, version …). cmd/xeploai calls Main;
// with no verb it opens the GUI through the function it is given.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"xeploai/domain"
	"xeploai/paths"
	"xeploai/safefile"
	"xeploai/store"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitUser     = 1 // the user's input is wrong; the message says what
	ExitInternal = 2 // a fault of the program or the machine
)

// Build describes this build, stamped by the linker.
type Build struct {
	Version, Commit, Date string
}

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	Build          Build
	// GUI opens the main window on the database at path; nil where there is
	// no GUI (tests).
	GUI func(dbPath string) error
}

type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, e *Env, g *globals, args []string) error
}

type globals struct {
	db string
}

var commands []command

func init() {
	commands = []command{
		{"import", "FILE... [--dry-run] [--sheet NAME]", "nhập tệp .xlsx hoặc .csv (tất cả hoặc không gì cả)", runImport},
		{"export", "FILE.xlsx | THƯ-MỤC", "xuất toàn bộ dữ liệu ra một tệp .xlsx, hoặc các tệp .csv vào một thư mục", runExport},
		{"summary", "--year Y [--org MÃ|TÊN] [--format text|json|pdf|xlsx|csv] [-o TỆP]", "số liệu tổng hợp xếp loại cho hội nghị; báo cáo in được", runSummary},
		{"check", "--year Y [--org MÃ|TÊN] [--format text|json]", "kiểm tra xếp loại theo quy định của năm", runCheck},
		{"awards", "--kind consecutive|year|badge [--year Y] [--years N] [--occasion YYYY-MM-DD] [--postponed] [--group members|cells|grassroots] [--format text|json|pdf|xlsx|csv] [-o TỆP]", "danh sách đề nghị khen thưởng, huy hiệu Đảng (--postponed: hoãn do kỷ luật)", runAwards},
		{"search", "TỪ-KHÓA… [--limit N] [--format text|json]", "tìm đảng viên, tổ chức, khen thưởng (không cần dấu; bộ lọc chibo: sinh: xeploai: trangthai: loai:)", runSearch},
		{"backup", "[TỆP]", "sao lưu (mặc định vào thư mục sao lưu) và in đường dẫn", runBackup},
		{"restore", "TỆP", "khôi phục từ bản sao lưu (sao lưu dữ liệu hiện tại trước)", runRestore},
		{"undo", "", "hoàn tác bước thay đổi cuối (cả một lần nhập tệp), như Ctrl+Z trong cửa sổ", runUndo},
		{"redo", "", "làm lại bước vừa hoàn tác", runRedo},
		{"history", "[--card SỐ-THẺ] [--limit N]", "lịch sử thay đổi: ai, khi nào, thay đổi gì (của cả tệp, hoặc một đảng viên)", runHistory},
		{"demo", "[--members N] [--from Y1] [--to Y2] [--seed S]", "tạo dữ liệu mẫu vào một tệp trống", runDemo},
		{"config", "[KHÓA [GIÁ-TRỊ]]", "xem các thiết lập, hoặc đặt một thiết lập (typing off|telex|vni, tone_style new|old, language vi|en, quota_denominator, backup_keep …)", runConfig},
		{"version", "", "phiên bản", runVersion},
		{"help", "", "hướng dẫn này", nil},
	}
}

// Main runs the command line and returns the process exit code.
func Main(args []string, e *Env) int {
	g := &globals{}
	fs := flag.NewFlagSet("xeploai", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.db, "db", "", "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(e.Stderr, "xeploai: %v\n\n", err)
		usage(e.Stderr)
		return ExitUser
	}
	if *help {
		usage(e.Stdout)
		return ExitOK
	}
	dbSet := false
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	if dbSet && strings.TrimSpace(g.db) == "" {
		return exitCode(e, usagef("--db cần đường dẫn tới tệp dữ liệu (để trống thì không biết mở tệp nào); bỏ --db để dùng tệp mặc định %s", paths.DefaultDB()))
	}
	if g.db == "" {
		g.db = paths.DefaultDB()
	}
	rest := fs.Args()
	if len(rest) == 0 {
		if e.GUI == nil {
			usage(e.Stderr)
			return ExitUser
		}
		return exitCode(e, e.GUI(g.db))
	}
	verb, rest := rest[0], rest[1:]
	if verb == "help" {
		usage(e.Stdout)
		return ExitOK
	}
	for _, c := range commands {
		if c.name == verb {
			return exitCode(e, store.Explain(g.db, c.run(context.Background(), e, g, rest)))
		}
	}
	fmt.Fprintf(e.Stderr, "xeploai: không có lệnh %q\n\n", verb)
	usage(e.Stderr)
	return ExitUser
}

// exitCode prints err and returns the exit code it deserves.
func exitCode(e *Env, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(e.Stderr, "xeploai: %v\n", err)
		return ExitUser
	case domain.ErrorCode(err) == domain.EINTERNAL:
		fmt.Fprintf(e.Stderr, "xeploai: lỗi nội bộ: %v\n", err)
		return ExitInternal
	}
	fmt.Fprintf(e.Stderr, "xeploai: %v\n", err)
	return ExitUser
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func usage(w io.Writer) {
	fmt.Fprintf(w, `xeploai — sổ theo dõi đánh giá, xếp loại và khen thưởng đảng viên, tổ chức đảng.

Cách dùng:
  xeploai [--db TỆP]                 mở cửa sổ chương trình
  xeploai [--db TỆP] LỆNH [tham số]  chạy một lệnh

Lệnh:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n           %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(w, `
Tùy chọn chung:
  --db TỆP   tệp dữ liệu (mặc định: %s)

Thư mục dữ liệu:  %s
Thư mục sao lưu:  %s
Mã thoát: 0 thành công, 1 lỗi dữ liệu hoặc tham số (thông báo ở stderr), 2 lỗi nội bộ.
`, paths.DefaultDB(), paths.DataDir(), paths.BackupDir(paths.DefaultDB()))
}

// parseFlags parses a verb's flags wherever they stand among its positional
// arguments ("import a.xlsx --dry-run" and "import --dry-run a.xlsx").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %s", fs.Name(), flagError(fs, err))
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseOptions parses a verb that takes flags only, refusing anything else.
func parseOptions(fs *flag.FlagSet, args []string) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("%s: tham số thừa %q", fs.Name(), pos[0])
	}
	return nil
}

// requireYear refuses a verb's missing --year.
func requireYear(verb string, year int) error {
	if year == 0 {
		return usagef("%s: cần --year, ví dụ --year %d", verb, domain.Today().Year-1)
	}
	return nil
}

// checkOutput refuses a document format without -o, and an -o that must
// not be written over (a database, a folder, a device, a link) before any
// work is done.
func checkOutput(verb, format, out string) error {
	if isDocument(format) && out == "" {
		return usagef("%s: --format %s cần -o TỆP", verb, format)
	}
	if out != "" {
		if !isDocument(format) {
			return usagef("%s: -o chỉ dùng với --format pdf, xlsx hoặc csv", verb)
		}
		return safefile.CheckTarget(out)
	}
	return nil
}

// flagValueError matches the flag package's messages for a bad value.
var flagValueError = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-+([^:]+):`)

// flagError says in Vietnamese what the flag package found wrong.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return fmt.Sprintf("không có tùy chọn --%s (xem: xeploai help)", strings.TrimLeft(strings.TrimPrefix(msg, "flag provided but not defined: "), "-"))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return fmt.Sprintf("tùy chọn --%s cần một giá trị", strings.TrimLeft(strings.TrimPrefix(msg, "flag needs an argument: "), "-"))
	}
	if m := flagValueError.FindStringSubmatch(msg); m != nil {
		want := "một giá trị khác"
		if f := fs.Lookup(m[2]); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				want = "true hoặc false"
			} else if _, err := strconv.ParseFloat(f.DefValue, 64); err == nil {
				want = "một số"
			}
		}
		return fmt.Sprintf("--%s: %s không hợp lệ (cần %s)", m[2], m[1], want)
	}
	return msg
}

// openDB opens the database named by --db to write, creating it and its
// folder when missing: for the verbs that may make a new database (import,
// demo).
func openDB(g *globals) (*store.DB, error) {
	if err := paths.EnsureDir(g.db); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "", "không tạo được thư mục cho %s: %s", g.db, safefile.Cause(err))
	}
	return store.Open(g.db)
}

// openExisting opens the database named by --db to write; a path where no
// database is is an error, not a new database.
func openExisting(g *globals) (*store.DB, error) {
	return store.OpenWith(g.db, store.Options{})
}

// openRead opens the existing database named by --db for a verb that only
// reads it; a read-only file or folder is fine when no migration is needed.
func openRead(g *globals) (*store.DB, error) {
	return store.OpenWith(g.db, store.Options{ReadOnly: true})
}

// StopCleanly makes SIGINT and SIGTERM remove the temporary files being
// written (a half-made backup, export or restore) before the process ends.
func StopCleanly() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		safefile.RemoveTracked()
		code := 130
		if s == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
}

func runVersion(_ context.Context, e *Env, _ *globals, args []string) error {
	if len(args) > 0 {
		return usagef("version không nhận tham số")
	}
	fmt.Fprintf(e.Stdout, "xeploai %s (commit %s, build %s)\n", e.Build.Version, e.Build.Commit, e.Build.Date)
	return nil
}

// oneOf checks a flag value against its allowed values.
func oneOf(flagName, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	sort.Strings(allowed)
	return usagef("--%s phải là một trong: %s (không phải %q)", flagName, strings.Join(allowed, ", "), v)
}
