//go:build windows

package safefile

import (
	"errors"
	"os"
	"syscall"
)

// processAlive reports whether a process with this id runs: on Windows,
// FindProcess opens a handle, which fails for a process that has ended.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

const (
	errorDiskFull       syscall.Errno = 112 // ERROR_DISK_FULL
	errorHandleDiskFull syscall.Errno = 39  // ERROR_HANDLE_DISK_FULL
	errorWriteProtect   syscall.Errno = 19  // ERROR_WRITE_PROTECT
)

func isNoSpace(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}

func isReadOnlyFS(err error) bool { return errors.Is(err, errorWriteProtect) }

func pathCause(error) string { return "" }
