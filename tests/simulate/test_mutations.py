from __future__ import annotations

import ast

import numpy as np
import pytest

from grading.simulate.mutations import break_syntax, mutate, prepend_to_first_function

CODE = '''
def covariance(X):
    """Unbiased."""
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (X.shape[0] - 1)
'''


def _run(source: str):
    namespace: dict = {}
    exec(source, namespace)
    return namespace["covariance"]


def test_mutations_change_behaviour_and_stay_valid() -> None:
    X = np.random.default_rng(0).normal(size=(30, 3)) + 2
    right = _run(CODE)(X)
    changed = 0
    for seed in range(20):
        source = mutate(CODE, np.random.default_rng(seed))
        ast.parse(source)
        try:
            result = _run(source)(X)
        except Exception:
            changed += 1
            continue
        changed += not (np.shape(result) == right.shape and np.allclose(result, right))
    assert changed >= 15


def test_mutate_without_function_returns_none() -> None:
    assert mutate("x = 1 + 2", np.random.default_rng(0)) is None


def test_prepend_runs_first() -> None:
    source = prepend_to_first_function(CODE, "raise KeyError('first')")
    with pytest.raises(KeyError, match="first"):
        _run(source)(np.ones((2, 2)))
    assert prepend_to_first_function("x = 1", "pass") is None


def test_break_syntax() -> None:
    with pytest.raises(SyntaxError):
        ast.parse(break_syntax(CODE))
    with pytest.raises(SyntaxError):
        ast.parse(break_syntax("x = 1"))
