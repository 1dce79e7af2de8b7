"""Plausible mistakes made to correct code, the way students make them.

Mutations act on the syntax tree of an answer cell: a flipped sign, the other
axis, a missing transpose, an off-by-one, a wrong comparison. They are what a
partial submission gets wrong, so any sheet can be simulated without
hand-written wrong answers.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

import numpy as np

_SWAP_OPS: dict[type, type] = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
_SWAP_CMP: dict[type, type] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}


def _candidates(tree: ast.AST) -> list[Callable[[], None]]:
    """Every single-spot mutation of the function bodies in tree, as a closure that applies it."""
    edits: list[Callable[[], None]] = []
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    for function in functions:
        for node in ast.walk(function):
            if isinstance(node, ast.BinOp) and type(node.op) in _SWAP_OPS:
                edits.append(lambda node=node: setattr(node, "op", _SWAP_OPS[type(node.op)]()))
            elif isinstance(node, ast.Compare) and type(node.ops[0]) in _SWAP_CMP:
                edits.append(lambda node=node: node.ops.__setitem__(0, _SWAP_CMP[type(node.ops[0])]()))
            elif isinstance(node, ast.keyword) and node.arg == "axis" and isinstance(node.value, ast.Constant):
                edits.append(lambda node=node: setattr(node, "value", ast.Constant(1 - int(node.value.value == 1))))
            elif isinstance(node, ast.Constant) and type(node.value) is int:
                edits.append(lambda node=node: setattr(node, "value", node.value + 1))
            for field, child in ast.iter_fields(node):
                if isinstance(child, ast.Attribute) and child.attr == "T":
                    edits.append(lambda node=node, field=field, child=child: setattr(node, field, child.value))
    return edits


def mutate(source: str, rng: np.random.Generator) -> str | None:
    """source with one random plausible mistake in a function body, or None if there is no spot."""
    tree = ast.parse(source)
    edits = _candidates(tree)
    if not edits:
        return None
    edits[rng.integers(len(edits))]()
    return ast.unparse(ast.fix_missing_locations(tree))


def defines_function(source: str) -> bool:
    """Whether source parses and defines a function (what student answers are graded through)."""
    try:
        return any(isinstance(node, ast.FunctionDef) for node in ast.walk(ast.parse(source)))
    except SyntaxError:
        return False


def prepend_to_first_function(source: str, statements: str) -> str | None:
    """source with statements run first in its first function, or None if it defines none."""
    tree = ast.parse(source)
    function = next((node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)), None)
    if function is None:
        return None
    function.body[:0] = ast.parse(statements).body
    return ast.unparse(ast.fix_missing_locations(tree))


def break_syntax(source: str) -> str:
    """source with the colon of its first block header dropped (or a dangling parenthesis)."""
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if line.rstrip().endswith(":") and not line.lstrip().startswith("#"):
            lines[i] = line.rstrip()[:-1]
            return "\n".join(lines)
    return source + "\nprint(("
