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
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"xeploai/domain"
	"xeploai/paths"
	"xeploai/safefile"
	"xeploai/store"
	"xeploai/store/postgres"
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
	// GUI opens the main window on the database at path ("": none was
	// named, the window chooses); nil where there is no GUI (tests).
	GUI func(dbPath string) error
	// Ctx is cancelled when the user stops the command (Ctrl+C, SIGTERM);
	// nil is a context that never is.
	Ctx context.Context
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
		{"import", "FILE... [--dry-run] [--sheet NAME] [--map \"TIÊU-ĐỀ=CỘT\"]...", "nhập tệp .xlsx hoặc .csv (tất cả hoặc không gì cả); chạy thử liệt kê từng thay đổi", runImport},
		{"export", "[--org MÃ|TÊN] FILE.xlsx | THƯ-MỤC", "xuất toàn bộ dữ liệu (hoặc một tổ chức và các tổ chức trực thuộc) ra một tệp .xlsx, hoặc các tệp .csv vào một thư mục", runExport},
		{"summary", "--year Y [--org MÃ|TÊN] [--format text|json|pdf|xlsx|csv] [-o TỆP]", "số liệu tổng hợp xếp loại cho hội nghị; báo cáo in được", runSummary},
		{"check", "--year Y [--org MÃ|TÊN] [--format text|json]", "kiểm tra xếp loại theo quy định của năm", runCheck},
		{"awards", "--kind consecutive|year --year Y [--years N] | --kind badge [--occasion YYYY-MM-DD] [--postponed] [--group members|cells|grassroots] [--format text|json|pdf|xlsx|csv] [-o TỆP]\n" +
			"           [--document decision|proposal|certificates|list|calibration --decision-no SỐ --decision-date NGÀY --signer TÊN --signer-title CHỨC VỤ --blank]\n" +
			"           [--recorded --decision-no SỐ --document …]", "danh sách đề nghị khen thưởng, huy hiệu Đảng; quyết định, tờ trình, giấy khen", runAwards},
		{"search", "TỪ-KHÓA… [--limit N] [--format text|json]", "tìm đảng viên, tổ chức, khen thưởng (không cần dấu; bộ lọc chibo: sinh: xeploai: trangthai: loai:)", runSearch},
		{"backup", "[TỆP]", "sao lưu (mặc định vào thư mục sao lưu) và in đường dẫn", runBackup},
		{"restore", "TỆP", "khôi phục từ bản sao lưu (sao lưu dữ liệu hiện tại trước)", runRestore},
		{"copy", "NGUỒN ĐÍCH", "chép toàn bộ dữ liệu (cả lịch sử) giữa hai cơ sở dữ liệu — tệp hoặc máy chủ postgres://…; đích phải trống", runCopy},
		{"grant", "NGƯỜI-DÙNG --org MÃ [--read-only] | NGƯỜI-DÙNG --revoke [--org MÃ] | --list", "trên máy chủ: cho người dùng PostgreSQL của một cơ quan chỉ xem và sửa một tổ chức cùng các tổ chức trực thuộc (máy chủ giữ giới hạn)", runGrant},
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
		if errors.Is(err, flag.ErrHelp) {
			usage(e.Stdout, "")
			return ExitOK
		}
		fmt.Fprintf(e.Stderr, "xeploai: %s\n\n", flagError(fs, err))
		usage(e.Stderr, "")
		return ExitUser
	}
	if *help {
		usage(e.Stdout, g.db)
		return ExitOK
	}
	dbSet := false
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	if dbSet && strings.TrimSpace(g.db) == "" {
		return exitCode(e, usagef("--db cần đường dẫn tới tệp dữ liệu (để trống thì không biết mở tệp nào); bỏ --db để dùng tệp mặc định %s", paths.DefaultDB()))
	}
	if !dbSet && g.db == "" {
		g.db = strings.TrimSpace(os.Getenv("XEPLOAI_DB")) // e.g. the shared server of every PC of an office
	}
	if g.db == "~" || strings.HasPrefix(g.db, "~/") || strings.HasPrefix(g.db, `~\`) {
		return exitCode(e, usagef("--db %s: dấu ~ chưa được thay bằng thư mục nhà (đặt đường dẫn trong ngoặc kép làm shell không thay nó); hãy viết đường dẫn đầy đủ", g.db))
	}
	if g.db == "" {
		g.db = paths.DefaultDB()
	}
	ctx := e.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	// What the verb prints must reach its reader: a full disk or a closed
	// pipe under stdout is an error, not a silent success.
	out := &checkedWriter{w: e.Stdout}
	e.Stdout = out
	rest := fs.Args()
	if len(rest) == 0 {
		if e.GUI == nil {
			usage(e.Stderr, g.db)
			return ExitUser
		}
		if !dbSet && os.Getenv("XEPLOAI_DB") == "" {
			// The window chooses: the shared server it opened last, else
			// the default file.
			return exitCode(e, e.GUI(""))
		}
		return exitCode(e, e.GUI(g.db))
	}
	verb, rest := rest[0], rest[1:]
	if verb == "help" {
		usage(e.Stdout, g.db)
		return ExitOK
	}
	for _, c := range commands {
		if c.name == verb {
			if verb != "version" {
				warnRemote(e, g.db)
			}
			err := c.run(ctx, e, g, rest)
			var he helpRequested
			switch {
			case errors.As(err, &he):
				fmt.Fprintf(out.w, "xeploai %s %s\n    %s\n", c.name, c.args, c.summary)
				return ExitOK
			case err == nil && out.err != nil:
				err = out.err
			case err != nil && ctx.Err() != nil:
				fmt.Fprintln(e.Stderr, "xeploai: đã dừng theo yêu cầu (Ctrl+C); việc đang làm dở không được ghi")
				return ExitStopped
			case err != nil && !errors.As(err, new(*outputError)):
				err = store.Explain(g.db, err)
			}
			return exitCode(e, err)
		}
	}
	fmt.Fprintf(e.Stderr, "xeploai: không có lệnh %q\n\n", verb)
	usage(e.Stderr, g.db)
	return ExitUser
}

// warnRemote says, once, that a database on a network share is at risk.
func warnRemote(e *Env, db string) {
	if postgres.IsURL(db) {
		if w := postgres.PasswordFileExposed(); w != "" {
			fmt.Fprintf(e.Stderr, "chú ý: %s\n", w)
		}
		return // a server, made for sharing
	}
	if remote, kind := paths.Remote(db); remote {
		fmt.Fprintf(e.Stderr, "chú ý: %s\n", RemoteWarning(db, kind))
	}
}

// RemoteWarning explains why a database on a network share is at risk and
// what to do instead (the window says the same).
func RemoteWarning(db, kind string) string {
	return fmt.Sprintf("tệp dữ liệu %s nằm trên ổ mạng (%s). SQLite chỉ an toàn khi mọi chương trình dùng tệp ở cùng một máy: hai máy cùng mở một tệp trên ổ mạng có thể làm hỏng dữ liệu. Hãy chép tệp về ổ của máy này và dùng ở đó. Để nhiều máy cùng làm trên một bộ dữ liệu, hãy đặt nó trên một máy chủ PostgreSQL (xeploai copy tệp postgres://…, rồi mỗi máy mở bằng --db postgres://… hoặc Tệp › Mở cơ sở dữ liệu dùng chung…; xem README, “Dùng chung một cơ sở dữ liệu”), hoặc một máy giữ tệp và các máy khác gửi danh sách bằng Excel (xeploai export --org, import)", db, kind)
}

// ExitStopped is the exit code of a command the user stopped (as a shell
// gives for Ctrl+C).
const ExitStopped = 130

// ExitPipe is the exit code of a command whose reader closed the pipe
// before all was written (as a shell gives for SIGPIPE).
const ExitPipe = 141

// checkedWriter keeps the first error writing to the command's output.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = &outputError{err}
		return n, c.err
	}
	return n, nil
}

// outputError is a failure to write the command's output (stdout): a full
// disk under a redirection, a closed pipe.
type outputError struct{ err error }

func (o *outputError) Error() string {
	return "không ghi được kết quả ra đầu ra (stdout): " + safefile.Cause(o.err) + " — kết quả không đầy đủ"
}

func (o *outputError) Unwrap() error { return o.err }

// helpRequested is a verb's -h or --help.
type helpRequested struct{}

func (helpRequested) Error() string { return "help" }

// exitCode prints err and returns the exit code it deserves.
func exitCode(e *Env, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	var oe *outputError
	switch {
	case errors.As(err, &oe) && errors.Is(oe.err, syscall.EPIPE):
		// The reader went away (`| head`): it has what it wanted; the
		// exit says the output was cut, as a shell's for SIGPIPE, with no
		// message to alarm.
		return ExitPipe
	case errors.As(err, &oe):
		fmt.Fprintf(e.Stderr, "xeploai: %v\n", oe)
		return ExitUser
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

// usage prints the help; db is the database in use, whose backup folder it
// names ("" for the default).
func usage(w io.Writer, db string) {
	if db == "" {
		db = paths.DefaultDB()
	}
	fmt.Fprintf(w, `xeploai — sổ theo dõi đánh giá, xếp loại và khen thưởng đảng viên, tổ chức đảng.

Cách dùng:
  xeploai [--db TỆP|postgres://…]                 mở cửa sổ chương trình
  xeploai [--db TỆP|postgres://…] LỆNH [tham số]  chạy một lệnh

Lệnh:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n           %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(w, `
Tùy chọn chung:
  --db TỆP   tệp dữ liệu (mặc định: %s), hoặc cơ sở dữ liệu dùng chung trên máy chủ
             PostgreSQL: postgres://người-dùng@máy-chủ:5432/tên?sslmode=require
             (mật khẩu trong tệp ~/.pgpass); không có --db thì dùng biến XEPLOAI_DB nếu có

Thư mục dữ liệu:  %s
Thư mục sao lưu:  %s
Mã thoát: 0 thành công, 1 lỗi dữ liệu hoặc tham số (thông báo ở stderr), 2 lỗi nội bộ.
`, paths.DefaultDB(), paths.DataDir(), backupDir(db))
}

// parseFlags parses a verb's flags wherever they stand among its positional
// arguments ("import a.xlsx --dry-run" and "import --dry-run a.xlsx").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpRequested{}
			}
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
		if err := checkFileName("-o", out); err != nil {
			return err
		}
		return safefile.CheckTarget(out)
	}
	return nil
}

// checkFileName refuses an output name that is most likely a typing
// mistake — blank, with spaces around it, or a flag ("-o --org") — and
// one whose folder is not there.
func checkFileName(flagName, path string) error {
	base := filepath.Base(path)
	switch {
	case strings.TrimSpace(path) == "" || strings.TrimSpace(base) != base:
		return usagef("%s %q: tên tệp trống hoặc có khoảng trắng ở đầu hay cuối; có phải gõ nhầm?", flagName, path)
	case strings.HasPrefix(base, "-"):
		return usagef("%s %q: tên tệp bắt đầu bằng dấu '-' (có phải là một tùy chọn đặt nhầm chỗ?)", flagName, path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return usagef("%s %s: không có thư mục %s", flagName, path, filepath.Dir(path))
	}
	return nil
}

// inferFormat takes a document's format from -o's extension when --format
// was not given ("-o baocao.pdf").
func inferFormat(fs *flag.FlagSet, format *string, out string) {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "format" })
	if !set && out != "" {
		if f := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), "."); isDocument(f) {
			*format = f
		}
	}
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

// openNew opens the database named by --db to write, creating it and its
// folders when missing: for the verbs that may make a new database (import,
// demo). undo removes what this made — the file, the folders — for a
// command that fails or is stopped.
func openNew(g *globals) (db *store.DB, undo func(), err error) { return openNewAt(g.db) }

// openNewAt is openNew for the database at target (a file or a server).
func openNewAt(target string) (db *store.DB, undo func(), err error) {
	if postgres.IsURL(target) {
		db, err = store.OpenPostgres(target)
		return db, func() {}, err
	}
	_, statErr := os.Stat(target)
	made, err := mkdirs(filepath.Dir(target))
	if err != nil {
		return nil, nil, domain.Errorf(domain.EINVALID, "", "không tạo được thư mục cho %s: %s", target, safefile.Cause(err))
	}
	if db, err = store.Open(target); err != nil {
		rmdirs(made)
		return nil, nil, err
	}
	undo = func() {}
	if errors.Is(statErr, os.ErrNotExist) {
		undo = func() {
			db.Close()
			safefile.Remove(target)
			rmdirs(made)
		}
	}
	return db, undo, nil
}

// mkdirs makes dir and the folders above it that are missing (owner only),
// and returns those it made, deepest first.
func mkdirs(dir string) ([]string, error) {
	var made []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		made = append(made, d)
	}
	return made, os.MkdirAll(dir, 0o700)
}

// rmdirs removes the folders mkdirs made, if nothing was put in them.
func rmdirs(made []string) {
	for _, d := range made {
		os.Remove(d)
	}
}

// openExisting opens the database named by --db to write; a path where no
// database is is an error, not a new database.
func openExisting(g *globals) (*store.DB, error) {
	return store.OpenTarget(g.db, store.Options{})
}

// openRead opens the existing database named by --db for a verb that only
// reads it; a read-only file or folder is fine when no migration is needed.
func openRead(g *globals) (*store.DB, error) {
	return store.OpenTarget(g.db, store.Options{ReadOnly: true})
}

// backupDir is where automatic backups of the database go: beside the file,
// or for a shared server in this PC's own backup folder.
func backupDir(db string) string {
	if postgres.IsURL(db) {
		return paths.BackupDir(paths.DefaultDB())
	}
	return paths.BackupDir(db)
}

// StopCleanly returns a context that SIGINT or SIGTERM cancels: the running
// command stops, its transaction rolls back, its temporary files and any
// database it made go, and it says so. A command that has not ended five
// seconds later is ended, its temporary files removed first. A closed pipe
// under the output is an error to report, not a signal that kills.
func StopCleanly() context.Context {
	signal.Ignore(syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		cancel()
		select {
		case <-sigs:
		case <-time.After(5 * time.Second):
		}
		safefile.RemoveTracked()
		code := ExitStopped
		if s == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
	return ctx
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
	if v == "" {
		return usagef("cần --%s, một trong: %s", flagName, strings.Join(allowed, ", "))
	}
	return usagef("--%s phải là một trong: %s (không phải %q)", flagName, strings.Join(allowed, ", "), v)
}
