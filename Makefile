# innograph: `make demo` (install, start Neo4j, load, analyse, write maps) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast install browser lint bench clean-neo4j

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; fi; }

demo: $(STAMP)
	$(BIN)/innograph neo4j start
	$(BIN)/innograph demo

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The pure tests only (no Neo4j, no browser): under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not live and not browser" -q

# The gate CI runs before the tests: formatting, lint (with complexity and blind-except rules)
# and types (mypy with the pydantic plugin), all clean.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --quick
