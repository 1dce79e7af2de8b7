"""Running untrusted notebooks: a warm worker behind a small backend interface (like JupyterHub's Spawner).

`backends` says how a worker is started (bubblewrap by default, or without any
isolation when the user insists); `inside/` is all that runs in the sandbox (the
worker, and per notebook a student process and a judge that decides the test
cells apart from it); `execute` is the nbgrader preprocessor that replaces
nbgrader's own Execute step.
"""
