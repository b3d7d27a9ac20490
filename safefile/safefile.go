// Package safefile writes files that hold personal data: readable by the
// owner only (mode 0600), and in place only once complete and synced.
package safefile

import (
	"io"
	"os"
	"path/filepath"

	"xeploai/domain"
)

// Write creates path through write: into a temporary file beside it, synced,
// then renamed over path, so that a crash never leaves half a file.
func Write(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".xeploai-*.tmp")
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được vào %s: %v", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
