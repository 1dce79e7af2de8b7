"""Requests and replies between the judge and the student process, over one socket.

Both processes run a Peer. A request carries an id; its reply names that id
(`re`) and anything else is discarded, so a late reply to a request given up on
can never be taken for another. While a peer waits for its reply it serves the
other side's requests, so calls may nest (a student function calling a
callback of the test, which calls another student function). What a peer may
be asked is fixed at its creation: the judge serves only calls of the
callables it handed over and gradients of those calls; everything it receives
is decoded by values.Codec, which never unpickles and never runs the sender's code.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import itertools
import socket
import sys
import traceback
from collections.abc import Callable
from typing import Any

from . import bridge, frames
from .frames import ProtocolError
from .values import Codec, library_name, update_in_place

MAX_TEXT = 64 * 1024  # of a repr, an error message or the output of one served request


class StudentGone(Exception):
    """The student process has ended or stopped answering: what the test asked of it cannot be had."""


class RemoteError(Exception):
    """An exception raised in the other process, of a type that is not rebuilt as itself."""


class RemoteInterrupt(BaseException):
    """SystemExit, KeyboardInterrupt and the like raised in the other process: not caught by `except Exception`."""


class Remote:
    """A proxy for an object of the other process: every use is a request, every answer a copy.

    Only plain attribute names are forwarded: Python's protocols (`__eq__`,
    `__array__`, `__float__`, ...) are not, so the object cannot take part in a
    comparison or a conversion the test makes; IPython's display hooks neither."""

    __slots__ = ("_id", "_peer")

    def __init__(self, peer: Peer, ident: int) -> None:
        object.__setattr__(self, "_peer", peer)
        object.__setattr__(self, "_id", ident)

    def __getattr__(self, name: str) -> Any:
        if name.startswith(("__", "_repr_", "_ipython_")):
            raise AttributeError(name)
        return self._peer.request("getattr", target=self._id, name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._peer.request("setattr", target=self._id, name=name, value=value)

    def __delattr__(self, name: str) -> None:
        self._peer.request("delattr", target=self._id, name=name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._peer.call(self._id, args, kwargs)

    def __getitem__(self, key: Any) -> Any:
        return self._peer.request("getitem", target=self._id, key=key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._peer.request("setitem", target=self._id, key=key, value=value)

    def __delitem__(self, key: Any) -> None:
        self._peer.request("delitem", target=self._id, key=key)

    def __len__(self) -> int:
        return _typed(self._peer.request("len", target=self._id), int)

    def __contains__(self, item: Any) -> bool:
        return _typed(self._peer.request("contains", target=self._id, item=item), bool)

    def __bool__(self) -> bool:
        return _typed(self._peer.request("bool", target=self._id), bool)

    def __iter__(self) -> Any:
        return self._peer.request("iter", target=self._id)

    def __next__(self) -> Any:
        return self._peer.request("next", target=self._id)

    def __repr__(self) -> str:
        try:
            return _typed(self._peer.request("repr", target=self._id), str)[:MAX_TEXT]
        except Exception:
            return "<object of the student's process>"

    def __str__(self) -> str:
        try:
            return _typed(self._peer.request("str", target=self._id), str)[:MAX_TEXT]
        except Exception:
            return "<object of the student's process>"


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise TypeError(f"the student's object answered with {type(value).__name__}, expected {kind.__name__}")
    return value


class _Call:
    """An outgoing call waiting for its reply: collects this side's tensors the callee's callbacks used."""

    def __init__(self) -> None:
        self.touched: list[Any] = []


class Peer:
    """One side of the protocol."""

    def __init__(self, sock: socket.socket, *, serves: frozenset[str], max_bytes: int,
                 sends_modules: bool = False, accepts_modules: bool = False,
                 capture: bool = False, passes_through: tuple[type[BaseException], ...] = ()) -> None:
        self.sock = sock
        self.serves = serves
        self.max_bytes = max_bytes
        self.sends_modules = sends_modules
        self.accepts_modules = accepts_modules
        self.capture = capture  # the student side returns what the student's code printed while serving
        self.passes_through = passes_through  # exceptions that end the judge's test cell instead of the request
        self.namespace: dict[str, Any] = {}
        self.exports: dict[int, Any] = {}
        self._export_ids: dict[int, int] = {}
        self._ids = itertools.count(1)
        self.records: dict[int, tuple[list, list, list]] = {}  # served calls whose outputs carry gradients
        self.pending: list[_Call] = []
        self.accumulators: list[dict[int, Any]] = []
        self.alive = True
        self.handlers: dict[str, Callable[[dict, Codec], Any]] = {}

    # --- handles ---------------------------------------------------------------------------------

    def export(self, obj: Any) -> int:
        ident = self._export_ids.get(id(obj))
        if ident is None or self.exports.get(ident) is not obj:
            ident = next(self._ids)
            self.exports[ident] = obj
            self._export_ids[id(obj)] = ident
        return ident

    def exported(self, ident: int) -> Any:
        if ident not in self.exports:
            raise ProtocolError(f"no object {ident}")
        return self.exports[ident]

    def proxy(self, ident: int) -> Remote:
        return Remote(self, ident)

    def remote_id(self, obj: Any) -> int | None:
        if type(obj) is Remote and object.__getattribute__(obj, "_peer") is self:
            return object.__getattribute__(obj, "_id")
        return None

    # --- asking ----------------------------------------------------------------------------------

    def request(self, op: str, **fields: Any) -> Any:
        value, _, _ = self._exchange(op, fields)
        return value

    def lookup(self, name: str) -> tuple[bool, Any]:
        """(found, value) of a name in the other side's namespace."""
        value, reply, _ = self._exchange("get", {"name": name})
        return reply.get("missing") is not True, value

    def _exchange(self, op: str, fields: dict[str, Any], codec: Codec | None = None,
                  decode: bool = True) -> tuple[Any, dict, Codec]:
        if not self.alive:
            raise StudentGone("the student's process is no longer running")
        codec = codec or Codec(self)
        ident = next(self._ids)
        header = {"id": ident, "op": op, **{k: codec.encode(v) for k, v in fields.items()}}
        try:
            frames.send(self.sock, header, codec.buffers)
            while True:
                reply, buffers = frames.receive(self.sock, self.max_bytes)
                if "op" in reply:
                    self.serve(reply, buffers)
                elif reply.get("re") == ident:
                    break
        except (OSError, ProtocolError) as exc:
            self.alive = False
            raise StudentGone(f"the student's process stopped answering ({exc})") from None
        for name, stream in (("out", sys.stdout), ("err", sys.stderr)):
            if type(reply.get(name)) is str and reply[name]:
                stream.write(reply[name][:MAX_TEXT])
        reply_codec = Codec(self, buffers)
        if "error" in reply:
            raise _rebuilt(reply["error"])
        if not decode:
            return None, reply, reply_codec
        return reply_codec.decode(reply.get("value")), reply, reply_codec

    def call(self, target: int, args: tuple, kwargs: dict) -> Any:
        """Call an object of the other side; gradients and in-place changes of the arguments come back too."""
        grad = bridge.grad_enabled()
        context = _Call()
        codec = Codec(self)
        self.pending.append(context)
        try:
            _, reply, reply_codec = self._exchange("call", {"target": target, "args": list(args), "kwargs": kwargs,
                                                            "grad": grad}, codec, decode=False)
        finally:
            self.pending.pop()
        values = reply_codec.grad_values(reply.get("value"))
        if values:
            reply_codec.replacements = bridge.connect(self, reply.get("call"), values,
                                                      codec.grad_tensors, context.touched, grad)
        result = reply_codec.decode(reply.get("value"))
        for key, tree in reply.get("mutated", []) if type(reply.get("mutated")) is list else []:
            if type(key) is int and 0 <= key < len(args):
                update_in_place(args[key], Codec(self, reply_codec.buffers).decode(tree))
            elif type(key) is str and key in kwargs:
                update_in_place(kwargs[key], Codec(self, reply_codec.buffers).decode(tree))
        return result

    def vjp_of(self, call: int, grads: list[Any], touched: tuple[Any, ...]) -> list[Any]:
        """In a backward pass: the gradients of a call's tensor inputs (asked of the callee), then of the tensors
        of this side that the callee's callbacks used (collected while the callee computes)."""
        waiting: dict[int, Any] = {}
        self.accumulators.append(waiting)
        try:
            with bridge.grad_mode(False):
                received = self.request("vjp", call=call, grads=grads)
        finally:
            self.accumulators.pop()
        if type(received) is not list:
            raise ProtocolError("malformed gradients")
        return received + [waiting.get(id(t)) for t in touched]

    # --- answering -------------------------------------------------------------------------------

    def serve(self, header: dict, buffers: list[bytes]) -> None:
        """Answer one request of the other side (an exception raised by the code it runs goes back as an error)."""
        ident, op = header.get("id"), header.get("op")
        codec = Codec(self, buffers)
        reply_codec = Codec(self)
        out, err = io.StringIO(), io.StringIO()
        try:
            if op not in self.serves:
                raise ProtocolError(f"request {op!r} is not allowed")
            redirect = (contextlib.redirect_stdout(out), contextlib.redirect_stderr(err)) if self.capture else ()
            with contextlib.ExitStack() as stack:
                for r in redirect:
                    stack.enter_context(r)
                handler = self.handlers.get(op) or getattr(self, "_" + op)
                fields = handler(header, codec, reply_codec)
            reply = {"re": ident, **fields}
        except BaseException as exc:
            if isinstance(exc, self.passes_through):
                raise  # whatever the served code raised goes back to the asker
            reply = {"re": ident, "error": _described(exc)}
        if self.capture:
            reply.update(out=out.getvalue()[:MAX_TEXT], err=err.getvalue()[:MAX_TEXT])
        try:
            frames.send(self.sock, reply, reply_codec.buffers)
        except OSError:
            self.alive = False

    def serve_forever(self) -> None:
        while True:
            try:
                header, buffers = frames.receive(self.sock, self.max_bytes)
            except (OSError, ProtocolError):
                return
            if "op" in header:
                self.serve(header, buffers)

    def _target(self, header: dict, codec: Codec) -> Any:
        return self.exported(codec.decode(header.get("target")))

    def _call(self, header: dict, codec: Codec, reply_codec: Codec) -> dict:
        fn = self._target(header, codec)
        args, kwargs = codec.decode(header.get("args")), codec.decode(header.get("kwargs"))
        if type(args) is not list or type(kwargs) is not dict:
            raise ProtocolError("malformed call")
        inputs = list(codec.grad_tensors)
        with bridge.grad_mode(header.get("grad") is True):
            result = fn(*args, **kwargs)
        fields = {"value": reply_codec.encode(result), "call": header.get("id")}
        outputs = reply_codec.grad_tensors
        if outputs and header.get("grad") is True:
            own = bridge.own_leaves(outputs, inputs)
            self.records[header.get("id")] = (inputs, list(outputs), own)
            if self.pending:
                seen = {id(t) for t in self.pending[-1].touched}
                self.pending[-1].touched += [t for t in own if id(t) not in seen]
        fields["mutated"] = _mutated(args, kwargs, header, codec.buffers, reply_codec)
        return fields

    def _vjp(self, header: dict, codec: Codec, reply_codec: Codec) -> dict:
        record = self.records.get(codec.decode(header.get("call")))
        if record is None:
            raise ProtocolError("the gradient of that call is no longer available")
        grads = codec.decode(header.get("grads"))
        if type(grads) is not list:
            raise ProtocolError("malformed gradients")
        result = bridge.vjp(self, record, grads)
        with bridge.grad_mode(False):
            return {"value": reply_codec.encode(result)}


def _mutated(args: list, kwargs: dict, header: dict, buffers: list[bytes], reply_codec: Codec) -> list:
    """The arguments the call changed in place, as [position or keyword, new value]."""
    changed = []
    sent = list(zip(range(len(args)), header["args"]["list"], strict=True)) + [
        (k, v) for (k, v) in zip(kwargs, [pair[1] for pair in header["kwargs"]["dict"]], strict=True)]
    for key, tree in sent:
        value = args[key] if isinstance(key, int) else kwargs[key]
        if type(tree) is not dict or not tree.keys() & {"ndarray", "tensor", "list", "dict", "set", "bytearray",
                                                        "np_rng", "torch_rng", "tuple"}:
            continue
        probe = Codec(reply_codec.peer)
        with bridge.grad_mode(False):
            try:
                now = probe.encode(value)
            except Exception:
                continue
        if _signature(now, probe.buffers) != _signature(tree, buffers):
            changed.append([key, reply_codec.encode(value)])
    return changed


def _signature(tree: Any, buffers: list[bytes]) -> Any:
    """A value's encoding with its buffers in place of their numbers, to tell whether a call changed it."""
    if type(tree) is dict:
        items = []
        for key, value in tree.items():
            if key in ("ndarray", "npscalar", "tensor") and type(value) is list and value and type(value[0]) is int:
                items.append((key, buffers[value[0]], _signature(value[1:], buffers)))
            elif key in ("bytes", "bytearray", "torch_rng") and type(value) is int and 0 <= value < len(buffers):
                items.append((key, buffers[value]))
            elif key not in ("grad", "handle"):
                items.append((key, _signature(value, buffers)))
        return tuple(items)
    if type(tree) is list:
        return tuple(_signature(item, buffers) for item in tree)
    return tree


def _described(exc: BaseException) -> dict[str, Any]:
    kind = type(exc)
    name = library_name(kind) if kind.__module__ != "builtins" else ("builtins", kind.__qualname__)
    try:
        text = "".join(traceback.format_exception(exc))[-MAX_TEXT:]
    except Exception:
        text = ""
    try:
        message = str(exc)[:MAX_TEXT]
    except Exception:
        message = ""
    return {"type": list(name) if name else ["", str(getattr(kind, "__qualname__", "?"))[:200]],
            "message": message, "traceback": text}


def _rebuilt(error: Any) -> BaseException:
    """The other side's exception as one of the judge's own: builtins and library types as themselves."""
    if type(error) is not dict:
        return RemoteError("malformed error")
    kind, message, text = error.get("type"), error.get("message"), error.get("traceback")
    message = message if type(message) is str else ""
    module, name = kind if type(kind) is list and len(kind) == 2 and all(type(p) is str for p in kind) else ("", "?")
    cls: Any = None
    if module == "builtins":
        cls = getattr(builtins, name, None)
    elif module:
        with contextlib.suppress(Exception):
            from .values import _resolve_library

            cls = _resolve_library(module, name)
    exc: BaseException
    if isinstance(cls, type) and issubclass(cls, Exception):
        try:
            exc = cls(message)
        except Exception:
            exc = RemoteError(f"{name}: {message}")
    elif isinstance(cls, type) and issubclass(cls, BaseException):
        exc = RemoteInterrupt(f"{name}: {message}")
    else:
        exc = RemoteError(f"{name}: {message}")
    if type(text) is str and text:
        exc.add_note("In the student's code:\n" + text.rstrip())
    return exc


def remote_name_ops(peer: Peer) -> None:
    """The requests a student process answers about its objects and names (the judge answers none of them)."""

    def name(header: dict, codec: Codec) -> str:
        value = codec.decode(header.get("name"))
        if type(value) is not str:
            raise ProtocolError("malformed name")
        return value

    def get(header: dict, codec: Codec, reply: Codec) -> dict:
        key = name(header, codec)
        if key not in peer.namespace:
            return {"missing": True}
        return {"value": reply.encode(peer.namespace[key])}

    def set_(header: dict, codec: Codec, reply: Codec) -> dict:
        peer.namespace[name(header, codec)] = codec.decode(header.get("value"))
        return {}

    def del_(header: dict, codec: Codec, reply: Codec) -> dict:
        del peer.namespace[name(header, codec)]
        return {}

    def simple(action: Callable[..., Any], *keys: str) -> Callable[[dict, Codec, Codec], dict]:
        def handler(header: dict, codec: Codec, reply: Codec) -> dict:
            target = peer._target(header, codec)
            extra = [codec.decode(header.get(k)) for k in keys]
            return {"value": reply.encode(action(target, *extra))}
        return handler

    peer.handlers.update({
        "get": get, "set": set_, "del": del_,
        "getattr": simple(getattr, "name"), "setattr": simple(setattr, "name", "value"),
        "delattr": simple(delattr, "name"), "getitem": simple(lambda t, k: t[k], "key"),
        "setitem": simple(lambda t, k, v: t.__setitem__(k, v), "key", "value"),
        "delitem": simple(lambda t, k: t.__delitem__(k), "key"), "len": simple(len),
        "contains": simple(lambda t, i: i in t, "item"), "bool": simple(bool), "iter": simple(iter),
        "next": simple(next), "repr": simple(repr), "str": simple(str),
        "release": lambda header, codec, reply: (peer.records.clear(), {})[1],
        "ping": lambda header, codec, reply: {"value": "pong"},
    })
