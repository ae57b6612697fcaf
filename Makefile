# ntm-news: the README's two commands are `make demo` and `make test`.
# Everything below creates its own environment; nothing needs to be installed first
# except Python 3.10+ (and root or sudo for Debian's chromium, used by the browser test).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
NTM := $(VENV)/bin/ntm
DB ?= db/ntm.db
PORT ?= 8001
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: help install demo ingest serve test eval bench data chromium clean

help:
	@echo "make demo   - set up, ingest corpus/samples into $(DB), serve it on http://127.0.0.1:$(PORT)"
	@echo "make test   - set up (incl. headless chromium) and run the whole test suite"
	@echo "make eval   - score 'ntm extract' on $(SHARED)/seeds against $(SHARED)/eval/gold"
	@echo "make bench  - throughput and memory figures of the pipeline"
	@echo "make data   - regenerate extractors/data/units.jsonl (and criteria.json, db/data/official_figures.json from $(SHARED)/reference)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser test (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null 2>&1 && chromium --version

ingest: install
	$(NTM) ingest corpus/samples --db $(DB)

demo: ingest
	@echo "Datasette on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(NTM) serve --db $(DB) --port $(PORT)

serve: install
	$(NTM) serve --db $(DB) --port $(PORT)

test: install chromium
	$(PY) -m pytest -q

eval: install
	@test -d $(SHARED)/seeds || { echo "error: $(SHARED)/seeds not found (set SHARED=...)" >&2; exit 2; }
	@rm -rf out/eval && mkdir -p out/eval
	@for f in $(SHARED)/seeds/*.txt; do \
	  $(NTM) extract "$$f" --format json > out/eval/$$(basename "$$f").json || exit 1; done
	$(PY) $(SHARED)/eval/score.py --gold $(SHARED)/eval/gold --pred out/eval

bench: install
	$(PY) -m pipeline.bench

# The generated data files; tests/extractors/test_gazetteer.py checks units.jsonl is current.
data: install
	$(PY) scripts/build_units.py
	@if [ -f $(SHARED)/reference/criteria.json ]; then \
	  $(PY) scripts/build_criteria.py $(SHARED)/reference/criteria.json extractors/data/criteria.json; \
	else echo "criteria.json kept: $(SHARED)/reference not found" >&2; fi
	@if [ -f $(SHARED)/reference/official-figures.json ]; then \
	  $(PY) scripts/build_official_figures.py $(SHARED)/reference/official-figures.json db/data/official_figures.json; \
	else echo "official_figures.json kept: $(SHARED)/reference not found" >&2; fi

clean:
	rm -rf out build *.egg-info $(DB) $(DB)-wal $(DB)-shm
