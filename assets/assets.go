// Package assets embeds the files xeploai ships inside its binary: the
// application icon (and, as they come, fonts and translations with their
// licences).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon: a yellow star on red.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
