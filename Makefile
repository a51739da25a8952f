# Borderlinks: `make run` serves the app, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8050

.PHONY: run test lint test-postgres store translations browser postgres bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Compile the gettext catalogues (dashboard/locale/*/LC_MESSAGES/messages.po -> .mo, git-ignored).
translations: $(VENV)/.installed
	$(PY) -m babel.messages.frontend compile -d dashboard/locale -D messages

# Build the store when it is missing or older than its inputs (data files or build code). With no data folder
# (no ../shared/data, no BORDERLINKS_DATA_DIR) and no store, first download the inputs into data/inputs
# (`python -m dashboard fetch-data`, checked against data/downloads.csv); offline it stops with one message.
store: $(VENV)/.installed translations
	@$(PY) -m dashboard fetch-data --if-missing
	$(PY) -m dashboard build --if-stale

run: store
	PORT=$(PORT) $(PY) app.py

# Debian's Chromium and its driver for the browser tests, and a CJK font for Chinese (installed when missing and root).
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	else \
		echo "The browser tests need Debian's chromium and chromium-driver:"; \
		echo "    sudo apt-get install chromium chromium-driver"; exit 1; \
	fi
	@if [ "$$(id -u)" = "0" ] && ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei; fi

# Debian's PostgreSQL for the store, import and API tests on PostgreSQL (installed when missing and root).
# `make test` runs every test with a throwaway cluster (scripts/with-postgres: initdb under /tmp, a unix
# socket only, stopped and deleted afterwards even when tests fail); `make test-postgres` only the
# PostgreSQL variants.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	else \
		echo "The PostgreSQL tests need Debian's postgresql (they skip without it):"; \
		echo "    sudo apt-get install postgresql"; \
	fi

# The house's rules, checked before the tests: ruff (pyflakes, isort, bugbear), import-linter (the layers, no
# cycles, no Dash below the presenters) and mypy (geo/, the store, the view state), all set in pyproject.toml.
lint: $(VENV)/.installed-test
	$(PY) -m ruff check dashboard geo tests benchmarks scripts app.py
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

test: $(VENV)/.installed-test lint browser postgres store
	scripts/with-postgres scripts/run-tests $(PY) --durations=15

test-postgres: $(VENV)/.installed-test postgres store
	scripts/with-postgres $(PY) -m pytest -k postgresql tests/test_store_build.py tests/test_network.py \
		tests/test_registry_import.py tests/test_registry_cli.py tests/test_registry_auth.py \
		tests/test_postgres_api.py tests/test_faults.py

bench: store
	$(PY) benchmarks/build.py

clean:
	rm -rf $(VENV) data/*.sqlite data/*.sqlite.tmp-*
