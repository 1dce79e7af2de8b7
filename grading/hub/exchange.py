"""The exchange folders of a course, with the modes nbgrader's release creates, for a shared grader account.

As nbgrader documents, the root is writable by everyone (sticky: nobody removes another's
entries). The course's folders belong to the grader account and the graders' group (setgid,
and nbgrader's groupshared mode, so root's `grading` commands and the formgrader service can
both release and collect). inbound is write-only for students, as nbgrader makes it, plus
sticky so no student can remove or rename another's submission; its setgid hands every
submission to the graders' group, which `grading.exchange.PrivateSubmit` relies on.
outbound is readable by all; feedback only traversable (files are found by a secret hash).
Only these folders are changed, never what is inside them: their ctimes date the submissions.
"""

from __future__ import annotations

import grp
import os
import pwd
from pathlib import Path

from grading.errors import GradingError

ROOT_MODE = 0o1777
COURSE_MODES = {".": 0o2775, "outbound": 0o2775, "inbound": 0o3773, "feedback": 0o2771}


def prepare_exchange(root: Path, course_id: str, grader: str, group: str) -> None:
    for parent in root.parents:
        if parent.exists() and not os.stat(parent).st_mode & 0o001:
            raise GradingError(f"{parent}: students cannot reach the exchange {root} through it (it needs o+x)")
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, ROOT_MODE)
    uid, gid = pwd.getpwnam(grader).pw_uid, grp.getgrnam(group).gr_gid
    for name, mode in COURSE_MODES.items():
        folder = root / course_id / name
        folder.mkdir(exist_ok=True)
        os.chown(folder, uid, gid)
        os.chmod(folder, mode)
