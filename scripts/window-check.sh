#!/usr/bin/env bash
# make window-check: drives the real window (Fyne's desktop driver under
# Xvfb) with real key presses and clicks (xdotool), at 1366×768 and at
# 1024×700, and checks what happened through the window's trace lines
# (XEPLOAI_TRACE=1, one line per user action) and the database through the
# command line. Screenshots of each step go to $OUT/<size>-<step>.png.
set -euo pipefail
BIN=${BIN:-./xeploai}
BIN=$(readlink -f "$BIN")
OUT=${OUT:-/tmp/xeploai-window-check-${DISPLAY_NUM:-96}}
SIZES=${SIZES:-"1366x768 1024x700"}
rm -rf "$OUT"; mkdir -p "$OUT"

SIZE= TRACE= DB= app= xvfb=
cleanup() { [[ -n $app ]] && kill "$app" 2>/dev/null; [[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null; true; }
trap cleanup EXIT

fail() {
  echo "window-check ($SIZE): $*" >&2
  echo "--- last trace lines:" >&2; tail -15 "$TRACE" >&2 || true
  import -window root "$OUT/$SIZE-failed.png" 2>/dev/null || true
  echo "--- screenshot: $OUT/$SIZE-failed.png" >&2
  exit 1
}
cli() { "$BIN" --db "$DB" "$@"; }
shot() { import -window root "$OUT/$SIZE-$1.png"; }
mark() { MARK=$(wc -l <"$TRACE"); }
# waitfor PATTERN [SECONDS]: a trace line after the mark matches PATTERN.
waitfor() {
  local pat=$1 t=${2:-10} i=0
  until tail -n +"$((MARK + 1))" "$TRACE" | grep -qE -- "$pat"; do
    sleep 0.1; i=$((i + 1))
    ((i < t * 10)) || fail "no trace line matching /$pat/ within ${t}s"
  done
}
# absent PATTERN SECONDS: no trace line after the mark matches PATTERN.
absent() {
  sleep "$2"
  if tail -n +"$((MARK + 1))" "$TRACE" | grep -qE -- "$1"; then fail "unexpected trace line /$1/"; fi
}
key() { mark; xdotool key --delay 80 "$@"; }
typ() { xdotool type --delay "${2:-60}" -- "$1"; }
esc_re() { printf '%s' "$1" | sed 's/[][\.*^$(){}?+|/]/\\&/g'; }

run_size() {
  SIZE=$1
  local w=${SIZE%x*} h=${SIZE#*x} disp=:${DISPLAY_NUM:-96}
  local dir="$OUT/$SIZE"; mkdir -p "$dir/home/Documents"
  DB="$dir/check.db" TRACE="$dir/trace.log"; : >"$TRACE"; MARK=0
  cli demo --members 300 --seed 7 >/dev/null
  cli config typing telex >/dev/null # the built-in Vietnamese input (below)

  # What the checks look for, read through the command line.
  local members; members=$(cli search nguyen --format json --limit 50 | jq -r '.results[] | select(.kind == "member") | select(.detail | test("thẻ [0-9]+$")) | [.name, (.detail | capture("thẻ (?<c>[0-9]+)$").c)] | @tsv')
  local name1 card1 name2 card2
  IFS=$'\t' read -r name1 card1 < <(echo "$members" | awk -F'\t' 'seen[$1]++ == 0' | sed -n 3p)
  IFS=$'\t' read -r name2 card2 < <(echo "$members" | awk -F'\t' 'seen[$1]++ == 0' | sed -n 9p)
  local ascii1; ascii1=$(printf '%s' "$name1" | iconv -f utf-8 -t ascii//TRANSLIT | tr '[:upper:]' '[:lower:]')
  local cell; cell=$(cli search "loai:tochuc chi bo" --format json --limit 200 | jq -r '[.results[] | select(.name | test("^Chi bộ"))][0].name')
  [[ -n $name1 && -n $card1 && -n $name2 && -n $cell ]] || fail "demo data lacks what the checks need"

  Xvfb "$disp" -screen 0 "${SIZE}x24" >/dev/null 2>&1 & xvfb=$!
  sleep 1
  export DISPLAY=$disp
  HOME="$dir/home" XEPLOAI_TRACE=1 "$BIN" --db "$DB" >"$dir/app.log" 2>"$TRACE" & app=$!
  waitfor '^ready "Đảng viên" [0-9]+$' 30
  xdotool search --sync --onlyvisible --name xeploai >/dev/null
  xdotool mousemove $((w / 2)) $((h / 2))
  sleep 0.5
  local geo; geo=$(xdotool search --name xeploai getwindowgeometry | sed -n 's/.*Geometry: //p' | head -1)
  [[ ${geo%x*} -le $w && ${geo#*x} -le $h ]] || fail "the window ($geo) is larger than the screen ($SIZE)"
  shot start

  # Search, typed slowly (a key every 250 ms), opened with Enter.
  key ctrl+f; typ "$ascii1" 250
  waitfor "^search \"$(esc_re "$ascii1")\" [1-9][0-9]*$"
  local first; first=$(cli search "$ascii1" --format json | jq -r '.results[0].detail' | sed -n 's/.*thẻ \([0-9]*\)$/\1/p')
  shot search-slow
  key Return
  waitfor "^open member $first$"
  waitfor "^dialog \"$(esc_re "$name1")\"$"
  shot member-page
  # Another process rates the member while the page is open: the page shows
  # it by itself, in place, and stays open.
  printf 'Năm,Số thẻ đảng viên,Xếp loại\n2026,%s,Hoàn thành xuất sắc nhiệm vụ\n' "$first" >"$dir/xep-loai-2026.csv"
  mark
  cli import "$dir/xep-loai-2026.csv" >/dev/null 2>&1
  waitfor '^refresh member page$' 3
  absent '^closed ' 0.5
  shot member-page-refreshed
  key Escape
  waitfor "^closed \"$(esc_re "$name1")\"$"

  # Search, typed fast (a key every 15 ms), opened with a click on the
  # result. (xdotool's typing of letters outside the keyboard map, such as
  # "ễ", loses keys under Xvfb whatever the speed, so names are typed as
  # users type them without diacritics, or through Telex.)
  local ascii2; ascii2=$(printf '%s' "$name2" | iconv -f utf-8 -t ascii//TRANSLIT | tr '[:upper:]' '[:lower:]')
  key ctrl+f; typ "$ascii2" 15
  waitfor "^search \"$(esc_re "$ascii2")\" [1-9][0-9]*$"
  local card; card=$(cli search "$ascii2" --format json | jq -r '.results[0].detail' | sed -n 's/.*thẻ \([0-9]*\)$/\1/p')
  shot search-fast
  mark
  local sx sy; read -r sx sy < <(search_result_position)
  xdotool mousemove "$sx" "$sy" click 1
  waitfor "^open member $card$"
  key Escape
  waitfor '^closed '

  # A new member typed into the form: an impossible date is refused (Enter
  # does not save), a right one saves.
  local asciicell; asciicell=$(printf '%s' "$cell" | iconv -f utf-8 -t ascii//TRANSLIT | tr '[:upper:]' '[:lower:]')
  key ctrl+f; typ "loai:tochuc $asciicell" 20
  waitfor "^search \"loai:tochuc $(esc_re "$asciicell")\" [1-9]"
  key Return
  waitfor '^open org '
  key ctrl+n
  waitfor '^dialog "Thêm đảng viên'
  typ "Kiem Tra Cua So" 40
  key Tab; typ "31/02/1980" 40
  shot form-bad-date
  key Return
  absent '^save member' 1
  key ctrl+a; typ "12/03/1975" 40
  key Tab Tab; typ "19/05/2000" 40
  key Tab; typ "19/05/2001" 40
  key Tab; typ "99887766" 40
  shot form-filled
  key Return
  waitfor '^save member 99887766$'
  waitfor '^closed "Thêm đảng viên'
  [[ $(cli search "Kiem Tra Cua So" --format json | jq '[.results[] | select(.kind == "member" and .name == "Kiem Tra Cua So")] | length') == 1 ]] \
    || fail "the member typed into the form is not in the database"

  # Vietnamese typed with the built-in Telex input (set through the command
  # line above): a member's name in the form (the cell is still the one
  # opened above), then the same keys in the search box; Ctrl+Shift
  # switches to English and back. A click on the status bar then leaves the
  # search box, so that the keys below reach the window.
  key ctrl+n
  waitfor '^dialog "Thêm đảng viên'
  typ "Nguyeenx Vawn Ddoongf" 40
  key Tab; typ "12/03/1975" 40
  key Tab Tab; typ "19/05/2000" 40
  shot form-telex
  key Return
  waitfor '^closed "Thêm đảng viên'
  [[ $(cli search "Nguyễn Văn Đồng" --format json | jq --arg cell "$cell" '[.results[] | select(.kind == "member" and .name == "Nguyễn Văn Đồng" and (.detail | contains($cell)))] | length') == 1 ]] \
    || fail "the name typed \"Nguyeenx Vawn Ddoongf\" into the form was not saved as Nguyễn Văn Đồng in $cell"
  key ctrl+f; typ "Nguyeenx Vawn Ddoongf" 40
  waitfor '^search "Nguyễn Văn Đồng" 1$'
  shot search-telex
  key ctrl+shift
  key ctrl+a; typ "Nguyeenx" 40
  waitfor '^search "Nguyeenx" 0$'
  key ctrl+shift
  key Escape
  local tx ty; read -r tx ty < <(status_bar_position)
  xdotool mousemove "$tx" "$ty" click 1; sleep 0.3

  # Rating keys on the cell's sheet (the window opens on the rating year:
  # 2025 from the 2026 season on, QĐ 366), each saved at once, and the live
  # panel citing that year's rules.
  key ctrl+2
  waitfor '^ready "Xếp loại" [0-9]+$'
  local year; year=$(grep -oE '^findings [0-9]{4} ' "$TRACE" | tail -1 | cut -d' ' -f2)
  [[ -n $year ]] || fail "the rating sheet traced no findings line"
  local k lvl
  for k in 1:HTXSNV 2:HTTNV 3:HTNV 4:KHTNV x:HTXSNV t:HTTNV h:HTNV k:KHTNV; do
    key "${k%%:*}"; waitfor "^rate [0-9#]+ $year ${k#*:}$"
  done
  key Up Up; key Delete; waitfor "^rate [0-9#]+ $year none$"
  key 0; waitfor '^dialog "Lý do không xếp loại'
  shot reason-dialog
  key 1; waitfor "^rate [0-9#]+ $year none$"; waitfor '^closed "Lý do không xếp loại'
  key Up; key 2; waitfor "^rate [0-9#]+ $year HTTNV$"
  key Up; key d; waitfor '^dialog "Điểm'
  typ "60" 60; key Return
  waitfor "^rate [0-9#]+ $year HTTNV$"
  waitfor "^rated [0-9#]+ $year score 60 other none$"
  if ((year >= 2025)); then
    # 60 points for "tốt" (and, before the score, a level with none): the
    # panel's finding cites QĐ 366 (traced when the findings change).
    sleep 0.5
    grep -q '^finding score-level "QĐ 366-QĐ/TW, Điều 11"$' "$TRACE" || fail "no score-level finding citing QĐ 366, Điều 11"
  fi
  # Opened again, the old score is selected: what is typed replaces it.
  key d; waitfor '^dialog "Điểm'
  typ "75" 75; key Return
  waitfor "^rated [0-9#]+ $year score 75 other none$"
  # The civil-service rating from the keyboard: C, then the level's digit.
  key c; waitfor '^dialog "Xếp loại công chức'
  key 2; waitfor "^rated [0-9#]+ $year score 75 other HTTNV$"
  waitfor '^closed "Xếp loại công chức'
  # Everyone excellent: over the 20% quota, cited from the year's texts.
  key Home
  for _ in $(seq 1 40); do xdotool key 1; done
  sleep 1
  waitfor '^finding quota "'
  local quota; quota=$(grep '^finding quota ' "$TRACE" | tail -1)
  if ((year >= 2025)); then
    [[ $quota =~ (366|43) && ! $quota =~ "HD 21" ]] || fail "the $year quota cites: $quota"
  fi
  shot ratings
  # The years before, with PageUp: the panel follows each year's rule set.
  local y=$((year - 1)) want
  while ((y >= 2021)); do
    mark; xdotool key Prior
    waitfor "^findings $y [0-9]+$"
    key Home; for _ in $(seq 1 40); do xdotool key 1; done; sleep 1
    case $y in 2023|2024) want='QĐ 124|HD 25';; 2019|2020|2021|2022) want='HD 21';; *) want='.';; esac
    waitfor "^finding quota \"[^\"]*($want)"
    y=$((y - 1))
  done
  shot ratings-2021

  # Tabs from the keyboard, each shown and then ready.
  local i=1
  for t in "Đảng viên" "Xếp loại" "Kiểm tra" "Khen thưởng" "Đề nghị khen thưởng" "Báo cáo"; do
    key "ctrl+$i"; waitfor "^tab \"$t\"$"; waitfor "^ready \"$t\" [0-9]+$" 30
    i=$((i + 1))
  done
  shot report

  # Print the report to PDF: the dialog proposes a name with the
  # organisation and the year in the Documents folder; Enter writes it.
  key ctrl+p
  waitfor '^dialog "In / Xuất văn bản"$'
  shot print-dialog
  key Return
  waitfor '^written .*bao-cao-xep-loai-.*\.pdf$' 30
  local pdf; pdf=$(grep '^written ' "$TRACE" | tail -1 | cut -d' ' -f2-)
  [[ $pdf == "$dir/home/Documents/"* ]] || fail "the report went to $pdf, not the Documents folder"
  pdftotext "$pdf" - | grep -q "kết quả đánh giá, xếp loại chất lượng" || fail "$pdf does not read as the year report"
  shot printed
  key Escape
  waitfor '^closed '

  # Ctrl+I opens the file to import; Esc leaves it.
  key ctrl+i
  waitfor '^dialog "Mở Tệp"$'
  shot import-dialog
  key Escape
  waitfor '^closed "Mở Tệp"$'

  # Another process imports a member; F5 shows it, Ctrl+Z in the window
  # undoes the import (after asking: it is not the window's own step),
  # Ctrl+Y redoes it.
  printf 'Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nKiểm Tra Phím,01/02/1970,03/04/1995,%s\n' "$cell" >"$dir/Đảng viên.csv"
  mark
  cli import "$dir/Đảng viên.csv" >/dev/null
  # The open window sees another process's write by itself, within 2 s.
  waitfor '^refresh foreign$' 3
  found() { cli search "Kiểm Tra Phím" --format json | jq '[.results[] | select(.kind == "member")] | length'; }
  [[ $(found) == 1 ]] || fail "the import did not add the member"
  key F5; sleep 1
  # A text field with the keyboard keeps Ctrl+Z for its own text: a click on
  # the status bar leaves it.
  local bx by; read -r bx by < <(status_bar_position)
  xdotool mousemove "$bx" "$by" click 1; sleep 0.3
  # The import is another process's step: the window names it and asks;
  # Enter says yes.
  key ctrl+z
  waitfor '^dialog "Hoàn tác bước của nơi khác\?"$'
  [[ $(found) == 1 ]] || fail "Ctrl+Z undid another process's import before asking"
  shot undo-asks
  key Return; sleep 1.5
  [[ $(found) == 0 ]] || fail "Ctrl+Z and Enter in the window did not undo the import"
  shot after-undo
  key ctrl+y
  waitfor '^dialog "Làm lại bước của nơi khác\?"$'
  key Return; sleep 1.5
  [[ $(found) == 1 ]] || fail "Ctrl+Y and Enter in the window did not redo the import"

  kill "$app" "$xvfb" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app= xvfb=
  echo "window-check ($SIZE): search typed slowly and fast (Enter, click), an open member page refreshed by another process's write, rating keys (a score typed over the old one, C then a digit), member form with a wrong and a right date, Telex typing in the form and the search box (Ctrl+Shift: English), Ctrl+F/N/I/P/1…6/Z/Y, F5, Esc, printing; screenshots in $OUT"
}

# search_result_position prints where the first search result is on the
# screen: under the search box, which spans the top bar.
search_result_position() {
  local wid; wid=$(xdotool search --name xeploai | head -1)
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  echo "$((X + WIDTH / 2)) $((Y + 88))"
}

# status_bar_position prints a point on the status bar, at the window's foot.
status_bar_position() {
  local wid; wid=$(xdotool search --name xeploai | head -1)
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  echo "$((X + 60)) $((Y + HEIGHT - 12))"
}

for s in $SIZES; do run_size "$s"; done
