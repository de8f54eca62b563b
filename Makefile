# A thin wrapper over CMake + Ninja. The README's two commands:
#   make demo   install what is missing, build, compile the examples
#   make test   install what is missing, build, run the whole suite
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
# UNITY=ON makes this Makefile's builds unity builds (CMake's UNITY_BUILD):
# each target's .cc files are compiled UNITY_BATCH at a time as one
# translation unit, so the headers they share (the standard library, fmt,
# toml++, CLI11, GoogleTest) are parsed and their templates compiled once per
# batch, not once per file: 3.5 to 5 times less CPU on the batches measured
# (docs/development.md#ci-time). On for the Release build (make test, demo,
# release) and, SANITIZE_UNITY, for the clang builds (make sanitize, fuzz,
# tsan): each built and its suite passed that way. UNITY=OFF or
# SANITIZE_UNITY=OFF builds file by file.
UNITY ?= ON
SANITIZE_UNITY ?= ON
UNITY_BATCH ?= 8
UNITY_FLAGS := -DCMAKE_UNITY_BUILD=$(UNITY) -DCMAKE_UNITY_BUILD_BATCH_SIZE=$(UNITY_BATCH)
SANITIZE_UNITY_FLAGS := -DCMAKE_UNITY_BUILD=$(SANITIZE_UNITY) -DCMAKE_UNITY_BUILD_BATCH_SIZE=$(UNITY_BATCH)
DEMO_OUT := $(BUILD_DIR)/out

.PHONY: all deps configure build demo test release bench clean sanitize-build sanitize tsan fuzz fuzz-smoke ci format \
  check-format lint

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPROFILEC_WERROR=ON $(UNITY_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@scripts/demo $(BUILD_DIR)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The files of a release (docs/releasing.md): the .deb, the source tarball of
# HEAD and SHA256SUMS, under RELEASE_DIR.
RELEASE_DIR ?= $(BUILD_DIR)/release
release: build
	@scripts/release $(BUILD_DIR) $(RELEASE_DIR)

bench: build
	@$(BUILD_DIR)/profilec_bench
	@python3 bench/run_bench.py --profilec $(BUILD_DIR)/profilec --out $(BUILD_DIR)/bench.md

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, built
# with clang at -O1 together with the libFuzzer targets (fuzz/), so that
# `make fuzz` reuses the same build. It takes the portable path
# (-DPROFILEC_PORTABLE=ON: POSIX calls only, as on macOS) while `make test`
# takes Linux's, so CI runs the whole suite both ways without another build
# (docs/development.md, "Portability").
SANITIZE_DIR ?= build-sanitize
sanitize-build:
	@scripts/install-deps --clang
	@CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=None \
	  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DPROFILEC_WERROR=ON -DPROFILEC_SANITIZE=ON -DPROFILEC_FUZZ=ON \
	  -DPROFILEC_PORTABLE=ON -DPROFILEC_BUILD_BENCH=OFF $(SANITIZE_UNITY_FLAGS) >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS)

sanitize: sanitize-build
	@cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -LE packaging

# The tests that run compile stages on several threads, under
# ThreadSanitizer (clang).
TSAN_DIR ?= build-tsan
tsan:
	@scripts/install-deps --clang
	@CC=clang CXX=clang++ cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=None \
	  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DPROFILEC_WERROR=ON -DPROFILEC_TSAN=ON \
	  -DPROFILEC_BUILD_BENCH=OFF $(SANITIZE_UNITY_FLAGS) >/dev/null
	@cmake --build $(TSAN_DIR) -j $(JOBS)
	@cd $(TSAN_DIR) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --output-on-failure -j $(JOBS)

# Each libFuzzer target for FUZZ_SECONDS on a corpus seeded from examples/,
# tests/, stdlib/ and ../shared/corpus (scripts/fuzz).
FUZZ_SECONDS ?= 60
fuzz: sanitize-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz $(SANITIZE_DIR)

# A short fuzzing round of every target (CI runs it after `make sanitize`).
CI_FUZZ_SECONDS ?= 20
fuzz-smoke: sanitize-build
	@FUZZ_SECONDS=$(CI_FUZZ_SECONDS) scripts/fuzz $(SANITIZE_DIR)

# Style kept by tools (docs/development.md): `make format` rewrites the C++
# files as .clang-format says; `make lint` fails on a file it would change
# and on any clang-tidy finding (.clang-tidy), over the translation units of
# LINT_DIR's compile_commands.json: a configure-only tree of the Release build,
# a unity build as `make test`'s, so that each batch's headers are parsed once
# (scripts/lint; configuring is enough: no generated header is included).
LINT_DIR ?= $(BUILD_DIR)-lint
format:
	@scripts/install-deps --lint
	@scripts/format

check-format:
	@scripts/install-deps --lint
	@scripts/check-format

lint: deps
	@scripts/install-deps --lint
	@scripts/check-format
	@cmake -S . -B $(LINT_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPROFILEC_WERROR=ON $(UNITY_FLAGS) \
	  >/dev/null
	@LINT_JOBS=$(JOBS) scripts/lint $(LINT_DIR)

# What CI runs (.ci/run): the suite, the format and lint checks, the suite
# under the sanitizers, and the short fuzzing round.
ci: test lint sanitize fuzz-smoke

clean:
	@rm -rf $(BUILD_DIR) $(LINT_DIR)
