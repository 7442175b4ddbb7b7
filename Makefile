# tiptoe — see README.md. `make run` to use it, `make test` to test it.
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
RELEASE := $(SWIFT) build -c release --static-swift-stdlib
BIN := .build/release/tiptoe

BUILD_PACKAGES := pkg-config libnotify-dev libsqlite3-dev
TEST_PACKAGES := $(BUILD_PACKAGES) sqlite3 libglib2.0-bin dunst notify-osd xvfb dbus-x11 libnotify-bin faketime x11-utils imagemagick librsvg2-bin tmux

.PHONY: run build test lint format install uninstall bench clean deps test-deps

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

# The integration tests of the command line alone (no agent), run again on the release binary.
CLI_TESTS := $(wildcard Tests/Integration/test_history.py Tests/Integration/test_plan.py Tests/Integration/test_stats.py \
  Tests/Integration/test_one_reading.py Tests/Integration/test_seeds.py Tests/Integration/test_export*.py)

## Lint, unit tests, the integration tests inside a throwaway desktop, then the command line's
## integration tests again on the release build (the static binary users get).
test: test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Integration/with-desktop python3 -m pytest -q -p no:cacheprovider Tests/Integration
	$(MAKE) --no-print-directory build
	TIPTOE_BIN=$(BIN) python3 -m pytest -q -p no:cacheprovider $(CLI_TESTS)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

install: deps build
	install -d "$(PREFIX)/bin" "$(PREFIX)/libexec/tiptoe"
	install -m 0755 $(BIN) "$(PREFIX)/bin/tiptoe"
	install -m 0755 $(BIN)-agent "$(PREFIX)/libexec/tiptoe/tiptoe-agent"
	@echo "Installed $(PREFIX)/bin/tiptoe and $(PREFIX)/libexec/tiptoe/tiptoe-agent"

uninstall:
	rm -f "$(PREFIX)/bin/tiptoe" "$(PREFIX)/libexec/tiptoe/tiptoe-agent"
	-rmdir "$(PREFIX)/libexec/tiptoe"

bench: deps build
	scripts/bench

clean:
	rm -rf .build
