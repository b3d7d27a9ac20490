#!/usr/bin/env bash
# Installs what xeploai needs to build, run and test on Debian/Ubuntu:
# the C/X11/OpenGL headers for Fyne's cgo driver, the tools the tests use
# (hunspell-vi: the Vietnamese syllables the typing tests type; postgresql:
# the store's tests run on a throwaway PostgreSQL 15 cluster too),
# and the Go modules. Safe to run again; installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev
      poppler-utils xvfb imagemagick fonts-noto-core xdotool jq hunspell-vi
      postgresql)
if [[ "${XEPLOAI_DIST:-}" == 1 ]]; then
  PKGS+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 zip unzip xz-utils binutils)
fi

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
    echo "setup: installing ${missing[*]} (apt; a few minutes the first time)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  cat >&2 <<MSG
setup: this is not a Debian/Ubuntu system. Install by hand:
  - Go 1.26 or newer
  - a C compiler and the OpenGL/X11 development headers Fyne needs
    (Fedora: gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel
     libXinerama-devel libXxf86vm-devel libxkbcommon-devel;
     macOS: Xcode command line tools; Windows: MSYS2 mingw-w64 gcc)
  - poppler (pdftotext, pdftoppm) for the tests
MSG
fi

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH=$PATH:/usr/local/go/bin
fi
command -v go >/dev/null 2>&1 || { echo "setup: Go is missing: install Go 1.26 from https://go.dev/dl/" >&2; exit 1; }
if ! go list -m -mod=mod all >/dev/null 2>&1 || [[ ! -d "$(go env GOMODCACHE)/fyne.io" ]]; then
  echo "setup: downloading the Go modules (the first time: about a minute)"
fi
go mod download
