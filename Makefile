# Two entry points for a fresh machine (python3 with pip, git, make): `make run`, `make test`.
# Both install what they need (uv in .tools/, then the locked dependencies in .venv/) and can
# be run again safely.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := .tools/bin/uv
RUN := $(UV) run --frozen --no-sync
export UV_LINK_MODE := copy
# Byte-compiled at install: the first answer of a fresh process should not pay for it.
export UV_COMPILE_BYTECODE := 1

.PHONY: run test lint typecheck deps

$(UV):
	@python3 -m venv .tools
	@.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

deps: $(UV)
	@$(UV) sync --frozen --quiet

run: deps
	@$(RUN) corpusbot start

lint: deps
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) hadolint Dockerfile

typecheck: deps
	$(RUN) mypy

test: lint typecheck
	$(RUN) pytest -q
