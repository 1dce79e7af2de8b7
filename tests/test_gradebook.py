"""The whole pipeline on a real PostgreSQL gradebook (a process pool, then a Dask cluster of several worker
processes) gives the same gradebook contents and the same CSVs as on SQLite."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pandas as pd

from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course
from grading.exports import write_reports
from grading.feedback import feedback
from grading.release import release
from grading.simulate import Kind, simulate
from grading.simulate.ta import grade_by_hand
from tests.conftest import GradedCohort, gradebook_contents, make_course_dir
from tests.postgres import PostgresServer, on_postgres


def _finish(course: Course, now) -> list[bytes]:
    """A TA's manual grades, feedback and the exports; the CSVs' bytes."""
    grade_by_hand(course, "sheet01", seed=3)
    feedback(course, "sheet01", now)
    _, paths = write_reports(course, course.root, now)
    return [path.read_bytes() for path in paths if path.suffix == ".csv"]


def test_pipeline_on_postgresql_equals_sqlite(graded_cohort: GradedCohort, postgres: PostgresServer,
                                              tmp_path: Path) -> None:
    from distributed import LocalCluster

    now = graded_cohort.course.plan.sheet("sheet01").due + timedelta(days=1)
    sqlite = Course(shutil.copytree(graded_cohort.course.root, tmp_path / "sqlite"))
    course = on_postgres(make_course_dir(tmp_path / "postgres"), postgres.database("pipeline"))
    release(course, "sheet01")
    kinds = [Kind(kind) for kind in graded_cohort.cohort["kind"]]
    simulate(course, "sheet01", n_students=len(kinds), seed=7, kinds=kinds)
    assert collect(course, "sheet01") == graded_cohort.collected
    pool = autograde(course, "sheet01", workers=2)
    assert [(o.student, o.graded, o.limits) for o in pool] == [
        (o.student, o.graded, o.limits) for o in graded_cohort.outcomes]
    expected = gradebook_contents(graded_cohort.course)
    pd.testing.assert_frame_equal(gradebook_contents(course), expected)
    regraded = [graded_cohort.student(kind) for kind in (Kind.FULL, Kind.PARTIAL, Kind.LATE)]  # a few: it is slow
    with LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = autograde(course, "sheet01", regraded, force=True, scheduler=cluster.scheduler_address)
    assert [(o.student, o.graded) for o in dask] == [(s, True) for s in sorted(regraded)]
    pd.testing.assert_frame_equal(gradebook_contents(course), expected)
    assert _finish(course, now) == _finish(sqlite, now)
    pd.testing.assert_frame_equal(gradebook_contents(course), gradebook_contents(sqlite))
