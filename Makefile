# Gongkai — the two commands a newcomer runs are `make demo` and `make test` (see README).
SHELL := /bin/bash
INDEX ?= build/index
PORT ?= 8080
COUNT ?= 5000
CARGO ?= cargo
# Where cargo puts the binaries the demo runs (CARGO_TARGET_DIR when set).
BIN := $(or $(CARGO_TARGET_DIR),target)/release

.PHONY: demo bins demo-widget test fuzz load load-worker pagefind-compare setup sample index widget serve worker-dev bench bench-build bench-query relevance clean

## The main job: sample corpus → index → widget → edge-serve with the demo page. Installs only
## what the demo needs: the widget comes prebuilt (widget/prebuilt/) when it matches its sources.
demo: bins sample index demo-widget
	@echo ""
	@echo "  Gongkai demo: http://127.0.0.1:$(PORT)/   (API: http://127.0.0.1:$(PORT)/v1/search?q=公租房)"
	@echo ""
	$(BIN)/edge-serve --index $(INDEX) --addr 127.0.0.1:$(PORT)

## The sample generator, the builder and edge-serve, in one cargo run: the crates they share
## (gongkai-core, edge) compile once, with their features unified, instead of once per binary.
bins:
	$(CARGO) build --release -q -p gongkai-sample -p index-builder -p edge --bins

## Every test: unit, integration over HTTP, relevance, browser end to end, Worker parity.
test: setup
	bash scripts/test.sh

## Fuzzes records, HTML, CSV and the query path (cargo-fuzz on stable): FUZZ_SECONDS each (20).
fuzz:
	bash scripts/fuzz.sh

## Load test of edge-serve with wrk over loopback (scripts/load.sh; DURATION, CONNS, SOAK).
load:
	bash scripts/load.sh

## The same load against the Worker in bare workerd (RUNTIME=worker scripts/load.sh; same knobs).
load-worker:
	RUNTIME=worker bash scripts/load.sh

## Gongkai beside Pagefind 1.6 on the same records (scripts/pagefind-compare.sh; COUNTS="20000 200000").
pagefind-compare:
	bash scripts/pagefind-compare.sh

## Installs what the project needs on a fresh machine (idempotent).
setup:
	bash scripts/setup.sh

sample: build/sample.jsonl
build/sample.jsonl: | bins
	$(BIN)/gongkai-sample --count $(COUNT) --seed 7 --out build/sample.jsonl

index: bins build/sample.jsonl
	$(BIN)/index-builder build --input build/sample.jsonl --out $(INDEX)

## Contract: writes dist/widget/widget.js and the .wasm it loads.
widget:
	bash widget/build.sh

## The demo's widget: the prebuilt copy when it is current, else a full build.
demo-widget:
	@bash widget/prebuilt.sh install dist/widget || bash widget/build.sh

serve: bins
	$(BIN)/edge-serve --index $(INDEX) --addr 127.0.0.1:$(PORT)

## Contract: the Worker build in local workerd on 127.0.0.1:$(PORT).
worker-dev:
	bash edge/worker/dev.sh "$(INDEX)" "$(PORT)"

## Benchmarks that print figures (build speed and memory, query latency, relevance).
bench:
	bash scripts/bench.sh

clean:
	rm -rf build dist
