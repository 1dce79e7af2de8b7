"""The worker's process boundaries: what a student process holds, what it may reach, what it leaves behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.sandbox.inside.direct import errors, text

STUDENT, TEST = False, True
MARKER = "HIDDEN-" + "MARKER-7f3a"
SCAN = """\
wanted = "HIDDEN-".encode() + "MARKER-7f3a".encode()
count = 0
with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
    for line in maps:
        start, end = (int(x, 16) for x in line.split()[0].split("-"))
        if "rw" in line.split()[1] and end - start <= 2**28:
            try:
                mem.seek(start)
                count += mem.read(end - start).count(wanted)
            except OSError:
                pass
print(count)
"""


def test_no_test_source_reaches_the_student_process(worker) -> None:
    """Neither this notebook's test cells nor an earlier notebook's (freed memory is inherited by forks)."""
    (control,) = worker.run((SCAN, STUDENT))
    secret = f"### BEGIN HIDDEN TESTS\nsecret = '{MARKER}'\n# {MARKER}\n### END HIDDEN TESTS"
    worker.run(("x = 1", STUDENT), (secret, TEST))
    _, scan = worker.run((secret, TEST), (SCAN, STUDENT))
    assert errors(scan) == []
    assert int(text(scan)) == int(text(control)), "copies of the test's source in the student's memory"


def test_student_process_holds_only_its_socket(worker) -> None:
    probe = ("import os, stat\nfds = sorted(int(f) for f in os.listdir('/proc/self/fd'))\nkinds = {}\n"
             "for fd in fds:\n    try:\n        kinds[fd] = stat.S_IFMT(os.fstat(fd).st_mode)\n    except OSError:\n"
             "        pass\nprint([fd for fd, k in kinds.items() if k in (stat.S_IFIFO, stat.S_IFSOCK)],"
             " [os.readlink(f'/proc/self/fd/{fd}') for fd in (0, 1, 2)])")
    (result,) = worker.run((probe, STUDENT))
    sockets, standard = text(result).strip().split("] [")
    assert len(sockets.strip("[").split(",")) == 1, "one socket (to the judge) and no pipe"
    assert standard.count("/dev/null") == 3


def test_forged_frames_fail_that_cell_only(worker) -> None:
    """Whatever the student writes to its socket is an answer of its own, checked; the next notebook is unharmed."""
    forge = ("import os, json, struct\nfor fd in range(3, 64):\n"
             "    for text in (b'{\"re\": 3, \"value\": 1}', b'garbage'):\n"
             "        header = json.dumps({'re': 3, 'value': 1, 'buffers': []}).encode()\n        try:\n"
             "            os.write(fd, struct.pack('>QQ', len(header), len(header)) + header + text)\n"
             "        except OSError:\n            pass\n")
    results = worker.run(("x = 1", STUDENT), (forge, STUDENT), ("assert x == 1", TEST))
    assert [e.split(":")[0] for e in errors(results[2])] == ["StudentGone"]
    assert errors(worker.run(("y = 2", STUDENT), ("assert y == 2", TEST))[1]) == []


def test_a_forged_flood_of_output_is_cut_in_the_judge(worker) -> None:
    """The student process's reports are capped where they enter the trusted side, whatever it does to its own
    output capture."""
    flood = ("import sys\nrunner = [o for o in __import__('gc').get_objects() if type(o).__name__ == 'CellRunner'][0]\n"
             "runner.budget[0] = 10**12\nprint('x' * (64 * 2**20))")
    (result,) = worker.run((flood, STUDENT))
    assert errors(result) == ["OutputLimitError: output limit of 1 MiB exceeded"]


def test_leftover_processes_and_files_are_removed(worker) -> None:
    daemon = ("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
              "        open('/tmp/grading-daemon-pid', 'w').write(open('/proc/self/stat').read())\n"
              "        time.sleep(600)\n"
              "    os._exit(0)\ntime.sleep(0.5)\nimport tempfile\nopen(os.path.join(os.getcwd(), 'big'), 'wb')"
              ".write(b'x' * 2**20)\nprint(os.getcwd())")
    (result,) = worker.run((daemon, STUDENT))
    scratch = text(result).strip()
    pid_file = Path("/tmp/grading-daemon-pid")
    recorded = pid_file.read_text()
    pid_file.unlink()
    assert not os.path.exists(scratch)
    stat = Path(f"/proc/{recorded.split()[0]}/stat")
    now = stat.read_text() if stat.exists() else ""
    # the same process is one with the same start time (field 22); a later one may have its pid again
    same = now and now.rsplit(")", 1)[1].split()[19] == recorded.rsplit(")", 1)[1].split()[19]
    assert not same or now.rsplit(")", 1)[1].split()[0] == "Z"


def test_kills_only_what_it_started(worker) -> None:
    """Without a sandbox the worker runs as this user: a process of ours it did not start survives."""
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        worker.run(("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", STUDENT))
        assert "killed (signal 9)" in worker.last["reason"]
        time.sleep(0.2)
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()
