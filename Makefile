# cxotrack: a thin wrapper around CMake, for the usual commands.
#
#   make                 install missing Debian packages, configure build/, build
#   make test            build, then run the tests (not those labelled slow, fuzz,
#                        valgrind or bench: `make test TEST_EXCLUDE=` runs them all;
#                        TEST_EXCLUDE='^(fuzz|valgrind|bench)$' adds the slow ones)
#   make sanitize        the same in build-asan/, with ASan and UBSan (Debug)
#   make fuzz            the libFuzzer harnesses (tests/fuzz) in build-fuzz/, with clang,
#                        each run for FUZZ_TIME seconds: long runs; findings are left in
#                        build-fuzz/tests/fuzz/artifacts/, new inputs in .../corpus/
#   make fuzz-ci         the same for 15 seconds each, as CI runs them (about a minute on
#                        2 cores); without clang's libFuzzer the tests report "skipped"
#   make valgrind        in build-valgrind/ (-O1 -g): the C tests (but the slow ones), the
#                        command-line transcripts and the Lua specs under valgrind, as CI runs them
#   make kill            the long crash test: KILLS (300) SIGKILLs of processes importing
#                        KILL_TOPICS (4000) topics x 6 observations, in build/
#   make bench           the benchmarks (tests/bench) on an optimized build in build-bench/
#                        (Release): every case against its baseline at 20,000 topics x
#                        50 meetings, a table of times, ratios, memory and targets (some
#                        minutes; BENCH_ARGS=--check fails on a missed target)
#   make install         install build/ (PREFIX=/some/where to choose the prefix)
#   make docs            the API reference, in build/docs/html
#   make demo            build, then run scripts/demo.sh
#   make clean           remove the build directories
#
# Variables: BUILD (build), ASAN_BUILD (build-asan), FUZZ_BUILD (build-fuzz),
# VALGRIND_BUILD (build-valgrind), JOBS (2), CMAKE_ARGS (extra -D options for
# configuring), TEST_EXCLUDE (a ctest label regex), TEST_ARGS (extra ctest
# options, e.g. -R 'build\.'), FUZZ_TIME (600 seconds per harness), KILLS and
# KILL_TOPICS (make kill: 300 kills, 4000 topics), FUZZ_CC (clang, if
# installed), BENCH_BUILD (build-bench), BENCH_ARGS (extra options of
# tests/bench/run.py, e.g. --reps 3 --cases import), PREFIX, and DEPS: all
# (default), core (what the library and its C tests need) or none (skip the
# package check, e.g. without root). The labels fuzz and valgrind are run by
# their own targets, not by `make test`: they need their own builds.

BUILD        ?= build
ASAN_BUILD   ?= build-asan
FUZZ_BUILD   ?= build-fuzz
VALGRIND_BUILD ?= build-valgrind
JOBS         ?= 2
CMAKE        ?= cmake
CTEST        ?= ctest
CMAKE_ARGS   ?=
TEST_EXCLUDE ?= ^(slow|fuzz|valgrind|bench)$$
TEST_ARGS    ?=
PREFIX       ?=
DEPS         ?= all
FUZZ_TIME    ?= 600
KILLS        ?= 300
KILL_TOPICS  ?= 4000
FUZZ_CC      ?= $(shell command -v clang)
BENCH_BUILD  ?= build-bench
BENCH_ARGS   ?=

# the makefiles CMake generates are run by a nested make: keep them quiet
MAKEFLAGS += --no-print-directory

CTEST_FLAGS = --output-on-failure --no-tests=error -j$(JOBS) \
              $(if $(TEST_EXCLUDE),-LE '$(TEST_EXCLUDE)') $(TEST_ARGS)

.PHONY: all deps configure build test sanitize fuzz fuzz-ci valgrind kill bench install docs demo clean

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

# static (a sanitized shared library cannot be linked with --no-undefined);
# only the harnesses are built
fuzz: deps
	$(if $(FUZZ_CC),CC='$(FUZZ_CC)') $(CMAKE) -S . -B $(FUZZ_BUILD) -DCXO_FUZZ=ON -DBUILD_SHARED_LIBS=OFF \
		-DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG='-O1 -g' -DCXO_BUILD_PYTHON=OFF -DCXO_BUILD_LUA=OFF $(CMAKE_ARGS)
	$(CMAKE) --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	rm -f $(FUZZ_BUILD)/tests/fuzz/*.summary
	CXO_FUZZ_TIME=$(FUZZ_TIME) $(CTEST) --test-dir $(FUZZ_BUILD) --output-on-failure --no-tests=error \
		-j$(JOBS) -L fuzz $(TEST_ARGS)
	@cat $(FUZZ_BUILD)/tests/fuzz/*.summary 2>/dev/null || true

fuzz-ci:
	$(MAKE) fuzz FUZZ_TIME=15

valgrind: deps
	$(CMAKE) -S . -B $(VALGRIND_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG='-O1 -g' \
		-DCXO_BUILD_PYTHON=OFF $(CMAKE_ARGS)
	$(CMAKE) --build $(VALGRIND_BUILD) -j $(JOBS)
	$(CTEST) --test-dir $(VALGRIND_BUILD) --output-on-failure --no-tests=error -j$(JOBS) \
		-L valgrind -LE slow $(TEST_ARGS)

# the crash test of tests/robust with more kills and a larger import; the seed
# is printed (CXO_ROBUST_SEED=N in the environment repeats a run)
kill: build
	CXO_ROBUST_KILLS=$(KILLS) CXO_ROBUST_TOPICS=$(KILL_TOPICS) $(BUILD)/tests/robust/test_robust_crash --verbose=1

# timings mean something on a quiet machine only; the table also goes to
# $(BENCH_BUILD)/bench/results.md
bench: deps
	$(CMAKE) -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS)
	$(CMAKE) --build $(BENCH_BUILD) -j $(JOBS)
	/usr/bin/python3 tests/bench/run.py --build $(BENCH_BUILD) --results $(BENCH_BUILD)/bench/results.md $(BENCH_ARGS)

install: build
	$(CMAKE) --install $(BUILD) $(if $(PREFIX),--prefix '$(PREFIX)')

docs: configure
	$(CMAKE) --build $(BUILD) --target docs

demo: build
	BUILD='$(BUILD)' bash scripts/demo.sh

clean:
	rm -rf -- '$(BUILD)' '$(ASAN_BUILD)' '$(FUZZ_BUILD)' '$(VALGRIND_BUILD)' '$(BENCH_BUILD)'
