package app

// The tests drive the window from one goroutine: what the window does in
// the background runs at once (see background).
func init() { background = func(work func()) { work() } }
