//go:build !unix && !windows

package safefile

func processAlive(int) bool   { return true }
func isNoSpace(error) bool    { return false }
func isReadOnlyFS(error) bool { return false }

func pathCause(error) string { return "" }
