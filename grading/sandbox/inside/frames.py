"""Length-prefixed frames on a stream socket: a JSON header and binary buffers.

A frame is `total length (8 bytes) | header length (8 bytes) | header JSON | buffers`;
the header lists the buffers' lengths. The receiver refuses a frame larger than
its cap before reading it, so a peer cannot make it allocate without bound.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

_LENGTH = struct.Struct(">QQ")


class ProtocolError(Exception):
    """The other process sent something that is not a well-formed frame (or nothing at all)."""


def send(sock: socket.socket, header: dict[str, Any], buffers: list[bytes] = ()) -> None:
    text = json.dumps({**header, "buffers": [len(b) for b in buffers]}, separators=(",", ":")).encode()
    total = len(text) + sum(len(b) for b in buffers)
    sock.sendall(_LENGTH.pack(total, len(text)) + text)
    for buffer in buffers:
        sock.sendall(buffer)


def _read_exactly(sock: socket.socket, n: int) -> bytearray:
    data = bytearray(n)
    view = memoryview(data)
    got = 0
    while got < n:
        count = sock.recv_into(view[got:], n - got)
        if count == 0:
            raise ProtocolError("the other process closed the connection")
        got += count
    return data


def receive(sock: socket.socket, max_bytes: int) -> tuple[dict[str, Any], list[bytes]]:
    total, header_length = _LENGTH.unpack(bytes(_read_exactly(sock, _LENGTH.size)))
    if total > max_bytes or header_length > total:
        raise ProtocolError(f"a message of {total} bytes exceeds the limit of {max_bytes} bytes")
    data = _read_exactly(sock, total)
    try:
        header = json.loads(bytes(data[:header_length]))
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"malformed message: {exc}") from None
    lengths = header.get("buffers") if isinstance(header, dict) else None
    if not isinstance(lengths, list) or not all(type(n) is int and n >= 0 for n in lengths) \
            or header_length + sum(lengths) != total:
        raise ProtocolError("malformed message: buffer lengths do not add up")
    buffers, offset = [], header_length
    for n in lengths:
        buffers.append(bytes(data[offset:offset + n]))
        offset += n
    return header, buffers
