"""The long project's questions are the two project-1 paths' (tests/courses/advanced_ml/test_projects.py checks
that their cells are the same), so are their mutants."""

from tests.courses.advanced_ml.mutants import project1_pinn, project1_rnn

MUTANTS = {**project1_rnn.MUTANTS, **project1_pinn.MUTANTS}
EQUIVALENT = {**project1_rnn.EQUIVALENT, **project1_pinn.EQUIVALENT}
