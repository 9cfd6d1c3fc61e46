# Two commands for a new user: `make demo` and `make test`. Each installs what it needs.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STAMP := node_modules/.installed
export LANCEDB_LOG ?= error
# onnxruntime-node (under the optional @huggingface/transformers, a devDependency for the onnx
# embedder's tests) ships its CPU binaries in the npm package; its install script would also
# fetch CUDA ones from outside the npm registry, which fails here.
export ONNXRUNTIME_NODE_INSTALL ?= skip

.PHONY: demo test check lint typecheck bench build deps chromium clean

# npm ci when node_modules is missing or older than the lock file.
$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: $(STAMP)

# Another apt (unattended-upgrades on a fresh VM) may hold apt's locks for minutes: wait for it
# instead of failing. DPkg::Lock::Timeout makes install wait for the dpkg lock; `apt-get update`
# takes the lists lock, which no option waits for, so update is tried again while that lock is held.
APT_WAIT_S := 300
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$(APT_WAIT_S) -o Acquire::Retries=3

# Debian's Chromium, for pages that need JavaScript (no browser download works here).
chromium:
	@command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || { \
	  echo "installing Debian's chromium"; \
	  for wait in $$(seq 0 5 $(APT_WAIT_S)); do \
	    out=$$($(APT_GET) update -qq 2>&1) && break; \
	    case "$$out" in *"Could not get lock"*) [ $$wait -lt $(APT_WAIT_S) ] ;; *) false ;; esac \
	      || { echo "$$out" >&2; exit 1; }; \
	    [ $$wait -gt 0 ] || echo "waiting for another apt to release its lock"; \
	    sleep 5; \
	  done; \
	  $(APT_GET) install -y -qq chromium >/dev/null; }

# Compiled only when a source changed since the last build (a tsc run costs seconds).
BUILT := dist/.built
SOURCES := $(shell find schemas crawler indexer api deploy types -name '*.ts' ! -name '*.test.ts' 2>/dev/null)
$(BUILT): $(STAMP) $(SOURCES) tsconfig.json tsconfig.build.json
	npx tsc -p tsconfig.build.json
	touch $@

build: $(BUILT)

demo: build chromium
	npx tsx test/demo/run-demo.ts

test: build chromium
	@rm -f .test-results.json
	npx vitest run --reporter=default --reporter=json --outputFile=.test-results.json; \
	  status=$$?; node test/helpers/print-counts.mjs .test-results.json; exit $$status

typecheck: deps
	npx tsc -p tsconfig.json --noEmit

lint: deps
	npx biome check .

check: typecheck lint

bench: build
	npx tsx bench/run-all.ts

clean:
	rm -rf dist .test-results.json
