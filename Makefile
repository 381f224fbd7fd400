# Jobsamtale. `make run` serves the demo; `make test` runs the whole suite. Both set up
# everything they need first (virtualenv, pinned packages, front-end assets, database).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VENDOR := static/vendor

.PHONY: run setup test check lint layers format migrations-check messages lock assets clean bench load faults audit

run: setup
	@$(MANAGE) migrate --noinput -v 0
	@$(MANAGE) seed_demo
	@echo "Jobsamtale: http://127.0.0.1:8000  (demo logins in README.md, password: demo)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) run_huey --quiet & \
	  $(MANAGE) runserver 127.0.0.1:8000

setup: $(VENV)/.installed $(VENDOR)/.installed

$(VENV)/.installed: requirements/dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

# Front-end assets come from npm (package-lock.json) and are served from our own static files.
$(VENDOR)/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are needed for the front-end assets."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/dkfds $(VENDOR)/htmx $(VENDOR)/chartjs
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img $(VENDOR)/dkfds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map $(VENDOR)/chartjs/
	@touch $@

assets: $(VENDOR)/.installed

# In parallel, one worker per CPU (pytest-xdist). `--dist load` hands tests out in collection
# order, which pytest-django sorts so each worker runs its transactional tests last.
test: setup
	$(PY) -m pytest -n auto --dist load $(PYTEST_ARGS)

# Benchmarks on a fresh database of their own (var/bench.sqlite3, or jobsamtale_bench on the
# PostgreSQL server DATABASE_URL names); results in perf/bench/results/. BENCH_ARGS picks some.
bench: setup
	$(PY) -m perf.bench $(BENCH_ARGS)

# Load and fault tests against gunicorn and PostgreSQL on loopback; each stops by itself and
# writes its report to perf/bench/results/. See docs/scaling.md.
load: setup
	$(PY) -m perf.loadtest $(LOAD_ARGS)

faults: setup
	$(PY) -m perf.faults $(FAULT_ARGS)

check: setup lint layers migrations-check
	$(VENV)/bin/mypy .
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	@git diff --quiet -- locale || { echo "locale/*.mo is out of date: commit the compiled catalogues."; exit 1; }

# Known vulnerabilities in the pinned packages (PyPI's advisory database; needs the internet).
# --strict: a package that could not be looked up fails the audit instead of passing unseen.
audit: setup
	$(VENV)/bin/pip-audit --strict --disable-pip --no-deps -r requirements/dev.txt

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The layers of docs/ARCHITECTURE.md: an app imports only apps below it, and the product never
# imports the lab (perf/) or tests/ (import-linter; the contracts are in pyproject.toml).
layers:
	$(VENV)/bin/lint-imports --no-cache

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check:
	$(MANAGE) makemigrations --check --dry-run -v 0

messages:
	$(MANAGE) makemessages -l da -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# base.txt is what production installs; dev.txt (make test) adds the tools and the lab's `perf`
# extra; perf.txt is production's packages plus the lab's, at dev.txt's versions (a load host).
lock:
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra perf --python-version 3.11 --generate-hashes -q -o requirements/dev.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra perf -c requirements/dev.txt --python-version 3.11 --generate-hashes -q -o requirements/perf.txt

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
