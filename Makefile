# Two commands for everyone:  make lab   (set up and open JupyterLab, the self-study view: answers after a real attempt)
#                             make test  (set up, then lint and run every test: library, notebooks, browser)
# For the teacher:            make lab-teacher  (the same, the teacher view: every answer, rubric and note)
#                             make editions     (build/class, build/self-study and build/teacher, to hand out)
# The environment lives in .venv/ and is rebuilt only when pyproject.toml changes. Setting it up also installs
# the git filter that keeps notebooks clean (see notebook-filter below).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.package-lock.json
START := notebooks/00_start_here.ipynb

.PHONY: lab lab-teacher test test-fast browser notebook-filter lint validate editions handouts slides site hub hub-stop loadtest bench clean

$(STAMP): pyproject.toml tools/install_lab_settings.py jupyter/overrides.json jupyter/jupyter_server_config.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python tools/install_lab_settings.py
	@$(MAKE) --no-print-directory notebook-filter
	@touch $(STAMP)

# Notebooks stay clean by construction: git passes every notebook it stores through nbstripout (pinned in
# pyproject.toml), which drops outputs and execution counts and keeps the cell ids. Set up only in this project's
# own git work tree (not in an edition unpacked inside another repository), and skipped without git.
notebook-filter:
	@if command -v git >/dev/null 2>&1 && test "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)"; then \
	  git config filter.nbstripout.clean '$(BIN)/python -m nbstripout --keep-id' && \
	  git config filter.nbstripout.smudge cat && \
	  git config filter.nbstripout.required true && \
	  git config diff.ipynb.textconv '$(BIN)/python -m nbstripout --keep-id -t' && \
	  { grep -qxF '*.ipynb filter=nbstripout diff=ipynb' .gitattributes 2>/dev/null || echo '*.ipynb filter=nbstripout diff=ipynb' >> .gitattributes; } && \
	  echo "Notebook filter installed: git stores notebooks without outputs (nbstripout; .gitattributes, .git/config)"; \
	else \
	  echo "Not a git work tree of its own (or no git): no notebook filter installed"; \
	fi

# The server and its kernels get SCO_NOTEBOOKS_VIEW, which the working tree's exercises follow (a built class or
# self-study edition follows its corpus/exercises/EDITION file instead).
LAB = $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" $$(test "$$(id -u)" = 0 && echo --allow-root) "$(START)"

lab: $(STAMP)
	SCO_NOTEBOOKS_VIEW=self-study $(LAB)

lab-teacher: $(STAMP)
	SCO_NOTEBOOKS_VIEW=teacher $(LAB)

# A browser for the browser tests: Debian's chromium (Playwright's own download does not work offline).
# tools/lab_harness.py is the one search for a browser (the tests use it too). Nothing is installed silently:
# the recipe says what it installs and why, and that it uses sudo, before it does.
browser: $(STAMP)
	@$(BIN)/python tools/lab_harness.py >/dev/null 2>&1 || { \
	  echo "The browser tests need Chromium, and none was found (\$$CHROMIUM, /usr/bin/chromium, chromium on the PATH)."; \
	  if command -v apt-get >/dev/null 2>&1; then \
	    if test "$$(id -u)" = 0; then SUDO=""; \
	    elif command -v sudo >/dev/null 2>&1; then SUDO="sudo "; \
	      echo "Installing it needs root: the two apt-get commands below run with sudo, which may ask for your password."; \
	    else \
	      echo "Installing it needs root, and there is no sudo: run 'apt-get install chromium' as root, or set CHROMIUM=/path/to/chromium."; \
	      exit 1; \
	    fi; \
	    echo "Installing Debian's package chromium (and the packages it needs): $${SUDO}apt-get update; $${SUDO}apt-get install -y chromium"; \
	    $${SUDO}apt-get update -qq && $${SUDO}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "No apt-get here: installing Playwright's own Chromium (downloaded into ~/.cache/ms-playwright): $(BIN)/python -m playwright install chromium"; \
	    $(BIN)/python -m playwright install chromium; \
	  fi; }

lint: $(STAMP)
	$(BIN)/ruff check helpers tests tools hub

validate: $(STAMP)
	$(BIN)/python -m helpers validate

test: $(STAMP) $(WEB_STAMP) browser lint
	$(BIN)/python -m pytest -q

test-fast: $(STAMP) $(WEB_STAMP)
	$(BIN)/python -m pytest -q --ignore=tests/browser

editions: $(STAMP)
	$(BIN)/python tools/build_editions.py

# Printable handouts (build/handouts/): the document with ids and margins, the annotated document, exercise sheets
# (class and teacher), the glossary, and the answer key; HTML turned into PDF by the same headless Chromium as the tests.
handouts: $(STAMP) browser
	$(BIN)/python tools/handouts.py
	$(BIN)/python tools/answer_key.py

# reveal.js for the slides, from the npm registry (pinned in web/package-lock.json), installed once.
$(WEB_STAMP): web/package.json web/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "The slides need npm (Node.js) once, to install reveal.js: apt-get install -y npm"; exit 1; }
	@echo "Installing reveal.js from the npm registry into web/node_modules (pinned in web/package-lock.json): npm ci --prefix web"
	npm ci --prefix web --ignore-scripts --no-audit --no-fund
	@touch $(WEB_STAMP)

# Slides for projection (build/slides/): one reveal.js deck per notebook, generated from the notebooks and the corpus.
slides: $(STAMP) $(WEB_STAMP)
	$(BIN)/python tools/slides.py

# A preview that needs no installation (build/site/): the notebooks run in the self-study view, as static pages.
site: slides handouts
	$(BIN)/python tools/site.py

# A class server on this machine (README, "On a class server"): JupyterHub in /opt/sco-hub, run as root.
HUB_IP ?= 127.0.0.1
HUB_PORT ?= 8000
hub: $(STAMP)
	$(BIN)/python tools/hub.py start --ip $(HUB_IP) --port $(HUB_PORT)

hub-stop: $(STAMP)
	$(BIN)/python tools/hub.py stop

# 30 simulated students on a hub of its own, on loopback; writes build/loadtest.json.
loadtest: $(STAMP)
	$(BIN)/python tools/loadtest.py --students 30 --minutes 2

bench: $(STAMP) browser
	$(BIN)/python tools/bench.py

clean:
	rm -rf build .pytest_cache
