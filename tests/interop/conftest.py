"""Where Moodle's own test files live: tests/interop/moodle, inside the repository.

They are Moodle's GPL-3.0-or-later test data; tests/interop/README.md says where each came from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

MOODLE_FIXTURES = Path(__file__).resolve().parent / "moodle"


@pytest.fixture(scope="session")
def moodle_fixtures() -> Path:
    """Return the folder of Moodle's fixture files; fail (never skip) if it is missing."""
    assert MOODLE_FIXTURES.is_dir(), f"Moodle's fixture files are missing from {MOODLE_FIXTURES}"
    return MOODLE_FIXTURES
