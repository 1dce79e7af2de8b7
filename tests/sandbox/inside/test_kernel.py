"""A notebook in the sandbox runs as in an ipykernel started in its folder (what nbgrader's Execute gives it)."""

from __future__ import annotations

from tests.sandbox.inside.direct import errors, text

STUDENT, TEST = False, True


def test_modules_and_data_beside_the_notebook(worker) -> None:
    files = {"helpers.py": b"def double(x):\n    return 2 * x\n", "data/points.csv": b"1,2\n3,4\n",
             "pkg/__init__.py": b"NAME = 'pkg'\n"}
    imported, read = worker.run(
        ("import helpers, pkg\nprint(helpers.double(21), pkg.NAME)", STUDENT),
        ("import numpy as np\nprint(np.loadtxt('data/points.csv', delimiter=',').sum())", STUDENT), files=files)
    assert (errors(imported), text(imported)) == ([], "42 pkg\n")
    assert (errors(read), text(read)) == ([], "10.0\n")


def test_a_file_outside_the_folder_is_refused(worker) -> None:
    (cell,) = worker.run(("print('ran')", STUDENT), files={"../escape.py": b"x = 1"})
    assert "not a path inside the notebook's folder" in cell["outputs"][0]["evalue"]


def test_input_fails_as_in_nbgrader_kernel(worker) -> None:
    asked, secret = worker.run(("input('name? ')", STUDENT), ("import getpass\ngetpass.getpass()", STUDENT))
    assert errors(asked) == ["StdinNotImplementedError: raw_input was called, but this frontend does not support "
                             "input requests."]
    assert errors(secret) == ["StdinNotImplementedError: getpass was called, but this frontend does not support "
                              "input requests."]
    assert text(asked) == ""  # the prompt is not printed: the call fails first


def test_magics_and_shell_lines(worker) -> None:
    inline, timed, timeit, shell, captured = worker.run(
        ("%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2]);", STUDENT),
        ("%%time\ntotal = sum(range(1000))", STUDENT),
        ("%timeit -n 1 -r 1 sum(range(10))", STUDENT),
        ("!echo from the shell", STUDENT),
        ("listing = !ls\nprint(listing)", STUDENT), files={"table.csv": b"a\n"})
    assert errors(inline) == [] and [o["output_type"] for o in inline["outputs"]] == ["display_data"]
    assert "image/png" in inline["outputs"][0]["data"]
    assert errors(timed) == [] and "Wall time" in text(timed)
    assert errors(timeit) == [] and "per loop" in text(timeit)
    assert text(shell).strip() == "from the shell"
    assert text(captured) == "['table.csv']\n"


def test_a_gui_event_loop_fails_clearly(worker) -> None:
    (cell,) = worker.run(("%gui qt", STUDENT))  # IPython's magic logs what enabling failed with
    assert "the 'qt' GUI event loop cannot run here" in text(cell)


def test_display_is_a_display_output_in_order(worker) -> None:
    (cell,) = worker.run(("from IPython.display import display, HTML, clear_output\nprint('before')\n"
                          "display(HTML('<script>steal()</script>'))\nprint('after')", STUDENT))
    kinds = [(o["output_type"], o.get("text") or o.get("data")) for o in cell["outputs"]]
    assert kinds == [("stream", "before\n"), ("display_data", {"text/plain": "<IPython.core.display.HTML object>"}),
                     ("stream", "after\n")]
    (cleared,) = worker.run(("from IPython.display import clear_output\nprint('gone')\nclear_output()\nprint('kept')",
                             STUDENT))
    assert text(cleared) == "kept\n"


def test_displayed_text_counts_against_the_output_limit(worker) -> None:
    (cell,) = worker.run(("for i in range(50):\n    display('x' * 100)", STUDENT), output_bytes=1000)
    shown = [o["data"]["text/plain"] for o in cell["outputs"] if o["output_type"] == "display_data"]
    assert sum(map(len, shown)) <= 1000 + 60 and "output truncated" in "".join(shown)
