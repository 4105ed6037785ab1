# The two commands of the README: `make run` and `make test`. Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements/constraints.txt | cksum | cut -d' ' -f1)

.PHONY: run test lint typecheck browser unit bench lock clean

$(STAMP):
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/constraints.txt -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/marrowpath serve

test: lint typecheck browser unit

# Debian's Chromium for the browser tests (Playwright's own download does not work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' for the browser tests"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest
	$(BIN)/coverage report --include='src/marrowpath/knowledge/*' --fail-under=100 --skip-covered

# medspaCy (the baseline of benchmarks/reports.py) pins numpy < 2, so the benchmarks run in a
# venv of their own, locked separately in requirements/bench-constraints.txt.
BENCH := .venv-bench
bench:
	test -x $(BENCH)/bin/python || $(PY) -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install -q -c requirements/bench-constraints.txt -e ".[test,bench]"
	$(BENCH)/bin/python benchmarks/reports.py
	$(BENCH)/bin/python benchmarks/cases.py --speed

# Re-resolve the newest compatible versions and pin them for every machine.
lock:
	rm -rf .lockenv && $(PY) -m venv .lockenv
	.lockenv/bin/python -m pip install -q --upgrade pip
	.lockenv/bin/python -m pip install -q -e ".[test]"
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^marrowpath' > requirements/constraints.txt
	rm -rf .lockenv && $(PY) -m venv .lockenv
	.lockenv/bin/python -m pip install -q -e ".[test,bench]"
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^marrowpath' > requirements/bench-constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
