"""`grading` in an nbgrader course as it is: nbgrader's quickstart course, no course.toml, nothing else set up.

Every autograded cell must score what `nbgrader autograde` (its own kernel, no sandbox) gives the same
submissions in a copy of the same course: `assert_agrees_with_nbgrader` checks that for any course and
assignment, so an assignment is added to the comparison with a few lines.
"""

from __future__ import annotations

import csv
import re
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from grading.autograde import runs_sandboxed, sandboxed_steps
from grading.cli import main
from grading.course import Course, check
from grading.sandbox.execute import METADATA
from tests.conftest import REPO

QUICKSTART = "course101"
# answers to the quickstart's ps1 (problem1.ipynb), by the grade_id of the answer cell
CORRECT = {
    "squares": 'def squares(n):\n    if n < 1:\n        raise ValueError("n < 1")\n'
               "    return [i ** 2 for i in range(1, n + 1)]",
    "sum_of_squares": "def sum_of_squares(n):\n    return sum(squares(n))",
}
PARTIAL = {  # no ValueError, and sum_of_squares does not use squares: half of the test cells pass
    "squares": "def squares(n):\n    return [i ** 2 for i in range(1, n + 1)]",
    "sum_of_squares": "def sum_of_squares(n):\n    return sum(i * i for i in range(1, n + 1))",
}
BROKEN = {"squares": "def squares(n)\n    return n", "sum_of_squares": "def sum_of_squares(n):\n    return 1 / 0"}
SUBMISSIONS = {"correct": CORRECT, "partial": PARTIAL, "stub": {}, "broken": BROKEN}
# ps2: problem1 again, with a due date, graded with nbgrader's own late penalty (no course.toml)
DUE = datetime(2026, 10, 1, 12, 0)  # naive UTC, as nbgrader stores it
ON_TIME, LATE = "2026-10-01 11:00:00.000000 UTC", "2026-10-03 09:30:00.000000 UTC"


def _nbgrader(cwd: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def submit(course_dir: Path, assignment: str, student: str, answers: dict[str, str], timestamp: str = ON_TIME) -> None:
    """The released assignment, with these answer cells filled in, as `nbgrader collect` puts it in submitted/."""
    folder = course_dir / "submitted" / student / assignment
    shutil.copytree(course_dir / "release" / assignment, folder)
    for path in folder.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            answer = answers.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
            if answer is not None:
                cell.source = answer
        nbformat.write(notebook, path)
    (folder / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    (folder / "submission_secret.txt").write_text(secrets.token_hex(16), encoding="utf-8")  # names the feedback


@dataclass(frozen=True)
class Graded:
    """One student's autograded submission, as a gradebook holds it."""

    cells: dict[str, float]  # autograded cell -> score
    late_penalty: float
    seconds_late: float
    code_score: float
    max_code_score: float


def gradebook_results(course_dir: Path, assignment: str) -> dict[str, Graded]:
    with Course(course_dir).gradebook() as gb:
        return {
            submission.student_id: Graded(
                {grade.name: grade.score for nb in submission.notebooks for grade in nb.grades if grade.auto_score
                 is not None}, submission.late_submission_penalty, submission.total_seconds_late,
                submission.code_score, submission.max_code_score)
            for submission in gb.assignment_submissions(assignment)
        }


def assert_agrees_with_nbgrader(course_dir: Path, assignment: str, work: Path) -> dict[str, Graded]:
    """`grading autograde ASSIGNMENT --create` in the course, `nbgrader autograde ASSIGNMENT --create` in a copy of
    it made before, with the course's own config (nbgrader's Execute): the same scores, cell by cell, and the same
    late penalties. Returns ours."""
    plain = work / f"plain-nbgrader-{assignment}"
    shutil.copytree(course_dir, plain)
    assert main(["--course-dir", str(course_dir), "autograde", assignment, "--create", "--workers", "1"]) == 0
    _nbgrader(plain, "autograde", assignment, "--create")
    ours, theirs = gradebook_results(course_dir, assignment), gradebook_results(plain, assignment)
    students = sorted(p.name for p in (course_dir / "submitted").iterdir() if (p / assignment).is_dir())
    assert sorted(ours) == sorted(theirs) == students
    for student in students:
        assert ours[student].cells, student
        assert ours[student] == theirs[student], student
        for path in (course_dir / "autograded" / student / assignment).glob("*.ipynb"):  # ran in the sandbox
            assert METADATA in nbformat.read(path, as_version=4).metadata, path
    return ours


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Graded]]]:
    """nbgrader's quickstart course, ps1 (no due date) and ps2 (due, nbgrader's late penalty 'zero') generated,
    submitted and graded by both; the course and our results per assignment."""
    work = tmp_path_factory.mktemp("existing")
    _nbgrader(work, "quickstart", QUICKSTART)
    course_dir = work / QUICKSTART
    ps2 = course_dir / "source" / "ps2"
    ps2.mkdir()
    shutil.copy(course_dir / "source" / "ps1" / "problem1.ipynb", ps2)
    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
    course = Course(course_dir)
    for assignment in ("ps1", "ps2"):
        check(course.api().generate_assignment(assignment), f"generating {assignment}")
    with course.gradebook() as gb:
        gb.update_or_create_assignment("ps2", duedate=DUE)
    for student, answers in SUBMISSIONS.items():
        submit(course_dir, "ps1", student, answers)
    submit(course_dir, "ps2", "correct", CORRECT)
    submit(course_dir, "ps2", "late", CORRECT, LATE)
    results = {assignment: assert_agrees_with_nbgrader(course_dir, assignment, work) for assignment in ("ps1", "ps2")}
    return course_dir, results


def test_autograde_needs_nothing_but_the_nbgrader_course(quickstart) -> None:
    course_dir, results = quickstart
    assert not (course_dir / "course.toml").exists()
    ps1 = results["ps1"]
    assert ps1["correct"].code_score == 3  # every test cell; max_code_score also counts a manually graded one
    assert 0 < ps1["partial"].code_score < 3
    assert ps1["stub"].code_score == ps1["broken"].code_score == 0
    assert all(graded.seconds_late == 0 and graded.late_penalty == 0 for graded in ps1.values())  # no due date


def test_nbgraders_own_late_penalty_without_course_toml(quickstart) -> None:
    ps2 = quickstart[1]["ps2"]
    assert ps2["correct"].seconds_late == 0 and ps2["correct"].late_penalty == 0
    assert ps2["late"].seconds_late == 45 * 3600 + 30 * 60
    assert ps2["late"].late_penalty == ps2["late"].code_score == 3  # penalty_method "zero"


def test_unknown_assignment_is_named_with_the_gradebook(quickstart, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--course-dir", str(quickstart[0]), "autograde", "ps9"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "gradebook.db: no assignment 'ps9' in the gradebook (known: ps1, ps2)" in err
    assert "nbgrader generate_assignment ps9" in err


def test_admission_says_what_it_needs_then_uses_the_gradebook(quickstart, capsys: pytest.CaptureFixture[str]) -> None:
    course_dir, results = quickstart
    assert main(["--course-dir", str(course_dir), "admission"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "course.toml: not found, so the course has no rule" in err and "--threshold 0.5" in err
    assert main(["--course-dir", str(course_dir), "admission", "--now", "2026-12-01T00:00+00:00",
                 "--threshold", "0.2"]) == 0
    with (course_dir / "admission.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == sorted({*results["ps1"], *results["ps2"]})
    with Course(course_dir).gradebook() as gb:
        maximum = sum(gb.find_assignment(a).max_score for a in ("ps1", "ps2"))
    for student, row in rows.items():
        earned = sum(r[student].code_score - r[student].late_penalty for r in results.values() if student in r)
        assert float(row["points"]) == earned and float(row["max_total"]) == maximum, student
    assert rows["correct"]["status"] == "admitted"  # 6 of 23 points: above a fifth
    assert (course_dir / "report.html").is_file() and (course_dir / "grades.csv").is_file()


def test_feedback_without_a_rule_has_no_standing(quickstart) -> None:
    course_dir, results = quickstart
    exchange = course_dir.parent / "exchange"
    exchange.mkdir()
    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    assert main(["--course-dir", str(course_dir), "feedback", "ps1"]) == 0
    for student in results["ps1"]:
        page = (course_dir / "feedback" / student / "ps1" / "problem1.html").read_text(encoding="utf-8")
        assert "Score:" in page and "course-standing" not in page, student
    assert len(list((exchange / QUICKSTART / "feedback").glob("*.html"))) == 2 * len(results["ps1"])


def test_readme_lines_sandbox_the_courses_own_nbgrader(quickstart, tmp_path: Path) -> None:
    """The config lines README.md gives a lecturer make their `nbgrader autograde` and formgrader sandboxed, with
    the steps `grading autograde` runs."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use it on an existing nbgrader course"):]
    lines = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    shutil.copy(quickstart[0] / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    course = Course(tmp_path)
    assert not runs_sandboxed(course)
    with (tmp_path / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\n" + lines)
    sandboxed = Course(tmp_path)
    assert runs_sandboxed(sandboxed)
    assert sandboxed.config.Autograde.autograde_preprocessors == sandboxed_steps(course) == sandboxed_steps(sandboxed)


def test_commands_that_need_course_toml_say_so(quickstart, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["simulate", "ps1"], ["demo"], ["hub"]):
        assert main(["--course-dir", str(quickstart[0]), *command]) == 1
        err = " ".join(capsys.readouterr().err.split())
        assert f"course.toml: not found; `grading {command[0]}` needs the course plan" in err, command


def test_students_missing_from_the_gradebook_need_create_where_nbgrader_would(
        quickstart, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course_dir = tmp_path / QUICKSTART
    shutil.copytree(quickstart[0], course_dir, ignore=shutil.ignore_patterns("autograded", "feedback", ".grading"))
    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\nc.Autograde.create_student = False\n")
    submit(course_dir, "ps1", "newbie", CORRECT)
    assert main(["--course-dir", str(course_dir), "autograde", "ps1"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "gradebook.db: not in the gradebook: newbie; --create adds them" in err
    with Course(course_dir).gradebook() as gb:
        assert "newbie" not in {student.id for student in gb.students}


# ps3: a module and a data file shipped beside the notebook, IPython magics, `!` lines and input(), as a lecturer's
# notebook may use them; graded cell for cell like nbgrader's kernel started in the notebook's folder
HELPERS = "def scale(x):\n    return 2 * x\n"
KERNEL_CELLS = [
    ("setup", None, "%matplotlib inline\nimport numpy as np\nimport matplotlib.pyplot as plt\n"
                    "from helpers import scale\ndata = np.loadtxt('data/values.csv', delimiter=',')"),
    ("mean_scaled", "answer", "def mean_scaled(x):\n    ### BEGIN SOLUTION\n    return scale(x).mean()\n"
                              "    ### END SOLUTION"),
    ("test_mean", 1, "%%time\nassert abs(mean_scaled(data) - scale(data).mean()) < 1e-12\n"
                     "assert mean_scaled(np.array([1.0, 3.0])) == 4.0"),
    ("listing", None, "listing = !ls data\n%timeit -n 1 -r 1 mean_scaled(data)\nplt.plot(data);"),
    ("test_listing", 1, "assert listing == ['values.csv'], listing\nimport helpers\nassert helpers.scale(1) == 2"),
    ("test_input", 1, "try:\n    input('x? ')\nexcept Exception as error:\n"
                      "    assert type(error).__name__ == 'StdinNotImplementedError', repr(error)\n"
                      "else:\n    raise AssertionError('input() returned')"),
    ("test_data", 1, "with open('data/values.csv') as handle:\n    assert len(handle.read().split()) == 3"),
]
KERNEL_ANSWERS = {"right": {"mean_scaled": "def mean_scaled(x):\n    return scale(x).mean()"},
                  "wrong": {"mean_scaled": "def mean_scaled(x):\n    return x.mean()"}, "stub": {}}


def _kernel_notebook() -> nbformat.NotebookNode:
    cells = []
    for grade_id, role, source in KERNEL_CELLS:
        meta = {"grade_id": grade_id, "schema_version": 3, "task": False, "solution": role == "answer",
                "grade": isinstance(role, int), "locked": role != "answer"}
        if isinstance(role, int):
            meta["points"] = role
        cells.append(nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta}))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def test_shipped_module_data_magics_and_input_as_in_nbgraders_kernel(tmp_path: Path) -> None:
    _nbgrader(tmp_path, "quickstart", QUICKSTART)
    course_dir = tmp_path / QUICKSTART
    source = course_dir / "source" / "ps3"
    (source / "data").mkdir(parents=True)
    (source / "helpers.py").write_text(HELPERS, encoding="utf-8")
    (source / "data" / "values.csv").write_text("1\n2\n4\n", encoding="utf-8")
    nbformat.write(_kernel_notebook(), source / "kernel.ipynb")
    check(Course(course_dir).api().generate_assignment("ps3"), "generating ps3")
    for student, answers in KERNEL_ANSWERS.items():
        submit(course_dir, "ps3", student, answers)
    (course_dir / "submitted" / "wrong" / "ps3" / "helpers.py").write_text("def scale(x):\n    return x\n")
    ours = assert_agrees_with_nbgrader(course_dir, "ps3", tmp_path)
    assert ours["right"].code_score == 4
    # the wrong answer's own helpers.py is overwritten by the instructor's, as nbgrader does: only test_mean fails
    assert ours["wrong"].cells == {"test_mean": 0, "test_listing": 1, "test_input": 1, "test_data": 1}
    assert ours["stub"].cells["test_mean"] == 0
