# roleplay — the two commands: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SCENARIO ?= angry-mail-outage-en

.PHONY: play test demo bench lint typecheck unit setup clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

play: $(STAMP)
	$(BIN)/roleplay play $(SCENARIO)

demo: $(STAMP)
	$(BIN)/roleplay play $(SCENARIO) --replies scenarios/replies/$(SCENARIO).good.txt --seed 7 --db $(VENV)/demo.sqlite3 --trainee demo

lint: $(STAMP)
	$(BIN)/ruff check simulator scoring tests benchmarks
	$(BIN)/ruff format --check simulator scoring tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
