# cxotrack: a thin wrapper around CMake, for the usual commands.
#
#   make                 install missing Debian packages, configure build/, build
#   make test            build, then run the tests (not those labelled slow, fuzz,
#                        valgrind or bench: `make test TEST_EXCLUDE=` runs them all)
#   make sanitize        the same in build-asan/, with ASan and UBSan (Debug)
#   make install         install build/ (PREFIX=/some/where to choose the prefix)
#   make docs            the API reference, in build/docs/html
#   make demo            build, then run scripts/demo.sh
#   make clean           remove the build directories
#
# Variables: BUILD (build), ASAN_BUILD (build-asan), JOBS (2), CMAKE_ARGS
# (extra -D options for configuring), TEST_EXCLUDE (a ctest label regex),
# TEST_ARGS (extra ctest options, e.g. -R 'build\.'), PREFIX, and DEPS: all
# (default), core (what the library and its C tests need) or none (skip the
# package check, e.g. without root).

BUILD        ?= build
ASAN_BUILD   ?= build-asan
JOBS         ?= 2
CMAKE        ?= cmake
CTEST        ?= ctest
CMAKE_ARGS   ?=
TEST_EXCLUDE ?= slow|fuzz|valgrind|bench
TEST_ARGS    ?=
PREFIX       ?=
DEPS         ?= all

# the makefiles CMake generates are run by a nested make: keep them quiet
MAKEFLAGS += --no-print-directory

CTEST_FLAGS = --output-on-failure --no-tests=error -j$(JOBS) \
              $(if $(TEST_EXCLUDE),-LE '$(TEST_EXCLUDE)') $(TEST_ARGS)

.PHONY: all deps configure build test sanitize install docs demo clean

all: build

deps:
ifneq ($(DEPS),none)
	CXO_DEPS=$(DEPS) sh scripts/install-deps.sh
endif

configure: deps
	$(CMAKE) -S . -B $(BUILD) $(CMAKE_ARGS)

build: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS)

test: build
	$(CTEST) --test-dir $(BUILD) $(CTEST_FLAGS)

sanitize: deps
	$(CMAKE) -S . -B $(ASAN_BUILD) -DCXO_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	$(CMAKE) --build $(ASAN_BUILD) -j $(JOBS)
	$(CTEST) --test-dir $(ASAN_BUILD) $(CTEST_FLAGS)

install: build
	$(CMAKE) --install $(BUILD) $(if $(PREFIX),--prefix '$(PREFIX)')

docs: configure
	$(CMAKE) --build $(BUILD) --target docs

demo: build
	BUILD='$(BUILD)' bash scripts/demo.sh

clean:
	rm -rf -- '$(BUILD)' '$(ASAN_BUILD)'
