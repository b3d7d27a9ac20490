//go:build !linux && !windows && !darwin && !freebsd

package paths

func remoteFS(string) (bool, string) { return false, "" }
