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

//go:embed translations/vi.json
var viJSON []byte

//go:embed translations/en.json
var enJSON []byte

// Translation returns the UI strings of language code ("vi" or "en"), and
// false for a language xeploai does not speak.
func Translation(code string) ([]byte, bool) {
	switch code {
	case "vi":
		return viJSON, true
	case "en":
		return enJSON, true
	}
	return nil, false
}

// Tinos is a free Vietnamese-capable serif, metric-compatible with Times New
// Roman (fonts/LICENSE-Tinos.txt), for printed documents.
var (
	//go:embed fonts/Tinos-Regular.ttf
	TinosRegular []byte
	//go:embed fonts/Tinos-Bold.ttf
	TinosBold []byte
	//go:embed fonts/Tinos-Italic.ttf
	TinosItalic []byte
)
