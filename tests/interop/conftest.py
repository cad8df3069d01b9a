"""Where Moodle's own test files live: ../shared/interop/moodle beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

MOODLE_FIXTURES = Path(
    os.environ.get(
        "PAPERTRAIL_MOODLE_FIXTURES",
        Path(__file__).resolve().parents[2].parent / "shared" / "interop" / "moodle",
    )
)


@pytest.fixture(scope="session")
def moodle_fixtures() -> Path:
    """Return the folder of Moodle's fixture files; fail (never skip) if it is missing."""
    assert MOODLE_FIXTURES.is_dir(), (
        f"Moodle's fixture files are missing: expected them in {MOODLE_FIXTURES} "
        "(set PAPERTRAIL_MOODLE_FIXTURES to their folder)"
    )
    return MOODLE_FIXTURES
