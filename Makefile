# Tilik: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Two workers: the machines have two cores. PYTEST_ARGS= (empty) runs in one process.
PYTEST_ARGS ?= -n 2
# Development defaults; a real deployment sets its own environment (see .env.example).
export DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help run setup test test-beban test-postgres lint format bench messages clean

help:
	@echo "make run            set up (first time) and serve on http://127.0.0.1:$(PORT)"
	@echo "make setup          venv + pinned install + migrate + collectstatic + demo data"
	@echo "make test           the whole test suite (SQLite unless DATABASE_URL is set), browser tests included"
	@echo "make test-beban     load and fault tests: gunicorn + a private PostgreSQL (a few minutes)"
	@echo "make lint           ruff check, ruff format --check, mypy"
	@echo "make bench          benchmarks (benchmarks/)"
	@echo "make messages       refresh and compile the translation catalogues"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py demo

# The site and, beside it, the task worker that makes PDF reports and sends forum e-mails
# (the database queue of settings.TASKS); the worker stops when the server does.
run: setup
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests (tests/e2e) need Debian's Chromium at /usr/bin/chromium; without it they are
# skipped with that reason (.ci/run installs it). Load tests are marked "beban" and left out.
CHROMIUM := /usr/bin/chromium

test: $(VENV)/.dev
	@test -x $(CHROMIUM) || echo "NOTE: $(CHROMIUM) not found: the browser tests (tests/e2e) will be skipped (apt-get install chromium)"
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not beban"

# One process: the tests make their own concurrency (50 clients against gunicorn).
test-beban: $(VENV)/.dev
	$(BIN)/python -m pytest tests/beban -m beban -p no:xdist -s

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/run.py

messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .mypy_cache .ruff_cache
