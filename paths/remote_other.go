//go:build darwin || freebsd

package paths

import "syscall"

// remoteFS reads the file system's name (macOS, FreeBSD).
func remoteFS(dir string) (bool, string) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false, ""
	}
	var b []byte
	for _, c := range st.Fstypename {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	switch name := string(b); name {
	case "smbfs", "nfs", "afpfs", "webdav", "cifs":
		return true, name
	}
	return false, ""
}
