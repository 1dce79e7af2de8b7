"""Test cells import and read the instructor's copies of shipped files, whatever the student did to theirs."""

from __future__ import annotations

from tests.sandbox.inside.direct import errors

STUDENT, TEST, LOCKED = False, True, True
HELPER = b"def check(value):\n    assert value == 42, 'wrong answer'\n"
FORGED = b"def check(value):\n    pass\n"


def test_a_test_imports_the_instructors_module(worker) -> None:
    _, test = worker.run(("answer = 41", STUDENT), ("from helpers import check\ncheck(answer)", TEST),
                         files={"helpers.py": FORGED}, shipped={"helpers.py": HELPER})
    assert errors(test) == ["AssertionError: wrong answer"]


def test_a_locked_cells_import_of_a_shipped_module_is_the_judges(worker) -> None:
    """The instructor's cell imports the check; the student rewrites the module and its copy of the function."""
    cells = (("from helpers import check", STUDENT, LOCKED),
             ("import helpers\nhelpers.check = lambda value: None\ncheck = helpers.check\nanswer = 41", STUDENT),
             ("check(answer)", TEST))
    _, _, test = worker.run(*cells, files={"helpers.py": HELPER}, shipped={"helpers.py": HELPER})
    assert errors(test) == ["AssertionError: wrong answer"]


def test_a_test_reads_the_instructors_data(worker) -> None:
    student, test = worker.run(
        ("with open('expected.txt', 'w') as f:\n    f.write('41')\nanswer = 41", STUDENT),
        ("assert answer == int(open('expected.txt').read()), 'differs'", TEST),
        files={"expected.txt": b"42"}, shipped={"expected.txt": b"42"})
    assert errors(student) == [] and errors(test) == ["AssertionError: differs"]


def test_without_shipped_files_a_test_cannot_reach_the_students(worker) -> None:
    _, test = worker.run(("answer = 1", STUDENT), ("import helpers", TEST), files={"helpers.py": FORGED})
    assert errors(test) == ["ModuleNotFoundError: No module named 'helpers'"]
