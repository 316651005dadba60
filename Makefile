# One command for each job. `make book` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
BOOK_FLAGS := --all -W -n --keep-going
# The execution cache is keyed by each page's own source only: when the package or its data
# change, pages must run again, so the cache is dropped.
PACKAGE_FILES := $(shell find legcourse -type f -not -path '*/__pycache__/*')
CACHE_STAMP := _build/.package-stamp
FAST := not slow and not browser and not kernel and not network

.PHONY: book test test-fast lint typecheck serve check-data bench clean notebooks deck

# (Re)install when the requirement files or the package metadata change.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

$(CACHE_STAMP): $(PACKAGE_FILES)
	rm -rf _build/.jupyter_cache
	@mkdir -p _build && touch $@

# The pages missing from the execution cache run first, in parallel on warm forked kernels, and
# are cached (legcourse/book/execute.py); then `jupyter-book build . $(BOOK_FLAGS)` runs in the
# same process and finds every page in its cache. A failing page stops it, named with its error.
book: $(STAMP) $(CACHE_STAMP)
	$(BIN)/legcourse execute-book . --build $(BOOK_FLAGS)
	@echo "The book is built: open _build/html/index.html, or run 'make serve'."

# Everything: lint, types, doctests and every tier of tests, on every core.
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The inner loop: data, anatomy rules, catalog, drill logic, checks, grading pieces (about 2 min).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "$(FAST)" -p no:xdist

lint: $(STAMP)
	$(BIN)/ruff check legcourse tests bench
	$(BIN)/ruff format --check legcourse tests bench

typecheck: $(STAMP)
	$(BIN)/mypy legcourse

serve:
	@test -f _build/html/index.html || { echo "No built book: run 'make book' first."; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

# The book's notebook pages as notebooks that read like the pages (what Binder opens).
notebooks: $(STAMP)
	$(BIN)/legcourse notebooks --out notebooks

# The Anki deck of the muscles (the drills page of the book offers the same for download).
deck: $(STAMP)
	$(BIN)/legcourse deck --out legcourse-leg-muscles.apkg

check-data: $(STAMP)
	$(BIN)/legcourse check-data

# The benchmark: legcourse against plain nbgrader and Jupyter Book; writes bench/results.*.
bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf _build .pytest_cache .mypy_cache
