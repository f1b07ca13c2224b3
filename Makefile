# yteso — the two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
YTESO := $(VENV)/bin/yteso
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install browser run test lint typecheck unit bench bench-gateway bench-mpi bench-services clean

# System packages some tests use: Debian's Chromium (browser tests of the web pages, no browser
# download), poppler-utils (PDF text) and zbar-tools (QR decoding of signed results).
SYSTEM_TOOLS := chromium:chromium pdftotext:poppler-utils zbarimg:zbar-tools
browser:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "could not install$$missing: the tests that need them will say so"; \
	  else echo "missing system packages:$$missing (apt-get install$$missing)"; fi; fi

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

run: install  ## install, migrate, load demo data, serve on http://127.0.0.1:8000
	$(YTESO) db upgrade
	$(YTESO) demo load --seed 42
	$(YTESO) serve

lint: install
	$(VENV)/bin/ruff check yteso tests bench

typecheck: install
	$(VENV)/bin/mypy yteso

unit: install browser
	$(PY) -m pytest

test: lint typecheck unit  ## install, lint, type check, tests (SQLite always, PostgreSQL when reachable)

bench: install  ## FHIR store benchmark (quick default; ARGS="--patients 20000")
	$(PY) -m bench.fhir $(ARGS)

bench-gateway: install  ## claims XML end to end vs parsing alone, 3 runs and medians (ARGS="--dossiers 5000")
	$(PY) -m bench.gateway --repeat 3 $(ARGS)

bench-mpi: install  ## record linkage precision/recall, cleaning speed, $$match latency
	$(PY) -m bench.mpi $(ARGS)

bench-services: install  ## public services: concurrent applicants and officers
	$(PY) -m bench.services $(ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
