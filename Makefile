# The OPI Center portal. `make run` serves the demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?=

.PHONY: run serve test test-fast lint format bench bench-applications messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

## Create .venv, install, migrate, load the demo content and serve on http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo $(if $(DEMO_PASSWORD),--password $(DEMO_PASSWORD))
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Create .venv, install everything, run the whole suite (browser tests included)
test: $(VENV)/.installed-dev node_modules/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

## The suite without the browser tests
test-fast: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest --ignore=tests/e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Page latency and SQL queries of the demo site under gunicorn (see bench/pages.py)
bench: $(VENV)/.installed
	$(BIN)/python bench/pages.py

## The reviewers' admin with 100,000 applications (see bench/applications.py)
bench-applications: $(VENV)/.installed
	$(BIN)/python bench/applications.py

## Re-extract translatable strings and compile them (needs gettext's msgfmt)
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages --locale ru --locale kk --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules var/test-*
