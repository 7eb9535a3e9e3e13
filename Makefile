# The two set-up commands of the README, and a few helpers.
#   make demo  installs what is missing, builds Release, loads the Lin County demo, runs the main job
#   make test  installs what is missing, builds, runs every test suite through ctest
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= anju-demo.db
CMAKE_FLAGS ?=

.PHONY: all build build-anju demo test bench setup setup-test clean

all: build

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The demo needs only the `anju` command (the web UI is embedded in it at build time), not the
# test binaries: on a fresh 2-core machine that is less than half of the whole build.
build-anju: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target anju

demo: setup build-anju
	@scripts/demo.sh $(BUILD)/src/cli/anju $(DB)

test: setup-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: setup build
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
