"""The student process: runs the student's cells and answers the judge, and holds nothing else.

It is forked from the zygote, which has never seen a request, so its memory
holds no test, no expected value and no secret of the protocol; its only
descriptor is its socket to the judge (standard streams point at /dev/null).
Everything it sends is untrusted data for the judge.
"""

from __future__ import annotations

import base64
import os
import resource
import socket
import tempfile
from typing import Any

from .cells import CellRunner, new_shell
from .kernel import enter_folder, safe_path
from .peer import Peer, remote_name_ops

STUDENT_OPS = frozenset({"init", "cell", "call", "vjp", "get", "set", "del", "getattr", "setattr", "delattr",
                         "getitem", "setitem", "delitem", "len", "contains", "bool", "iter", "next", "repr", "str",
                         "release", "ping"})


def only_descriptors(keep: list[int]) -> None:
    """Close every descriptor but `keep`; the standard streams read and write /dev/null."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    highest = max([*keep, null, 2]) + 1
    previous = 3
    for fd in sorted(keep):
        os.closerange(previous, fd)
        previous = fd + 1
    os.closerange(previous, max(highest, resource.getrlimit(resource.RLIMIT_NOFILE)[0]))


def limit_address_space(extra: int) -> None:
    """This process may map `extra` bytes more than it has mapped now (the libraries it has loaded are not
    the notebook's to pay for)."""
    with open("/proc/self/statm") as handle:
        used = int(handle.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (used + extra, hard))


def main(sock: socket.socket, scratch_root: str) -> None:
    os.setpgid(0, 0)
    only_descriptors([sock.fileno()])
    peer = Peer(sock, serves=STUDENT_OPS, max_bytes=2**31, accepts_modules=True, capture=True)
    remote_name_ops(peer)
    state: dict[str, Any] = {}

    def init(header: dict, codec: Any, reply: Any) -> dict:
        files, limits = codec.decode(header.get("files")), codec.decode(header.get("limits"))
        scratch = tempfile.mkdtemp(prefix="submission-", dir=scratch_root)
        for name, data in files.items():
            path = os.path.join(scratch, safe_path(name))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(base64.b64decode(data))
        enter_folder(scratch)
        os.environ.update(HOME=scratch, IPYTHONDIR=os.path.join(scratch, ".ipython"), MPLCONFIGDIR=scratch)
        limit_address_space(limits["memory_bytes"])
        resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits["output_bytes"] * 4, limits["output_bytes"] * 4))
        shell = new_shell()
        state["runner"] = CellRunner(shell, limits, judge=False)
        shell.run_cell("pass", store_history=False)  # IPython sets its lazy attributes
        peer.namespace = shell.user_ns
        return {}

    def cell(header: dict, codec: Any, reply: Any) -> dict:
        source, number = codec.decode(header.get("source")), codec.decode(header.get("number"))
        return {"value": reply.encode(state["runner"].run(source, number))}

    peer.handlers.update(init=init, cell=cell)
    peer.capture = True
    peer.serve_forever()
