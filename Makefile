# tiptoe — see README.md. `make run` to use it, `make test` to test it.
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
# xz: the smallest package (32 MB), about 3 min on two cores; gzip: 49 MB in 20 s.
DEB_COMPRESSION ?= xz
RELEASE := $(SWIFT) build -c release --static-swift-stdlib
BIN := .build/release/tiptoe

# libcurl4-openssl-dev: tiptoe-agent links FoundationNetworking (CalDAV sync) statically, which links libcurl.
BUILD_PACKAGES := pkg-config libnotify-dev libsqlite3-dev libcurl4-openssl-dev
DEB_PACKAGES := dpkg-dev lintian
TEST_PACKAGES := $(BUILD_PACKAGES) sqlite3 libglib2.0-bin dunst notify-osd xvfb dbus-x11 libnotify-bin faketime x11-utils imagemagick \
	librsvg2-bin calcurse libical-dev gcc tmux $(DEB_PACKAGES) binutils man-db mandoc bash-completion zsh fish \
	radicale python3-dbusmock python3-gi gsettings-desktop-schemas

.PHONY: run build test lint format man install uninstall deb bench soak clean deps test-deps

## Build in release, print today's plan, start the agent in the foreground.
run: deps build
	@$(BIN)
	@echo
	@echo "Starting the agent in the foreground (Ctrl-C stops it; 'tiptoe agent --install' runs it as a service)."
	@$(BIN) agent

# `tiptoe` is linked fully static against glibc, whose linker notes on dlopen/getpwnam (user and
# host look-ups load glibc's own modules at run time, so the binary runs where it was built) are
# left out of the output; everything else the build says is shown.
build:
	@echo "$(RELEASE)"
	@set -o pipefail; $(RELEASE) 2>&1 | grep -v "in statically linked applications requires at runtime"

deps:
	@scripts/ensure-packages $(BUILD_PACKAGES)

test-deps:
	@scripts/ensure-packages $(TEST_PACKAGES)
	@scripts/ensure-python

## Lint, the unit tests (debug build), a simulated year of the agent per zone and routine (release
## build), then every integration test inside a throwaway desktop, against the release build: the
## static binaries users get.
test: test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory build
	TMPDIR=$(SIMULATION_TMPDIR) .build/release/tiptoe-simulate --years 1
	TIPTOE_BIN=$(BIN) Tests/Integration/with-desktop python3 -m pytest -q -p no:cacheprovider -n 2 --dist loadgroup \
	  Tests/Integration

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

## tiptoe(1) and a page per command, from the commands' help (ArgumentParser's generate-manual).
man:
	@SWIFT=$(SWIFT) scripts/generate-man

## The binaries (stripped), manual pages, shell completions, examples, the systemd user unit and
## the autostart entry, under PREFIX (inside DESTDIR when staging); `uninstall` removes exactly those.
install: deps build man
	@scripts/install-tree install "$(PREFIX)" "$(DESTDIR)"

uninstall:
	@scripts/install-tree uninstall "$(PREFIX)" "$(DESTDIR)"

## A Debian package, tiptoe_VERSION_ARCH.deb, from a tree staged by `install` (dpkg-deb, lintian).
deb: deps build man
	@scripts/ensure-packages $(DEB_PACKAGES)
	@DEB_COMPRESSION=$(DEB_COMPRESSION) scripts/make-deb

bench: deps build
	scripts/bench

## The agent simulation over whole years (`tiptoe-simulate`, release build): SOAK_YEARS per zone
## and routine, each year its own seed, where `make test` runs one. A year of the 30-exercise
## routine takes about 25 s of a core: the default 100 years run for hours.
SOAK_YEARS ?= 100
soak: deps build
	TMPDIR=$(SIMULATION_TMPDIR) .build/release/tiptoe-simulate --years $(SOAK_YEARS)

## The simulation's throwaway histories and agent files live in memory where it can (/dev/shm): a
## year rewrites the agent's state file about 12,000 times, and waiting for the disk's writeback of
## each is not what it tests (the 30-exercise year: 25 s on tmpfs, 39 s on this disk).
SIMULATION_TMPDIR := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm || echo $${TMPDIR:-/tmp})

clean:
	rm -rf .build
