"""What the sandbox's replies may put into a notebook: outputs nbformat allows, in the fields it knows; only plain
text and base64 images, because the formgrader and the feedback pages show them to TAs and students."""

from __future__ import annotations

from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grading.sandbox.execute import clean_output


def _valid(output: Any) -> None:
    nbformat.validate(new_notebook(cells=[new_code_cell("x", outputs=[output])]))


@pytest.mark.parametrize("output", [
    {"output_type": "stream", "name": "stdout", "text": "hello\n"},
    {"output_type": "error", "ename": "AssertionError", "evalue": "wrong", "traceback": ["line 1", "line 2"]},
    {"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "0.5"}},
    {"output_type": "display_data", "data": {"text/plain": "<Figure>", "image/png": "iVBORw0KGgo=\n"}},
])
def test_honest_outputs_are_kept_as_they_are(output: dict) -> None:
    cleaned = clean_output(output)
    assert cleaned is not None
    _valid(cleaned)
    assert {k: v for k, v in cleaned.items() if k != "metadata"} == output


@pytest.mark.parametrize("output", [
    "not a dict", None, {"output_type": "update_display_data", "data": {}}, {"output_type": "stream "},
    {"output_type": "display_data", "data": "text"},
])
def test_what_is_no_output_is_dropped(output: Any) -> None:
    assert clean_output(output) is None


def test_html_scripts_and_forged_images_never_reach_the_pages() -> None:
    cleaned = clean_output({"output_type": "display_data", "metadata": {"isolated": True}, "data": {
        "text/plain": "table", "text/html": "<script>steal()</script>", "application/javascript": "steal()",
        "image/png": 'AAAA"><script>steal()</script>', "image/svg+xml": "<svg onload=steal()>"}})
    assert cleaned is not None and dict(cleaned.data) == {"text/plain": "table"} and cleaned.metadata == {}


def test_extra_fields_and_wrong_types_are_coerced_to_what_nbformat_allows() -> None:
    cleaned = clean_output({"output_type": "error", "ename": 42, "evalue": None, "traceback": "one string",
                            "transient": {"x": 1}, "execution_count": "7"})
    assert cleaned == {"output_type": "error", "ename": "42", "evalue": "None", "traceback": []}
    result = clean_output({"output_type": "execute_result", "execution_count": "7", "data": {"text/plain": 1.0}})
    assert result is not None and result.execution_count is None and result.data == {"text/plain": "1.0"}
    _valid(cleaned)
    _valid(result)
