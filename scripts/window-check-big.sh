#!/usr/bin/env bash
# make window-check-big: the real window (Xvfb) on a 500,000-member
# database; switches every tab with Ctrl+1…6 and prints, for each, the time
# from the key press to the tab being shown (trace line `tab`) and to its
# content being complete (`ready`, measured in the window). The database is
# made once (about a minute) and kept in $BIGDB.
set -euo pipefail
BIN=$(readlink -f "${BIN:-./xeploai}")
BIGDB=${BIGDB:-/tmp/xeploai-big-500k.db}
MEMBERS=${MEMBERS:-500000}
OUT=${OUT:-/tmp/xeploai-window-check-big}
DISPLAY_NUM=${DISPLAY_NUM:-95}
rm -rf "$OUT"; mkdir -p "$OUT/home"
if [[ ! -s $BIGDB ]]; then
  echo "window-check-big: making $BIGDB ($MEMBERS members, about a minute)"
  "$BIN" --db "$BIGDB" demo --members "$MEMBERS" >/dev/null
fi
TRACE="$OUT/trace.log"; : >"$TRACE"
Xvfb ":$DISPLAY_NUM" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=:$DISPLAY_NUM
HOME="$OUT/home" XEPLOAI_TRACE=1 "$BIN" --db "$BIGDB" >"$OUT/app.log" 2>"$TRACE" & app=$!
now() { date +%s%3N; }
# waitline FROM PATTERN: milliseconds from FROM until a line after $mark matches.
waitline() {
  local from=$1 pat=$2
  for _ in $(seq 1 6000); do
    if tail -n +"$((mark + 1))" "$TRACE" | grep -qE -- "$pat"; then echo $(($(now) - from)); return; fi
    sleep 0.01
  done
  echo "timeout"; return 1
}
mark=0
start=$(now)
echo "window-check-big: window ready after $(waitline "$start" '^ready ') ms"
xdotool mousemove 683 384
printf '%-22s %12s %12s %14s %14s\n' tab "key→tab ms" "key→ready ms" "tab→ready ms" "tab→first ms"
i=1
for t in "Đảng viên" "Xếp loại" "Kiểm tra" "Khen thưởng" "Đề nghị khen thưởng" "Báo cáo"; do
  [[ $i == 1 ]] && { xdotool key ctrl+2; sleep 2; }
  mark=$(wc -l <"$TRACE"); t0=$(now)
  xdotool key "ctrl+$i"
  shown=$(waitline "$t0" "^tab \"$t\"$")
  ready=$(waitline "$t0" "^ready \"$t\" [0-9]+$")
  inapp=$(tail -n +"$((mark + 1))" "$TRACE" | grep -E "^ready \"$t\" " | tail -1 | awk '{print $NF}')
  first=$(tail -n +"$((mark + 1))" "$TRACE" | grep -E "^first \"$t\" " | tail -1 | awk '{print $NF}' || true)
  printf '%-22s %12s %12s %14s %14s\n' "$t" "$shown" "$ready" "$inapp" "${first:-—}"
  import -window root "$OUT/tab-$i.png"
  i=$((i + 1))
done
echo "window-check-big: screenshots in $OUT"
