"""Skip a test whose tool is missing on a developer's machine, but fail it under CI."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """CI sets CI=true (`.ci/run` exports it too); a missing tool there is a failure."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """Skip outside CI; fail under CI, where every test must really run."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: this test may not be skipped)", pytrace=False)
    pytest.skip(reason)
