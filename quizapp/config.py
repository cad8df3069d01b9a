"""Configuration classes and the settings resolved at start: secret key, database URL, proxies."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
    SESSION_COOKIE_HTTPONLY = True
    # True behind HTTPS (HTTPS=1 in the environment): cookies only travel encrypted.
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_TIME_LIMIT = None  # a quiz may stay open in a tab for a whole lesson
    # Every form is small; article uploads are the largest legitimate bodies.
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    # One non-file form field. A pasted article may be up to 2 MB: a bigger field still
    # reaches the upload's own check, which says how big it was and what the limit is.
    MAX_FORM_MEMORY_SIZE = 4 * 1024 * 1024
    MAX_FORM_PARTS = 1000
    # How many reverse proxies stand in front of the app (0: none, trust no X-Forwarded-*).
    TRUSTED_PROXIES = 0
    # Login rate limit: failed logins allowed per window for one email and for one client
    # address; a whole school may share one address behind its NAT, so that limit is higher.
    LOGIN_FAILURES_PER_EMAIL = 10
    LOGIN_FAILURES_PER_ADDRESS = 30
    LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    # Joins (quizapp.web.ratelimit): a class of 40 behind one school NAT joins in one minute
    # with room to spare; a code is joined at most this often a minute; wrong codes from one
    # address are few (a typo or two per student), so guessing codes stops quickly.
    JOINS_PER_ADDRESS_PER_MINUTE = 120
    JOINS_PER_CODE_PER_MINUTE = 80
    WRONG_JOIN_CODES_PER_ADDRESS = 40
    WRONG_JOIN_CODE_WINDOW_SECONDS = 10 * 60
    # Registrations from one address per window.
    REGISTRATIONS_PER_ADDRESS = 10
    REGISTRATION_WINDOW_SECONDS = 60 * 60
    # Articles fetched by address (quizapp.services.fetch): networks that may be fetched
    # although they are not public (CIDR strings; none by default), and the time allowed.
    FETCH_ALLOWED_NETWORKS: tuple[str, ...] = ()
    FETCH_TIMEOUT_SECONDS = 10.0
    # Background jobs (quizapp.jobs): huey on a SQLite file in the instance folder, or on
    # Redis when PAPERTRAIL_REDIS_URL is set; "embedded" runs the consumer in the app's own
    # process, "separate" leaves it to `huey_consumer quizapp.worker.huey` (gunicorn).
    JOBS_QUEUE_NAME = "papertrail"
    JOBS_REDIS_URL: str | None = None
    JOBS_CONSUMER = "embedded"


class TestConfig(Config):
    """Settings for the test suite: no seeding on start, no CSRF unless a test turns it on."""

    __test__ = False  # not a pytest test class, despite the name

    TESTING = True
    SEED_ON_START = False
    WTF_CSRF_ENABLED = False
    JOBS_CONSUMER = "none"  # tests run queued jobs themselves (JobQueue.run_pending)


def environment_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the deployment settings given in the environment (HTTPS, TRUSTED_PROXIES)."""
    environ = os.environ if environ is None else environ
    settings: dict[str, Any] = {}
    https = environ.get("HTTPS", "").strip().lower()
    if https:
        settings["SESSION_COOKIE_SECURE"] = https in {"1", "true", "yes", "on"}
        settings["PREFERRED_URL_SCHEME"] = "https" if settings["SESSION_COOKIE_SECURE"] else "http"
    redis_url = environ.get("PAPERTRAIL_REDIS_URL", "").strip()
    if redis_url:
        settings["JOBS_REDIS_URL"] = redis_url
    queue_name = environ.get("PAPERTRAIL_JOBS_QUEUE", "").strip()
    if queue_name:  # several apps (or a test) sharing one Redis keep their queues apart
        settings["JOBS_QUEUE_NAME"] = queue_name
    consumer = environ.get("PAPERTRAIL_JOBS_CONSUMER", "").strip()
    if consumer:
        if consumer not in {"embedded", "separate", "none"}:
            raise ValueError("PAPERTRAIL_JOBS_CONSUMER must be embedded, separate or none, "
                             f"not {consumer!r}")
        settings["JOBS_CONSUMER"] = consumer
    proxies = environ.get("TRUSTED_PROXIES", "").strip()
    if proxies:
        if not proxies.isdigit():
            raise ValueError(f"TRUSTED_PROXIES must be a whole number, not {proxies!r}")
        settings["TRUSTED_PROXIES"] = int(proxies)
    # The join limits (quizapp.web.ratelimit), for a site that serves many classes from one
    # address (or a load benchmark, which plays hundreds of students from one machine).
    for name in ("JOINS_PER_ADDRESS_PER_MINUTE", "JOINS_PER_CODE_PER_MINUTE"):
        value = environ.get(name, "").strip()
        if value:
            if not value.isascii() or not value.isdigit():
                raise ValueError(f"{name} must be a whole number, not {value!r}")
            settings[name] = int(value)
    return settings


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
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / DATABASE_FILE
    # The database holds password hashes and students' answers: owner only. Create the file
    # 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode), and
    # tighten a file an earlier version left 0644.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return f"sqlite:///{path}"
