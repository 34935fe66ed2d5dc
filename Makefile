# Two commands do all set-up on a fresh machine with Python 3.11+ and make:
#   make run    virtualenv, install, migrate, demo data, serve on http://127.0.0.1:5000
#   make test   the whole suite on SQLite, and on PostgreSQL alongside when DATABASE_URL_TEST is set
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PYTEST_ARGS ?=

.PHONY: install run test test-sqlite test-postgres migrate demo clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

migrate: install
	$(FLASK) portal db upgrade

demo: migrate
	$(FLASK) portal seed-demo --if-empty

run: demo
	@echo "Serving on http://127.0.0.1:5000 with two demo identity providers (Ctrl-C stops all)"
	$(BIN)/python -m portal.demo.serve

# Both databases at once, one pytest each (the machine has a core for each), each with its own
# temporary directory and log; the logs are printed when both are done and either failing fails.
test: install
	@rm -rf .pytest-runs && mkdir -p .pytest-runs
	@if [ -n "$$DATABASE_URL_TEST" ]; then \
		echo "== test suite on SQLite and on PostgreSQL ($$DATABASE_URL_TEST), side by side =="; \
		( PORTAL_TEST_DATABASE_URL="$$DATABASE_URL_TEST" $(BIN)/pytest -p no:cacheprovider \
			--basetemp=.pytest-runs/postgres $(PYTEST_ARGS) > .pytest-runs/postgres.log 2>&1; \
			echo $$? > .pytest-runs/postgres.rc ) & \
	else \
		echo "== test suite on SQLite (PostgreSQL skipped: set DATABASE_URL_TEST=postgresql+psycopg://user@host/db) =="; \
		echo 0 > .pytest-runs/postgres.rc; echo "not run" > .pytest-runs/postgres.log; \
	fi; \
	$(BIN)/pytest -p no:cacheprovider --basetemp=.pytest-runs/sqlite $(PYTEST_ARGS) > .pytest-runs/sqlite.log 2>&1; \
	echo $$? > .pytest-runs/sqlite.rc; wait; \
	echo "== SQLite =="; cat .pytest-runs/sqlite.log; \
	echo "== PostgreSQL =="; cat .pytest-runs/postgres.log; \
	test "$$(cat .pytest-runs/sqlite.rc)" = 0 && test "$$(cat .pytest-runs/postgres.rc)" = 0

test-sqlite: install
	@echo "== test suite on SQLite =="
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	@if [ -n "$$DATABASE_URL_TEST" ]; then \
		echo "== test suite on PostgreSQL ($$DATABASE_URL_TEST) =="; \
		PORTAL_TEST_DATABASE_URL="$$DATABASE_URL_TEST" $(BIN)/pytest $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL run skipped: set DATABASE_URL_TEST=postgresql+psycopg://user@host/db to run it =="; \
	fi

clean:
	rm -rf $(VENV) instance artifacts .pytest_cache .pytest-runs
