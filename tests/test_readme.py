"""Every `grading` command line README.md shows is one the command accepts, as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from grading.cli import parser

README = Path(__file__).resolve().parent.parent / "README.md"
# the README's placeholders, as a reader fills them in
EXAMPLES = {"SHEET": "sheet01", "TIME": "2026-12-01T00:00+00:00", "ID": "ab123", "N": "8001", "SHARE": "0.5",
            "NAME": "unsafe"}


def _command_lines() -> list[str]:
    """Lines of code blocks that run `grading`, and inline `grading ...` spans (optional parts included)."""
    text = README.read_text(encoding="utf-8")
    lines, in_block = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_block = not in_block
        elif in_block and re.match(r"\s*grading( |$)", line):
            lines.append(line.split("#")[0].strip())
    lines += re.findall(r"`(grading [^`]+)`", text)
    return sorted({" ".join(re.sub(r"\[([^]]+)\]", r"\1", line).split()) for line in lines})


def _arguments(line: str) -> list[str]:
    return [EXAMPLES.get(word, word) for word in shlex.split(line)[1:]]


COMMANDS = _command_lines()


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) > 20 and "grading admission --now TIME" in COMMANDS


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command_line_is_accepted(line: str, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = _arguments(line)
    steps = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    if len(arguments) == 1 and arguments[0] in steps:
        return  # a step named in the text, not a command line
    try:
        parser().parse_args(arguments)
    except SystemExit:
        pytest.fail(f"README.md shows `{line}`, which grading rejects: {capsys.readouterr().err.strip()}")
