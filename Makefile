# roleplay — the two commands: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# -qq: progress lines come from this Makefile, not from pip.
PIP := $(BIN)/python -m pip --disable-pip-version-check -qq
SCENARIO ?= angry-mail-outage-en

.PHONY: play test demo bench lint typecheck unit slow setup lock clean

# Playing needs only the runtime libraries, at the versions in requirements-play.lock.
$(VENV)/.play: requirements-play.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "roleplay: installing what playing needs into $(VENV) (once, about half a minute)…"
	@$(PIP) install --require-hashes --no-deps -r requirements-play.lock
	@$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@

# The test environment: every library pinned with hashes in requirements-test.lock.
$(VENV)/.test: requirements-test.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "roleplay: installing the test environment into $(VENV) (once)…"
	@$(PIP) install --require-hashes --no-deps -r requirements-test.lock
	@$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@ $(VENV)/.play

setup: $(VENV)/.test

play: $(VENV)/.play
	@$(BIN)/roleplay play $(SCENARIO)

demo: $(VENV)/.play
	$(BIN)/roleplay play $(SCENARIO) --replies scenarios/replies/$(SCENARIO).good.txt --seed 7 --db $(VENV)/demo.sqlite3 --trainee demo

lint: $(VENV)/.test
	$(BIN)/ruff check simulator scoring tests benchmarks
	$(BIN)/ruff format --check simulator scoring tests benchmarks

typecheck: $(VENV)/.test
	$(BIN)/mypy

unit: $(VENV)/.test
	@scripts/ensure-chromium.sh
	$(BIN)/pytest

test: lint typecheck unit

# Only the slow suites (concurrency, kill -9, Ctrl-C, packaging); `make test` runs them too.
slow: $(VENV)/.test
	$(BIN)/pytest -m slow

bench: $(VENV)/.test
	$(BIN)/python benchmarks/run.py

# Refresh both lock files from pyproject.toml (newest versions that fit, with hashes).
lock:
	@rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	@$(VENV)-lock/bin/python -m pip --disable-pip-version-check -qq install pip-tools==7.7.0
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)-lock/bin/pip-compile -q --upgrade --generate-hashes --allow-unsafe --build-deps-for=editable --strip-extras --no-emit-index-url --no-emit-find-links --annotation-style=line -o requirements-play.lock pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)-lock/bin/pip-compile -q --upgrade --generate-hashes --allow-unsafe --build-deps-for=editable --strip-extras --no-emit-index-url --no-emit-find-links --annotation-style=line --extra dev -o requirements-test.lock pyproject.toml
	@rm -rf $(VENV)-lock

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
