# Two commands do all the set-up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# `make run` installs only the driver its DATABASE_URL needs (none for SQLite); `make test`
# installs every extra and the dev tools. Each install has its own stamp.
RUN_EXTRA := $(if $(filter postgres% pgsql%,$(DATABASE_URL)),postgresql,$(if $(filter mysql%,$(DATABASE_URL)),mysql))
RUN_STAMP := $(VENV)/.installed-run$(if $(RUN_EXTRA),-$(RUN_EXTRA))
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run serve test lint typecheck install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.$(if $(RUN_EXTRA),[$(RUN_EXTRA)])'
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(DEV_STAMP)

## make run: install, migrate and run the full update on the default database (SQLite), in local
## mode (CALACCESS_LOCAL=1: a fixed SECRET_KEY unless DJANGO_SECRET_KEY is set).
run: export CALACCESS_LOCAL ?= 1
run: $(RUN_STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py updatecalaccess --noinput

## make serve: migrate, then the campaign browser on http://127.0.0.1:8000/ over the local data
## (local mode; static files served by runserver --insecure). STAFF=1 first creates a staff user
## (STAFF_USER, default "staff"; the password is asked, or read from DJANGO_SUPERUSER_PASSWORD).
STAFF_USER ?= staff
serve: export CALACCESS_LOCAL ?= 1
serve: $(RUN_STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(if $(STAFF),$(BIN)/python manage.py createsuperuser --username '$(STAFF_USER)' --email '' $(if $(DJANGO_SUPERUSER_PASSWORD),--noinput) || echo "Kept the existing user $(STAFF_USER).")
	$(BIN)/python manage.py runserver --insecure 127.0.0.1:8000

## make test: install, lint, type-check and run the whole test suite (DATABASE_URL picks the database).
test: $(DEV_STAMP) lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make typecheck: mypy with django-stubs over the library packages listed in pyproject.toml.
typecheck: $(DEV_STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data/*.test
