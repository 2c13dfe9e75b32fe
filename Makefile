# SAKIP: the two commands that matter are `make run` and `make test` (see README.md).
# GNU make; every recipe runs as one bash script that stops at the first failing line.

SHELL := bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
# The stamp holds a hash of pyproject.toml: setup re-installs only when the dependencies change.
STAMP := $(VENV)/.sakip-setup

# Tests run with production-like values: DEBUG off, a throwaway secret, HTTP allowed.
TEST_ENV := SECRET_KEY=test-only-secret DEBUG=false SECURE_SSL_REDIRECT=false

.PHONY: help setup run test lint format migrate demo worker chromium clean messages bench

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## Create .venv (Python ≥ 3.11) and install the dependencies of pyproject.toml
	@if [ ! -x "$(PY)" ]; then
	  python=""
	  for candidate in python3.11 python3; do
	    if command -v "$$candidate" >/dev/null 2>&1 \
	      && "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
	      python="$$candidate"; break
	    fi
	  done
	  if [ -z "$$python" ]; then echo "Python 3.11 or newer is needed (python3.11 or python3)." >&2; exit 1; fi
	  echo "Creating $(VENV) with $$("$$python" --version)"
	  "$$python" -m venv "$(VENV)"
	fi
	wanted="$$(sha256sum pyproject.toml | cut -d' ' -f1)"
	if [ -f "$(STAMP)" ] && [ "$$(cat "$(STAMP)")" = "$$wanted" ]; then exit 0; fi
	# pyproject.toml is the one list of dependencies; the project itself is not installed.
	"$(PY)" -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	  print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' \
	  > "$(VENV)/requirements.txt"
	"$(PY)" -m pip install --quiet -r "$(VENV)/requirements.txt"
	echo "$$wanted" > "$(STAMP)"
	echo "Dependencies installed in $(VENV)."

run: setup ## Run the app at http://127.0.0.1:8000 with demo data and a background worker
	@export DEBUG="$${DEBUG:-true}"
	"$(PY)" manage.py migrate --noinput
	if command -v msgfmt >/dev/null 2>&1; then
	  "$(PY)" manage.py compilemessages -l id --ignore "$(VENV)" --ignore var >/dev/null
	fi
	"$(PY)" manage.py load_demo
	# The worker gets its own process group (setsid), so that stopping it also stops the
	# reloader's child process.
	setsid "$(PY)" manage.py db_worker &
	worker=$$!
	trap 'kill -- -$$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT INT TERM
	echo "Background worker started (pid $$worker). Open http://127.0.0.1:8000/ (Ctrl-C stops both)."
	"$(PY)" manage.py runserver 127.0.0.1:8000

test: setup chromium ## Lint, check migrations and run the whole test suite (DATABASE_URL respected)
	@export $(TEST_ENV)
	failed=()
	"$(VENV)/bin/ruff" check . || failed+=("ruff check")
	"$(VENV)/bin/ruff" format --check . || failed+=("ruff format --check")
	"$(PY)" manage.py makemigrations --check --dry-run || failed+=("makemigrations --check")
	# Two processes (the machine's two cores), one file per process at a time so that module-
	# and package-scoped fixtures (the demo) are built once per process.
	"$(VENV)/bin/pytest" -n "$${PYTEST_WORKERS:-2}" --dist loadfile || failed+=("pytest")
	if [ $${#failed[@]} -gt 0 ]; then
	  echo "FAILED: $${failed[*]} (database: $${DATABASE_URL:-SQLite})" >&2; exit 1
	fi
	echo "All checks passed (database: $${DATABASE_URL:-SQLite})."

bench: setup ## Measure speed on PostgreSQL at demo and province size (bench/README.md; not in test)
	@"$(PY)" -c 'import tomllib; \
	  print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["bench"]))' \
	  > "$(VENV)/requirements-bench.txt"
	"$(PY)" -m pip install --quiet -r "$(VENV)/requirements-bench.txt"
	"$(PY)" bench/run.py

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@if [ -x /usr/bin/chromium ]; then exit 0; fi
	if [ "$$(id -u)" = 0 ]; then sudo=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"
	else
	  echo "NOTE: /usr/bin/chromium is missing and packages cannot be installed (not root, no sudo)."
	  echo "      Install it with: sudo apt-get install chromium   (the browser tests need it)."
	  exit 0
	fi
	$$sudo apt-get update
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends chromium

messages: setup ## Refresh and compile every app's Indonesian catalogue; list what is untranslated
	@scripts/messages.sh root
	for app in $$(ls apps); do
	  if [ -d "apps/$$app/locale" ]; then scripts/messages.sh "$$app"; fi
	done

lint: setup ## ruff check and ruff format --check
	@"$(VENV)/bin/ruff" check .
	"$(VENV)/bin/ruff" format --check .

format: setup ## Fix what ruff can fix and format the code
	@"$(VENV)/bin/ruff" check --fix .
	"$(VENV)/bin/ruff" format .

migrate: setup ## Apply the migrations (DEBUG=true and SQLite unless set otherwise)
	@DEBUG="$${DEBUG:-true}" "$(PY)" manage.py migrate --noinput

demo: migrate ## Load the demo data (does nothing when it is there)
	@DEBUG="$${DEBUG:-true}" "$(PY)" manage.py load_demo

worker: setup ## Run the background worker in the foreground
	@DEBUG="$${DEBUG:-true}" "$(PY)" manage.py db_worker

clean: ## Remove the virtualenv, the SQLite databases and other generated files
	@rm -rf "$(VENV)" var/ .ruff_cache .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
