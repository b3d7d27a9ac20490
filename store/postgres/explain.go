package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"xeploai/domain"
)

// Explain says in Vietnamese why a server's database could not be used:
// the server unreachable, the password refused, the database or the role
// missing, no right to it. Errors already meant for the user pass unchanged.
func Explain(shown string, cfg *pgx.ConnConfig, err error) error {
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
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
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
			if pe.Hint == "xeploai_step" {
				return domain.Because(err, domain.EINVALID, "người dùng %q ghi mà không qua một bước của lịch sử: mọi thay đổi của một cơ quan phải là một bước của lịch sử, ghi bằng xeploai — không có gì được ghi", cfg.User)
			}
			if strings.HasPrefix(pe.Message, "permission denied for schema") || strings.HasPrefix(pe.Message, "permission denied for database") {
				return domain.Because(err, domain.EINVALID, "người dùng %q chưa được cấp, hoặc không còn được cấp, phần nào của cơ sở dữ liệu %q; hãy nhờ người quản trị (người dùng chủ sở hữu) cấp bằng xeploai grant %s --org <mã tổ chức>", cfg.User, cfg.Database, cfg.User)
			}
			if table, ok := strings.CutPrefix(pe.Message, "new row violates row-level security policy for table "); ok {
				return domain.Because(err, domain.EINVALID, "người dùng %q chỉ được ghi trong phạm vi tổ chức được cấp (xeploai grant --list): %s nằm ngoài phạm vi đó — không có gì được ghi", cfg.User, RecordsOf(strings.Trim(table, `"`)))
			}
			if table, ok := strings.CutPrefix(pe.Message, "permission denied for table "); ok && table != "schema_migrations" && table != "scopes" {
				return domain.Because(err, domain.EINVALID, "người dùng %q không được ghi vào đây (chỉ được xem, hoặc không còn được cấp quyền) — không có gì được ghi; hãy nhờ người quản trị kiểm tra (xeploai grant --list)", cfg.User)
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
		case "55P03":
			return domain.Because(err, domain.ECONFLICT, "máy chủ %s đang bận: một cơ quan khác đang ghi một lượng lớn dữ liệu (nhập tệp, hoàn tác); chưa có gì được ghi — hãy thử lại sau ít phút", server)
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

// RecordsOf names in Vietnamese what a table holds.
func RecordsOf(table string) string {
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
