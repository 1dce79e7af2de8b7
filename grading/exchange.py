"""nbgrader's exchange, closed where a shared file system lets one student harm another.

Two classes, named in configuration: `PrivateSubmit` for students' servers
(`ExchangeFactory.submit` in hub/jupyter/common/nbgrader_config.py) and `VerifiedCollect`
for the course (`ExchangeFactory.collect` in nbgrader_config.py, so `grading collect` and
the formgrader both use it). Only nbgrader is imported: students' servers load this module.
"""

from __future__ import annotations

import os
import pwd
import stat
from datetime import UTC

from nbgrader.exchange.default import ExchangeCollect, ExchangeSubmit
from nbgrader.utils import parse_utc, temp_attrs
from traitlets import Float


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, but only the student and the graders' group can read the submission.

    nbgrader leaves a submission world-readable (files 0644, its folder 0777), hidden only by
    an unguessable name. The inbound folder is setgid to the graders' group, so what the
    student writes there belongs to that group and nobody else needs any access.
    """

    def do_copy(self, src: str, dest: str, log: object = None) -> None:
        """Copy into inbound so that the folder stays setgid for the files nbgrader writes next.

        copytree ends by giving the folder its source's mode, which drops the setgid bit (and a
        student, not in the graders' group, cannot set it again): timestamp.txt and
        submission_secret.txt would get the student's group. So copy under a hidden name (glob
        patterns skip it), then move the contents into a fresh folder, which inherits setgid.
        """
        if os.path.dirname(dest) != self.inbound_path:  # the copy in the student's own cache
            super().do_copy(src, dest)
            return
        hidden = os.path.join(self.inbound_path, "." + os.path.basename(dest))
        super().do_copy(src, hidden)
        os.mkdir(dest)
        for name in os.listdir(hidden):
            os.rename(os.path.join(hidden, name), os.path.join(dest, name))
        os.rmdir(hidden)

    def copy_files(self) -> None:
        super().copy_files()
        self.set_perms(os.path.join(self.inbound_path, self.assignment_filename), fileperms=0o640, dirperms=0o750)


class VerifiedCollect(ExchangeCollect):
    """nbgrader's collect, but a submission its student cannot have made is rejected, not collected.

    nbgrader only warns when a submission's owner is not the student its name claims. Here,
    when that student is a system user (students on JupyterHub), a submission is rejected if
    any file in it belongs to someone else or is a symbolic link (root's copy would follow it
    into files the student cannot read), or if its claimed time (folder name and timestamp.txt,
    both written by the student's own server) disagrees with the ctimes the kernel recorded:
    a backdated submission, or one changed after it was made. The student's newest valid
    submission is collected instead. Students who are not system users (the local demo, where
    root owns every file) are not checked.
    """

    timestamp_tolerance = Float(
        120.0,
        help="Seconds a submission's claimed time may differ from the ctimes of its files (clock skew, "
        "copy time); 0 turns the check off, e.g. after restoring the exchange from a backup.",
    ).tag(config=True)

    def _path_to_record(self, path: str) -> dict:
        record = super()._path_to_record(path)
        record["rejected"] = self._rejection(path, record)
        if record["rejected"]:
            self.log.error("Rejected submission %s: %s", record["filename"], record["rejected"])
        return record

    def _sort_by_timestamp(self, records: list[dict]) -> list[dict]:
        """Newest first, valid ones only when there are any: a forged submission must not hide a real one."""
        return super()._sort_by_timestamp([r for r in records if not r["rejected"]] or records)

    def copy_files(self) -> None:
        for record in self.src_records:
            if record["rejected"]:
                self.log.error("Nothing collected for %s: every submission was rejected", record["username"])
        self.src_records = [r for r in self.src_records if not r["rejected"]]
        with temp_attrs(self, check_owner=False):  # nbgrader's warning only repeats what was checked above
            super().copy_files()

    def _rejection(self, path: str, record: dict) -> str | None:
        """Why this submission cannot be the named student's, or None."""
        try:
            uid = pwd.getpwnam(record["username"]).pw_uid
        except KeyError:
            return None
        entries, errors = {}, []
        for folder, dirs, files in os.walk(path, onerror=errors.append):
            for name in [".", *dirs, *files] if folder == path else [*dirs, *files]:
                entries[os.path.relpath(os.path.join(folder, name), path)] = os.lstat(os.path.join(folder, name))
        if errors:
            return f"cannot be read by the collector: {errors[0]}"
        if self.check_owner:
            for name, info in entries.items():
                if stat.S_ISLNK(info.st_mode):
                    return f"{name} is a symbolic link"
                if info.st_uid != uid:
                    return f"{name} belongs to {_user_name(info.st_uid)}, not to {record['username']}"
        if self.timestamp_tolerance > 0:
            return self._time_problem(path, record, [info.st_ctime for info in entries.values()])
        return None

    def _time_problem(self, path: str, record: dict, ctimes: list[float]) -> str | None:
        try:
            with open(os.path.join(path, "timestamp.txt"), encoding="utf-8") as file:
                written = parse_utc(file.read().strip())
        except (OSError, ValueError) as exc:
            return f"timestamp.txt cannot be read: {exc}"
        if written != record["timestamp"]:
            return f"timestamp.txt says {written} UTC but the folder name says {record['timestamp']} UTC"
        claimed = record["timestamp"].replace(tzinfo=UTC).timestamp()
        if max(ctimes) - claimed > self.timestamp_tolerance:
            return (f"changed {max(ctimes) - claimed:.0f} s after the time it claims ({written} UTC): "
                    "backdated, or edited after submitting")
        if claimed - min(ctimes) > self.timestamp_tolerance:
            return f"claims a time ({written} UTC) {claimed - min(ctimes):.0f} s after its files were written"
        return None


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"
