"""Files in the instance folder are the owner's alone (issue 17)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quizapp.config import database_url, load_or_create_secret_key


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_file_and_the_secret_key_are_0600(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    previous = os.umask(0o022)  # the usual umask, which would leave a new file 0644
    try:
        folder = tmp_path / "instance"
        url = database_url(folder)
        load_or_create_secret_key(folder)
    finally:
        os.umask(previous)
    assert url == f"sqlite:///{folder / 'papertrail.sqlite3'}"
    assert mode(folder / "papertrail.sqlite3") == 0o600
    assert mode(folder / "secret_key") == 0o600
    assert mode(folder) == 0o700


def test_a_database_file_left_0644_is_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    folder = tmp_path / "instance"
    folder.mkdir()
    old = folder / "papertrail.sqlite3"
    old.write_bytes(b"")
    old.chmod(0o644)
    database_url(folder)
    assert mode(old) == 0o600
