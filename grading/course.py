"""One nbgrader course directory: its nbgrader config, its plan, and nbgrader's API over both."""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import sqlalchemy as sa
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from grading.errors import GradingError
from grading.gradebook import unavailable
from grading.plan import PLAN_FILE, CoursePlan, PlanError, Sheet, load_plan

CONFIG_FILE = "nbgrader_config.py"
ROSTER_FILE = "roster.csv"  # a course without course.toml: its roster, if it has one
# the last line of a traceback in nbgrader's log, which indents tracebacks by four spaces: "    module.Name: message"
EXCEPTION_LINE = re.compile(r"    [A-Za-z_][\w.]*(: |Error$)")
# In a groupshared course (on JupyterHub): what one grader writes the others can change, and nobody else reads.
GROUP_UMASK = 0o007


def check(result: dict, action: str) -> dict:
    """Turn the result dict of an NbGraderAPI call into an exception if it failed."""
    if not result["success"]:
        raise GradingError(f"{action} failed: {failure_reason(result)}")
    return result


def failure_reason(result: dict) -> str:
    """The telling lines of a failed NbGraderAPI call: nbgrader logs the cause, the traceback only says 'see above'."""
    log = result.get("log", "")
    causes = [line.strip() for line in log.splitlines() if EXCEPTION_LINE.match(line)]
    errors = [line for line in log.splitlines() if line.startswith("[ERROR]") and "Traceback" not in line]
    lines = causes or errors or (result.get("error") or "no details").strip().splitlines()[-1:]
    return "; ".join(dict.fromkeys(lines))


def quiet_nbgrader_warnings() -> None:
    """nbgrader 0.9 predates SQLAlchemy 2.1 and warns on every autograde; the warnings are harmless."""
    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", message=".*not in session.*")


def put_own_tools_on_path() -> None:
    """nbgrader runs `alembic` from PATH to create a gradebook: find ours even without an activated venv."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


class Course:
    """A course directory as nbgrader sees it (run from it, like the nbgrader commands)."""

    def __init__(self, root: Path | str = ".") -> None:
        self.root = Path(root).resolve()
        put_own_tools_on_path()
        config_path = self.root / CONFIG_FILE
        if not config_path.is_file():
            raise GradingError(f"{config_path}: not found; is {self.root} an nbgrader course directory?")
        try:
            self.config: Config = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        except Exception as exc:  # the config is user code: report any failure with the file name
            raise GradingError(f"{config_path}: cannot be loaded: {exc}") from exc
        self.config.CourseDirectory.root = str(self.root)

    @property
    def planned(self) -> bool:
        """Whether the course has our policy file; a plain nbgrader course has not, and needs none to be graded."""
        return (self.root / PLAN_FILE).is_file()

    @cached_property
    def plan(self) -> CoursePlan:
        return load_plan(self.root / PLAN_FILE) if self.planned else self._gradebook_plan()

    def require_plan(self, command: str) -> CoursePlan:
        """course.toml, for a command that needs what only it states (due dates to simulate, the hub's staff)."""
        if not self.planned:
            raise PlanError(f"{self.root / PLAN_FILE}: not found; `grading {command}` needs the course plan "
                            "(README.md: Course policy)")
        return self.plan

    def _gradebook_plan(self) -> CoursePlan:
        """Without course.toml: the gradebook's assignments, with their points and due dates, are the sheets; no
        rule (admission needs --threshold), no late rule of ours (nbgrader's own applies), default limits."""
        with self.gradebook() as gb:
            sheets = tuple(Sheet(a.name, a.name, float(a.max_score), _utc(a.duedate)) for a in gb.assignments)
        return CoursePlan(path=self.root / PLAN_FILE, name=self.course_id, roster=self.root / ROSTER_FILE,
                          sheets=sheets, admission_threshold=None, gradebook=self.db_url)

    @cached_property
    def coursedir(self) -> CourseDirectory:
        return CourseDirectory(config=self.config)

    @property
    def course_id(self) -> str:
        return self.coursedir.course_id

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    @property
    def exchange_root(self) -> Path:
        return Path(self.config.Exchange.get("root", "/srv/nbgrader/exchange"))

    @contextmanager
    def group_umask(self) -> Iterator[None]:
        """In a groupshared course, write files for the graders' group only (root's umask 022 opens them to all)."""
        previous = os.umask(GROUP_UMASK) if self.coursedir.groupshared else None
        try:
            yield
        finally:
            if previous is not None:
                os.umask(previous)

    def api(self, config: Config | None = None) -> NbGraderAPI:
        """A fresh NbGraderAPI (it caches exchange state, so don't keep one across steps), on the course's
        config or on a step's changed copy of it."""
        return NbGraderAPI(coursedir=self.coursedir, config=config or self.config)

    @contextmanager
    def gradebook(self) -> Iterator[Gradebook]:
        try:
            with Gradebook(self.db_url, self.course_id) as gb:
                yield gb
        except sa.exc.OperationalError as exc:
            raise unavailable(self.db_url, exc) from None

    def path(self, step: str, student: str, sheet: str) -> Path:
        """Folder of one student's sheet in a pipeline step (submitted, autograded, feedback)."""
        return Path(self.coursedir.format_path(getattr(self.coursedir, f"{step}_directory"), student, sheet))

    def submitted_students(self, sheet_id: str) -> list[str]:
        """Ids of the students with a collected submission of a sheet, sorted."""
        submitted = self.root / self.coursedir.submitted_directory
        return sorted(folder.parent.name for folder in submitted.glob(f"*/{sheet_id}") if folder.is_dir())


def _utc(moment: datetime | None) -> datetime | None:
    """nbgrader stores due dates as naive UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
