package postgres

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"xeploai/domain"
	"xeploai/safefile"
)

// ServerURL is the address of a database on a server, without a password:
// what --db, XEPLOAI_DB and the window's connect dialog take. A host that
// is a folder (starts with /) is a Unix socket's.
func ServerURL(host, port, database, user, sslmode string) string {
	u := url.URL{Scheme: "postgres", User: url.User(user), Path: "/" + database}
	q := url.Values{}
	if strings.HasPrefix(host, "/") {
		q.Set("host", host)
		q.Set("port", port)
	} else {
		u.Host = net.JoinHostPort(host, port)
	}
	if sslmode != "" {
		q.Set("sslmode", sslmode)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// WithPassword is target with password in it, to connect once (an empty
// password leaves target as it is: the password file is read).
func WithPassword(target, password string) string {
	u, err := url.Parse(target)
	if err != nil || password == "" || u.User == nil {
		return target
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// PasswordFile is where PostgreSQL's clients (this one through pgx, psql
// too) read passwords: $PGPASSFILE, else %APPDATA%\postgresql\pgpass.conf on
// Windows and ~/.pgpass elsewhere.
func PasswordFile() (string, error) {
	if p := os.Getenv("PGPASSFILE"); p != "" {
		return p, nil
	}
	if runtime.GOOS == "windows" {
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "postgresql", "pgpass.conf"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".pgpass"), nil
}

// PasswordFileExposed says, when the password file can be read by other
// users of this computer (on Unix: group or others may read it), which file
// and how to close it; "" when it cannot, or there is none.
func PasswordFileExposed() string {
	p, err := PasswordFile()
	if err != nil || runtime.GOOS == "windows" {
		return ""
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("tệp mật khẩu %s để người dùng khác của máy này đọc được (quyền %o); hãy chỉ để chủ đọc: chmod 600 %s", p, st.Mode().Perm(), p)
}

// SavePassword keeps a server user's password in the password file, readable
// by its owner only (0600), in place of one kept for the same server,
// port, database and user; the settings never hold it. It returns the file.
func SavePassword(host, port, database, user, password string) (string, error) {
	path, err := PasswordFile()
	if err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không tìm được thư mục nhà để ghi mật khẩu: %s", safefile.Cause(err))
	}
	if strings.HasPrefix(host, "/") {
		host = "localhost" // as libpq names a socket in the file
	}
	esc := strings.NewReplacer(`\`, `\\`, `:`, `\:`)
	key := esc.Replace(host) + ":" + esc.Replace(port) + ":" + esc.Replace(database) + ":" + esc.Replace(user) + ":"
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", domain.Errorf(domain.EINVALID, "", "không đọc được tệp mật khẩu %s: %s", path, safefile.Cause(err))
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(old))
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), key) {
			out.WriteString(sc.Text() + "\n")
		}
	}
	out.WriteString(key + esc.Replace(password) + "\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không tạo được thư mục %s: %s", filepath.Dir(path), safefile.Cause(err))
	}
	if err := safefile.Write(path, func(w io.Writer) error { _, err := w.Write(out.Bytes()); return err }); err != nil {
		return "", err
	}
	return path, os.Chmod(path, 0o600)
}
