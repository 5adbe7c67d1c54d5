# Two commands for a fresh machine:  `make brief`  and  `make test`.
# Everything the project needs is installed here (Python packages into .venv, system
# libraries through apt-get when we are root); nothing has to be installed by hand.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# System libraries: Pango (WeasyPrint's text layout) and fonts with Vietnamese diacritics;
# Chromium for the browser test.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra

.PHONY: brief test lint golden docs bench setup sysdeps clean help

help:
	@echo "make brief   set up, ingest seeds/, build briefs/*.yaml into reports/ (incremental)"
	@echo "make test    set up, run the whole test suite"
	@echo "make lint    ruff + mypy"
	@echo "make golden  regenerate the golden Markdown/HTML in tests/golden (review the diff!)"
	@echo "make docs    regenerate docs/templates.md (the template reference) from the code"
	@echo "make bench   run the benchmarks and write BENCHMARKS.md"

setup: sysdeps $(STAMP)
	@# Bytecode for our own sources too (pip compiles only what it copies), on every setup:
	@# every `brief` start reads it, and where PYTHONDONTWRITEBYTECODE keeps Python from
	@# writing it, a source changed since (a pull, a merge) was compiled again on each start
	@# (0.1-0.2 s CPU of a rebuild at 10k). Only stale files are compiled: 0.3 s when none is.
	@$(BIN)/python -m compileall -q src

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

sysdeps:
	@missing=""; \
	ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || missing="$$missing libharfbuzz-subset0"; \
	(fc-list 2>/dev/null | grep -qi 'DejaVu') || fc-cache -f >/dev/null 2>&1 || true; \
	(fc-list 2>/dev/null | grep -qi 'DejaVu') || missing="$$missing fonts-dejavu-core fonts-dejavu-extra"; \
	{ command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing system packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null && \
	    { fc-cache -f >/dev/null 2>&1 || true; }; \
	  else \
	    echo "Missing system packages:$$missing"; \
	    echo "Install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
	@# Headless Chromium for tests/test_browser.py (HTML briefs at desktop and phone width). Not
	@# needed to make briefs, so without root the browser test is skipped, saying why.
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing system packages: chromium"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || \
	    echo "could not install chromium: tests/test_browser.py will be skipped"; \
	  else \
	    echo "Chromium missing (tests/test_browser.py will be skipped): sudo apt-get install chromium"; \
	  fi; }

# Ingests seeds/ and builds briefs/*.yaml into reports/ (see briefing.toml); incremental:
# a second run with nothing changed renders nothing.
brief: setup
	$(BIN)/brief build --all

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

golden: setup
	$(BIN)/python tests/regen_golden.py

docs: setup
	$(BIN)/python -m briefing.render.reference > docs/templates.md

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'   # dateparser, for the side-by-side comparison
	$(BIN)/python -m compileall -q src   # measure the code as it is now, not a start-up compiling it
	bench/run

clean:
	rm -rf $(VENV) .briefing reports/*.md reports/*.html reports/*.pdf
