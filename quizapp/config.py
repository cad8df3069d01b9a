"""Configuration classes and the two settings resolved at start: secret key and database URL."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

SECRET_KEY_FILE = "secret_key"
DATABASE_FILE = "papertrail.sqlite3"


class Config:
    """Settings for a real deployment; SECRET_KEY and DATABASE_URL are resolved in create_app."""

    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None
    SEED_ON_START = True
    DEMO_JOIN_CODE = "DEMO"
    DEMO_SET_SIZE = 10
    QUESTION_SEED = 1234
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a quiz may stay open in a tab for a whole lesson


class TestConfig(Config):
    """Settings for the test suite: no seeding on start, no CSRF unless a test turns it on."""

    __test__ = False  # not a pytest test class, despite the name

    TESTING = True
    SEED_ON_START = False
    WTF_CSRF_ENABLED = False


def load_or_create_secret_key(instance_path: str | os.PathLike[str]) -> str:
    """Return the key stored in the instance folder, creating it (mode 0600) on first use."""
    folder = Path(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / SECRET_KEY_FILE
    if target.is_file():
        return _read_key(target)
    # Write a complete file under a private name, then link it into place: linking fails
    # if another worker got there first, and nobody ever reads a half-written key.
    scratch = folder / f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
        with contextlib.suppress(FileExistsError):  # another worker's key is as good
            os.link(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
    return _read_key(target)


def _read_key(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise RuntimeError(f"{path} is empty; delete it to have a new key generated")
    return key


def database_url(instance_path: str | os.PathLike[str]) -> str:
    """Return DATABASE_URL from the environment, or the SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if url:
        if url.startswith("postgres://"):
            # Some hosts still hand out the scheme name SQLAlchemy dropped in 1.4.
            url = "postgresql://" + url.removeprefix("postgres://")
        return url
    folder = Path(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DATABASE_FILE}"
