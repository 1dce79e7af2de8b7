"""`grading hub`: a real JupyterHub on this machine for the course's roster and staff.

Students and staff become system users, the course's formgrader runs as a JupyterHub service
under the course's grader account, and nbgrader's exchange connects them (see hub/jupyterhub_config.py).
"""
