# The two set-up commands of the README. Both work on a fresh Debian machine as root:
# they create .venv if missing and install the package (and Debian packages) if missing.
VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Debian packages the tests need: chromium renders the HTML report like a person's browser
TEST_DEBS := chromium

.PHONY: demo test debian-test-packages

demo: $(STAMP)
	$(VENV)/bin/grading demo

test: $(STAMP) debian-test-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e .
	touch $(STAMP)

debian-test-packages:
	@dpkg -s $(TEST_DEBS) >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_DEBS))
