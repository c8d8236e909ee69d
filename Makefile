# Each target installs what it needs into .venv on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := tests/node/node_modules/.installed

.PHONY: demo test test-fast lint install typecheck bench corpus clean browser

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[tts,dev]'
	touch $(STAMP)

install: $(STAMP)

$(NODE_STAMP): tests/node/package.json
	cd tests/node && npm install --no-audit --no-fund --silent
	touch $(NODE_STAMP)

demo: $(STAMP)
	$(BIN)/verifier demo --out reports/demo

# The browser test renders the HTML report in Debian's chromium; install it when
# we can (root with apt), otherwise that one test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "note: chromium not installed; the report browser test will skip"; }

# mypy and ruff first: a type or lint error fails fast, before minutes of real ASR.
test: $(STAMP) $(NODE_STAMP) browser lint
	$(BIN)/python -m pytest -q -ra

# The tests that load no model and start no speech (under a minute): run them while you work.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/mypy
	$(BIN)/ruff check

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/detection.py
	$(BIN)/python bench/end_to_end.py
	$(BIN)/python bench/collect.py
	$(BIN)/python bench/proxy.py

corpus: $(STAMP)
	$(BIN)/python corpora/generate.py

clean:
	rm -rf $(VENV) reports/demo
