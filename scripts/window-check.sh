#!/usr/bin/env bash
# Drives the real window (Fyne's desktop driver under Xvfb) with real key
# presses: another process imports a member; Ctrl+Z in the window undoes the
# import, Ctrl+Y redoes it, F5 shows it. Checks the data through the command
# line and leaves a screenshot in $OUT. Run by `make window-check`.
set -euo pipefail
BIN=${BIN:-./xeploai}
OUT=${OUT:-/tmp/xeploai-window-check}
DISPLAY_NUM=${DISPLAY_NUM:-:96}
rm -rf "$OUT"; mkdir -p "$OUT"
DB="$OUT/check.db"
"$BIN" --db "$DB" demo --members 300 >/dev/null

Xvfb "$DISPLAY_NUM" -screen 0 1280x780x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$DISPLAY_NUM
"$BIN" --db "$DB" >"$OUT/app.log" 2>&1 & app=$!
win=$(xdotool search --sync --name xeploai | head -1)
sleep 2

found() { "$BIN" --db "$DB" search "Kiểm Tra Phím" --format json | grep -c '"kind":"member"' || true; }
key() { xdotool windowactivate --sync "$win" 2>/dev/null || true; xdotool key --window "$win" "$1"; sleep 1.5; }

printf 'Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nKiểm Tra Phím,01/02/1970,03/04/1995,%s\n' \
  "$("$BIN" --db "$DB" search 'loai:tochuc chi bo' --format json | sed -n 's/.*"name":"\(Chi bộ[^"]*\)".*/\1/p' | head -1)" > "$OUT/Đảng viên.csv"
"$BIN" --db "$DB" import "$OUT/Đảng viên.csv" >/dev/null
[[ $(found) == 1 ]] || { echo "window-check: the import did not add the member"; exit 1; }

key F5
key ctrl+z
[[ $(found) == 0 ]] || { echo "window-check: Ctrl+Z in the window did not undo the import"; exit 1; }
import -window root "$OUT/after-undo.png"
key ctrl+y
[[ $(found) == 1 ]] || { echo "window-check: Ctrl+Y in the window did not redo the import"; exit 1; }
import -window root "$OUT/after-redo.png"
echo "window-check: Ctrl+Z undid and Ctrl+Y redid another process's import in the real window; screenshots in $OUT"
