//go:build cgo && !ci

package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// screenSize is the primary screen's usable area (without the taskbar) in
// Fyne's units, from GLFW, which Fyne's desktop driver has initialised by
// the time the first window exists; it must run on the main thread.
func screenSize() fyne.Size {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if vm := m.GetVideoMode(); vm != nil {
			w, h = vm.Width, vm.Height
		}
	}
	scale := float32(1)
	if s := os.Getenv("FYNE_SCALE"); s != "" {
		fmt.Sscan(s, &scale)
	}
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}
