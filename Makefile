# The OPI Center portal. `make run` serves the demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?=

.PHONY: run serve test test-fast lint format bench bench-applications messages check-messages check-deploy clean

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

## The production shape on this machine: gunicorn + the task worker against PostgreSQL
## (DATABASE_URL), static files through WhiteNoise. DEMO=1 loads the demo content first.
WEB_WORKERS ?= 2
WEB_THREADS ?= 4
WORKER_ID ?= $(shell hostname)-tasks-1
serve: $(VENV)/.installed
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "make serve runs against PostgreSQL:" \
	  "set DATABASE_URL=postgres://user:password@127.0.0.1:5432/opi (see the README)"; exit 2;; esac
	@mkdir -p var && test -s var/secret-key || $(BIN)/python -c \
	  'import secrets; print(secrets.token_urlsafe(64))' > var/secret-key
	export DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-config.settings.production} \
	  SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}" TASKS_BACKEND=database \
	  WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://localhost:$(PORT)}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput -v 0 && \
	if [ -n "$(DEMO)" ]; then $(BIN)/python manage.py load_demo; fi && \
	$(BIN)/python manage.py requeue_interrupted_tasks --worker-id "$(WORKER_ID)" && \
	{ $(BIN)/python manage.py db_worker --worker-id "$(WORKER_ID)" --no-startup-delay \
	  --no-reload & worker=$$!; \
	  $(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) \
	  --workers $(WEB_WORKERS) --threads $(WEB_THREADS) & web=$$!; \
	  trap 'kill $$web $$worker 2>/dev/null; wait; exit 0' INT TERM; wait; }

## Create .venv, install everything, run the whole suite (browser tests included)
test: $(VENV)/.installed-dev node_modules/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

## The suite without the browser tests
test-fast: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest --ignore=tests/e2e -n 2 $(PYTEST_ARGS)

## ruff, and the import-linter contracts: dependencies run one way (pyproject.toml)
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Latency, throughput and worker memory of the demo site under gunicorn, SQL per page (bench/pages.py)
bench: $(VENV)/.installed
	$(BIN)/python bench/pages.py

## The reviewers' admin at 100 and 100,000 applications (see bench/applications.py);
## DB=postgres on a throwaway PostgreSQL cluster of its own
bench-applications: $(VENV)/.installed
	$(BIN)/python bench/applications.py $(if $(filter postgres,$(DB)),--postgres)

## Re-extract translatable strings and compile them (needs gettext's msgfmt)
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages --locale ru --locale kk --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

## Every text of the code and templates is translated into Russian and Kazakh: re-extracts
## them (as `make messages` does), then fails on any text with no translation or a fuzzy one
check-messages: messages
	@for language in ru kk; do \
	  catalog=locale/$$language/LC_MESSAGES/django.po; \
	  missing=$$( { msgattrib --untranslated --no-obsolete --no-wrap $$catalog; \
	    msgattrib --only-fuzzy --no-obsolete --no-wrap $$catalog; } | grep -c '^msgid "[^"]' || true); \
	  if [ "$$missing" -gt 0 ]; then \
	    echo "$$catalog: $$missing texts untranslated or fuzzy:"; \
	    msgattrib --untranslated --no-obsolete --no-wrap $$catalog | grep '^msgid "[^"]'; \
	    msgattrib --only-fuzzy --no-obsolete --no-wrap $$catalog | grep '^msgid "[^"]'; \
	    exit 1; \
	  fi; \
	done; echo "Russian and Kazakh: every text translated"

clean:
	rm -rf $(VENV) node_modules var/test-*
