package xeploai

import (
	"regexp"
	"testing"
)

func TestVersionFromFyneAppToml(t *testing.T) {
	if v := Version(); !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("Version() = %q, want x.y.z from FyneApp.toml", v)
	}
}
