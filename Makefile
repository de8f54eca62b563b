# A thin wrapper over CMake + Ninja. The README's two commands:
#   make demo   install what is missing, build, compile the examples
#   make test   install what is missing, build, run the whole suite
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
DEMO_OUT := $(BUILD_DIR)/out

.PHONY: all deps configure build demo test bench clean sanitize fuzz

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPROFILEC_WERROR=ON >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@scripts/demo $(BUILD_DIR)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD_DIR)/profilec_bench
	@python3 bench/sign_bench.py --profilec $(BUILD_DIR)/profilec

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
SANITIZE_DIR ?= build-asan
sanitize: deps
	@cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPROFILEC_WERROR=ON -DPROFILEC_SANITIZE=ON >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS)
	@cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# The libFuzzer targets (fuzz/), built with clang, each run FUZZ_SECONDS.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROFILEC_FUZZ=ON -DPROFILEC_BUILD_TESTS=OFF -DPROFILEC_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_policy fuzz_xml_plist fuzz_binary_plist fuzz_cms fuzz_import
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz $(FUZZ_DIR)

clean:
	@rm -rf $(BUILD_DIR)
