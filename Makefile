# Quick start: `make run` serves the embedded default, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint schema bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/registrar db upgrade
	$(BIN)/registrar run

test: $(STAMP)
	@scripts/postgres-up || echo "PostgreSQL is not reachable: the suite runs on SQLite only"
	$(BIN)/pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check registrar tests bench

schema: $(STAMP)
	$(BIN)/registrar export-schema schema.graphql

bench: $(STAMP)
	$(BIN)/python bench/epp_check.py
	$(BIN)/python bench/dashboard.py

clean:
	rm -rf $(VENV) var .pytest_cache
