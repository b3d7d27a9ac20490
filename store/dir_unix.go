//go:build unix

package store

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// dirWritable reports whether new files can be made in dir.
func dirWritable(dir string) bool { return unix.Access(dir, unix.W_OK) == nil }

// linkCount is how many names (hard links) the file has.
func linkCount(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}
