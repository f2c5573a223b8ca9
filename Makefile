# Two commands matter: `make run` and `make test`. Both set up what they need first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The versions the suite was run with: every install takes them from requirements.lock.
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
# The translation catalogues: .ts sources (committed, from pyside6-lupdate) compiled to .qm.
TS := $(wildcard ui/translations/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test lint unit bench bench-smoke screenshots setup system-deps display-deps clean lock package translations

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c $(LOCK) -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) $(QM)

## The compiled catalogues are built, not committed: pyside6-lrelease comes with PySide6.
ui/translations/%.qm: ui/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

## After changing user-visible text: refresh the .ts sources from the code (commit them).
translations: $(STAMP)
	$(PY) scripts/translations.py update

system-deps:
	@sh scripts/system-deps.sh test

## What Qt needs to open a window on a real display (xcb).
display-deps:
	@sh scripts/system-deps.sh run

## Open the app on the embedded demo database (created and filled on first run).
run: setup display-deps
	$(PY) -m workbench --demo

## Lint, type-check, check the layering and for dead code, then run the whole suite on SQLite and PostgreSQL.
test: setup system-deps lint unit

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/vulture

## The suite measures its coverage: below the floor in pyproject.toml ([tool.coverage.report]) it fails.
unit: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --durations=15 --cov --cov-report=

## The benchmark: figures against floors measured in the same run (not part of `make test`).
bench: setup system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

## PNGs of the main screens and PDF pages from the demo data, into docs/screenshots.
screenshots: setup system-deps
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots

## After changing a dependency in pyproject.toml: install the newest allowed versions, run
## `make test`, and this writes what was installed (and tested) into requirements.lock.
lock:
	$(PY) -m pip install -q --upgrade -e '.[dev,package]'
	$(PY) scripts/write_lock.py $(LOCK)

## The one-folder app bundle in dist/workbench (PyInstaller), then its test starts it offscreen.
package: setup
	$(PY) -m pip install -q -c $(LOCK) -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/workbench.spec
	cp packaging/workbench.desktop resources/icons/workbench.png dist/workbench/
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:xdist packaging/tests

clean:
	rm -rf $(VENV) build dist *.egg-info $(QM)
