# graphintel: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
# Python 3.12 (networkx 3.7 needs it): first one that runs, from PATH or pyenv.
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && { echo "$$p"; break; }; done)
BIN := $(VENV)/bin
DEMO_OUT ?= out/demo
export GRAPHINTEL_HOME ?= $(CURDIR)/.graphintel

.PHONY: demo test lint bench validate install clean-neo4j stop

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Error: Python 3.12 not found (looked on PATH and under ~/.pyenv/versions); install it, e.g. 'pyenv install 3.12'"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

# Byte-compiled as installing the wheel would (an editable install compiles nothing, and
# with PYTHONDONTWRITEBYTECODE every command would compile its modules again).
install: $(BIN)/.installed
	@$(BIN)/python -m compileall -q graphintel >/dev/null

demo: install
	@bash scripts/demo.sh "$(DEMO_OUT)"

test: install
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-libreoffice.sh
	@bash scripts/ensure-gephi-toolkit.sh >/dev/null
	@bash scripts/ensure-cytoscape-js.sh
	GRAPHINTEL_HOME=$(CURDIR)/.graphintel-test $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check graphintel tests cli.py validation bench
	$(BIN)/mypy graphintel validation bench

# The analysis on data graphintel did not write (published networks, an independent
# generator); figures to VALIDATION.md.
validate: install
	GRAPHINTEL_HOME=$(CURDIR)/.graphintel-validate $(BIN)/python -m validation.run

bench: install
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py

stop:
	-$(BIN)/graphintel neo4j stop
