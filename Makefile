# The two set-up commands of the README. Both work on a fresh Debian machine as root:
# they install the Debian packages, create .venv and install the package, each only if missing.
VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# bubblewrap: the grading sandbox; python3-venv: the environment is made from Debian's Python, which
# the sandbox's unprivileged user can read; chromium: tests render pages like a person's browser.
# postgresql: tests run the pipeline on a real PostgreSQL gradebook (a server of their own, started and stopped).
DEBS := bubblewrap python3-venv chromium postgresql
BASE_PYTHON := $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)

.PHONY: demo test debian-packages node

demo: $(STAMP)
	$(VENV)/bin/grading demo
	$(VENV)/bin/grading --course-dir courses/advanced-ml demo --students 20

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

$(STAMP): pyproject.toml | debian-packages node
	test -x $(PYTHON) || $(BASE_PYTHON) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

debian-packages:
	@dpkg -s $(DEBS) >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS))

# npm: `grading hub` installs JupyterHub's proxy (configurable-http-proxy) from npm into hub/.node.
# NodeSource's Node.js brings npm along (and conflicts with Debian's npm package); otherwise Debian's.
node:
	@command -v npm >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm)
