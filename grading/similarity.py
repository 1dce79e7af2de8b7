"""Which authors' answers to a sheet look copied: every pair of submissions compared with copydetect.

copydetect is a winnowing detector like MOSS: it fingerprints code after pygments has turned names into
V/F and dropped comments and whitespace, so renaming and re-formatting do not hide a copy, and a
fingerprint is a set, so reordering functions does not either. Only answer cells count (code cells with
nbgrader's `solution: true` in the released notebook). Ignored: the released template's code, and code
that many authors share (the obvious solution, snippets from the lecture), so what is compared is what
each author wrote themselves. A team of course.toml is one author, never a pair. Student code is hostile:
it is only read as text, never run, capped in size, and escaped wherever it is shown.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
from copydetect import CodeFingerprint, compare_files

from grading.course import Course

NOISE = 25  # shortest match counted, in characters of normalised code (copydetect's noise threshold)
GUARANTEE = 30  # matches this long are always found (its guarantee threshold; window = the difference + 1)
SHARED_SHARE = 0.25  # code in at least this share of authors' submissions ...
SHARED_MIN = 4  # ... and in at least this many is common code, not a copy
MAX_CODE = 200_000  # characters of answer code read per author: a huge submission cannot stall the report
COLUMNS = ["author_a", "author_b", "similarity", "similarity_a", "similarity_b", "matched"]


@dataclass(frozen=True)
class Author:
    name: str  # a student id, or a team's ids joined by "+"
    code: str  # the answer cells, each after a comment naming it


@dataclass(frozen=True)
class Pair:
    a: Author
    b: Author
    similarity_a: float  # share of a's own code (template and common code left out) found in b's
    similarity_b: float
    matched: int  # characters of normalised code that match
    slices: tuple[np.ndarray, np.ndarray]  # where in a.code and in b.code (starts, ends)

    @property
    def similarity(self) -> float:
        """The larger share: a copier who added code of their own is still found through the other side."""
        return max(self.similarity_a, self.similarity_b)


@dataclass(frozen=True)
class Similarity:
    sheet: str
    authors: list[Author]
    pairs: list[Pair]  # most similar first
    common: int  # fingerprints ignored because many authors share them
    problems: list[str]  # submissions that could not be read

    def table(self) -> pd.DataFrame:
        rows = [(p.a.name, p.b.name, round(p.similarity, 4), round(p.similarity_a, 4), round(p.similarity_b, 4),
                 p.matched) for p in self.pairs]
        return pd.DataFrame(rows, columns=COLUMNS)


def answer_cells(course: Course, sheet_id: str) -> dict[str, dict[str, str]]:
    """Notebook name -> {grade_id: template code} of the released sheet's code answer cells."""
    released = course.root / course.coursedir.release_directory / sheet_id
    cells: dict[str, dict[str, str]] = {}
    for path in sorted(released.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        cells[path.stem] = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
                            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")}
    if not cells:
        raise FileNotFoundError(f"{released}: no released notebooks of {sheet_id}; run `grading release {sheet_id}`")
    return cells


def document(notebook: str, cells: list[tuple[str, str]]) -> str:
    """(grade_id, code) cells as one text, each under a comment naming it (comments are not compared)."""
    return "\n\n".join(f"# {notebook}: {grade_id}\n{code}" for grade_id, code in cells)[:MAX_CODE]


def submitted_code(path: Path, cells: dict[str, str]) -> str:
    """The student's code in the answer cells named in cells, in their notebook's order."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if cell.get("cell_type") == "code" and isinstance(grade_id, str) and grade_id in cells:
            source = cell.get("source", "")
            found.append((grade_id, source if isinstance(source, str) else ""))
    return document(path.stem, found)


def authors(course: Course, sheet_id: str, cells: dict[str, dict[str, str]]) -> tuple[list[Author], list[str]]:
    """One Author per student with a collected submission, team members merged; and the unreadable ones."""
    teams = {m: "+".join(sorted(t.members)) for t in course.plan.teams if sheet_id in t.sheets for m in t.members}
    code: dict[str, list[str]] = {}
    problems = []
    for student in course.submitted_students(sheet_id):
        folder = course.path("submitted", student, sheet_id)
        for notebook, answer_ids in cells.items():
            path = folder / f"{notebook}.ipynb"
            if not path.is_file():
                continue
            try:
                text = submitted_code(path, answer_ids)
            except Exception as exc:  # a submission is any file at all: whatever fails to read, skip it
                problems.append(f"{student}/{path.name}: unreadable ({type(exc).__name__})")
                continue
            parts = code.setdefault(teams.get(student, student), [])
            if text and text not in parts:  # team members who submitted the same notebook: once
                parts.append(text)
    return [Author(name, "\n\n".join(parts)[:MAX_CODE]) for name, parts in sorted(code.items())], problems


def _fingerprint(code: str, window: int, ignored: np.ndarray | None = None) -> CodeFingerprint:
    return CodeFingerprint("answers.py", NOISE, window, ignored, language="python", fp=io.StringIO(code))


def compare(course: Course, sheet_id: str) -> Similarity:
    """Every pair of authors of the sheet, most similar first."""
    cells = answer_cells(course, sheet_id)
    found, problems = authors(course, sheet_id, cells)
    # the template's cells alone and as a whole document, so that code spanning two untouched cells is known too
    templates = [*(code for nb in cells.values() for code in nb.values()),
                 *(document(notebook, list(nb.items())) for notebook, nb in cells.items())]
    template = set().union(*(_fingerprint(code, 1).hashes for code in templates))
    counts: dict[int, int] = {}
    for author in found:  # every k-gram (window 1), so common code goes wherever winnowing would pick it
        for fingerprint in _fingerprint(author.code, 1).hashes - template:
            counts[fingerprint] = counts.get(fingerprint, 0) + 1
    threshold = max(SHARED_MIN, math.ceil(SHARED_SHARE * len(found)))
    common = {fingerprint for fingerprint, n in counts.items() if n >= threshold}
    ignored = np.unique(np.fromiter(template | common, dtype=np.int64))
    prints = [_fingerprint(author.code, GUARANTEE - NOISE + 1, ignored) for author in found]
    pairs = []
    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            matched, (share_a, share_b), slices = compare_files(prints[i], prints[j])
            pairs.append(Pair(a, found[j], float(share_a), float(share_b), int(matched), slices))
    pairs.sort(key=lambda p: (-p.similarity, -p.matched, p.a.name, p.b.name))
    return Similarity(sheet_id, found, pairs, len(common), problems)
