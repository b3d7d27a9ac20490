package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"xeploai/domain"
)

// A shared database on a PostgreSQL server: the same *DB, the same queries
// (their placeholders rewritten by pgdriver.go), its own migrations
// (migrations/postgres) and what only a server has — an advisory lock that
// makes writers from every office take turns, as SQLite's writer lock does
// on one PC, and the step of a transaction kept in the session
// (xeploai.step) for the history's trigger. What only an SQLite file has —
// the file checks, WAL, data_version, file backups and restore — stays in
// open.go, backup.go and bulk.go.

// IsServerURL reports whether target names a PostgreSQL server
// (postgres:// or postgresql://) rather than a database file.
func IsServerURL(target string) bool {
	t := strings.ToLower(strings.TrimSpace(target))
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// OpenTarget opens a database file or, for a postgres:// address, a server's
// database: what every verb and the window open.
func OpenTarget(target string, opt Options) (*DB, error) {
	if IsServerURL(target) {
		return OpenPostgres(target)
	}
	return OpenWith(target, opt)
}

// writeLock is the advisory lock every write transaction on a server takes
// first ("XPLA", as the files' application id).
const writeLock = AppID

// RedactURL is a server address fit to show, and to keep: without its
// password (which the password file gives).
func RedactURL(target string) string {
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil || u.User == nil {
		return strings.TrimSpace(target)
	}
	if _, has := u.User.Password(); has {
		u.User = url.User(u.User.Username()) // shown, and opened again through the password file
	}
	return u.String()
}

// OpenPostgres opens the xeploai database at a PostgreSQL address,
// bringing its schema up to date (an empty database gets the whole schema
// on the first connection). A server that cannot be reached, a refused
// password, a missing database or one of another program are said in
// Vietnamese, and nothing is written.
func OpenPostgres(target string) (*DB, error) {
	shown := RedactURL(target)
	cfg, err := pgx.ParseConfig(strings.TrimSpace(target))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "--db", "địa chỉ máy chủ %s không hợp lệ: cần dạng postgres://người-dùng@máy-chủ:5432/tên-cơ-sở-dữ-liệu?sslmode=require", shown)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = "xeploai"
	cfg.RuntimeParams["timezone"] = time.Local.String()
	if tz := time.Local.String(); tz == "Local" || tz == "" {
		delete(cfg.RuntimeParams, "timezone")
	}
	connector := rebindConnector{stdlib.GetConnector(*cfg, stdlib.OptionAfterConnect(lenientTypes))}
	write := sql.OpenDB(connector)
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	db := &DB{pg: true, pgcfg: cfg, path: shown, write: write, user: currentUser(), session: newSession()}
	ctx := context.Background()
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, explainPG(shown, cfg, err)
	}
	if err := db.migrate(ctx); err != nil {
		write.Close()
		return nil, explainPG(shown, cfg, err)
	}
	if err := write.QueryRowContext(ctx, `SELECT NOT (pg_has_role(current_user, c.relowner, 'MEMBER') OR r.rolsuper OR r.rolbypassrls)
		FROM pg_class c, pg_roles r WHERE c.oid = 'orgs'::regclass AND r.rolname = current_user`).Scan(&db.scoped); err != nil {
		write.Close()
		return nil, explainPG(shown, cfg, err)
	}
	read := sql.OpenDB(connector)
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	db.read = read
	return db, nil
}

// migratePG applies the pending PostgreSQL migrations, each in a write
// transaction of its own (under the write lock: two offices opening a new
// database at once do not both migrate it). A database holding tables of
// another program is refused.
func (db *DB) migratePG(ctx context.Context) error {
	var current int
	err := db.rawTx(ctx, func(tx *sql.Tx) error {
		var ours, others int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE table_name = 'schema_migrations'),
			COUNT(*) FILTER (WHERE table_name <> 'schema_migrations')
			FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&ours, &others); err != nil {
			return err
		}
		if ours == 0 && others > 0 {
			return domain.Because(ErrForeign, domain.EINVALID, "cơ sở dữ liệu %s đã có bảng của một chương trình khác, không phải của xeploai; không có gì được ghi — hãy tạo một cơ sở dữ liệu trống cho xeploai", db.path)
		}
		if ours == 0 {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
				applied_at text NOT NULL DEFAULT to_char(now(), 'YYYY-MM-DD HH24:MI:SS'))`); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current)
	})
	if err != nil {
		return err
	}
	if current > len(pgMigrations) {
		return domain.Because(ErrNewerSchema, domain.EINVALID, "cơ sở dữ liệu %s do phiên bản xeploai mới hơn tạo ra (lược đồ %d, phiên bản này biết đến %d); hãy cập nhật xeploai trên máy này — không có gì được ghi", db.path, current, len(pgMigrations))
	}
	for i, m := range pgMigrations {
		if m.version <= current {
			continue
		}
		err := db.rawTx(ctx, func(tx *sql.Tx) error {
			var done int
			// Another office may have migrated while this one waited.
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil || done > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, migrations[i].name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// explainPG says in Vietnamese why a server's database could not be used:
// the server unreachable, the password refused, the database or the role
// missing, no right to it. Errors already meant for the user pass unchanged.
func explainPG(shown string, cfg *pgx.ConnConfig, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	server := fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	if strings.HasPrefix(cfg.Host, "/") {
		server = cfg.Host
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		return domain.Because(err, domain.ECONFLICT, "mất kết nối tới máy chủ %s (máy chủ khởi động lại hoặc mạng bị ngắt); chưa có gì được ghi — hãy thử lại", server)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "42501" && strings.HasPrefix(err.Error(), "migration "):
			return domain.Because(err, domain.EINVALID, "cơ sở dữ liệu %q trên máy chủ %s cần được nâng cấp cho phiên bản xeploai này, việc chỉ chủ sở hữu của nó làm được; hãy nhờ người quản trị mở nó một lần bằng người dùng chủ sở hữu (xeploai --db postgres://<chủ sở hữu>@…)", cfg.Database, server)
		case pe.Code == "28000" && strings.Contains(pe.Message, "Peer authentication"):
			return domain.Because(err, domain.EINVALID, "máy chủ %s chỉ cho người dùng %q vào qua socket khi người dùng của máy tính này trùng tên (xác thực peer); hãy kết nối qua mạng có mật khẩu (host=localhost trong địa chỉ --db)", server, cfg.User)
		}
		switch pe.Code {
		case "28000":
			if strings.Contains(pe.Message, "does not exist") {
				return domain.Because(err, domain.EINVALID, "máy chủ %s không có người dùng %q; hãy nhờ người quản trị máy chủ tạo người dùng này (createuser) hoặc sửa tên trong địa chỉ --db", server, cfg.User)
			}
			fallthrough
		case "28P01":
			return domain.Because(err, domain.EINVALID, "máy chủ %s từ chối đăng nhập của người dùng %q (sai hoặc thiếu mật khẩu, hoặc người dùng không được phép vào cơ sở dữ liệu %q); hãy kiểm tra tên người dùng và mật khẩu (tệp ~/.pgpass hoặc biến PGPASSWORD)", server, cfg.User, cfg.Database)
		case "3D000":
			return domain.Because(err, domain.EINVALID, "trên máy chủ %s không có cơ sở dữ liệu %q; hãy tạo nó trước (createdb -O %s %s) hoặc sửa tên trong địa chỉ --db", server, cfg.Database, cfg.User, cfg.Database)
		case "42501":
			if table, ok := strings.CutPrefix(pe.Message, "new row violates row-level security policy for table "); ok {
				return domain.Because(err, domain.EINVALID, "người dùng %q chỉ được ghi trong phạm vi tổ chức được cấp (xeploai grant --list): %s nằm ngoài phạm vi đó — không có gì được ghi", cfg.User, recordsOf(strings.Trim(table, `"`)))
			}
			if table, ok := strings.CutPrefix(pe.Message, "permission denied for table "); ok && table != "schema_migrations" && table != "scopes" {
				return domain.Because(err, domain.EINVALID, "người dùng %q chỉ được xem, không được ghi — không có gì được ghi; hãy nhờ người quản trị cấp quyền sửa (xeploai grant không có --read-only)", cfg.User)
			}
			return domain.Because(err, domain.EINVALID, "người dùng %q không có quyền với cơ sở dữ liệu %q trên máy chủ %s (%s); hãy nhờ người quản trị máy chủ cấp quyền", cfg.User, cfg.Database, server, pe.Message)
		case "23505":
			// A unique value taken by a record this role may not see (another
			// office's member): the import could not match it.
			if what, ok := uniqueValues[pe.ConstraintName]; ok {
				// (The server shows the value only to whom may see the row.)
				if i, j := strings.Index(pe.Detail, ")=("), strings.LastIndex(pe.Detail, ")"); i >= 0 && j > i {
					what += " " + pe.Detail[i+3:j]
				} else {
					what = "một " + what + " đang ghi"
				}
				return domain.Because(err, domain.ECONFLICT, "%s đã có ở một bản ghi khác trên máy chủ, mà người dùng %q không thấy (ngoài phạm vi được cấp: xeploai grant); không có gì được ghi — hãy hỏi cơ quan đang quản lý bản ghi đó hoặc người quản trị", what, cfg.User)
			}
		case "53300":
			return domain.Because(err, domain.ECONFLICT, "máy chủ %s đã đủ số kết nối; hãy thử lại sau ít phút", server)
		case "57P01", "57P02", "57P03":
			return domain.Because(err, domain.ECONFLICT, "máy chủ %s đang khởi động lại hoặc tắt; chưa có gì được ghi — hãy thử lại sau ít phút", server)
		case "53100":
			return domain.Because(err, domain.EINVALID, "máy chủ %s hết chỗ trên đĩa; chưa có gì được ghi", server)
		}
		return err
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "password authentication failed"), strings.Contains(msg, "no password supplied"):
			return domain.Because(err, domain.EINVALID, "máy chủ %s từ chối đăng nhập của người dùng %q (sai hoặc thiếu mật khẩu); hãy kiểm tra mật khẩu (tệp ~/.pgpass hoặc biến PGPASSWORD)", server, cfg.User)
		case strings.Contains(msg, "does not exist") && strings.Contains(msg, "database"):
			return domain.Because(err, domain.EINVALID, "trên máy chủ %s không có cơ sở dữ liệu %q; hãy tạo nó trước (createdb -O %s %s) hoặc sửa tên trong địa chỉ --db", server, cfg.Database, cfg.User, cfg.Database)
		case strings.Contains(msg, "role") && strings.Contains(msg, "does not exist"):
			return domain.Because(err, domain.EINVALID, "máy chủ %s không có người dùng %q; hãy nhờ người quản trị tạo người dùng này", server, cfg.User)
		case strings.Contains(msg, "SSL"), strings.Contains(msg, "tls"):
			return domain.Because(err, domain.EINVALID, "không kết nối an toàn (SSL) được với máy chủ %s: %s; hãy kiểm tra tham số sslmode trong địa chỉ --db", server, lastLine(msg))
		}
		return domain.Because(err, domain.EINVALID, "không kết nối được máy chủ cơ sở dữ liệu %s (máy chủ tắt, sai địa chỉ hoặc cổng, hay mạng bị chặn): %s; chưa có gì được ghi", server, lastLine(msg))
	}
	return err
}

// uniqueValues names the unique columns by their constraints.
var uniqueValues = map[string]string{
	"members_card_no_key": "số thẻ đảng viên", "members_history_no_key": "số lý lịch", "orgs_code_key": "mã tổ chức",
}

// recordsOf names in Vietnamese what a table holds.
func recordsOf(table string) string {
	if name, ok := map[string]string{
		"orgs": "tổ chức", "org_events": "sự kiện của tổ chức", "members": "đảng viên",
		"memberships": "quá trình sinh hoạt của đảng viên", "member_ratings": "xếp loại đảng viên",
		"org_ratings": "xếp loại tổ chức", "awards": "khen thưởng", "disciplines": "kỷ luật",
		"absences": "thời gian nghỉ, miễn sinh hoạt", "party_age_gaps": "gián đoạn tuổi Đảng",
		"leaders": "chức vụ", "steps": "lịch sử thay đổi", "trash": "thùng rác", "search": "chỉ mục tìm kiếm",
		"settings": "thiết lập",
	}[table]; ok {
		return name
	}
	return table
}

// lastLine is the innermost cause of a chained message ("…: dial tcp …:
// connect: connection refused" → "connection refused"), in Vietnamese when
// it is one of the usual ones.
func lastLine(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	for en, vi := range map[string]string{
		"connection refused":        "máy chủ từ chối kết nối (PostgreSQL không chạy, hoặc không nghe ở cổng này)",
		"no such host":              "không tìm thấy máy chủ có tên này",
		"i/o timeout":               "hết thời gian chờ",
		"timeout":                   "hết thời gian chờ",
		"network is unreachable":    "không vào được mạng của máy chủ",
		"no route to host":          "không có đường tới máy chủ",
		"connection reset by peer":  "máy chủ ngắt kết nối",
		"no such file or directory": "không có máy chủ ở địa chỉ socket này",
	} {
		if strings.Contains(msg, en) {
			return vi
		}
	}
	return msg
}

// stemPath names the database for its backups' file names: the file, or on
// a server the database's name (xeploai → xeploai-20260120-….db).
func (db *DB) stemPath() string {
	if db.pg {
		return db.pgcfg.Database + ".db"
	}
	return db.path
}

// Server reports whether the database is a shared server's (PostgreSQL)
// rather than a file: restoring a file over it, and the file's folder, do
// not apply.
func (db *DB) Server() bool { return db.pg }

// backupServer writes the server's whole dataset (records, history, trash,
// settings) into a new SQLite file at path: a temporary file beside it,
// renamed into place once complete, readable by the owner only.
func (db *DB) backupServer(ctx context.Context, path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return domain.Errorf(domain.EINVALID, "", "không có thư mục %s để ghi bản sao %s", dir, filepath.Base(path))
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.sao-chep-%d", filepath.Base(path), time.Now().UnixNano()))
	remove := func() {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
	}
	file, err := OpenWith(tmp, Options{Create: true})
	if err != nil {
		remove()
		return err
	}
	err = db.CopyInto(ctx, file)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		remove()
		var de *domain.Error
		if errors.As(err, &de) {
			return err
		}
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao %s: %s", path, sqlCause(err))
	}
	return nil
}
