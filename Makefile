# One command to chat with the bot, one to run the tests (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install chat test lint typecheck check eval bench lock clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Talk to the bot in the terminal, on a local SQLite file (data/mentor.sqlite3).
chat: $(STAMP)
	$(BIN)/mentor chat

## Set up everything the tests need (PostgreSQL binaries included) and run them all.
test: $(STAMP)
	./scripts/ensure-test-deps.sh
	MENTOR_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/dev-questions.yaml --cmd "$(BIN)/mentor ask --json"
	$(BIN)/python ../shared/eval/score.py tests/eval/questions.yaml --cmd "$(BIN)/mentor ask --json"

bench: $(STAMP)
	$(BIN)/python benchmarks/answers.py

## Re-pin dependencies after editing pyproject.toml: runtime pins (the Docker image)
## and development pins on top of them (tests, lint, types).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet .
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^mentor' > requirements.lock
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	echo "-r requirements.lock" > requirements-dev.lock
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^mentor' \
		| grep -vxFf requirements.lock >> requirements-dev.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
