# Two commands for everyone:  make lab   (set up and open JupyterLab)
#                             make test  (set up and run every test)
# The environment lives in .venv/ and is rebuilt only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
START := notebooks/00_start_here.ipynb

.PHONY: lab test test-fast browser lint validate editions bench clean

$(STAMP): pyproject.toml tools/install_lab_settings.py jupyter/overrides.json jupyter/jupyter_server_config.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python tools/install_lab_settings.py
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" $$(test "$$(id -u)" = 0 && echo --allow-root) "$(START)"

# A browser for the browser tests: Debian's chromium (Playwright's own download does not work offline).
browser:
	@$(PYTHON) tools/find_browser.py >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	  else \
	    $(BIN)/python -m playwright install chromium; \
	  fi; }

lint: $(STAMP)
	$(BIN)/ruff check helpers tests tools

validate: $(STAMP)
	$(BIN)/python -m helpers validate

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q --ignore=tests/browser

editions: $(STAMP)
	$(BIN)/python tools/build_editions.py

bench: $(STAMP) browser
	$(BIN)/python tools/bench.py

clean:
	rm -rf build .pytest_cache
