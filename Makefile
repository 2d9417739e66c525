# Thin targets over the `edition` CLI (README.md, "Make targets").
# `make` sets up .venv, checks tei/ and builds dist/; `make test` runs the test suite.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
EDITION := $(VENV)/bin/edition
STAMP  := $(VENV)/.installed
# Test-only tools that are not pip packages: Debian's jing and chromium, npm's axe-core.
NODE_DIR := .cache/node
SOURCES ?= tei
OUT     ?= dist

.PHONY: all build check html epub index test tools bench lint clean distclean

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(EDITION) check $(SOURCES)
	$(EDITION) build $(SOURCES) --out $(OUT)

check: $(STAMP)
	$(EDITION) check $(SOURCES)

html epub index: $(STAMP)
	$(EDITION) build $(SOURCES) --out $(OUT) --only $@

# Best effort: installs what is missing when it can (root for apt-get, npm for axe-core).
# Tests that need a missing tool skip, and fail when CI=true.
tools:
	@command -v jing >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends jing chromium >/dev/null) || \
	    echo "tools: jing/chromium not installed (needs root and apt-get)"; }
	@[ -f $(NODE_DIR)/node_modules/axe-core/axe.min.js ] || \
	  { command -v npm >/dev/null 2>&1 && mkdir -p $(NODE_DIR) && \
	    npm install --silent --no-audit --no-fund --prefix $(NODE_DIR) axe-core@4 >/dev/null || \
	    echo "tools: axe-core not installed (needs npm)"; }

test: $(STAMP) tools
	$(PY) -m pytest -n auto

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench
	$(VENV)/bin/mypy

bench: $(STAMP) tools
	$(PY) bench/run.py

clean:
	rm -rf $(OUT)

distclean: clean
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
