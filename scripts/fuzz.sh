#!/usr/bin/env bash
# `make fuzz SECONDS=N`: builds the libFuzzer targets in Fuzz/ (address sanitizer on) and runs
# each for N seconds (default 60) on a corpus seeded from the test fixtures and from
# Fuzz/regressions/TARGET/ (inputs that once crashed, kept). Prints the executions per target.
# A crash stops the script with exit 1 and names the input libFuzzer saved; copy it into
# Fuzz/regressions/TARGET/; Tests/VoxTests/FuzzRegressionTests.swift replays every kept input in make test.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
scratch=$root/.build-fuzz

(cd Fuzz && swift build -c debug --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | grep -v "Cannot export local symbol") \
  || { echo "fuzz: the build failed" >&2; exit 1; }
bin=$scratch/debug

# Seeds: fixture files by extension (CSV readers also get TSV; the parser gets every pipeline).
seed() { # target find-arguments...
  local target=$1
  shift
  mkdir -p "$scratch/corpus/$target" "$root/Fuzz/regressions/$target"
  find "$root/Tests/VoxTests/Fixtures" "$root/pipelines" -type f \( "$@" \) -size -200k -exec cp -n {} "$scratch/corpus/$target/" \;
}
seed csv -name '*.csv' -o -name '*.tsv'
seed json -name '*.json' -o -name '*.jsonl'
seed xml -name '*.xml' -o -name '*.xml.template'
seed pipeline -name '*.yml' -o -name '*.yaml'

status=0
for target in csv json xml pipeline; do
  case $target in csv) exe=FuzzCSV ;; json) exe=FuzzJSON ;; xml) exe=FuzzXML ;; pipeline) exe=FuzzPipeline ;; esac
  mkdir -p "$scratch/crashes/$target"
  log=$scratch/$target.log
  "$bin/$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$scratch/crashes/$target/" "$scratch/corpus/$target" "$root/Fuzz/regressions/$target" >"$log" 2>&1
  code=$?
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1)
  corpus=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1)
  if [ "$code" = 0 ]; then
    echo "fuzz: $exe: ${runs:-no summary} ($corpus)"
  else
    status=1
    echo "fuzz: $exe FAILED (exit $code): $(grep -m1 -E 'ERROR|Fatal error|deadly signal|timeout' "$log")" >&2
    echo "fuzz:   input saved: $(ls -t "$scratch/crashes/$target" | head -1 | sed "s|^|$scratch/crashes/$target/|"); log: $log" >&2
  fi
done
rm -f /dev/shm/vox-fuzz-*
exit $status
