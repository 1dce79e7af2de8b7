"""How answers differ between students: solutions written independently, and copies disguised.

The cohort's honest students all submit the reference solution, so any two of them look copied. For the
similarity report the simulation needs what real students do: `own_solution` rewrites the reference the way
an independent author varies it (temporaries, operand and comparison order, `len(X)` for `X.shape[0]`,
positional axes, the order of independent statements), each choice made per spot at random, and keeps
what it computes (for numpy code). `disguise` is what a copier does to a friend's cells: other names,
other comments, another layout, functions in another order, without changing a single step.
"""

from __future__ import annotations

import ast
import builtins
import copy

import numpy as np

CHANGE = 0.5  # chance of each independent variation at each spot where it applies
AXIS_METHODS = {"sum", "mean", "std", "var", "max", "min", "argmax", "argmin", "cumsum", "prod"}
NAMES = ("a", "b", "c", "tmp", "val", "res", "out", "arr", "mat", "vec", "acc", "part", "data", "value", "item")
COMMENTS = ("# compute it step by step", "# as in the lecture", "# helper value", "# TODO: check shapes",
            "# vectorised", "# works for the test data", "# see exercise text", "# final result")
# names of what draws random numbers (np.random, rng.normal, torch.randn, ...): statements using them keep their order
STATEFUL = ("rng", "rand", "seed", "gen", "normal", "uniform", "choice", "permutation", "shuffle", "sample",
            "bernoulli", "multinomial", "dropout")


def own_solution(source: str, rng: np.random.Generator) -> str:
    """source as another student would have written it independently (unchanged if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    numpy_only = "torch" not in source  # np.matmul and x.transpose() are the same as @ and .T for arrays only
    for function in [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]:
        function.body = [_Variations(rng, numpy_only).visit(statement) for statement in function.body]
        _vary_statements(function.body, rng)
    _rename_locals(tree, rng)
    return ast.unparse(ast.fix_missing_locations(tree))


def disguise(sources: list[str], rng: np.random.Generator) -> list[str]:
    """A copier's version of someone's answer cells: locals renamed, the functions of each cell shuffled,
    comments invented, two-space indentation; what the code does is unchanged."""
    disguised = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            disguised.append(source)
            continue
        _shuffle_functions(tree, rng)
        _rename_locals(tree, rng)
        disguised.append(_relayout(ast.unparse(ast.fix_missing_locations(tree)), rng))
    return disguised


def _chance(rng: np.random.Generator) -> bool:
    return bool(rng.random() < CHANGE)


class _Variations(ast.NodeTransformer):
    """Expression-level choices that compute the same for numpy arrays (and, but for two, torch tensors)."""

    def __init__(self, rng: np.random.Generator, numpy_only: bool) -> None:
        self.rng = rng
        self.numpy_only = numpy_only

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        flipped = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE}
        if len(node.ops) == 1 and type(node.ops[0]) in flipped and _chance(self.rng):
            return ast.Compare(node.comparators[0], [flipped[type(node.ops[0])]()], [node.left])
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.MatMult) and self.numpy_only and _chance(self.rng):  # a @ b -> np.matmul(a, b)
            matmul = ast.Attribute(ast.Name("np", ast.Load()), "matmul", ast.Load())
            return ast.Call(matmul, [node.left, node.right], [])
        if isinstance(node.op, ast.Mult) and _chance(self.rng):
            return ast.BinOp(node.right, ast.Mult(), node.left)
        if (isinstance(node.op, ast.Pow) and isinstance(node.left, ast.Name) and isinstance(node.right, ast.Constant)
                and node.right.value == 2 and _chance(self.rng)):
            return ast.BinOp(node.left, ast.Mult(), ast.Name(node.left.id, ast.Load()))
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        self.generic_visit(node)
        value = node.value
        if (isinstance(value, ast.Attribute) and value.attr == "shape" and isinstance(value.value, ast.Name)
                and isinstance(node.slice, ast.Constant) and node.slice.value == 0 and _chance(self.rng)):
            return ast.Call(ast.Name("len", ast.Load()), [value.value], [])
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if node.attr == "T" and isinstance(node.ctx, ast.Load) and self.numpy_only and _chance(self.rng):
            # x.T -> x.transpose()
            return ast.Call(ast.Attribute(node.value, "transpose", ast.Load()), [], [])
        return node

    def visit_Slice(self, node: ast.Slice) -> ast.AST:
        self.generic_visit(node)
        if node.lower is None and node.step is None and node.upper is not None and _chance(self.rng):
            node.lower = ast.Constant(0)  # x[:n] -> x[0:n]
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        function = node.func
        method = isinstance(function, ast.Attribute) and function.attr in AXIS_METHODS
        axis = [k for k in node.keywords if k.arg == "axis"]
        if method and axis and len(node.keywords) == 1 and _chance(self.rng):
            is_numpy = isinstance(function.value, ast.Name) and function.value.id in ("np", "numpy")
            if len(node.args) == int(is_numpy):  # x.sum(axis=0) -> x.sum(0); np.sum(x, axis=0) -> np.sum(x, 0)
                return ast.Call(function, [*node.args, axis[0].value], [])
        return node


def _vary_statements(body: list[ast.stmt], rng: np.random.Generator) -> None:
    """Returns of a computed value through a named result; neighbouring independent assignments swapped."""
    for statement in list(body):
        for field in ("body", "orelse"):
            if isinstance(getattr(statement, field, None), list) and not isinstance(statement, ast.FunctionDef):
                _vary_statements(getattr(statement, field), rng)
        if (isinstance(statement, ast.Return) and statement.value is not None
                and not isinstance(statement.value, ast.Name) and _chance(rng)):
            at = body.index(statement)
            body[at:at + 1] = [ast.Assign([ast.Name("result", ast.Store())], statement.value),
                               ast.Return(ast.Name("result", ast.Load()))]
    body[:] = [hoisted for statement in body for hoisted in _hoist(statement, rng)]
    for i in range(len(body) - 1):
        if _independent(body[i], body[i + 1]) and _chance(rng):
            body[i], body[i + 1] = body[i + 1], body[i]


CONDITIONAL = (ast.BoolOp, ast.IfExp, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _hoistable(value: ast.expr) -> list[ast.expr]:
    """Parts of an expression that may be computed first into a name: arithmetic and indexing without
    calls (no side effects to reorder), not where evaluation is conditional or deferred."""
    found: list[ast.expr] = []

    def visit(node: ast.AST, top: bool) -> None:
        if isinstance(node, CONDITIONAL):
            return
        loaded = isinstance(node, ast.BinOp) or (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load))
        if (not top and loaded
                and not any(isinstance(n, ast.Call | ast.NamedExpr) for n in ast.walk(node))):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child, False)

    visit(value, True)
    return found


def _hoist(statement: ast.stmt, rng: np.random.Generator) -> list[ast.stmt]:
    """statement, maybe with one of its sub-expressions computed first into a temporary."""
    value = getattr(statement, "value", None)
    if not isinstance(statement, ast.Assign | ast.AugAssign | ast.Return) or value is None:
        return [statement]
    parts = _hoistable(value)
    if not parts or not _chance(rng):
        return [statement]
    part = parts[int(rng.integers(len(parts)))]
    name = f"part{int(rng.integers(1, 10**6))}"
    for node in ast.walk(statement):
        for field, child in ast.iter_fields(node):
            if child is part:
                setattr(node, field, ast.Name(name, ast.Load()))
            elif isinstance(child, list) and any(c is part for c in child):
                child[next(i for i, c in enumerate(child) if c is part)] = ast.Name(name, ast.Load())
    return [ast.Assign([ast.Name(name, ast.Store())], part), statement]


def _names(node: ast.AST, context: type) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, context)}


def _independent(first: ast.stmt, second: ast.stmt) -> bool:
    """Two assignments to plain names neither of which reads or writes what the other writes, and no draws
    (`x[0] = ...` changes x without a stored name, so it never moves)."""
    if not (isinstance(first, ast.Assign) and isinstance(second, ast.Assign)):
        return False
    targets = [n for s in (first, second) for t in s.targets for n in ast.walk(t)]
    if not all(isinstance(n, ast.Name | ast.Tuple | ast.List | ast.expr_context) for n in targets):
        return False
    identifiers = {getattr(n, "id", getattr(n, "attr", "")).lower() for s in (first, second) for n in ast.walk(s)}
    if any(word in identifier for identifier in identifiers for word in STATEFUL):
        return False
    written = _names(first, ast.Store), _names(second, ast.Store)
    read = _names(first, ast.Load), _names(second, ast.Load)
    return not (written[0] & (read[1] | written[1]) or written[1] & read[0])


def _rename_locals(tree: ast.Module, rng: np.random.Generator) -> None:
    """Names assigned inside a function (not its parameters, not globals) get other, consistent names."""
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | set(dir(builtins))
    for function in [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]:
        params = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
        local = sorted(_names(function, ast.Store) - params - {"_"})
        choices = [name for name in NAMES if name not in taken]
        picked = rng.permutation(len(choices))[: len(local)] if choices else []
        renames = {old: choices[int(j)] for old, j in zip(local, picked, strict=False)}
        for old in local[len(renames):]:
            renames[old] = f"{old}_{int(rng.integers(2, 99))}"
        taken |= set(renames.values())
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id in renames:
                node.id = renames[node.id]


def _shuffle_functions(tree: ast.Module, rng: np.random.Generator) -> None:
    """The function definitions of a cell in another order (other statements stay where they are)."""
    slots = [i for i, node in enumerate(tree.body) if isinstance(node, ast.FunctionDef)]
    functions = [copy.deepcopy(tree.body[i]) for i in slots]
    for slot, j in zip(slots, rng.permutation(len(functions)), strict=True):
        tree.body[slot] = functions[int(j)]


def _relayout(source: str, rng: np.random.Generator) -> str:
    """Two-space indentation, a blank line here and there, invented comments: the same code to Python."""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip(" ")
        indent = " " * ((len(line) - len(stripped)) // 2)
        if stripped and _chance(rng):
            lines.append(f"{indent}{COMMENTS[int(rng.integers(len(COMMENTS)))]}")
        lines.append(indent + stripped)
        if stripped.startswith("return") and _chance(rng):
            lines.append("")
    return "\n".join(lines)
