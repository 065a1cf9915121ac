# The two commands a newcomer needs: `make run` and `make test`.
# Both install what they need into .venv and node_modules, and only redo work when inputs change.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := .make

.PHONY: run test install demo lint check-migrations clean bench bench-kpis

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

install: $(STAMP)/python $(STAMP)/frontend

$(STAMP)/python: requirements.txt
	@mkdir -p $(STAMP)
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(STAMP)/frontend: package.json package-lock.json frontend/build.mjs $(wildcard frontend/scss/*.scss frontend/js/* frontend/images/*)
	@mkdir -p $(STAMP)
	npm ci --no-audit --no-fund
	npm run build
	@touch $@

demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check .

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/import_gias_bench.py
	@case "$$DATABASE_URL" in \
		postgres://*|postgresql://*) $(MAKE) --no-print-directory bench-kpis ;; \
		*) echo "KPI dashboard benchmark skipped: it needs DATABASE_URL=postgres://... (see bench/README.md)." ;; \
	esac

bench-kpis: install
	$(BIN)/python bench/kpi_dashboard_bench.py --propose-indexes $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static_build $(STAMP) var db.sqlite3
