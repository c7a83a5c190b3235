#!/usr/bin/env bash
# make profile: where `vox run` spends its instructions, by stage, measured with valgrind's
# callgrind (instruction counts: stable on a machine shared with other builds, unlike time).
#
#   N=100000 FORMAT=csv scripts/profile.sh        # generate, build, profile, summarise
#   scripts/profile.sh --summary FILE.out         # summarise an existing callgrind output
#
# Runs the release `vox run` with one scoring thread on N generated records (`vox-bench
# generate`, the `make bench` input) and prints the stages' shares of all instructions and the
# top functions by their own instructions. The full profile stays in
# .build/profile/callgrind-FORMAT-N.out for `callgrind_annotate`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Inclusive instructions of the costliest function whose symbol matches each pattern (Swift emits
# thunks and specialisations of one function under several symbols, so the largest is taken),
# summed per stage. Stages do not nest: each pattern is the outermost call of its stage.
summary() {
    local file=$1
    callgrind_annotate --inclusive=yes --threshold=100 "$file" 2>/dev/null | awk '
        function count(text) { gsub(",", "", text); return text + 0 }
        /PROGRAM TOTALS/ { total = count($1) }
        / \?\?\?:|:[^ ]*\(/ {
            n = count($1)
            for (p in pattern) if (index($0, pattern[p]) && n > best[p]) best[p] = n
        }
        BEGIN {
            # The engine is built on two threads: the initialiser (sentiment lexicons, taxonomy)
            # and, beside it, its closure that builds the empathy automaton.
            pattern["startup"] = "13ScoringEngineV7scoring10clustering18backgroundSamplingAcA0C7OptionsV_AA010ClusteringI0VSitKcfCTf"
            pattern["startupEmpathy"] = "SitKcfc0aC013EmpathyScorer"
            pattern["ingest"] = "14SourceIngestorV3run8onRecord"
            pattern["mapping"] = "12RecordMapperV3map_8location"
            # A record redacted in place (`redact(_: inout FeedbackRecord)`).
            pattern["redaction"] = "11PIIRedactorV6redactyy0A5Model14FeedbackRecordVzF"
            pattern["engine"] = "13ScoringEngineV5score"
            pattern["sentiment"] = "15SentimentScorerV5score_7explain"
            pattern["empathy"] = "13EmpathyScorerV5score_7context"
            # Replies in conversations: the score and the mentions from one scan.
            pattern["empathyMentions"] = "13EmpathyScorerV16scoreAndMentions"
            pattern["cues"] = "13ScoringEngineV4cues3for"
            pattern["add"] = "13RunAggregatorV3add_"
            pattern["merge"] = "13RunAggregatorV5merge"
            pattern["finish"] = "13RunAggregatorV6finish"
            pattern["body"] = "11RecordsJSONO10appendBody"
            pattern["members"] = "11RecordsJSONO20appendClusterMembers"
            pattern["append"] = "12RecordsSpillC6append"
            pattern["spill"] = "12RecordsSpillC6finish"
            pattern["render"] = "11ReportFilesO6render"
        }
        END {
            stage["startup: lexicons and taxonomy"] = best["startup"]
            stage["startup, second thread: empathy automaton"] = best["startupEmpathy"]
            stage["reading and parsing"] = best["ingest"] - best["mapping"]
            stage["field mapping"] = best["mapping"]
            stage["redaction"] = best["redaction"]
            stage["sentiment"] = best["sentiment"]
            stage["empathy (scores and conversation cues)"] = best["empathy"] + best["empathyMentions"] + best["cues"]
            stage["clustering: phrase extraction and taxonomy"] = best["engine"] - best["sentiment"] - best["empathy"] - best["empathyMentions"]
            stage["aggregation"] = best["add"] + best["merge"] + best["finish"]
            stage["records.jsonl"] = best["body"] + best["members"] + best["append"] + best["spill"]
            stage["reports rendered"] = best["render"]
            accounted = 0
            for (s in stage) accounted += stage[s]
            stage["everything else (threads, copies, writing files)"] = total - accounted
            printf "%-52s %16s %7s\n", "stage", "instructions", "share"
            while (length(stage) > 0) {
                top = ""
                for (s in stage) if (top == "" || stage[s] > stage[top]) top = s
                printf "%-52s %16.0f %6.1f%%\n", top, stage[top], 100 * stage[top] / total
                delete stage[top]
            }
            printf "%-52s %16.0f %6.1f%%\n", "total", total, 100
        }'
    echo
    echo "top functions by their own instructions:"
    callgrind_annotate --threshold=100 "$file" 2>/dev/null | awk '/^-+$/ { rule++ } rule >= 4 && /\?\?\?:|\.c:|\.S:/' | head -15 |
        sed -E 's/ *\[[^]]*\]$//; s/\?\?\?://' | cut -c1-150
}

if [ "${1:-}" = "--summary" ]; then
    summary "$2"
    exit 0
fi

N=${N:-100000}
FORMAT=${FORMAT:-csv}
SWIFT=${SWIFT:-swift}
"$SWIFT" build -c release --product vox >&2
"$SWIFT" build -c release --product vox-bench >&2
dir=$(.build/release/vox-bench generate --records "$N" --formats "$FORMAT")
mkdir -p .build/profile
# valgrind 3.19 stops at the DWARF 5 debug information Swift 6 writes; the symbol table left by
# --strip-debug names every function, which is all the summary needs.
objcopy --strip-debug .build/release/vox .build/profile/vox
out="$PWD/.build/profile/callgrind-$FORMAT-$N.out"
rm -rf "$dir/out-$FORMAT" "$dir/out-$FORMAT.runs"
(cd "$dir" && valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$out" \
    "$OLDPWD/.build/profile/vox" run "$FORMAT.yml" --as-of 2026-02-01 --quiet --threads 1 >/dev/null 2>"$out.log")
echo "vox run on $N $FORMAT records, one scoring thread, under callgrind ($out)"
summary "$out"
