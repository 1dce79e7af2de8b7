"""Read nbgrader's gradebook with a few SQL queries into pandas (not nbgrader's per-object loop).

A score follows nbgrader's own rule (nbgrader.api.Grade.score): the manual score
if set, else the automatic one, plus extra credit; cells never graded count 0.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

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


def _read(db_url: str, *queries: tuple[sa.TextClause, dict]) -> list[pd.DataFrame]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [pd.read_sql(query, connection, params=params) for query, params in queries]
    finally:
        engine.dispose()


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


def read_students(db_url: str) -> pd.DataFrame:
    (students,) = _read(db_url, (_STUDENTS, {}))
    return students.fillna("")
