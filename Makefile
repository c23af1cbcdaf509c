# Huilong: `make run` (set up, build the demo warehouse, serve the dashboards) and
# `make test` (set up, run every test) are all a new machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV := $(ROOT)/.venv
TOOLS := $(ROOT)/.tools
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_DISABLE_TELEMETRY := 1

.PHONY: help setup run test bench lint format dev chromium clean

help:
	@echo "make run    set up, build the demo warehouse, serve the dashboards on http://127.0.0.1:8501"
	@echo "make test   set up and run every test"
	@echo "make bench  benchmarks (build and dashboard queries at scale)"
	@echo "make lint   ruff;  make dev  the Dagster UI on http://127.0.0.1:3000"

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

# Idempotent: uv sync installs exactly uv.lock (a no-op when nothing changed).
setup: $(if $(shell command -v uv 2>/dev/null),,$(TOOLS)/bin/uv) chromium
	$(UV) sync --frozen --python 3.11
	@# Bytecode once per lock: with PYTHONDONTWRITEBYTECODE set (as on these machines) every
	@# process would otherwise recompile dagster, dbt and GE from source (25 s -> 11 s imports).
	@if [ ! -f $(VENV)/.bytecode ] || [ uv.lock -nt $(VENV)/.bytecode ]; then \
		echo "compiling the environment's bytecode"; \
		$(VENV)/bin/python -m compileall -q -j 0 $(VENV)/lib > /dev/null 2>&1 || true; \
		touch $(VENV)/.bytecode; \
	fi
	@$(VENV)/bin/huilong --help > /dev/null

# Debian's Chromium drives the real-browser tests (Playwright uses it; no browser download).
chromium:
	@if ! command -v chromium > /dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; \
	fi

run: setup
	$(VENV)/bin/huilong demo

test: setup
	$(VENV)/bin/pytest

# BENCH_SCALES=0.25,1,4 for the full run (the 4x data set is ~11 GB and takes a while to make)
bench: setup
	$(VENV)/bin/huilong bench --scales $${BENCH_SCALES:-0.25,1}

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

dev: setup
	$(VENV)/bin/huilong dev

clean:
	rm -rf warehouse dbt_project/target dbt_project/logs .dagster_home .pytest_cache
