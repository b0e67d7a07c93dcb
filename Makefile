# relgraph: `make demo` runs the demo on the bundled sample account; `make test` runs every check.
# Both create the virtual environment in .venv on first use (only Python 3.10+ is needed).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint typecheck pytest system-deps bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,parquet,spark]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/relgraph demo --out demo-output

# System packages the browser and font tests use (Chromium, CJK fonts). Installs them with
# apt-get when run as root; otherwise says what is missing (those tests then skip, saying why).
system-deps:
	bash scripts/install-system-deps.sh

lint: setup
	$(BIN)/ruff check relgraph tests benchmarks scripts
	$(BIN)/ruff format --check relgraph tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: system-deps lint typecheck pytest

# Regenerate the generated reference pages (data format, CLI) and build the site strictly.
docs: setup
	$(BIN)/python -m relgraph.io.reference > docs/data-format.md
	$(BIN)/python scripts/make_cli_docs.py docs/cli.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

bench: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b --scale 0.01 || exit 1; done

clean:
	rm -rf $(VENV) demo-output test-artifacts site .pytest_cache .mypy_cache .ruff_cache
