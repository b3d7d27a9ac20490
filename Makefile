# xeploai — build, run and test. `make run` installs what is missing and opens
# the app; `make test` runs every test (no display, no cgo needed).

GO      ?= go
export PATH := $(PATH):/usr/local/go/bin
# Tests run under a fixed locale so that nothing depends on the machine's.
TESTENV := LANG=en_US.UTF-8 LC_ALL= CGO_ENABLED=0

VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    := $(shell date -u +%Y-%m-%d)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)

.PHONY: all setup build run test fuzz bench soak clean screenshots

all: build

setup:
	scripts/setup.sh

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o xeploai ./cmd/xeploai

# Installs what is missing, builds, and opens the app on its default database.
run: setup build
	./xeploai

# Every test: formatting, vet, and the whole suite with short fuzz runs.
test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(TESTENV) $(GO) vet -tags ci ./...
	$(TESTENV) $(GO) test -tags ci -count=1 ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=3000x

# Runs each fuzz target for FUZZTIME (longer in `make soak`).
FUZZTIME ?= 3000x
fuzz:
	@set -e; for spec in domain:FuzzParseDate domain:FuzzParseLevel domain:FuzzFold \
	    domain:FuzzParseSearch interchange:FuzzReadCSV interchange:FuzzHeader; do \
	  pkg=$${spec%%:*}; fn=$${spec##*:}; \
	  echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
	  log=$$(mktemp); \
	  $(TESTENV) $(GO) test -tags ci -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./$$pkg >$$log 2>&1 \
	    || { grep -v 'fuzz: elapsed' $$log; rm -f $$log; exit 1; }; \
	  rm -f $$log; \
	done

# Long fuzz runs, kept out of the normal test run.
soak:
	$(MAKE) fuzz FUZZTIME=500000x

# Benchmarks with the figures the README quotes.
bench:
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench Fill100k -benchtime 1x ./demo/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench 'Candidates500k|Search500k' -benchtime 5x -timeout 30m ./demo/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench PDF5000 -benchtime 3x ./report/

# Runs the real app under Xvfb on a demo database and saves a PNG of each
# main screen into docs/ (the README shows them).
SHOTDB := /tmp/xeploai-screenshots.db
screenshots: build
	rm -f $(SHOTDB) $(SHOTDB)-wal $(SHOTDB)-shm
	./xeploai --db $(SHOTDB) demo --members 5000
	mkdir -p docs
	Xvfb :97 -screen 0 1280x780x24 >/dev/null 2>&1 & xvfb=$$!; sleep 1; \
	  DISPLAY=:97 XEPLOAI_SCREENSHOTS=1 timeout 90 ./xeploai --db $(SHOTDB) | while read -r word name; do \
	    [ "$$word" = shot ] && DISPLAY=:97 import -window root docs/$$name.png && echo "docs/$$name.png"; \
	  done; kill $$xvfb
	./xeploai --db $(SHOTDB) summary --year 2025 --format pdf -o /tmp/xeploai-report.pdf
	./xeploai --db $(SHOTDB) awards --kind badge --occasion 2026-02-03 --format pdf -o /tmp/xeploai-badges.pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/xeploai-report.pdf docs/report-pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/xeploai-badges.pdf docs/badge-list

clean:
	rm -f xeploai xeploai.exe
