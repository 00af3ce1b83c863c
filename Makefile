# orbwatch top-level Makefile: the three commands a user needs.
#   make run    set up, build, run the main job on the bundled data
#   make test   set up, build (normal + ASan/UBSan with fuzzers), run all tests
#   make bench  set up, build, run the benchmarks on ../shared/data
#   make install [PREFIX=/usr/local]  build, then install the libraries,
#               headers, orbwatch.pc, the CMake package and the CLI
#               (docs/library.md; DESTDIR is honoured for staging)
# CMake does the real work; build trees live in build/ and build-asan/.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
PREFIX ?= /usr/local

.PHONY: all setup build run test bench install clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(BUILD)/orbwatch run
	@echo
	@$(BUILD)/orbwatch coverage data/synthetic/catalog.csv --sensors data/scenario/network.cfg

test: setup
	@scripts/test.sh

bench: build
	@scripts/setup.sh --bench
	@scripts/bench.sh

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf build build-asan
