# Borderlinks: `make run` serves the app, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8050

.PHONY: run test store browser bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Build the store when it is missing or older than its inputs (data files or build code).
store: $(VENV)/.installed
	$(PY) -m dashboard build --if-stale

run: store
	PORT=$(PORT) $(PY) app.py

# Debian's Chromium and its driver for the browser tests (installed when missing and root).
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	else \
		echo "The browser tests need Debian's chromium and chromium-driver:"; \
		echo "    sudo apt-get install chromium chromium-driver"; exit 1; \
	fi

test: $(VENV)/.installed-test browser store
	$(PY) -m pytest --headless

bench: store
	$(PY) benchmarks/build.py

clean:
	rm -rf $(VENV) data/*.sqlite data/*.sqlite.tmp-*
