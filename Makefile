# Two commands do all the set-up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate and run the full update on the default database (SQLite).
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py updatecalaccess --noinput

## make test: install, lint, type-check and run the whole test suite (DATABASE_URL picks the database).
test: $(STAMP) lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make typecheck: mypy with django-stubs over the library packages listed in pyproject.toml.
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data/*.test
