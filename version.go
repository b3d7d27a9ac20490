// Package xeploai holds what the whole module shares at its root: the
// application metadata of FyneApp.toml, embedded so that every build, the
// ones `fyne package` makes included, knows its version.
package xeploai

import (
	_ "embed"
	"strings"
)

//go:embed FyneApp.toml
var fyneApp string

// Version is the version in FyneApp.toml ([Details] Version).
func Version() string {
	for _, line := range strings.Split(fyneApp, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(k) == "Version" {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return "dev"
}
