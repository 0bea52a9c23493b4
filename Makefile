# Two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PO := $(wildcard roundtable/locale/*/LC_MESSAGES/roundtable.po)
MO := $(PO:.po=.mo)

.PHONY: run test install install-test locale judges chromium postgres zeo extract clean-db bench mst

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip "setuptools<81" wheel

$(VENV)/.installed: $(BIN)/python setup.py
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.py
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed locale
install-test: $(VENV)/.installed-test locale judges postgres mst

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

locale: $(MO)

# Independent judges for the tests: Nu HTML Checker, axe-core (npm), Java, chromium.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

judges: node_modules/.installed chromium
	@command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)

# Debian's PostgreSQL server binaries, for RelStorage (the tests start a private
# cluster of their own in a temp folder; nothing is configured system-wide).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql)

# Meine Stadt Transparent, a real OParl consumer for tests/oparl: its importer
# reads our API. In a virtualenv of its own (Django 4 and numpy<2 must not meet
# the app's packages); Debian's headers for mysqlclient and ImageMagick for its
# imports; pip<24.1, as newer pip refuses the malformed metadata of its
# django-elasticsearch-dsl pin. See tests/oparl/test_mst_import.py.
MST_VENV := .venv-mst
MST_DEBS := pkg-config default-libmysqlclient-dev libmagickwand-6.q16-6
# its settings come from the environment: no log files, no Elasticsearch, no geocoder
MST_ENV := REAL_HOST=localhost SECRET_KEY=tests-only NO_LOG_FILES=True \
  ELASTICSEARCH_ENABLED=False NOMINATIM_URL=http://127.0.0.1:9 PYTHONWARNINGS=ignore
$(MST_VENV)/.installed:
	@dpkg -s $(MST_DEBS) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $(MST_DEBS))
	$(PYTHON) -m venv $(MST_VENV)
	$(MST_VENV)/bin/pip install --quiet --upgrade "pip<24.1" "setuptools<81" wheel
	$(MST_VENV)/bin/pip install --quiet "meine-stadt-transparent==0.2.14" "numpy<2"
	# its empty database, migrated once (minutes of work), copied by each test run
	cd $(MST_VENV) && rm -f template.sqlite3 && env $(MST_ENV) \
	  DATABASE_URL=sqlite:///$(CURDIR)/$(MST_VENV)/template.sqlite3 bin/mst-manage migrate --verbosity 0
	touch $@

mst: $(MST_VENV)/.installed

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

run: install
	mkdir -p var
	$(BIN)/roundtable-mailqueue development.ini & \
	  trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/pserve development.ini

# A ZEO server on var/Data.fs (and var/blobs) for several application processes;
# point zodbconn.uri at zeo://$(ZEO_ADDRESS) (see README, "ZEO").
ZEO_ADDRESS ?= 127.0.0.1:8100
zeo: install
	$(BIN)/roundtable-zeo var/Data.fs --address $(ZEO_ADDRESS) --blobs var/blobs

# Two workers, whole files each (a file's shared server or browser starts once).
test: install-test
	$(BIN)/pytest -q -n 2 --dist loadfile

# The benchmark (prints figures, asserts none): generates the 10-year dataset in
# var/bench/scale-1/ once, then measures under wrk; results in var/bench/<date>.json.
# `make bench SCALE=5` measures the five-times dataset beside it and prints the growth.
# Options pass through, e.g. `make bench BENCH_ARGS="--rounds 9"`.
SCALE ?= 1
bench: install-test
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONWARNINGS="ignore:pkg_resources is deprecated:UserWarning" $(BIN)/roundtable-bench --scale $(SCALE) $(BENCH_ARGS)

# Refresh the message catalogues from the code and templates.
extract: $(VENV)/.installed-test
	$(BIN)/pot-create -o roundtable/locale/roundtable.pot roundtable templates
	for po in $(PO); do $(BIN)/pybabel update -D roundtable -i roundtable/locale/roundtable.pot -o $$po --no-wrap -l $$(echo $$po | cut -d/ -f3) --ignore-obsolete --no-fuzzy-matching; done

clean-db:
	rm -rf var/Data.fs* var/blobs
