package paths

import (
	"os"
	"path/filepath"
	"strings"
)

// Remote says whether path is on a network share (a UNC path, a mapped
// network drive, an SMB/CIFS or NFS mount), and which: SQLite in WAL mode
// keeps its shared memory beside the file and needs every process on one
// machine — over a share, two PCs can damage the database. The variable
// XEPLOAI_REMOTE_PREFIXES (paths separated by the list separator) marks
// more folders as remote, for tests and for shares the system does not
// report.
func Remote(path string) (bool, string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	for _, p := range filepath.SplitList(os.Getenv("XEPLOAI_REMOTE_PREFIXES")) {
		if p != "" && strings.HasPrefix(abs, p) {
			return true, "XEPLOAI_REMOTE_PREFIXES"
		}
	}
	if strings.HasPrefix(path, `\\`) || strings.HasPrefix(path, "//") {
		return true, "UNC"
	}
	// The nearest existing folder says where the file is (or would be).
	dir := filepath.Dir(abs)
	for {
		if _, err := os.Stat(dir); err == nil || dir == filepath.Dir(dir) {
			break
		}
		dir = filepath.Dir(dir)
	}
	return remoteFS(dir)
}
