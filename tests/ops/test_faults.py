"""Faults under load: a worker killed mid-answer, the database restarted mid-lesson.

Each test starts gunicorn on a fresh database of the suite's backend and plays real
students against it over HTTP for a few seconds; every process is stopped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load import Stats, run_students
from bench.loadserver import Server, acknowledged_but_missing, stored_answers

STUDENTS, THINK = 16, 0.05
RESTART = os.environ.get("PAPERTRAIL_PG_RESTART", "pg_ctlcluster 15 main restart -m fast")


@pytest.fixture
def server(make_empty_database: Callable[[], str], tmp_path: Path) -> Iterator[Server]:
    with Server(make_empty_database(), workers=2, threads=2,
                log=tmp_path / "gunicorn.log") as running:
        yield running


async def after_answers(stats: Stats, count: int, limit: float = 30) -> None:
    """Wait until the students have had `count` answers acknowledged."""
    deadline = time.monotonic() + limit
    while len(stats.acknowledged) < count:
        assert time.monotonic() < deadline, "the load did not get going"
        await asyncio.sleep(0.01)


def play_through(server: Server, students: int, think: float,
                 during: Callable[[Stats], object] | None = None, first_student: int = 1) -> Stats:
    """Run the students on an event loop of their own thread (Playwright may own this one).

    A second class passes first_student past the first one's: a nickname is unique within
    an assignment.
    """
    load = run_students(server.host, server.port, students, think, during=during,  # type: ignore[arg-type]
                        limit_seconds=90, first_student=first_student)
    with ThreadPoolExecutor(max_workers=1) as pool:
        stats, _ = pool.submit(asyncio.run, load).result(timeout=120)
    return stats


def test_a_killed_worker_loses_no_acknowledged_answer(server: Server) -> None:
    killed: list[int] = []

    async def kill_one_worker(stats: Stats) -> None:
        await after_answers(stats, STUDENTS * 2)
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    stats = play_through(server, STUDENTS, THINK, during=kill_one_worker)
    assert killed and stats.acknowledged
    assert acknowledged_but_missing(server.database_url, stats.acknowledged) == []
    # The master replaced the worker: a new class plays the whole quiz without an error.
    deadline = time.monotonic() + 20
    while killed[0] in server.worker_pids() or len(server.worker_pids()) < 2:
        assert time.monotonic() < deadline, "gunicorn did not replace the killed worker"
        time.sleep(0.1)
    after = play_through(server, 4, 0, first_student=STUDENTS + 1)
    assert after.errors == [] and after.finished == 4
    stored = stored_answers(server.database_url)
    assert stored.duplicates == 0


@pytest.mark.postgres_only
def test_the_app_recovers_by_itself_after_postgresql_restarts(server: Server) -> None:
    restarted: list[float] = []

    async def restart_postgresql(stats: Stats) -> None:
        await after_answers(stats, STUDENTS * 2)
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            *shlex.split(RESTART), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert await asyncio.wait_for(process.wait(), 60) == 0, f"{RESTART} failed"
        restarted.append(time.monotonic() - started)

    stats = play_through(server, STUDENTS, THINK, during=restart_postgresql)
    assert restarted
    assert acknowledged_but_missing(server.database_url, stats.acknowledged) == []
    # No manual step: the health check and a whole new class succeed again on their own.
    deadline = time.monotonic() + 20
    while not server.healthy():
        assert time.monotonic() < deadline, "the app did not recover after the restart"
        time.sleep(0.2)
    after = play_through(server, 4, 0, first_student=STUDENTS + 1)
    assert after.errors == [] and after.finished == 4
