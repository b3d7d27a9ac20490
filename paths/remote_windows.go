//go:build windows

package paths

import (
	"path/filepath"
	"syscall"
	"unsafe"
)

var getDriveType = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

// remoteFS asks Windows whether the drive is a network drive (a mapped
// share: DRIVE_REMOTE).
func remoteFS(dir string) (bool, string) {
	root := filepath.VolumeName(dir) + `\`
	p, err := syscall.UTF16PtrFromString(root)
	if err != nil {
		return false, ""
	}
	const driveRemote = 4
	if t, _, _ := getDriveType.Call(uintptr(unsafe.Pointer(p))); t == driveRemote {
		return true, "ổ đĩa mạng"
	}
	return false, ""
}
