# Vox: two commands set everything up on a fresh Debian machine with Swift:
#   make demo   build and run the demo pipeline (prints where report.md is)
#   make test   run the test suite
SWIFT ?= swift
PREFIX ?= /usr/local
VOX := .build/release/vox

.PHONY: all deps lexicons build debug demo test faults fuzz bench bench-10m bench-readers bench-sentiment bench-empathy bench-micro profile eval install clean

all: build

# System libraries (libxml2's headers); installs nothing when pkg-config already finds them.
deps:
	@scripts/install-deps.sh

# Regenerates the Swift source that embeds lexicons/ in the binary (only when they changed).
lexicons:
	@scripts/embed-lexicons.sh

build: deps lexicons
	$(SWIFT) build -c release --product vox

debug: deps lexicons
	$(SWIFT) build

demo: build
	$(VOX) run pipelines/demo.yml

test: deps lexicons
	$(SWIFT) test

# Fault tests on the release binary (scripts/faults.sh): kill -9 at each failpoint, two runs at
# once, a read-only output directory, a full tmpfs (skipped with a message where it cannot be
# mounted), a 1 GB line and a 500 MB quoted CSV field generated on the fly (needs ~1.6 GB in /tmp).
faults: build
	scripts/faults.sh

# libFuzzer targets (Fuzz/, a separate package built with the address sanitizer under
# .build-fuzz/): the CSV, JSON and XML readers and the pipeline-file parser, each run SECONDS
# seconds on corpora seeded from the test fixtures (scripts/fuzz.sh). Not part of make test.
SECONDS ?= 60
fuzz: deps lexicons
	FUZZ_SECONDS=$(SECONDS) scripts/fuzz.sh

# End-to-end speed and memory: `vox run` on N generated records (default 1,000,000; `N=` overrides)
# as CSV, JSON Lines and XML under .build/bench/, each beside `wc -w` on the same file
# (scripts/bench.sh). A measurement, not a test; figures vary by machine and load.
N ?= 1000000
bench: deps lexicons
	N=$(N) SWIFT=$(SWIFT) scripts/bench.sh

# Ten million CSV records: linear growth and memory (compared with 1M CSV runs just before and after).
bench-10m: deps lexicons
	N=10000000 FORMATS=csv SWIFT=$(SWIFT) scripts/bench.sh

# Reader throughput on generated ~100 MB files (written once under .build/bench/): MB/s per
# reader, parse only and parse + field mapping. A measurement, not a test; figures vary by machine.
bench-readers: deps
	$(SWIFT) build -c release --product vox-bench
	.build/release/vox-bench readers --size 100

# Micro-benchmarks (ordo-one/benchmark): tokenizer, sentiment, empathy, phrase extraction, cluster
# assignment and the three readers on generated data. Benchmarks/ is its own package (like Fuzz/),
# so make test and CI never build the benchmark framework; it builds under Benchmarks/.build.
bench-micro: deps lexicons
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark run --no-progress

# Where the instructions go, by stage: `vox run` under valgrind's callgrind on PROFILE_N generated
# records (default 100,000) of FORMAT (csv, jsonl or xml); see docs/PERFORMANCE.md (scripts/profile.sh).
PROFILE_N ?= 100000
FORMAT ?= csv
profile: deps lexicons
	N=$(PROFILE_N) FORMAT=$(FORMAT) SWIFT=$(SWIFT) scripts/profile.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(VOX) $(DESTDIR)$(PREFIX)/bin/vox

clean:
	rm -rf .build out

# Empathy scoring speed on one core: generated agent replies, default patterns (replies/s).
bench-empathy: deps lexicons
	$(SWIFT) build -c release --product vox-bench
	.build/release/vox-bench empathy

# Sentiment scoring speed on one core: tweet-length generated texts, default lexicons (texts/s).
bench-sentiment: deps lexicons
	$(SWIFT) build -c release --product vox-bench
	.build/release/vox-bench sentiment

# Sentiment figures on the development set, when it is present beside the repository (it is not
# part of it): Pearson r and binary F1 per domain. Then clustering figures (NMI, ARI, purity) on
# the labelled complaint sample in pipelines/eval/.
EVAL_SET ?= ../shared/data/sentiment-dev/ratings-dev.tsv
eval: build
	@if [ -f "$(EVAL_SET)" ]; then $(VOX) eval "$(EVAL_SET)" --text text --gold mean_rating --by domain; \
	else echo "make eval: $(EVAL_SET) not found; no sentiment figures (set EVAL_SET=FILE)"; fi
	@echo
	$(VOX) eval pipelines/eval/complaints-labelled.tsv --clusters --text text --gold category --by industry
