//go:build !unix

package store

import (
	"os"
	"path/filepath"
)

// dirWritable reports whether new files can be made in dir: by making one.
func dirWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".xeploai-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(filepath.Clean(f.Name()))
	return true
}

// linkCount is how many names the file has: not known here.
func linkCount(os.FileInfo) uint64 { return 1 }
