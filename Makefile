# relgraph: `make demo` runs the demo on the bundled sample account; `make test` runs every check.
# Both create the virtual environment in .venv on first use (only Python 3.11+ is needed).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint typecheck pytest system-deps bench docs catalog clean test-min

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,parquet,fast,spark]"
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

# Regenerate the generated reference pages (data format, CLI, layer table), build the site
# strictly (it runs the notebooks) and check it loads nothing from the network. NO_MKDOCS_2_WARNING
# silences Material for MkDocs' end-of-life notice: the README's Dependencies section says
# which versions are pinned and why.
docs: setup
	$(BIN)/python -m relgraph.io.reference > docs/data-format.md
	$(BIN)/python scripts/make_cli_docs.py docs/cli.md
	$(BIN)/python scripts/layers.py docs/architecture.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python scripts/check_site_offline.py site

# The test suite on the LOWEST supported version of every runtime dependency (and of the
# extras parquet and fast), in its own environment (.venv-min, rebuilt each time). Left
# out: the docs and notebook tests (they test the documentation tools), the packaging test
# (it checks the bounds against the newest releases, installed in .venv) and the doctests
# (their printed reprs are those of the newest releases: numpy 2 prints np.float64(0.5)).
# Not part of `make test` (it installs the old wheels: 4-8 minutes on 2 cores); run it when
# a lower bound in pyproject.toml changes. DeprecationWarnings are not errors here (they are
# in `make test`): an old release calls APIs its own dependencies have since deprecated
# (matplotlib 3.7 and pyparsing 3.3, typer 0.16 and click 8.3), which its users never see.
MIN_VENV ?= .venv-min
test-min: setup
	rm -rf $(MIN_VENV)
	$(PYTHON) -m venv $(MIN_VENV)
	$(BIN)/python scripts/lowest_deps.py parquet fast > $(MIN_VENV)/constraints.txt
	$(MIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MIN_VENV)/bin/python -m pip install --quiet -c $(MIN_VENV)/constraints.txt -e ".[parquet,fast]" \
		"pytest>=7.4" "hypothesis>=6.80" "playwright>=1.40" "markdown>=3.5,<4" "nbformat>=5.9"
	$(MIN_VENV)/bin/python -m pip list --format=freeze | grep -iE "^($$(cut -d= -f1 $(MIN_VENV)/constraints.txt | paste -sd'|'))=="
	$(MIN_VENV)/bin/python -m pytest -q -ra -p no:cacheprovider -o addopts="" \
		-W ignore::DeprecationWarning tests \
		--ignore=tests/test_docs.py --ignore=tests/test_notebooks.py \
		--ignore=tests/test_packaging.py

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
	rm -rf $(VENV) $(MIN_VENV) demo-output test-artifacts site .pytest_cache .mypy_cache .ruff_cache
