# One command for each job. `make book` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
BOOK_FLAGS := --all -W -n --keep-going

.PHONY: book test serve lint check-data bench clean

# (Re)install when the requirement files or the package metadata change.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	@echo "The book is built: open _build/html/index.html, or run 'make serve'."

test: $(STAMP)
	$(BIN)/python -m pytest

serve:
	@test -f _build/html/index.html || { echo "No built book: run 'make book' first."; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check legcourse tests bench
	$(BIN)/ruff format --check legcourse tests bench

check-data: $(STAMP)
	$(BIN)/legcourse check-data

# The benchmark: legcourse against plain nbgrader and Jupyter Book; writes bench/results.*.
bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf _build .pytest_cache
