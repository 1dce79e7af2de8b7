"""Values by copy between the judge and the student process, never by pickle from the student.

What is copied is rebuilt on the receiving side as exactly the base type (a
subclass of list, float or ndarray arrives as a list, a float, an ndarray), so
nothing the student defined ever runs in the judge: numpy arrays and scalars,
torch tensors (with their dtype and `requires_grad`), Python scalars, str,
bytes, lists, tuples, dicts and sets of these, None, slices, dtypes and random
generators (by their state). Functions, classes and modules of the trusted
libraries travel by name and resolve to the receiver's own copy. Anything else
becomes a handle: the receiver gets a proxy (peer.Remote) whose every use is a
request to the owner. Only the judge may send a torch module of torch's own
classes (pickled, judge to student only) so that the student's autograd sees
its parameters.
"""

from __future__ import annotations

import importlib
import pickle
import sys
import types
from typing import TYPE_CHECKING, Any

from .frames import ProtocolError

if TYPE_CHECKING:
    from .peer import Peer

# Whose functions, classes and modules stand for themselves: the judge uses its own copy of them.
LIBRARIES = frozenset({"numpy", "scipy", "sklearn", "torch", "pandas", "matplotlib", "math", "cmath", "statistics",
                       "random", "itertools", "functools", "operator", "collections", "numbers", "fractions",
                       "decimal", "string", "re", "typing", "dataclasses", "enum", "copy"})
BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")
TORCH_DTYPES = ("float16", "float32", "float64", "bfloat16", "complex64", "complex128", "uint8", "int8", "int16",
                "int32", "int64", "bool")
MAX_DEPTH = 64
_CONTAINERS = (("list", list), ("tuple", tuple), ("set", set), ("frozenset", frozenset))


class NotCopyable(Exception):
    """Raised while encoding a value that must go as a handle."""


def _numpy() -> Any:
    return sys.modules.get("numpy")


def _torch() -> Any:
    return sys.modules.get("torch")


def library_name(obj: Any) -> tuple[str, str] | None:
    """(module, qualified name) under which a trusted library's own module, function or class is found again,
    else None: an object that only claims such a name (a student's function with `__module__ = "numpy"`) is
    not the object found there, and is not taken for it."""
    if isinstance(obj, types.ModuleType):
        name = getattr(obj, "__name__", None)
        found = isinstance(name, str) and name.split(".")[0] in LIBRARIES and sys.modules.get(name) is obj
        return (name, "") if found else None
    try:
        module, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
        if module is None and type(obj).__name__ == "ufunc":
            module, qualname = "numpy", getattr(obj, "__name__", None)
    except Exception:
        return None
    if not isinstance(module, str) or not isinstance(qualname, str) or module.split(".")[0] not in LIBRARIES:
        return None
    found = sys.modules.get(module)
    try:
        for part in qualname.split("."):
            found = getattr(found, part)
    except Exception:
        return None
    return (module, qualname) if found is obj else None


def _resolve_library(module: Any, qualname: Any) -> Any:
    if not isinstance(module, str) or not isinstance(qualname, str) or module.split(".")[0] not in LIBRARIES:
        raise ProtocolError(f"not a library object: {module!r}")
    try:
        obj = sys.modules.get(module) or importlib.import_module(module)
        for part in filter(None, qualname.split(".")):
            obj = getattr(obj, part)
    except Exception as exc:
        raise ProtocolError(f"unknown library object {module}.{qualname}: {exc}") from None
    return obj


def torch_library_module(obj: Any) -> bool:
    """A torch module made only of torch's own layers, without hooks: it is data, not code."""
    torch = _torch()
    if torch is None or not isinstance(obj, torch.nn.Module):
        return False
    for module in obj.modules():
        if not type(module).__module__.startswith("torch.nn.") or any(
                getattr(module, hooks, None) for hooks in ("_forward_hooks", "_forward_pre_hooks", "_backward_hooks",
                                                           "_backward_pre_hooks", "_state_dict_hooks")):
            return False
    return True


def copyable(value: Any) -> bool:
    """Whether a value crosses as a copy (or a library object), with nothing of it left behind as a handle."""
    probe = Codec(_NoHandles())
    try:
        probe.encode(value)
    except NotCopyable:
        return False
    return not probe.grad_tensors


class _NoHandles:
    """A peer for probing: it refuses to export, so only what is copied passes."""

    sends_modules = False

    def export(self, obj: Any) -> int:
        raise NotCopyable

    def remote_id(self, obj: Any) -> None:
        return None


class Codec:
    """The encoding or decoding of one message: its binary buffers and the tensors that carry gradients.

    `grad_tensors` lists, in order, the tensors that require grad: on encoding
    the sender's own, on decoding the receiver's rebuilt ones; the two lists
    correspond, which is how gradients find their way back (bridge.py).
    `replacements`, when set before decoding, are used in place of those tensors."""

    def __init__(self, peer: Peer, buffers: list[bytes] | None = None) -> None:
        self.peer = peer
        self.buffers: list[bytes] = [] if buffers is None else buffers
        self.grad_tensors: list[Any] = []
        self.replacements: list[Any] | None = None

    # --- encoding ------------------------------------------------------------------------------

    def encode(self, obj: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            return {"handle": self.peer.export(obj)}
        try:
            return self._by_value(obj, depth)
        except NotCopyable:
            pass
        remote = self.peer.remote_id(obj)
        if remote is not None:
            return {"yours": remote}
        return {"handle": self.peer.export(obj)}

    def _buffer(self, data: bytes) -> int:
        self.buffers.append(data)
        return len(self.buffers) - 1

    def _npy(self, array: Any) -> list:
        """An array as [buffer, dtype, shape]: its bytes in C order, never objects."""
        np = _numpy()
        array = np.asarray(array)
        if array.dtype.hasobject or array.dtype.fields is not None:
            raise NotCopyable
        return [self._buffer(np.ascontiguousarray(array).tobytes()), array.dtype.str, list(array.shape)]

    def _by_value(self, obj: Any, depth: int) -> Any:
        if obj is None or isinstance(obj, bool):
            return obj if obj is None else bool(obj)
        np, torch = _numpy(), _torch()
        if np is not None:
            if isinstance(obj, np.ndarray):
                return {"ndarray": self._npy(np.asarray(obj))}
            if isinstance(obj, np.generic):
                return {"npscalar": self._npy(np.asarray(obj))}
            if isinstance(obj, np.dtype):
                if obj.fields is not None or obj.hasobject:
                    raise NotCopyable
                return {"np_dtype": obj.str}
            if isinstance(obj, np.random.Generator):
                name = type(obj.bit_generator).__name__
                if name not in BIT_GENERATORS:
                    raise NotCopyable
                return {"np_rng": [name, self.encode(obj.bit_generator.state, depth + 1)]}
        if torch is not None:
            if isinstance(obj, torch.Tensor):
                return self._tensor(obj)
            if isinstance(obj, torch.dtype):
                return {"torch_dtype": str(obj).removeprefix("torch.")}
            if isinstance(obj, torch.Generator) and obj.device.type == "cpu":
                return {"torch_rng": self._buffer(bytes(obj.get_state().numpy().tobytes()))}
            if self.peer.sends_modules and torch_library_module(obj):
                grads = [p for p in obj.parameters() if p.requires_grad]
                start = len(self.grad_tensors)
                self.grad_tensors += grads
                return {"torch_module": self._buffer(pickle.dumps(obj)), "grads": [start, len(grads)]}
        if isinstance(obj, int):
            return int.__index__(obj)
        if isinstance(obj, float):
            return float.__float__(obj)
        if isinstance(obj, complex):
            return {"complex": [complex.__complex__(obj).real, complex.__complex__(obj).imag]}
        if isinstance(obj, str):
            return str.__str__(obj)
        if isinstance(obj, bytes | bytearray):
            return {"bytearray" if isinstance(obj, bytearray) else "bytes": self._buffer(bytes(obj))}
        for tag, kind in _CONTAINERS:
            if isinstance(obj, kind):
                return {tag: [self.encode(item, depth + 1) for item in kind.__iter__(obj)]}
        if isinstance(obj, dict):
            return {"dict": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in dict.items(obj)]}
        if isinstance(obj, slice):
            return {"slice": [self.encode(obj.start, depth + 1), self.encode(obj.stop, depth + 1),
                              self.encode(obj.step, depth + 1)]}
        if isinstance(obj, range):
            return {"range": [obj.start, obj.stop, obj.step]}
        if obj is Ellipsis:
            return {"ellipsis": None}
        name = library_name(obj)
        if name is not None:
            return {"lib": list(name)}
        raise NotCopyable

    def _tensor(self, tensor: Any) -> dict[str, Any]:
        torch = _torch()
        plain = torch.Tensor.detach(tensor)
        dtype = str(plain.dtype).removeprefix("torch.")
        if dtype not in TORCH_DTYPES or plain.layout != torch.strided or plain.device.type != "cpu":
            raise NotCopyable
        plain = plain.resolve_conj().resolve_neg()
        array = (plain.float() if dtype == "bfloat16" else plain).numpy()
        entry: dict[str, Any] = {"tensor": self._npy(array), "dtype": dtype}
        if tensor.requires_grad:
            entry["grad"] = len(self.grad_tensors)
            self.grad_tensors.append(tensor)
        return entry

    # --- decoding ------------------------------------------------------------------------------

    def decode(self, tree: Any, depth: int = 0) -> Any:
        try:
            return self._decode(tree, depth)
        except ProtocolError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, RuntimeError, AttributeError) as exc:
            raise ProtocolError(f"malformed value: {type(exc).__name__}: {exc}") from None

    def _decode(self, tree: Any, depth: int) -> Any:
        if depth > MAX_DEPTH + 2:
            raise ProtocolError("value nested too deeply")
        if tree is None or type(tree) in (bool, int, float, str):
            return tree
        if type(tree) is not dict or len(tree) not in (1, 2, 3):
            raise ProtocolError("malformed value")
        (tag, body), *_ = tree.items()
        np, torch = _numpy(), _torch()
        if tag == "list":
            return [self._decode(item, depth + 1) for item in _expect(list, body)]
        if tag == "tuple":
            return tuple(self._decode(item, depth + 1) for item in _expect(list, body))
        if tag in ("set", "frozenset"):
            items = [self._decode(item, depth + 1) for item in _expect(list, body)]
            return set(items) if tag == "set" else frozenset(items)
        if tag == "dict":
            result = {}
            for pair in _expect(list, body):
                if type(pair) is not list or len(pair) != 2:
                    raise ProtocolError("malformed dict")
                key = self._decode(pair[0], depth + 1)
                hash(key)
                result[key] = self._decode(pair[1], depth + 1)
            return result
        if tag in ("bytes", "bytearray"):
            data = self._take(body)
            return data if tag == "bytes" else bytearray(data)
        if tag == "complex":
            real, imag = _expect(list, body)
            if type(real) not in (int, float) or type(imag) not in (int, float):
                raise ProtocolError("malformed complex")
            return complex(real, imag)
        if tag == "ndarray":
            return self._array(body)
        if tag == "npscalar":
            array = self._array(body)
            if array.ndim != 0:
                raise ProtocolError("malformed numpy scalar")
            return array[()]
        if tag == "np_dtype":
            return np.dtype(_expect(str, body))
        if tag == "np_rng":
            name, state = _expect(list, body)
            if name not in BIT_GENERATORS:
                raise ProtocolError("unknown bit generator")
            bit_generator = getattr(np.random, name)()
            bit_generator.state = self._decode(state, depth + 1)
            return np.random.Generator(bit_generator)
        if tag == "tensor":
            return self._tensor_from(tree)
        if tag == "torch_dtype":
            name = _expect(str, body)
            if name not in TORCH_DTYPES:
                raise ProtocolError("unknown torch dtype")
            return getattr(torch, name)
        if tag == "torch_rng":
            generator = torch.Generator()
            generator.set_state(torch.frombuffer(bytearray(self._take(body)), dtype=torch.uint8))
            return generator
        if tag == "torch_module":
            if not self.peer.accepts_modules:
                raise ProtocolError("modules are not accepted from this process")
            module = pickle.loads(self._take(body))  # from the judge only: trusted
            start, count = tree["grads"]
            grads = [p for p in module.parameters() if p.requires_grad]
            if start != len(self.grad_tensors) or count != len(grads):
                raise ProtocolError("module parameters do not match")
            self.grad_tensors += grads
            return module
        if tag == "slice":
            return slice(*(self._decode(part, depth + 1) for part in _expect(list, body)))
        if tag == "range":
            return range(*(_expect(int, part) for part in _expect(list, body)))
        if tag == "ellipsis":
            return Ellipsis
        if tag == "lib":
            module, qualname = _expect(list, body)
            return _resolve_library(module, qualname)
        if tag == "handle":
            return self.peer.proxy(_expect(int, body))
        if tag == "yours":
            return self.peer.exported(_expect(int, body))
        raise ProtocolError(f"unknown value tag {tag!r}")

    def _tensor_from(self, tree: dict) -> Any:
        torch = _torch()
        name = tree.get("dtype")
        if name not in TORCH_DTYPES:
            raise ProtocolError("unknown torch dtype")
        if "grad" in tree:
            index = _expect(int, tree["grad"])
            if index != len(self.grad_tensors):
                raise ProtocolError("gradient tensors out of order")
            if self.replacements is not None:
                tensor = self.replacements[index]
                self.grad_tensors.append(tensor)
                return tensor
        tensor = torch.from_numpy(self._array(tree["tensor"])).to(getattr(torch, name))
        if "grad" in tree:
            if tensor.is_floating_point() or tensor.is_complex():
                tensor.requires_grad_(True)
            self.grad_tensors.append(tensor)
        return tensor

    def grad_values(self, tree: Any) -> list[Any]:
        """The values of the tensors that require grad, in order, without decoding the rest."""
        found: list[Any] = []

        def walk(node: Any, depth: int) -> None:
            if depth > MAX_DEPTH + 2 or type(node) not in (dict, list):
                return
            if type(node) is dict and "tensor" in node and "grad" in node:
                plain = Codec(self.peer, self.buffers)
                found.append(plain._tensor_from({k: v for k, v in node.items() if k != "grad"}))
                return
            for child in (node.values() if type(node) is dict else node):
                walk(child, depth + 1)

        try:
            walk(tree, 0)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise ProtocolError(f"malformed value: {exc}") from None
        return found

    def _take(self, index: Any) -> bytes:
        index = _expect(int, index)
        if not 0 <= index < len(self.buffers):
            raise ProtocolError("malformed value: no such buffer")
        return self.buffers[index]

    def _array(self, body: Any) -> Any:
        np = _numpy()
        index, dtype, shape = _expect(list, body)
        dtype = np.dtype(_expect(str, dtype))
        if dtype.hasobject or dtype.fields is not None or type(shape) is not list \
                or not all(type(n) is int and n >= 0 for n in shape):
            raise ProtocolError("malformed array")
        return np.frombuffer(self._take(index), dtype=dtype).reshape(shape).copy()


def _expect(kind: type, body: Any) -> Any:
    """`body` if it is exactly of type `kind` (as JSON decodes it), else the message is malformed."""
    if type(body) is not kind:
        raise ProtocolError(f"malformed value: expected {kind.__name__}")
    return body


def update_in_place(target: Any, value: Any) -> None:
    """Make the caller's argument `target` what the callee left of it: a call by copy behaves like one by reference."""
    np, torch = _numpy(), _torch()
    if np is not None and isinstance(target, np.ndarray) and isinstance(value, np.ndarray):
        if target.shape == value.shape and target.flags.writeable:
            np.copyto(target, value, casting="unsafe")
    elif torch is not None and isinstance(target, torch.Tensor) and isinstance(value, torch.Tensor):
        if target.shape == value.shape:
            with torch.no_grad():
                target.copy_(value)
    elif isinstance(target, list) and isinstance(value, list):
        if len(target) == len(value):
            for i, item in enumerate(value):
                _update_item(target, i, item)
        else:
            target[:] = value
    elif isinstance(target, tuple) and isinstance(value, tuple) and len(target) == len(value):
        for old, new in zip(target, value, strict=True):
            update_in_place(old, new)
    elif isinstance(target, dict) and isinstance(value, dict):
        for key in [k for k in target if k not in value]:
            del target[key]
        for key, item in value.items():
            if key in target:
                _update_item(target, key, item)
            else:
                target[key] = item
    elif isinstance(target, set) and isinstance(value, set):
        target.clear()
        target.update(value)
    elif isinstance(target, bytearray) and isinstance(value, bytearray):
        target[:] = value
    elif np is not None and isinstance(target, np.random.Generator) and isinstance(value, np.random.Generator):
        if type(target.bit_generator) is type(value.bit_generator):
            target.bit_generator.state = value.bit_generator.state
    elif torch is not None and isinstance(target, torch.Generator) and isinstance(value, torch.Generator):
        target.set_state(value.get_state())


def _update_item(container: Any, key: Any, value: Any) -> None:
    old = container[key]
    if type(old) is type(value) and not isinstance(old, int | float | complex | str | bytes | bool | type(None)):
        update_in_place(old, value)
    else:
        container[key] = value
