# relgraph: `make demo` runs the demo on the bundled sample account; `make test` runs every check.
# Both create the virtual environment in .venv on first use (only Python 3.10+ is needed).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint typecheck pytest system-deps bench docs catalog clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,parquet]"
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

# Message catalogues (relgraph/locale): extract every template and display word into the .pot,
# merge it into each language's .po (new or changed English texts come out untranslated or
# fuzzy: translate them), and compile the .mo files the package ships. tests/test_i18n.py
# fails until the committed .pot, .po and .mo are current and complete.
LOCALE := relgraph/locale
catalog: setup
	$(BIN)/pybabel extract -F babel.cfg --no-location --omit-header -o $(LOCALE)/relgraph.pot .
	$(BIN)/pybabel update -i $(LOCALE)/relgraph.pot -d $(LOCALE) -D relgraph \
		--ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -d $(LOCALE) -D relgraph --statistics

bench: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b --scale 0.01 || exit 1; done

clean:
	rm -rf $(VENV) demo-output test-artifacts site .pytest_cache .mypy_cache .ruff_cache
