"""Mutants of a reference solution made by rule, for the gate that the hidden tests kill most of them.

A small AST mutator rather than a mutation library: mutmut, cosmic-ray and
mutatest mutate files of a package and run its test suite, while a sheet's
unit is one notebook cell whose tests are other cells run by the judge. Each
mutant changes one node of the solution part of the cell (between the
BEGIN/END SOLUTION markers), written back into the cell's own text, so a
mutant is named by the line it changes, as a person would name it.
"""

from __future__ import annotations

import ast
import copy
import random
from collections.abc import Iterator
from dataclasses import dataclass

SWAPPED_OPERATORS: dict[type, type] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
    ast.Pow: ast.Mult, ast.MatMult: ast.Mult, ast.Mod: ast.FloorDiv,
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.And: ast.Or, ast.Or: ast.And,
}
REVERSED_COMPARISONS: dict[type, type] = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}
NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.FloorDiv, ast.Pow, ast.MatMult)
AXIS_KEYWORDS = {"axis", "dim", "keepdims", "copy"}
# swapping these functions' arguments, or the operands of a difference that is squared or taken absolute,
# changes nothing: such mutants would only be equivalent ones to explain
COMMUTATIVE = {"maximum", "minimum", "max", "min", "logaddexp", "hypot", "add", "multiply"}


@dataclass(frozen=True)
class Mutant:
    rule: str
    before: str  # the reference's line, stripped
    after: str  # the mutant's line, stripped
    source: str  # the whole mutated cell

    @property
    def name(self) -> str:
        return f"{self.before}  ->  {self.after}"


def _solution_lines(source: str) -> range:
    lines = source.splitlines()
    begin = [i for i, line in enumerate(lines, 1) if "### BEGIN SOLUTION" in line]
    end = [i for i, line in enumerate(lines, 1) if "### END SOLUTION" in line]
    return range(begin[0] + 1, end[0]) if begin and end else range(1, len(lines) + 1)


def _replacements(node: ast.AST, symmetric: set[int]) -> Iterator[tuple[str, ast.AST | str]]:
    """(rule, replacement node or text) for every mutation of this one node."""
    if isinstance(node, ast.BinOp):
        if type(node.op) in SWAPPED_OPERATORS:
            yield "operator", _with(node, op=SWAPPED_OPERATORS[type(node.op)]())
        if isinstance(node.op, NON_COMMUTATIVE) and id(node) not in symmetric:
            yield "swapped operands", _with(node, left=node.right, right=node.left)
        if isinstance(node.op, ast.MatMult):
            yield "transpose", _with(node, left=ast.Attribute(value=node.left, attr="T", ctx=ast.Load()))
    elif (isinstance(node, ast.AugAssign) and type(node.op) in SWAPPED_OPERATORS) or isinstance(node, ast.BoolOp):
        yield "operator", _with(node, op=SWAPPED_OPERATORS[type(node.op)]())
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        op = type(node.ops[0])
        yield "comparison", _with(node, ops=[SWAPPED_OPERATORS[op]()])
        if op in REVERSED_COMPARISONS:
            yield "comparison", _with(node, ops=[REVERSED_COMPARISONS[op]()])
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        yield "dropped sign", node.operand
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        yield "constant + 1", ast.Constant(node.value + 1)
        yield "constant - 1", ast.Constant(node.value - 1)
    elif isinstance(node, ast.Attribute) and node.attr == "T":
        yield "transpose dropped", node.value
    elif isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "copy" and not node.args:
            yield "copy dropped", node.func.value
        swappable = _called(node) not in COMMUTATIVE and not any(isinstance(a, ast.Starred) for a in node.args[:2])
        if len(node.args) >= 2 and swappable:
            yield "swapped arguments", _with(node, args=[node.args[1], node.args[0], *node.args[2:]])
        for i, keyword in enumerate(node.keywords):
            if keyword.arg in AXIS_KEYWORDS:
                yield f"{keyword.arg} dropped", _with(node, keywords=node.keywords[:i] + node.keywords[i + 1:])
    elif isinstance(node, ast.Slice):
        for part in ("lower", "upper", "step"):
            if getattr(node, part) is not None:
                yield "slice", _with(node, **{part: None})
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple) and len(node.slice.elts) == 2:
        yield "axes swapped", _with(node, slice=ast.Tuple(elts=node.slice.elts[::-1], ctx=ast.Load()))


def _symmetric_differences(tree: ast.AST) -> set[int]:
    """Differences whose sign is lost: (a - b) ** 2 and abs(a - b)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and isinstance(node.right, ast.Constant) \
                and node.right.value == 2:
            found.add(id(node.left))
        if isinstance(node, ast.Call) and node.args and _called(node) == "abs":
            found.add(id(node.args[0]))
    return found


def _called(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _with(node: ast.AST, **fields: object) -> ast.AST:
    changed = copy.copy(node)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


def _dropped_statements(tree: ast.AST, lines: range) -> Iterator[ast.stmt]:
    """Statements that can go without leaving an empty block: not the return, not a definition."""
    for node in ast.walk(tree):
        for field in ("body", "orelse"):
            block = getattr(node, field, None)
            if not isinstance(block, list) or len(block) < 2:
                continue
            for statement in block:
                simple = isinstance(statement, ast.Assign | ast.AugAssign | ast.Expr | ast.If)
                docstring = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                if statement.lineno in lines and simple and not docstring:
                    yield statement


def mutants(source: str) -> list[Mutant]:
    """Every rule-made mutant of the solution part of a cell, each with one change, in source order."""
    tree = ast.parse(source)
    lines = _solution_lines(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    symmetric = _symmetric_differences(tree)
    changes: list[tuple[str, ast.AST, str]] = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in lines and getattr(node, "end_lineno", None) in lines \
                and id(node) not in docstrings:
            changes += [(rule, node, _text(r)) for rule, r in _replacements(node, symmetric)]
    changes += [("statement dropped", statement, "pass") for statement in _dropped_statements(tree, lines)]
    found: dict[str, Mutant] = {}
    for rule, node, text in sorted(changes, key=lambda c: (c[1].lineno, c[1].col_offset)):
        mutant = _rewrite(source, rule, node, text)
        if mutant is not None and mutant.source != source and mutant.name not in found:
            found[mutant.name] = mutant
    return list(found.values())


def _rewrite(source: str, rule: str, node: ast.AST, text: str) -> Mutant | None:
    lines = source.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:node.lineno - 1]) + _offset(lines[node.lineno - 1], node.col_offset)
    end = sum(len(line) for line in lines[:node.end_lineno - 1]) + _offset(lines[node.end_lineno - 1],
                                                                          node.end_col_offset)
    old = source[start:end]
    mutated = source[:start] + text + source[end:]
    try:
        ast.parse(mutated)
    except SyntaxError:
        return None
    before = lines[node.lineno - 1].strip()
    after_lines = mutated.splitlines()
    after = after_lines[node.lineno - 1].strip() if node.lineno <= len(after_lines) else ""
    if old == text:
        return None
    return Mutant(rule, before, after, mutated)


def _text(replacement: ast.AST | str) -> str:
    """Source of a replacement, in parentheses where the text around it could bind it otherwise."""
    if isinstance(replacement, str):
        return replacement
    text = ast.unparse(replacement)
    loose = ast.BinOp | ast.BoolOp | ast.Compare | ast.UnaryOp | ast.IfExp
    negative = isinstance(replacement, ast.Constant) and isinstance(replacement.value, int | float) \
        and replacement.value < 0
    return f"({text})" if isinstance(replacement, loose) or negative else text


def _offset(line: str, utf8_offset: int) -> int:
    """ast's column offsets count UTF-8 bytes."""
    return len(line.encode()[:utf8_offset].decode())


def sample(found: list[Mutant], cap: int, seed: str) -> list[Mutant]:
    """At most cap mutants, the same ones on every run (a fixed seed per function), in source order."""
    if len(found) <= cap:
        return found
    chosen = set(random.Random(seed).sample(range(len(found)), cap))
    return [m for i, m in enumerate(found) if i in chosen]
