"""grading similarity on a simulated cohort: students who wrote their own answers, planted copies, a team.

The cohort is real: sheet01 released into a course directory, every student fetching it and submitting
through nbgrader's exchange (honest ones their own rewrite of the reference, copiers a disguised copy of
another's cells), collected, then compared by the command an instructor runs.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from grading.cli import main
from grading.collect import collect
from grading.course import Course, check
from grading.simulate import Kind, make_roster, simulate
from grading.simulate.copies import BEFORE_DUE, answers, plant_copy, resubmit, write_own
from tests.conftest import make_course_dir

SHEET = "sheet01"
SEED = 4
N = 16
PLANTED = [(0, 1), (2, 3), (4, 5)]  # (original, copier), positions in the roster
TEAM = (6, 7)  # the second submits a disguised copy of the first's: allowed, they are one author
STUBS = (8, 9)  # submit the released template untouched
CORRUPT = 10
HOSTILE = "</pre><script>alert('copied')</script>"


@dataclass
class Compared:
    ids: list[str]
    pairs: pd.DataFrame
    page: str

    def pair(self, i: int, j: int) -> pd.DataFrame:
        a, b = sorted((self.ids[i], self.ids[j]))
        return self.pairs[(self.pairs["author_a"] == a) & (self.pairs["author_b"] == b)]


def _release_template(course: Course) -> None:
    """The student version released (nbgrader's generate and release); the source stands in for the executed
    solutions the cohort reads its reference answers from (the same code, without a kernel's start-up)."""
    with course.gradebook() as gb:
        gb.update_or_create_assignment(SHEET, duedate=course.plan.sheet(SHEET).due)
    api = course.api()
    check(api.generate_assignment(SHEET), "generating the student version")
    solutions = course.root / "solutions" / SHEET
    solutions.mkdir(parents=True)
    shutil.copy(course.root / "source" / SHEET / f"{SHEET}.ipynb", solutions)
    check(api.release_assignment(SHEET), "releasing")


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Compared:
    root = make_course_dir(tmp_path_factory.mktemp("similarity") / "course")
    ids = list(make_roster(N, SEED)["id"])  # the roster simulate writes
    with (root / "course.toml").open("a", encoding="utf-8") as plan:
        plan.write(f'\n[[teams]]\nmembers = ["{ids[TEAM[0]]}", "{ids[TEAM[1]]}"]\n')
    course = Course(root)
    _release_template(course)
    kinds = [Kind.STUB if i in STUBS else Kind.CORRUPT if i == CORRUPT else Kind.FULL for i in range(N)]
    simulate(course, SHEET, n_students=N, seed=SEED, kinds=kinds)
    rng = np.random.default_rng(SEED)
    copiers = {copier for _, copier in PLANTED} | {TEAM[1]}
    for i, student in enumerate(ids):
        if kinds[i] is Kind.FULL and i not in copiers:
            write_own(course, SHEET, student, rng)
    hostile = answers(course, SHEET, ids[PLANTED[2][0]])
    hostile["center"] += f"\nnote = {HOSTILE!r}"
    resubmit(course, SHEET, ids[PLANTED[2][0]], hostile, course.plan.sheet(SHEET).due - BEFORE_DUE / 2)
    for original, copier in [*PLANTED, TEAM]:
        plant_copy(course, SHEET, ids[original], ids[copier], rng)
    collect(course, SHEET)
    assert main(["--course-dir", str(root), "similarity", SHEET]) == 0
    return Compared(ids, pd.read_csv(root / f"similarity-{SHEET}.csv", dtype={"author_a": str, "author_b": str}),
                    (root / f"similarity-{SHEET}.html").read_text(encoding="utf-8"))


def test_every_planted_copy_ranks_above_every_honest_pair(compared: Compared) -> None:
    planted = pd.concat([compared.pair(*pair) for pair in PLANTED])
    assert len(planted) == len(PLANTED)
    honest = compared.pairs.drop(planted.index)
    assert planted["similarity"].min() > honest["similarity"].max()
    assert set(compared.pairs.index[: len(PLANTED)]) == set(planted.index)  # the CSV is sorted, most similar first
    assert (planted["similarity"] > 0.9).all() and honest["similarity"].max() < 0.75


def test_a_team_is_one_author(compared: Compared) -> None:
    team = "+".join(sorted(compared.ids[i] for i in TEAM))
    names = set(compared.pairs["author_a"]) | set(compared.pairs["author_b"])
    assert team in names
    assert not names & {compared.ids[i] for i in TEAM}
    assert len(names) == N - 2  # the team counts once, the corrupt notebook not at all


def test_template_code_is_ignored(compared: Compared) -> None:
    stubs = compared.pair(*STUBS)  # two untouched templates: nothing of their own to match
    assert stubs["matched"].tolist() == [0] and stubs["similarity"].tolist() == [0.0]


def test_report_is_self_contained_and_escapes_student_code(compared: Compared) -> None:
    page = compared.page
    assert "<script" not in page and not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "&lt;/pre&gt;&lt;script&gt;alert(" in page  # the hostile string, shown as text in the pair it is in
    assert page.count('<section class="pair"') >= len(PLANTED) and "<mark>" in page
    assert f"{compared.ids[CORRUPT]}/{SHEET}.ipynb: unreadable" in page
