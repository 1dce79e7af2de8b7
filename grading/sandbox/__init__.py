"""Running untrusted notebooks: a warm worker behind a small backend interface (like JupyterHub's Spawner).

`backends` says how a worker is started (bubblewrap by default, or without any
isolation when the user insists); `worker` is what runs inside; `execute` is the
nbgrader preprocessor that replaces nbgrader's own Execute step.
"""
