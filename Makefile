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

.PHONY: all setup build run test fuzz bench bench-pg soak clean screenshots window-check window-check-big dist dist-check

all: build

setup:
	scripts/setup.sh

build:
	@test -x xeploai || echo "build: compiling the window's C code (Fyne, OpenGL) — about 4 minutes the first time"
	$(GO) build -ldflags "$(LDFLAGS)" -o xeploai ./cmd/xeploai

# Installs what is missing, builds, and opens the app on its default database.
run: setup build
	./xeploai

# Every test: formatting, vet, and the whole suite with short fuzz runs.
# Installs first what the tests need (the same idempotent script as `make run`).
test: setup
	@echo "test: compiling and running every test (the first time, compiling Fyne and SQLite takes about 4 minutes)"
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(TESTENV) $(GO) vet -tags ci ./...
	$(TESTENV) $(GO) test -tags ci -count=1 ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=3000x

# Runs each fuzz target for FUZZTIME (longer in `make soak`).
FUZZTIME ?= 3000x
fuzz:
	@set -e; for spec in domain:FuzzParseDate domain:FuzzParseLevel domain:FuzzFold \
	    domain:FuzzParseSearch domain:FuzzParseReason vnkey:FuzzCompose domain:FuzzParseDecimal report:FuzzCheckTemplate interchange:FuzzReadCSV interchange:FuzzHeader interchange:FuzzReadXLSX xlsx:FuzzRows store/sqlite:FuzzReadHeader; do \
	  pkg=$${spec%%:*}; fn=$${spec##*:}; \
	  echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
	  log=$$(mktemp); \
	  $(TESTENV) $(GO) test -tags ci -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 200x ./$$pkg >$$log 2>&1 \
	    || { grep -v 'fuzz: elapsed' $$log; rm -f $$log; exit 1; }; \
	  rm -f $$log; \
	done

# Long fuzz runs and 200 crash kills, kept out of the normal test run.
soak:
	XEPLOAI_CRASH_KILLS=200 $(TESTENV) $(GO) test -tags ci -count=1 -run '^TestCrashSafety$$' -v -timeout 30m ./store/
	XEPLOAI_OFFICES=20x500 $(TESTENV) $(GO) test -tags ci -count=1 -run '^TestOfficesWriteTogether$$' -v -timeout 30m ./store/
	XEPLOAI_SOAK=1 $(TESTENV) $(GO) test -tags ci -count=1 -run '^TestHostileWorkbooks$$' -v ./interchange/
	$(MAKE) fuzz FUZZTIME=500000x

# Benchmarks with the figures the README quotes.
bench:
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench Fill100k -benchtime 1x ./demo/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench Import2000 -benchtime 3x ./store/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench 'Candidates500k|Search500k' -benchtime 5x -timeout 30m ./demo/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench PDF5000 -benchtime 3x ./report/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench ImportDistrict -benchtime 3x -timeout 30m ./exchange/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench Export500k -benchtime 1x -timeout 30m ./exchange/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench RoundTrip100k -benchtime 1x -timeout 30m ./exchange/

# Issue 15's figures on a PostgreSQL server on the same machine, at 500,000
# members × 10 years: search, summary against psql, candidate lists, an
# office's scope, the district import against excelize. The benchmarks start
# a throwaway cluster of their own; the data is generated on the server the
# first time (about 2 minutes) and kept in the temp folder
# (xeploai-bench-pg-500k-10y, 2.3 GB), each run starting on a copy of it.
bench-pg:
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench 'SearchPG500k|SummaryPG500k|CandidatesPG500k' -benchtime 5x -timeout 60m ./demo/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench ScopePG500k -benchtime 3x -timeout 60m ./demo/
	$(TESTENV) $(GO) test -tags ci -run '^$$' -bench ImportDistrictPG -benchtime 3x -timeout 30m ./exchange/

# Runs the real app under Xvfb on a demo database and saves a PNG of each
# main screen into docs/ (the README shows them).
# Real key presses in the real window (Xvfb + xdotool): Ctrl+Z, Ctrl+Y, F5.
window-check: setup build
	scripts/window-check.sh

# The same window on a 500,000-member database: times from a tab's key to
# the tab shown and to its content complete (not part of make test).
window-check-big: setup build
	scripts/window-check-big.sh

SHOTDB := /tmp/xeploai-screenshots.db
SHOTDISPLAY ?= :97
SHOTAWARDS := ./xeploai --db $(SHOTDB) awards --kind consecutive --year 2025 --decision-no 127 --decision-date 2026-01-20 --signer "Nguyễn Văn Đức"
screenshots: build
	rm -f $(SHOTDB) $(SHOTDB)-wal $(SHOTDB)-shm
	./xeploai --db $(SHOTDB) demo --members 5000
	mkdir -p docs
	Xvfb $(SHOTDISPLAY) -screen 0 1280x780x24 >/dev/null 2>&1 & xvfb=$$!; sleep 1; \
	  DISPLAY=$(SHOTDISPLAY) XEPLOAI_SCREENSHOTS=1 timeout 90 ./xeploai --db $(SHOTDB) | while read -r word name; do \
	    [ "$$word" = shot ] && DISPLAY=$(SHOTDISPLAY) import -window root docs/$$name.png && echo "docs/$$name.png"; \
	  done; kill $$xvfb
	Xvfb $(SHOTDISPLAY) -screen 0 1024x700x24 >/dev/null 2>&1 & xvfb=$$!; sleep 1; \
	  DISPLAY=$(SHOTDISPLAY) XEPLOAI_SCREENSHOTS=1 timeout 90 ./xeploai --db $(SHOTDB) | while read -r word name; do \
	    [ "$$word" = shot ] && [ "$$name" = ratings ] && DISPLAY=$(SHOTDISPLAY) import -window root docs/ratings-1024x700.png && echo "docs/ratings-1024x700.png"; \
	  done; kill $$xvfb
	./xeploai --db $(SHOTDB) summary --year 2025 --format pdf -o /tmp/xeploai-report.pdf
	./xeploai --db $(SHOTDB) awards --kind badge --occasion 2026-02-03 --format pdf -o /tmp/xeploai-badges.pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/xeploai-report.pdf docs/report-pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/xeploai-badges.pdf docs/badge-list
	$(SHOTAWARDS) --document decision -o /tmp/xeploai-decision.pdf
	$(SHOTAWARDS) --document certificates --blank -o /tmp/xeploai-certificates.pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/xeploai-decision.pdf docs/decision
	pdftoppm -png -r 80 -f 2 -l 2 -singlefile /tmp/xeploai-decision.pdf docs/decision-annex
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile /tmp/xeploai-certificates.pdf docs/certificate

# Installable builds (not part of `make test`): a Windows x86-64 .exe
# cross-built with mingw-w64 (icon, version resource, GUI subsystem) zipped
# with the install guide and font licence, and the Linux tarball of
# `fyne package`. Takes several minutes: Fyne's C code is built for each OS.
FYNE      := $(shell go env GOPATH)/bin/fyne
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
DISTFLAGS := --name xeploai --app-id vn.xeploai.app --app-version $(VERSION) --icon ../../assets/icon.png --release
dist:
	XEPLOAI_DIST=1 scripts/setup.sh
	test -x $(FYNE) || $(GO) install $(FYNE_TOOL)
	rm -rf dist && mkdir -p dist/windows
	cd cmd/xeploai && GOFLAGS=-buildvcs=true CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
	  $(FYNE) package --os windows --src . $(DISTFLAGS)
	mv cmd/xeploai/xeploai.exe dist/windows/
	cp assets/install/HUONG-DAN-CAI-DAT.txt assets/fonts/LICENSE-Tinos.txt dist/windows/
	cd dist/windows && zip -q -9 ../xeploai-$(VERSION)-windows-amd64.zip *
	cd cmd/xeploai && GOFLAGS=-buildvcs=true $(FYNE) package --os linux --src . $(DISTFLAGS)
	mv cmd/xeploai/xeploai.tar.xz dist/xeploai-$(VERSION)-linux-amd64.tar.xz
	$(MAKE) --no-print-directory dist-check

# Checks what `make dist` produced: a PE32+ GUI executable with its icon and
# version resource, and a Linux tarball with the binary, .desktop file and icon.
dist-check:
	@x86_64-w64-mingw32-objdump -p dist/windows/xeploai.exe | grep -q 'Magic.*PE32+' || { echo "not PE32+"; exit 1; }
	@x86_64-w64-mingw32-objdump -p dist/windows/xeploai.exe | grep -q 'Subsystem.*Windows GUI' || { echo "not a GUI program"; exit 1; }
	@x86_64-w64-mingw32-objdump -h dist/windows/xeploai.exe | grep -q '\.rsrc' || { echo "no resources"; exit 1; }
	@strings -el dist/windows/xeploai.exe | grep -q 'ProductVersion' || { echo "no version resource"; exit 1; }
	@unzip -l dist/xeploai-$(VERSION)-windows-amd64.zip | grep -q 'HUONG-DAN-CAI-DAT.txt' || { echo "zip lacks the guide"; exit 1; }
	@tar -tJf dist/xeploai-$(VERSION)-linux-amd64.tar.xz > /tmp/xeploai-tar.txt
	@grep -q 'bin/xeploai$$' /tmp/xeploai-tar.txt && grep -q '\.desktop$$' /tmp/xeploai-tar.txt && grep -q 'pixmaps/.*\.png$$' /tmp/xeploai-tar.txt \
	  || { echo "tarball lacks binary, .desktop or icon"; cat /tmp/xeploai-tar.txt; exit 1; }
	@echo "dist-check: Windows .exe is PE32+, GUI subsystem, with icon and version resource; Linux tarball has binary, .desktop and icon"

clean:
	rm -f xeploai xeploai.exe
