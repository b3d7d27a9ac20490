//go:build linux

package paths

import "syscall"

// remoteFS reads the file system's kind from statfs.
func remoteFS(dir string) (bool, string) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false, ""
	}
	switch uint32(st.Type) {
	case 0x6969:
		return true, "NFS"
	case 0x517B:
		return true, "SMB"
	case 0xFF534D42:
		return true, "CIFS"
	case 0xFE534D42:
		return true, "SMB2"
	case 0x65735546: // FUSE: sshfs and the like, often a share
		return true, "FUSE"
	}
	return false, ""
}
