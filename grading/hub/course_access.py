"""The course directory, shared with the graders' group and closed to students.

It holds the hidden tests, the gradebook and the roster, and students' servers run on the
same machine. Everything in it goes to the graders' group (group-writable, setgid folders,
as nbgrader's groupshared mode keeps it), with no access for others, except what students'
servers must reach when it lies inside: the Python environment, this package, the hub's
configuration and the exchange. The course folder itself then stays open (o+rx: the
sandbox's user checks that it can read every folder above the environment), so a file
put there later with a umask of 022 can be read by anyone; `grading` commands write with
the group umask (grading.course.GROUP_UMASK), and `grading hub` closes everything at each start.
"""

from __future__ import annotations

import grp
import os
import stat
from collections.abc import Iterable
from pathlib import Path


def share_course(root: Path, group: str, reachable: Iterable[Path], private: Iterable[Path]) -> None:
    """Give root's entries to the group and close them to others; leave `reachable` and `private` ones alone."""
    gid = grp.getgrnam(group).gr_gid
    open_names = {_top(root, path) for path in reachable} - {None}
    skipped = open_names | {_top(root, path) for path in private}
    for entry in root.iterdir():
        if entry.name in skipped:
            continue
        _share(entry, gid)
        if entry.is_dir() and not entry.is_symlink():
            for folder, dirs, files in os.walk(entry):
                for name in [*dirs, *files]:
                    _share(Path(folder, name), gid)
    os.chown(root, -1, gid)
    os.chmod(root, 0o2770 | (0o005 if open_names else 0))


def _top(root: Path, path: Path) -> str | None:
    """The name of the entry of root that contains path, if any."""
    relative = Path(os.path.relpath(path.resolve(), root.resolve()))
    return relative.parts[0] if relative.parts and relative.parts[0] != ".." else None


def _share(path: Path, gid: int) -> None:
    os.chown(path, -1, gid, follow_symlinks=False)
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return
    if stat.S_ISDIR(mode):
        os.chmod(path, (stat.S_IMODE(mode) | 0o2070) & ~0o007)
    else:
        executable = 0o010 if mode & stat.S_IXUSR else 0
        os.chmod(path, (stat.S_IMODE(mode) | 0o060 | executable) & ~0o007)
