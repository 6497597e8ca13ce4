# Pencaker: `make run` starts the service with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test test-sqlite test-postgres lint typecheck messages install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/pencaker migrate --no-input
	$(BIN)/pencaker seed_demo
	PENCAKER_DEMO=$${PENCAKER_DEMO:-true} $(BIN)/pencaker serve --port $(PORT)

test: install-dev
	scripts/ensure-system-deps
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: install-dev
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install-dev
	@echo "== Test suite on PostgreSQL (throwaway cluster on loopback) =="
	$(BIN)/python scripts/pgtmp.py -- $(BIN)/pytest -m "not embedded" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pencaker makemigrations --check --dry-run
	$(BIN)/lint-imports --no-logo

typecheck: install-dev
	$(BIN)/mypy $$(ls -d pencaker/*/services.py pencaker/*/services pencaker/*/selectors.py pencaker/*/selectors 2>/dev/null) pencaker/core

# Regenerate translation catalogues (needs GNU gettext) and compile them.
messages: install-dev
	cd pencaker && ../$(BIN)/pencaker makemessages -l id -l en --no-obsolete -i "*/tests/*"
	cd pencaker && ../$(BIN)/pencaker compilemessages

clean:
	rm -rf $(VENV) var

# Crash-durability harness (issue 7): SIGKILL the app server (and once PostgreSQL) while
# clients submit; ends with `acknowledged=N lost=L duplicated=D`. See bench/README.md.
CYCLES ?= 10
CLIENTS ?= 50
DB ?= both
.PHONY: durability bench cluster-test
# Multi-host deployment on loopback (issue 18, deploy/README.md): HAProxy, two app hosts,
# pgbouncer, a PostgreSQL primary with a synchronous hot standby, S3 (moto); kills an app
# host and the primary under the harness's load; ends with `acknowledged=N lost=0 duplicated=0`.
CLUSTER_CLIENTS ?= 20
cluster-test: install-dev
	scripts/ensure-system-deps
	$(BIN)/python scripts/durability/harness.py --cluster --clients $(CLUSTER_CLIENTS) --workers 1
durability: install-dev
	$(BIN)/python scripts/durability/harness.py --db $(DB) --cycles $(CYCLES) --clients $(CLIENTS)

# Load and overload benchmark against a local production stack (bench/README.md): wrk with
# bench/wrk/*.lua, interleaved with the reference views; PostgreSQL unless DB= is given
# (DB=sqlite, DB=both). BENCH_ARGS passes more options (e.g. --rounds 5).
BENCH_DB := $(if $(filter command line environment,$(origin DB)),$(DB),postgres)
bench: install-dev
	scripts/ensure-system-deps
	$(BIN)/python bench/load.py --db $(BENCH_DB) $(BENCH_ARGS)

# Card-issuing benchmark (issue 4): render + sign + store N cards per run, SQLite and/or
# PostgreSQL, cards per second per core and the time split (bench/README.md).
CARDS ?= 50
RUNS ?= 5
PROCESSES ?= 1
.PHONY: bench-cards
bench-cards: install-dev
	$(BIN)/python bench/cards/issue_bench.py --db $(DB) --cards $(CARDS) --runs $(RUNS) --processes $(PROCESSES)
