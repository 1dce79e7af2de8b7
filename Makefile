# The two set-up commands of the README. Both work on a fresh Debian machine as root:
# they create .venv if missing and install the package (and Debian packages) if missing.
VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test

demo: $(STAMP)
	$(VENV)/bin/grading demo

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e .
	touch $(STAMP)
