"""Hostile student code: one attack per entry, used against Course A's sheets and Course B's projects."""

from __future__ import annotations

import sys
from pathlib import Path

SITE_PACKAGES = next(p for p in sys.path if p.endswith("site-packages"))
WRONG_CENTER = "def center(X):\n    return X, X[0]\nraise SystemExit  # keep this wrong center"


def attacks(course: Path, port: int, source: Path) -> dict[str, str]:
    """Code put in front of an answer of a submission; the last four define a wrong `center` (sheet01).

    `course` is the course directory, `port` one where a listener waits on the host, `source` a
    notebook with hidden tests."""
    return {
        "read_gradebook": f"print(open({str(course / 'gradebook.db')!r}, 'rb').read(100))",
        "read_source": f"print(open({str(source)!r}).read())",
        "write_gradebook": (f"import sqlite3\nsqlite3.connect({str(course / 'gradebook.db')!r})"
                            ".execute('update grade set manual_score = 100')"),
        "socket": f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3)",
        "fork_bomb": "import os\nwhile True:\n    os.fork()",
        "allocate_50GB": "import numpy as np\nhoard = np.ones(50 * 2**30 // 8)",
        "print_1GB": "for _ in range(2**14):\n    print('x' * 2**16)",
        "write_outside": (f"open({str(course / 'pwned.txt')!r}, 'w').write('x')"),
        "startup_files": ("import os\nos.makedirs(os.path.expanduser('~/.ipython/profile_default/startup'), "
                          "exist_ok=True)\nopen(os.path.expanduser('~/.ipython/profile_default/startup/0.py'), 'w')"
                          ".write('import numpy; numpy.allclose = lambda *a, **k: True')\n"
                          f"open({SITE_PACKAGES + '/usercustomize.py'!r}, 'w').write('raise SystemExit')"),
        "kill_self": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
        "monkeypatch": ("import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a: True\n"
                        "get_ipython().run_cell = lambda *a, **k: None\n" + WRONG_CENTER),
        "endless_loop": "import time\nwhile True:\n    time.sleep(0.01)",
        # the same wrong `center`, defended against the grader from inside the process
        "rewrite_tests": ("import gc\nfor o in gc.get_objects():\n    if isinstance(o, dict) and o.get('test'):\n"
                          "        o['source'] = 'pass'\n" + WRONG_CENTER),
        "thread_repatch": ("import threading, numpy as np\ndef patch():\n    while True:\n"
                           "        np.allclose = lambda *a, **k: True\n        np.array_equal = lambda *a: True\n"
                           "threading.Thread(target=patch, daemon=True).start()\n" + WRONG_CENTER),
        "forge_report": ("import os, json\nfor fd in range(3, 64):\n    for cell in range(64):\n        try:\n"
                         "            os.write(fd, (json.dumps({'cell': cell, 'outputs': [], 'execution_count': 1, "
                         "'reason': None}) + '\\n').encode())\n        except OSError:\n            pass\n"
                         + WRONG_CENTER),
    }
