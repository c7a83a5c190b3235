#!/usr/bin/env bash
# Fault tests on the release binary (`make faults`; `.ci/run` runs them): a run killed with -9 at
# each failpoint, two runs at once, a read-only output directory, a full file system, a 1 GB
# single line and a 500 MB quoted CSV field. Each check says `ok`, `FAIL` or `skip` (with why);
# the script exits 1 when any check failed. The huge inputs are generated here, never committed.
#
# Needs: the release `vox` (VOX= overrides), bash, coreutils, /usr/bin/time. The read-only and
# full-disk checks mount a small tmpfs, which needs root (or CAP_SYS_ADMIN); without it they
# fall back to chmod (read-only, as a non-root user) or are skipped with a message.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
VOX=${VOX:-$root/.build/release/vox}
DEMO=$root/pipelines/demo.yml
# Memory a reader may use on a huge record: the record limit (16 MiB) and the buffers around it,
# far below the sizes of the inputs (1 GB, 500 MB). A streaming bug shows up as gigabytes.
MAX_RSS_KB=${MAX_RSS_KB:-400000}

[ -x "$VOX" ] || { echo "faults: $VOX not found; run make build first" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vox-faults.XXXXXX")
mounts=()
cleanup() {
  for mount in "${mounts[@]+"${mounts[@]}"}"; do umount "$mount" 2>/dev/null; done
  chmod -R u+w "$work" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0 skipped=0
ok() { echo "faults: ok   $1"; passed=$((passed + 1)); }
fail() { echo "faults: FAIL $1" >&2; failed=$((failed + 1)); }
skip() { echo "faults: skip $1"; skipped=$((skipped + 1)); }

# The as_of date of the run a reader sees in DIR.
as_of() { grep -o '"as_of" *: *"[0-9-]*"' "$1/trend.json" | grep -o '[0-9]\{4\}-[0-9-]*'; }

# What killed runs may leave behind (staging directories, half-made links); must be none
# after the next run.
leftovers() { find "$1.runs" "$(dirname "$1")" -maxdepth 1 -name '.*' ! -name '.' ! -name '..' | head -5; }

# Waits until PID has stopped itself at its failpoint (state T) or has exited; 60 s at most.
wait_stopped() {
  local pid=$1 state
  for _ in $(seq 600); do
    state=$(sed 's/.*) \(.\).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
    [ "$state" = T ] || [ "$state" = t ] && return 0
    [ "$state" = Z ] && return 1
    sleep 0.1
  done
  return 1
}

# Mounts a tmpfs of SIZE at DIR; false (and nothing mounted) when not permitted.
mount_tmpfs() {
  mkdir -p "$2"
  mount -t tmpfs -o "size=$1" vox-faults "$2" 2>/dev/null || return 1
  mounts+=("$2")
}

# --- kill -9 at each failpoint ------------------------------------------------------------------
for point in locked reading scoring writing versioned switched; do
  dir=$work/kill-$point
  out=$dir/out
  mkdir -p "$dir"
  "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-01 --quiet >/dev/null || { fail "kill -9 at $point: the first run failed"; continue; }
  cp -rL "$out" "$dir/before"
  VOX_STOP_AT=$point "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-02 --quiet >/dev/null 2>"$dir/stderr" &
  pid=$!
  if ! wait_stopped "$pid"; then
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    fail "kill -9 at $point: the run never reached $point"; continue
  fi
  same_during=$(diff -r "$dir/before" "$out" >/dev/null && echo yes || echo no)
  kill -9 "$pid"; wait "$pid" 2>/dev/null; status=$?
  problem=""
  [ "$status" = 137 ] || problem="exit $status, not 137"
  if [ "$point" = switched ]; then
    [ "$(as_of "$out")" = 2026-01-02 ] || problem="after the switch readers do not see the new run"
  else
    [ "$same_during" = yes ] || problem="a reader saw changed outputs while the run was stopped"
    diff -r "$dir/before" "$out" >/dev/null || problem="the previous outputs changed"
  fi
  if [ -z "$problem" ]; then
    "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-03 --quiet >/dev/null 2>"$dir/next" || problem="the next run failed: $(cat "$dir/next")"
  fi
  [ -z "$problem" ] && [ "$(as_of "$out")" != 2026-01-03 ] && problem="the next run's outputs are not in place"
  [ -z "$problem" ] && [ -n "$(leftovers "$out")" ] && problem="leftovers after the next run: $(leftovers "$out" | tr '\n' ' ')"
  if [ -z "$problem" ]; then ok "kill -9 at $point: previous outputs intact, next run succeeds"; else fail "kill -9 at $point: $problem"; fi
done

# --- two runs at once ---------------------------------------------------------------------------
# Big enough (200,000 rows) that the first run still holds the lock when the second starts.
dir=$work/concurrent
mkdir -p "$dir"
awk 'BEGIN { print "id,comment"; for (i = 0; i < 200000; i++) printf "%d,The courier left parcel %d at the wrong door again\n", i, i }' >"$dir/survey.csv"
printf 'name: concurrent\nsources:\n  - {name: survey, format: csv, path: survey.csv, fields: {id: id, text: comment}}\noutputs: {directory: out}\n' >"$dir/p.yml"
"$VOX" run "$dir/p.yml" --as-of 2026-01-01 --quiet >/dev/null 2>"$dir/a.err" & a=$!
"$VOX" run "$dir/p.yml" --as-of 2026-01-01 --quiet >/dev/null 2>"$dir/b.err" & b=$!
wait $a; sa=$?
wait $b; sb=$?
statuses=$(printf '%s\n%s\n' "$sa" "$sb" | sort | tr '\n' ' ')
if [ "$statuses" = "0 4 " ] && grep -qh "pid [0-9]*, started" "$dir/a.err" "$dir/b.err" && [ -f "$dir/out/report.md" ]; then
  ok "two runs at once: one ran (exit 0), the other exited 4 naming the holder"
else
  fail "two runs at once: exit statuses $statuses; stderr: $(cat "$dir/a.err" "$dir/b.err" | head -c 400)"
fi

# --- a read-only output directory ---------------------------------------------------------------
dir=$work/readonly
mkdir -p "$dir"
how=""
if mount_tmpfs 16m "$dir/fs"; then
  how=mount
elif [ "$(id -u)" != 0 ]; then
  mkdir -p "$dir/fs"; how=chmod
fi
if [ -z "$how" ]; then
  skip "read-only output directory: cannot mount a tmpfs here and chmod does not stop root"
else
  out=$dir/fs/out
  "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-01 --quiet >/dev/null
  cp -rL "$out" "$dir/before"
  if [ "$how" = mount ]; then mount -o remount,ro "$dir/fs"; else chmod -R a-w "$dir/fs"; fi
  "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-02 --quiet >/dev/null 2>"$dir/stderr"; status=$?
  if [ "$status" = 1 ] && grep -q "$out" "$dir/stderr" && diff -r "$dir/before" "$out" >/dev/null; then
    ok "read-only output directory ($how): exit 1 naming $out, previous outputs intact — $(head -c 200 "$dir/stderr" | tr '\n' ' ')"
  else
    fail "read-only output directory ($how): exit $status; stderr: $(head -c 400 "$dir/stderr")"
  fi
fi

# --- a full file system -------------------------------------------------------------------------
dir=$work/full
mkdir -p "$dir"
if mount_tmpfs 4m "$dir/fs"; then
  out=$dir/fs/out
  "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-01 --quiet >/dev/null
  cp -rL "$out" "$dir/before"
  # Fill what is left, then run: some output cannot be written.
  dd if=/dev/zero of="$dir/fs/filler" bs=64k 2>/dev/null
  "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-02 --quiet >/dev/null 2>"$dir/stderr"; status=$?
  problem=""
  [ "$status" = 1 ] || problem="exit $status, not 1"
  grep -q "No space left" "$dir/stderr" && grep -q "$out" "$dir/stderr" || problem="$problem; the message does not name the path and the cause"
  diff -r "$dir/before" "$out" >/dev/null || problem="$problem; the previous outputs changed"
  [ -z "$(find "$out.runs" -maxdepth 1 -name '.staging-*')" ] || problem="$problem; a staging directory was left"
  rm -f "$dir/fs/filler"
  "$VOX" run "$DEMO" --out "$out" --as-of 2026-01-03 --quiet >/dev/null 2>&1 || problem="$problem; the run after freeing space failed"
  if [ -z "$problem" ]; then
    ok "full file system (4 MB tmpfs): exit 1 naming the path, previous outputs intact, next run succeeds — $(head -c 200 "$dir/stderr" | tr '\n' ' ')"
  else
    fail "full file system: ${problem#; }; stderr: $(head -c 400 "$dir/stderr")"
  fi
else
  skip "full file system: cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN)"
fi

# --- huge records, generated on the fly -----------------------------------------------------------
# Each: the huge record is one located reject, the records around it are read, memory stays
# bounded. Prints the time and peak memory of the run.
huge() { # name format file reason line
  local name=$1 format=$2 file=$3 reason=$4 line=$5 dir
  dir=$(dirname "$file")
  printf 'name: huge\nsources:\n  - {name: %s, format: %s, path: %s, fields: {id: id, text: comment}}\noutputs: {directory: out-%s, max_reject_ratio: 1}\n' \
    "$name" "$format" "$(basename "$file")" "$name" >"$dir/$name.yml"
  /usr/bin/time -f '%e %M' -o "$dir/$name.time" "$VOX" run "$dir/$name.yml" --as-of 2026-01-01 --quiet >"$dir/$name.out" 2>"$dir/$name.err"
  local status=$? seconds rss
  read -r seconds rss <"$dir/$name.time"
  local rejects=$dir/out-$name/rejects.jsonl problem=""
  [ "$status" = 0 ] || problem="exit $status: $(head -c 300 "$dir/$name.err")"
  grep -q "^$name: read 3, accepted 2, rejected 1" "$dir/$name.out" || problem="$problem; expected read 3, accepted 2, rejected 1: $(head -c 200 "$dir/$name.out")"
  grep -q "\"line\":$line,.*\"reason\":\"$reason\"" "$rejects" 2>/dev/null || problem="$problem; no $reason reject at line $line"
  [ "$rss" -le "$MAX_RSS_KB" ] || problem="$problem; peak memory $rss KB exceeds $MAX_RSS_KB KB"
  local size
  size=$(du -m "$file" | cut -f1)
  if [ -z "$problem" ]; then
    ok "$name ($size MB): $reason reject at line $line, the rows after it read; ${seconds} s, peak memory $((rss / 1024)) MB"
  else
    fail "$name: ${problem#; }"
  fi
  rm -f "$file"
}
dir=$work/huge
mkdir -p "$dir"
{
  printf '{"id":"a","comment":"short"}\n{"id":"b","comment":"'
  head -c 1073741824 /dev/zero | tr '\0' 'x'
  printf '"}\n{"id":"c","comment":"after"}\n'
} >"$dir/line.jsonl"
huge line-1GB json "$dir/line.jsonl" record_too_large 2
{
  printf 'id,comment\n1,short\n2,"'
  # 19 bytes a line, inside quotes: an escaped quote, a comma and a line break, 27.6 million times.
  yes 'a "" quoted, field' | head -n 27594105
  printf '"\n3,after\n'
} >"$dir/field.csv"
huge field-500MB csv "$dir/field.csv" field_too_large 3

echo "faults: $passed ok, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
