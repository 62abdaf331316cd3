# gradepush: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-sqlite test-postgres check schema worker bench bench-profile clean test-faults

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m cli run $(if $(PORT),--port $(PORT))

test: $(STAMP) check test-sqlite test-postgres

test-sqlite: $(STAMP)
	GRADEPUSH_TEST_BACKEND=sqlite $(PY) -m pytest -q -m "not faults"

test-postgres: $(STAMP)
	GRADEPUSH_TEST_BACKEND=postgres $(PY) -m pytest -q -m "not faults"

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

schema: $(STAMP)
	$(PY) -m cli export-schema > schema.graphql

worker: $(STAMP)
	$(VENV)/bin/dramatiq actors.worker --processes 2 --threads 1

# The push benchmark (not part of `make test`): PostgreSQL and Redis on 127.0.0.1.
SIZE ?= S
RUNS ?= 3
bench: $(STAMP)
	$(PY) -m bench --size $(SIZE) --runs $(RUNS)

bench-profile: $(STAMP)
	$(PY) -m bench --size $(SIZE) --profile

clean:
	rm -rf $(VENV) var

# Fault tests (not part of `make test`): worker processes killed, Redis
# restarted, the database cut off, rows locked; PostgreSQL and Redis as above.
test-faults: $(STAMP)
	GRADEPUSH_TEST_BACKEND=postgres $(PY) -m pytest -q -m faults
