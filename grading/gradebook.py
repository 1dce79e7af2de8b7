"""Read nbgrader's gradebook with a few SQL queries into pandas (not nbgrader's per-object loop).

A score follows nbgrader's own rule (nbgrader.api.Grade.score): the manual score
if set, else the automatic one, plus extra credit; cells never graded count 0.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import sqlalchemy as sa

from grading.errors import GradingError

_SCORES = sa.text("""
SELECT sub.id AS submission, sub.student_id AS student, a.name AS sheet,
       sub.timestamp AS submitted_at, a.duedate AS due,
       COALESCE(SUM(CASE
           WHEN g.manual_score IS NOT NULL THEN g.manual_score + COALESCE(g.extra_credit, 0)
           WHEN g.auto_score IS NOT NULL THEN g.auto_score + COALESCE(g.extra_credit, 0)
           ELSE 0 END), 0) AS score,
       SUM(CASE WHEN g.needs_manual_grade THEN 1 ELSE 0 END) AS cells_to_grade_by_hand
FROM submitted_assignment sub
JOIN assignment a ON a.id = sub.assignment_id
LEFT JOIN submitted_notebook nb ON nb.assignment_id = sub.id
LEFT JOIN grade g ON g.notebook_id = nb.id
WHERE a.course_id = :course
GROUP BY sub.id, sub.student_id, a.name, sub.timestamp, a.duedate
""")

_PENALTIES = sa.text("""
SELECT nb.assignment_id AS submission, COALESCE(SUM(nb.late_submission_penalty), 0) AS penalty
FROM submitted_notebook nb
GROUP BY nb.assignment_id
""")

# test cells: graded code cells that are not also answer cells (nbgrader keeps those as two cells of one name)
_TEST_CELLS = sa.text("""
SELECT a.name AS sheet, sub.student_id AS student, n.name AS notebook, bc.name AS cell, gc.max_score AS max_points,
       COALESCE(g.manual_score, g.auto_score, 0) + COALESCE(g.extra_credit, 0) AS points
FROM grade g
JOIN grade_cells gc ON gc.id = g.cell_id
JOIN base_cell bc ON bc.id = gc.id
JOIN notebook n ON n.id = bc.notebook_id
JOIN submitted_notebook snb ON snb.id = g.notebook_id
JOIN submitted_assignment sub ON sub.id = snb.assignment_id
JOIN assignment a ON a.id = sub.assignment_id
WHERE a.course_id = :course AND gc.cell_type = 'code' AND NOT EXISTS (
    SELECT 1 FROM base_cell other JOIN solution_cells sc ON sc.id = other.id
    WHERE other.notebook_id = bc.notebook_id AND other.name = bc.name)
""")

_STUDENTS = sa.text("SELECT id, first_name, last_name, email FROM student")

# Per submitted notebook of one sheet: its submission's timestamp and how many of its test cells have no score yet.
# nbgrader adds a submission with every grade empty and scores each test cell (a code grade cell that is no
# solution cell) once the notebook has run, committing cell by cell; written answers wait for a TA, so they do not
# tell whether autograding finished.
_GRADED_NOTEBOOKS = sa.text("""
SELECT sub.student_id AS student, sub.timestamp AS timestamp, n.name AS notebook,
       SUM(CASE WHEN gc.cell_type = 'code' AND g.auto_score IS NULL AND NOT EXISTS (
               SELECT 1 FROM base_cell other JOIN solution_cells sc ON sc.id = other.id
               WHERE other.name = bc.name AND other.notebook_id = bc.notebook_id)
           THEN 1 ELSE 0 END) AS unset
FROM submitted_assignment sub
JOIN assignment a ON a.id = sub.assignment_id
JOIN submitted_notebook nb ON nb.assignment_id = sub.id
JOIN notebook n ON n.id = nb.notebook_id
LEFT JOIN grade g ON g.notebook_id = nb.id
LEFT JOIN grade_cells gc ON gc.id = g.cell_id
LEFT JOIN base_cell bc ON bc.id = g.cell_id
WHERE a.course_id = :course AND a.name = :sheet
GROUP BY sub.student_id, sub.timestamp, n.name
""")



def _read(db_url: str, *queries: tuple[sa.TextClause, dict]) -> list[pd.DataFrame]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [pd.read_sql(query, connection, params=params) for query, params in queries]
    except sa.exc.OperationalError as exc:
        raise unavailable(db_url, exc) from None
    finally:
        engine.dispose()


def unavailable(db_url: str, exc: sa.exc.OperationalError) -> GradingError:
    """The error for a gradebook that is locked, unreachable or full: which one, and the database's reason."""
    where = sa.make_url(db_url).render_as_string(hide_password=True)
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    return GradingError(f"gradebook {where}: {reason}")


def read_scores(db_url: str, course_id: str) -> pd.DataFrame:
    """One row per submission: student, sheet, submitted_at, due, score, penalty, points."""
    scores, penalties = _read(db_url, (_SCORES, {"course": course_id}), (_PENALTIES, {}))
    scores = scores.merge(penalties, on="submission", how="left").fillna({"penalty": 0.0})
    scores["points"] = (scores["score"] - scores["penalty"]).clip(lower=0.0)
    return scores.drop(columns="submission")


def read_test_cells(db_url: str, course_id: str) -> pd.DataFrame:
    """One row per submission and test cell: sheet, student, notebook, cell, max_points, points."""
    (cells,) = _read(db_url, (_TEST_CELLS, {"course": course_id}))
    return cells


def graded_in_gradebook(db_url: str, course_id: str, sheet: str) -> dict[str, tuple[pd.Timestamp, list[str]]]:
    """Student -> (submission timestamp in UTC, its notebooks) for every submission of `sheet` whose test cells are
    all scored; a submission that autograding has not finished is left out."""
    (rows,) = _read(db_url, (_GRADED_NOTEBOOKS, {"course": course_id, "sheet": sheet}))
    graded: dict[str, tuple[pd.Timestamp, list[str]]] = {}
    for student, group in rows.groupby("student"):
        if (group["unset"] == 0).all():
            graded[str(student)] = (utc(group["timestamp"].iloc[0]), sorted(group["notebook"]))
    return graded


def utc(moment: object) -> pd.Timestamp:
    """A gradebook or timestamp.txt moment as a naive UTC timestamp (NaT if missing): SQLite returns text,
    PostgreSQL a datetime, nbgrader's parser an aware one."""
    stamp = pd.Timestamp(moment) if moment is not None else pd.NaT
    return stamp.tz_convert("UTC").tz_localize(None) if stamp is not pd.NaT and stamp.tzinfo else stamp


def digest(scores: pd.DataFrame) -> str:
    """A short hash of the scores as read from the gradebook: which gradebook state an export was made from.
    Moments are normalised, so the same grades give the same hash on SQLite and PostgreSQL."""
    frame = scores.sort_values(["student", "sheet"]).reset_index(drop=True)
    for column in ("submitted_at", "due"):
        frame[column] = [str(utc(moment)) for moment in frame[column]]
    return hashlib.sha256(frame.to_csv(index=False, float_format="%.10g").encode()).hexdigest()[:16]


def read_students(db_url: str) -> pd.DataFrame:
    (students,) = _read(db_url, (_STUDENTS, {}))
    return students.fillna("")
