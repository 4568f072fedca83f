# Two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/amends
REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test test-sqlite test-postgres test-language lint models demo screenshots bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/amends run

demo: $(STAMP)
	$(BIN)/amends demo

# Every test: the language library once, the desk on SQLite and again on PostgreSQL.
test: $(STAMP)
	$(BIN)/python -m pytest -q src/amends/language
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(STAMP)
	AMENDS_VAR_DIR=$(CURDIR)/var/test-sqlite $(BIN)/python -m pytest -q --ignore=src/amends/language

test-postgres: $(STAMP)
	AMENDS_VAR_DIR=$(CURDIR)/var/test-postgres AMENDS_DATABASE_URL=$(PG_URL) AMENDS_TEST_REDIS_URL=$(REDIS_URL) \
		$(BIN)/python -m pytest -q --ignore=src/amends/language

lint: $(STAMP)
	$(BIN)/ruff check src tests bench training
	$(BIN)/mypy src

models:
	test -x .venv-train/bin/python || $(PY) -m venv .venv-train
	.venv-train/bin/pip install --quiet -r training/requirements.txt
	.venv-train/bin/python training/train.py
	.venv-train/bin/python training/finetune.py --bf16

# Screenshots of the web desk into docs/screenshots/ (needs Debian Chromium at /usr/bin/chromium).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var build *.egg-info
