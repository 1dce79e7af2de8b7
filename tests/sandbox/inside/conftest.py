"""Fixtures for the inside modules: one warm worker per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sandbox.inside.direct import DirectWorker


@pytest.fixture(scope="module")
def worker() -> Iterator[DirectWorker]:
    direct = DirectWorker()
    yield direct
    direct.stop()

