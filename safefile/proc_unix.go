//go:build unix

package safefile

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs (or may: a
// process of another user answers EPERM).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT)
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// pathCause says in words what is wrong with a path.
func pathCause(err error) string {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return "một phần của đường dẫn là tệp, không phải thư mục"
	case errors.Is(err, syscall.ELOOP):
		return "các liên kết (symlink) trỏ vòng vào nhau"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "tên tệp hoặc đường dẫn quá dài"
	case errors.Is(err, syscall.EISDIR):
		return "đó là một thư mục"
	case errors.Is(err, syscall.EBUSY), errors.Is(err, syscall.ETXTBSY):
		return "tệp đang được dùng"
	}
	return ""
}
