//go:build !cgo || ci

package main

import "fyne.io/fyne/v2"

// screenSize is unknown without the desktop driver (test builds).
func screenSize() fyne.Size { return fyne.Size{} }
