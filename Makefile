# Every target sets itself up from scratch on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lab bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/lsu-analytics demo --out reports/demo

test: $(STAMP)
	$(BIN)/ruff check lsu_analytics tests
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -m spark

lab: $(STAMP)
	@test -f reports/demo/lsu.duckdb || $(MAKE) demo
	LSU_DB=$(CURDIR)/reports/demo/lsu.duckdb $(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_OPTS) \
		$(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/lsu-analytics bench load --pupils 250000
	$(BIN)/lsu-analytics bench check --pupils 250000
	$(BIN)/lsu-analytics bench indicateurs --pupils 250000

clean:
	rm -rf $(VENV) reports/demo
