#!/usr/bin/env bash
# make bench: end-to-end speed and memory of `vox run` on generated feedback, against `wc -w`.
#
#   N=1000000 FORMATS="csv jsonl xml" THREADS= scripts/bench.sh
#
# Generates (once, deterministically) N feedback messages per format under
# .build/bench/feedback-v1-N/ with `vox-bench generate`, then for each format runs the generated
# pipeline with `vox run` and `wc -w` on the same file, both under /usr/bin/time -v with the file
# already in the page cache, and prints one line per format: records/s, MB/s, wall and CPU
# seconds, peak RSS, the wc time and the ratio to the issue-9 targets. Figures depend on the
# machine and its load (printed above the table); this is a measurement, not a test.
#
# Each run's figures are kept in .build/bench/results-N.tsv. With N=10000000 the 10M CSV run is
# bracketed by a 1M CSV run just before and just after it, and its time is compared with both
# and with their mean (target: at most 11 times): on a shared machine the 1M time alone moves
# by a tenth within minutes, so one 1M run from earlier says little.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

N=${N:-1000000}
FORMATS=${FORMATS:-csv jsonl xml}
SWIFT=${SWIFT:-swift}
THREADS=${THREADS:-}
# wc counts multibyte characters as a UTF-8 locale does; pinned so that the reference does not
# depend on the caller's locale.
export LC_ALL=C.UTF-8

"$SWIFT" build -c release --product vox >&2
"$SWIFT" build -c release --product vox-bench >&2
dir=$(.build/release/vox-bench generate --records "$N" --formats "${FORMATS// /,}")

# Runs a command under /usr/bin/time -v; prints "WALL CPU RSS_KB".
measure() {
    local log
    log=$(mktemp)
    if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.err"; then
        echo "bench: failed: $*" >&2
        cat "$log.err" "$log" >&2
        exit 1
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
        /User time/ { u = $2 }
        /System time/ { s = $2 }
        /Maximum resident set size/ { r = $2 }
        END { printf "%.2f %.2f %d\n", w, u + s, r }' "$log"
    rm -f "$log" "$log.err"
}

threads_option=()
[ -n "$THREADS" ] && threads_option=(--threads "$THREADS")

# The 1M CSV runs that bracket a 10M run: prints "WALL CPU" of a fresh 1M CSV run.
one_million_csv() {
    N=1000000 FORMATS=csv BENCH_BRACKET=1 "$self" >&2
    awk '$1 == "csv" { print $2, $3 }' .build/bench/results-1000000.tsv
}
bracketed=""
if [ "$N" = 10000000 ] && [ -z "${BENCH_BRACKET:-}" ]; then
    bracketed=1
    echo "the 1M CSV run before:" >&2
    read -r before_wall before_cpu < <(one_million_csv)
fi

echo "vox run on $N generated records, $(nproc) cores, threads: ${THREADS:-one per core}; load before: $(uptime | sed 's/.*load average/load average/')"
printf '%-6s %9s %8s %7s %7s %10s %7s %8s %8s %7s %7s %9s\n' \
    format records MB wall_s cpu_s records/s MB/s RSS_MB wc-w_s x_wc target RSS≤256
results=".build/bench/results-$N.tsv"
: >"$results"
for format in $FORMATS; do
    file="$dir/feedback.$format"
    bytes=$(stat -c %s "$file")
    cat "$file" >/dev/null
    rm -rf "$dir/out-$format"
    read -r wall cpu rss < <(measure .build/release/vox run "$dir/$format.yml" --as-of 2026-02-01 --quiet "${threads_option[@]}")
    read -r wc_wall _ _ < <(measure wc -w "$file")
    target=$(case $format in csv) echo 1.5 ;; jsonl) echo 2.5 ;; xml) echo 3 ;; esac)
    awk -v f="$format" -v n="$N" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v wc="$wc_wall" -v t="$target" 'BEGIN {
        ww = (w > 0 ? w : 0.01); ratio = w / (wc > 0 ? wc : 0.01)
        printf "%-6s %9d %8.1f %7.2f %7.2f %10.0f %7.1f %8.1f %8.2f %7.2f %7s %9s\n",
            f, n, b / 1e6, w, c, n / ww, b / 1e6 / ww, r / 1024, wc, ratio,
            (ratio <= t ? "ok" : "over") " " t, (r / 1024 <= 256 ? "ok" : "over")
    }'
    printf '%s\t%s\t%s\t%s\n' "$format" "$wall" "$cpu" "$rss" >>"$results"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"

if [ -n "$bracketed" ]; then
    echo "the 1M CSV run after:" >&2
    read -r after_wall after_cpu < <(one_million_csv)
    ten=$(awk '$1 == "csv" { print $2 }' "$results")
    ten_cpu=$(awk '$1 == "csv" { print $3 }' "$results")
    rss=$(awk '$1 == "csv" { print $4 }' "$results")
    # The CPU ratio beside the wall ratio: on a machine shared with other work the wall time
    # of either run moves with the load, its CPU time less.
    awk -v ten="$ten" -v tencpu="$ten_cpu" -v b="$before_wall" -v a="$after_wall" -v bc="$before_cpu" -v ac="$after_cpu" -v rss="$rss" 'BEGIN {
        mean = (a + b) / 2; meancpu = (ac + bc) / 2
        printf "10M CSV: %.2f s = %.2f x the 1M run before (%.2f s), %.2f x the one after (%.2f s), %.2f x their mean (target <= 11: %s); CPU %.2f s = %.2f x the mean 1M CPU (%.2f s); peak RSS %.1f MB (target <= 512: %s)\n",
            ten, ten / b, b, ten / a, a, ten / mean, (ten / mean <= 11 ? "ok" : "over"), tencpu, tencpu / meancpu, meancpu,
            rss / 1024, (rss / 1024 <= 512 ? "ok" : "over")
    }'
fi
