"""Test cells run in the judge: what they can do with the student's names, and what student code cannot do to them."""

from __future__ import annotations

from tests.sandbox.inside.direct import errors, text

STUDENT, TEST = False, True
CENTER = "import numpy as np\nX = np.arange(6.).reshape(3, 2)\ndef center(X):\n    return X - X.mean(0), X.mean(0)"


def test_names_are_copied_and_calls_forwarded(worker) -> None:
    _, test = worker.run((CENTER, STUDENT), ("Xc, mu = center(X)\nprint(type(Xc).__name__, mu.tolist(), type(X))\n"
                                             "assert np.allclose(Xc.mean(0), 0)", TEST))
    assert errors(test) == []
    assert text(test) == "ndarray [2.0, 3.0] <class 'numpy.ndarray'>\n"


def test_tests_use_the_libraries_the_instructor_imported(worker) -> None:
    """The instructor's locked cell imports numpy as np: a student's `np` of fakes does not reach the test."""
    rebind = ("import types, numpy\nnp = types.SimpleNamespace(**vars(numpy))\nnp.allclose = lambda *a, **k: True\n"
              "def center(X):\n    return X, X[0]")
    _, _, test = worker.run(("import numpy as np", STUDENT, True), (rebind, STUDENT),
                            ("assert np.allclose(center(np.ones((2, 2)))[0], 0)", TEST))
    assert errors(test) == ["AssertionError: "]


def test_partial_credit_is_the_judges_value(worker) -> None:
    _, test = worker.run((CENTER, STUDENT), ("float(center(X)[1].sum())", TEST))
    assert [o["data"]["text/plain"] for o in test["outputs"] if o["output_type"] == "execute_result"] == ["5.0"]


def test_replacing_a_helper_reaches_the_student(worker) -> None:
    """nbgrader's own example: a test deletes `squares` to check that `sum_of_squares` uses it."""
    student = "def squares(n):\n    return [i * i for i in range(1, n + 1)]\ndef sum_of_squares(n):\n" \
              "    return sum(squares(n))"
    lazy = "def squares(n):\n    return [i * i for i in range(1, n + 1)]\ndef sum_of_squares(n):\n" \
           "    return sum(i * i for i in range(1, n + 1))"
    check = ("orig_squares = squares\ndel squares\ntry:\n    sum_of_squares(1)\nexcept NameError:\n    pass\n"
             "else:\n    raise AssertionError('sum_of_squares does not use squares')\nfinally:\n"
             "    squares = orig_squares\nassert sum_of_squares(3) == 14")
    assert errors(worker.run((student, STUDENT), (check, TEST))[1]) == []
    assert errors(worker.run((lazy, STUDENT), (check, TEST))[1]) == [
        "AssertionError: sum_of_squares does not use squares"]


def test_names_a_test_binds_stay_in_the_judge(worker) -> None:
    """Only what the visible part of a test binds (and its hidden part does not) reaches later student cells."""
    test = ("D = [1, 2]\nseen = 0\n### BEGIN HIDDEN TESTS\nexpected = 42\nseen = expected\n"
            "assert f() != expected\n### END HIDDEN TESTS")
    _, graded, after = worker.run(("def f():\n    return expected", STUDENT), (test, TEST),
                                  ("print(D)\nprint(expected)", STUDENT))
    assert errors(graded) == ["NameError: name 'expected' is not defined"]
    assert text(after) == "[1, 2]\n" and errors(after) == ["NameError: name 'expected' is not defined"]


def test_callbacks_run_in_the_judge_and_inputs_change_in_place(worker) -> None:
    student = "def apply(f, xs):\n    return [f(x) for x in xs]\ndef scale(a):\n    a *= 2\n" \
              "def step(params, rng):\n    params[0] += 1\n    return rng.normal()"
    test = ("calls = []\ndef square(x):\n    calls.append(x)\n    return x * x\n"
            "assert apply(square, [1, 2]) == [1, 4]\n"
            "assert calls == [1, 2]\nimport numpy as np\na = np.ones(3)\nscale(a)\nassert a.tolist() == [2, 2, 2]\n"
            "p = [np.zeros(2)]\nr1, r2 = np.random.default_rng(0), np.random.default_rng(0)\nv = step(p, r1)\n"
            "assert p[0].tolist() == [1, 1] and v == r2.normal() and r1.normal() == r2.normal()")
    assert errors(worker.run((student, STUDENT), (test, TEST))[1]) == []


def test_student_objects_are_proxies(worker) -> None:
    student = ("class Model:\n    def __init__(self):\n        self.w = [1.0, 2.0]\n    def predict(self, x):\n"
               "        return sum(self.w) * x\n    def __eq__(self, other):\n        return True\nm = Model()")
    test = ("assert m.predict(2) == 6.0 and m.w == [1.0, 2.0]\nm.w = [0.0]\nassert m.predict(2) == 0.0\n"
            "assert not (m == 'anything'), 'a proxy compares by identity'\nassert 'Model' in repr(m)")
    assert errors(worker.run((student, STUDENT), (test, TEST))[1]) == []


def test_exceptions_keep_their_type(worker) -> None:
    student = "def f(x):\n    if x < 0:\n        raise ValueError('negative')\n    raise NotImplementedError"
    test = ("try:\n    f(-1)\nexcept ValueError as e:\n    assert str(e) == 'negative'\nelse:\n"
            "    raise AssertionError\n"
            "f(1)")
    _, result = worker.run((student, STUDENT), (test, TEST))
    assert [e.split(":")[0] for e in errors(result)] == ["NotImplementedError"]
    assert any("In the student's code" in line for line in result["outputs"][-1]["traceback"])


def test_gradients_flow_through_calls_both_ways(worker) -> None:
    """A PINN residual: the student differentiates the test's network; the test differentiates the residual
    with respect to the network's parameters, and through a student function with respect to its input."""
    student = ("import torch\ndef residual(u, t, k):\n    value = u(t)\n"
               "    (du,) = torch.autograd.grad(value, t, torch.ones_like(value), create_graph=True)\n"
               "    return du + k * value\ndef loss(model, x):\n    return (model(x) ** 2).mean()\n"
               "def cube(v):\n    return v ** 3")
    test = ("import torch\n_t = torch.linspace(0.1, 2.0, 5, dtype=torch.float64).reshape(-1, 1).requires_grad_(True)\n"
            "_r = residual(lambda s: torch.sin(3 * s), _t, 0.7)\n_tt = _t.detach()\n"
            "assert torch.allclose(_r, 3 * torch.cos(3 * _tt) + 0.7 * torch.sin(3 * _tt))\n"
            "_ = torch.manual_seed(0)\n_net = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.Tanh(),"
            " torch.nn.Linear(4, 1)).double()\n_params = list(_net.parameters())\n"
            "_u = _net(_tt.clone().requires_grad_(True))\n"
            "_t1 = _tt.clone().requires_grad_(True)\n_u = _net(_t1)\n"
            "(_du,) = torch.autograd.grad(_u, _t1, torch.ones_like(_u), create_graph=True)\n"
            "_ref = torch.autograd.grad(((_du + 1.3 * _u) ** 2).mean(), _params)\n"
            "_got = torch.autograd.grad((residual(_net, _tt.clone().requires_grad_(True), 1.3) ** 2).mean(), _params)\n"
            "assert all(torch.allclose(a, b) for a, b in zip(_got, _ref))\n"
            "_model = lambda x: _net(x) * 2\n_x = torch.randn(6, 1, dtype=torch.float64)\n"
            "_g = torch.autograd.grad(loss(_model, _x), _params)\n"
            "_g_ref = torch.autograd.grad(((_net(_x) * 2) ** 2).mean(), _params)\n"
            "assert all(torch.allclose(a, b) for a, b in zip(_g, _g_ref))\n"
            "_J = torch.autograd.functional.jacobian(lambda v: cube(v),"
            " torch.tensor([1.0, 2.0], dtype=torch.float64))\n"
            "assert torch.allclose(_J, torch.diag(torch.tensor([3.0, 12.0], dtype=torch.float64)))")
    assert errors(worker.run((student, STUDENT), (test, TEST))[1]) == []
