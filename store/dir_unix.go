//go:build unix

package store

import "golang.org/x/sys/unix"

// dirWritable reports whether new files can be made in dir.
func dirWritable(dir string) bool { return unix.Access(dir, unix.W_OK) == nil }
