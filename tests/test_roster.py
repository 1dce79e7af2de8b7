"""A broken roster is reported with the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.errors import GradingError
from grading.roster import read_roster


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,first_name,last_name,email\nab1,A,B,a@b\n", "missing column.*matriculation"),
        ("id,first_name,last_name,email,matriculation\nab1,A,B,a@b,1\nab1,C,D,c@d,2\n", "listed twice: ab1"),
        ("id,first_name,last_name,email,matriculation\n,A,B,a@b,1\n", "row 2 has no student id"),
    ],
)
def test_roster_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GradingError, match=message) as error:
        read_roster(path)
    assert str(error.value).startswith(str(path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("id,first_name,last_name,email,matriculation\nx,J\xfcrgen,M,e,1\n".encode("latin-1"))
    with pytest.raises(GradingError, match="UTF-8"):
        read_roster(path)
