# Vox: two commands set everything up on a fresh Debian machine with Swift:
#   make demo   build and run the demo pipeline (prints where report.md is)
#   make test   run the test suite
SWIFT ?= swift
PREFIX ?= /usr/local
VOX := .build/release/vox

.PHONY: all deps lexicons build debug demo test bench-readers install clean

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

# Reader throughput on generated ~100 MB files (written once under .build/bench/): MB/s per
# reader, parse only and parse + field mapping. A measurement, not a test; figures vary by machine.
bench-readers: deps
	$(SWIFT) build -c release --product vox-bench
	.build/release/vox-bench readers --size 100

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(VOX) $(DESTDIR)$(PREFIX)/bin/vox

clean:
	rm -rf .build out
