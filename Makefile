# A thin wrapper over CMake + Ninja. The README's two commands:
#   make demo   install what is missing, build, compile the examples
#   make test   install what is missing, build, run the whole suite
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
DEMO_OUT := $(BUILD_DIR)/out

.PHONY: all deps configure build demo test bench clean

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

clean:
	@rm -rf $(BUILD_DIR)
