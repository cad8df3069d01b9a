"""gunicorn on a free loopback port with a fresh database, for bench/load.py and tests/ops."""

from __future__ import annotations

import contextlib
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection, create_engine, make_url, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 120  # the first start runs the question engine and seeds the database


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def fresh_database(base_url: str | None) -> Iterator[str]:
    """Yield the URL of a new empty database: a SQLite file, or a PostgreSQL database."""
    if not base_url or not base_url.startswith("postgresql"):
        with tempfile.TemporaryDirectory(prefix="papertrail-load-") as folder:
            yield f"sqlite:///{Path(folder) / 'load.sqlite3'}"
        return
    base = make_url(base_url)
    name = f"{base.database}_load_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Server:
    """gunicorn serving wsgi:app with gunicorn.conf.py; stopped (and killed if need be) on exit."""

    def __init__(self, database_url: str, *, workers: int | None = None,
                 threads: int | None = None, log: Path | None = None) -> None:
        self.database_url = database_url
        self.host, self.port = "127.0.0.1", free_port()
        defaults = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # the served defaults
        self.workers = workers or int(defaults["workers"])
        self.threads = threads or int(defaults["threads"])
        self.log_path = log
        self.process: subprocess.Popen[bytes] | None = None
        self.questions = 0

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> Server:
        env = {**os.environ, "DATABASE_URL": self.database_url, "BIND": f"{self.host}:{self.port}",
               "WEB_CONCURRENCY": str(self.workers), "GUNICORN_THREADS": str(self.threads),
               "SECRET_KEY": "load-benchmark-only", "ACCESS_LOG": "", "LOG_LEVEL": "warning",
               # Every simulated student joins DEMO from this one address: lift the join
               # limits, which a real class of 40 never reaches (quizapp.web.ratelimit).
               "JOINS_PER_ADDRESS_PER_MINUTE": "1000000", "JOINS_PER_CODE_PER_MINUTE": "1000000"}
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"],
            cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True,
        )
        if log is not subprocess.DEVNULL:
            log.close()
        try:
            self._wait_until_healthy(START_SECONDS)
            self.questions = demo_question_count(self.database_url)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def _wait_until_healthy(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if self.healthy():
                return
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn did not answer /healthz within {seconds} s")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        """Return the pids of the worker processes (children of the master)."""
        assert self.process is not None
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def cpu_seconds(self) -> float:
        """Return the CPU time the master and its workers have used so far.

        Workers that have exited (replaced after max_requests, or killed) count too: the
        master has reaped them, so their time is in its children's totals.
        """
        assert self.process is not None
        master = self.process.pid
        total = 0
        for pid in [master, *self.worker_pids()]:
            stat = _process_stat(Path(f"/proc/{pid}/stat"))
            if stat:
                total += stat[1] + (stat[2] if pid == master else 0)
        return total / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def database_cpu_seconds() -> float:
        """Return the CPU time of this machine's PostgreSQL processes (0 when none run)."""
        stats = (_process_stat(path) for path in Path("/proc").glob("[0-9]*/stat"))
        total = sum(stat[1] for stat in stats if stat and stat[0].startswith("postgres"))
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Stop gunicorn gracefully; kill its whole process group if it does not stop."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def _process_stat(path: Path) -> tuple[str, int, int] | None:
    """Return a process's name, its CPU ticks and its reaped children's, from /proc/PID/stat.

    None when the process is gone. The name is in parentheses and may hold spaces.
    """
    try:
        name, _, rest = path.read_text().partition("(")[2].rpartition(")")
    except OSError:
        return None
    fields = rest.split()  # fields[11:15]: utime, stime, cutime, cstime
    return name, int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


@contextlib.contextmanager
def _connection(url: str) -> Iterator[Connection]:
    """Yield one connection of its own to the database (no pool left behind)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def _demo_questions(connection: Connection) -> int:
    return int(connection.scalar(text(
        "SELECT count(*) FROM question_set_items i JOIN assignments a"
        " ON a.set_id = i.set_id WHERE a.join_code = 'DEMO'")) or 0)


def demo_question_count(url: str) -> int:
    with _connection(url) as connection:
        return _demo_questions(connection)


@dataclass(frozen=True)
class StoredAnswers:
    """What the database holds after a run."""

    answers: int
    attempts: int
    complete: int  # attempts with an answer to every question
    duplicates: int  # (attempt, question) pairs stored more than once


def stored_answers(url: str) -> StoredAnswers:
    with _connection(url) as connection:
        answers = connection.scalar(text("SELECT count(*) FROM responses")) or 0
        attempts = connection.scalar(text("SELECT count(*) FROM attempts")) or 0
        complete = connection.scalar(text(
            "SELECT count(*) FROM (SELECT attempt_id FROM responses GROUP BY attempt_id"
            " HAVING count(DISTINCT question_id) = :n) AS done"),
            {"n": _demo_questions(connection)}) or 0
        duplicates = connection.scalar(text(
            "SELECT count(*) FROM (SELECT 1 FROM responses GROUP BY attempt_id, question_id"
            " HAVING count(*) > 1) AS twice")) or 0
    return StoredAnswers(int(answers), int(attempts), int(complete), int(duplicates))


def acknowledged_but_missing(
    url: str, acknowledged: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """Return the (resume token, position) answers a client saw succeed but are not stored."""
    with _connection(url) as connection:
        rows = connection.execute(text(
            "SELECT t.resume_token, i.position + 1 FROM responses r"
            " JOIN attempts t ON t.id = r.attempt_id"
            " JOIN assignments a ON a.id = t.assignment_id"
            " JOIN question_set_items i ON i.set_id = a.set_id"
            " AND i.question_id = r.question_id"))
        stored = {(token, int(position)) for token, position in rows}
    return [answer for answer in acknowledged if answer not in stored]
