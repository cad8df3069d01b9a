"""Live session benchmark: a teacher and N students play a live session against gunicorn.

    .venv/bin/python bench/live.py                       # 300 students, SQLite
    DATABASE_URL=postgresql+psycopg://u:pw@127.0.0.1/db .venv/bin/python bench/live.py

It starts gunicorn (gunicorn.conf.py) on a free loopback port with a fresh database (as
bench/load.py does), logs in as the demo teacher and presses "Start live session" on the
demo set. Every student joins through the join form, then does what static/js/live.js does
in a browser: polls /live/<token>/state every 1.5 s with If-None-Match, and loads the page
again when the ETag changes. On each new question a student answers after a random delay
(1 to 8 s). The teacher presses "Start", waits until every student has answered (polling the
presenter's state as its page does; 20 s at most), presses "Reveal answer", leaves the class
3 s on the reveal, and presses "Next question", until "End session".

It prints errors, whether every acknowledged answer was stored exactly once, how long after
"Start" / "Next question" the students' devices showed the new question (share within 2 s,
p50/p95/max), the state request's latency (p50/p95/p99) with its share of 304s, and CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402
    _CHOICES,
    _ORDER,
    Browser,
    HttpError,
    Reply,
    _NothingBack,
    cpu_ticks,
    csrf_token,
    idle_share,
    percentile,
    stolen_share,
)
from bench.loadserver import (  # noqa: E402
    Server,
    _connection,
    acknowledged_but_missing,
    fresh_database,
    stored_answers,
)

POLL_SECONDS = 1.5  # as quizapp.views.live.POLL_SECONDS, which live.js uses
TEACHER_POLL_SECONDS = 1.0
ANSWER_DELAY = (1.0, 8.0)
ALL_ANSWERED_WAIT = 20.0
REVEAL_SECONDS = 3.0
SEEN_WITHIN = 2.0
BURST_SECONDS = 2.0
_ETAG = re.compile(rb'data-etag="([^"]+)"')
_PROGRESS = re.compile(rb'<p class="progress">Question ([0-9]+) of ([0-9]+)</p>')
_JOIN_CODE = re.compile(rb'<p class="live-join__code">([A-Z0-9]+)</p>')
_SET_LINK = re.compile(rb'href="/teacher/sets/([0-9]+)"')
TEACHER_PASSWORD = "live benchmark only"


class PollingBrowser(Browser):
    """A Browser that can send extra headers (If-None-Match), as fetch() does."""

    async def get(self, path: str, headers: dict[str, str]) -> Reply:
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "Connection: keep-alive", "Content-Length: 0",
                 *(f"{name}: {value}" for name, value in headers.items())]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        data = ("\r\n".join(lines) + "\r\n\r\n").encode()
        reused = self.writer is not None
        try:
            reply = await self._exchange(data)
        except _NothingBack as error:
            if not reused:
                raise HttpError(f"GET {path}: {error}") from error
            self.retries += 1
            reply = await self._exchange(data)
        if reply.headers.get("connection", "").lower() == "close":
            await self.close()
        self.requests += 1
        return reply


@dataclass
class Run:
    """What the students and the teacher saw."""

    state_ms: list[float] = field(default_factory=list)
    state_started: list[float] = field(default_factory=list)  # perf_counter, per state_ms
    not_modified: int = 0
    page_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    acknowledged: list[tuple[str, int]] = field(default_factory=list)
    late: int = 0  # answers refused because the question had closed (not errors)
    errors: list[str] = field(default_factory=list)
    opened: dict[int, float] = field(default_factory=dict)  # position -> when Start/Next was sent
    seen: dict[int, list[float]] = field(default_factory=dict)  # position -> when each saw it
    revealed: list[float] = field(default_factory=list)  # when each Reveal was sent
    ended: bool = False
    joined: int = 0
    total: int = 0


async def student(port: int, number: int, code: str, run: Run, rng: random.Random) -> None:
    browser = PollingBrowser("127.0.0.1", port)
    try:
        home = await browser.request("GET", "/")
        joined = await browser.request("POST", "/", {
            "csrf_token": csrf_token(home.body), "join_code": code,
            "nickname": f"Student {number}"})
        if joined.status != 302:
            raise HttpError(f"join answered {joined.status}")
        token = joined.headers["location"].rstrip("/").rsplit("/", 1)[-1]
        run.joined += 1
        page_path = f"/live/{token}"
        page = await load_page(browser, page_path, run)
        etag = page_etag(page)
        answered: set[int] = set()
        while True:
            await asyncio.sleep(POLL_SECONDS)
            started = time.perf_counter()
            state = await browser.get(f"{page_path}/state", {"If-None-Match": etag})
            run.state_ms.append((time.perf_counter() - started) * 1000)
            run.state_started.append(started)
            if state.status == 304:
                run.not_modified += 1
                continue
            if state.status != 200:
                raise HttpError(f"state answered {state.status}")
            page = await load_page(browser, page_path, run)
            etag = page_etag(page)
            if b"The session has ended" in page.body:
                return
            shown = _PROGRESS.search(page.body)
            if shown and (b"Submit answer" in page.body or b"Submit order" in page.body):
                position = int(shown[1])
                run.seen.setdefault(position, []).append(time.perf_counter())
                if position not in answered:
                    answered.add(position)
                    await answer(browser, page_path, position, page, run, rng)
    except (HttpError, OSError, TypeError) as error:
        run.errors.append(f"student {number}: {error}")
    finally:
        await browser.close()


def page_etag(page: Reply) -> str:
    """Return the ETag the page carries, as live.js reads it (its attribute, unescaped)."""
    found = _ETAG.search(page.body)
    if not found:
        raise HttpError("no data-etag on the live page")
    return html.unescape(found[1].decode())


async def load_page(browser: Browser, path: str, run: Run) -> Reply:
    started = time.perf_counter()
    page = await browser.request("GET", path)
    run.page_ms.append((time.perf_counter() - started) * 1000)
    if page.status != 200:
        raise HttpError(f"page {path} answered {page.status}")
    return page


async def answer(browser: Browser, page_path: str, position: int, page: Reply, run: Run,
                 rng: random.Random) -> None:
    """Answer after a random delay (the page's form, as a student submits it)."""
    await asyncio.sleep(rng.uniform(*ANSWER_DELAY))
    form = {"csrf_token": csrf_token(page.body), "position": str(position)}
    order = _ORDER.search(page.body)
    if order:
        form.update(order=order[1].decode(), action="submit")
    else:
        form["choice"] = rng.choice(_CHOICES.findall(page.body) or [b"0"]).decode()
    started = time.perf_counter()
    reply = await browser.request("POST", f"{page_path}/answer", form)
    run.answer_ms.append((time.perf_counter() - started) * 1000)
    token = page_path.rsplit("/", 1)[-1]
    if reply.status == 303:
        run.acknowledged.append((token, position))
    elif reply.status == 409:
        run.late += 1
    else:
        raise HttpError(f"answer answered {reply.status}")


async def teacher_action(browser: Browser, presenter: str, action: str, csrf: str) -> None:
    reply = await browser.request("POST", f"{presenter}/{action}", {"csrf_token": csrf})
    if reply.status != 303:
        raise HttpError(f"{action} answered {reply.status}")


async def teacher(port: int, students: int, run: Run, code_ready: asyncio.Future[str],
                  questions: int | None) -> None:
    browser = PollingBrowser("127.0.0.1", port)
    try:
        login = await browser.request("GET", "/teacher/login")
        reply = await browser.request("POST", "/teacher/login", {
            "csrf_token": csrf_token(login.body), "email": DEMO_EMAIL,
            "password": TEACHER_PASSWORD})
        if reply.status != 302:
            raise HttpError(f"login answered {reply.status}")
        sets = await browser.request("GET", "/teacher/sets/")
        set_id = _SET_LINK.search(sets.body)[1].decode()  # type: ignore[index]
        set_page = await browser.request("GET", f"/teacher/sets/{set_id}")
        csrf = csrf_token(set_page.body)
        created = await browser.request("POST", f"/teacher/live/from-set/{set_id}",
                                         {"csrf_token": csrf})
        presenter = created.headers["location"]
        lobby = await browser.request("GET", presenter)
        code_ready.set_result(_JOIN_CODE.search(lobby.body)[1].decode())  # type: ignore[index]
        total = int(re.search(rb"Options \(([0-9]+) question", lobby.body)[1])  # type: ignore[index]
        run.total = min(total, questions or total)
        while (await state_of(browser, presenter))["players"] < students:
            if run.errors and run.joined + len(run.errors) >= students:
                break
            await asyncio.sleep(TEACHER_POLL_SECONDS)
        for position in range(1, run.total + 1):
            run.opened[position] = time.perf_counter()
            await teacher_action(browser, presenter, "start" if position == 1 else "next", csrf)
            waited = time.perf_counter()
            while time.perf_counter() - waited < ALL_ANSWERED_WAIT:
                await asyncio.sleep(TEACHER_POLL_SECONDS)
                state = await state_of(browser, presenter)
                if state["answered"] >= state["players"]:
                    break
            run.revealed.append(time.perf_counter())
            await teacher_action(browser, presenter, "reveal", csrf)
            await browser.request("GET", presenter)
            await asyncio.sleep(REVEAL_SECONDS)
        await teacher_action(browser, presenter, "end", csrf)
        run.ended = True
    except (HttpError, OSError, TypeError) as error:
        run.errors.append(f"teacher: {error}")
        if not code_ready.done():
            code_ready.set_exception(error)
    finally:
        await browser.close()


async def state_of(browser: PollingBrowser, presenter: str) -> dict[str, int]:
    import json

    reply = await browser.get(f"{presenter}/state", {})
    if reply.status != 200:
        raise HttpError(f"presenter state answered {reply.status}")
    return json.loads(reply.body)


async def play(port: int, students: int, questions: int | None) -> Run:
    run = Run()
    rng = random.Random(15)
    code: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    lead = asyncio.create_task(teacher(port, students, run, code, questions))
    join_code = await code
    tasks = []
    for number in range(students):  # a class arrives over a few seconds
        tasks.append(asyncio.create_task(student(port, number, join_code, run, rng)))
        await asyncio.sleep(0.01)
    await lead
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    return run


DEMO_EMAIL = "demo-teacher@papertrail.invalid"


def set_teacher_password(url: str) -> None:
    """Give the demo teacher a known password (the bench logs in as them)."""
    from sqlalchemy import text
    from werkzeug.security import generate_password_hash

    with _connection(url) as connection:
        connection.execute(text("UPDATE teachers SET password_hash = :h WHERE email = :e"), {
            "h": generate_password_hash(TEACHER_PASSWORD, method="pbkdf2:sha256:1000"),
            "e": DEMO_EMAIL})
        connection.commit()


def report(run: Run, students: int, server_cpu: float, seconds: float, url: str,
           cpu: tuple[float, float | None, float | None], database_cpu: float) -> bool:
    in_db = stored_answers(url)
    missing = acknowledged_but_missing(url, run.acknowledged)
    print(f"students joined: {run.joined} of {students}; questions played: {run.total}; "
          f"session ended: {run.ended}; {seconds:.0f} s")
    print(f"errors: {len(run.errors)}" + (f" (first: {run.errors[0]})" if run.errors else ""))
    print(f"answers acknowledged: {len(run.acknowledged)}; stored: {in_db.answers}; "
          f"acknowledged but not stored: {len(missing)}; stored twice: {in_db.duplicates}; "
          f"refused as late: {run.late}")
    delays = [seen - run.opened[position]
              for position, times in run.seen.items() for seen in times if position in run.opened]
    expected = students * run.total
    within = sum(1 for delay in delays if delay <= SEEN_WITHIN)
    print(f"new question shown on a device within {SEEN_WITHIN:g} s of Start/Next question: "
          f"{within} of {expected} ({within / expected:.1%}); p50 {percentile(delays, 50):.2f} s,"
          f" p95 {percentile(delays, 95):.2f} s, max {max(delays, default=0):.2f} s")
    polls = len(run.state_ms)
    print(f"state requests: {polls} ({polls / seconds:.0f}/s), {run.not_modified / polls:.1%} "
          f"answered 304; latency p50 {percentile(run.state_ms, 50):.1f} ms, "
          f"p95 {percentile(run.state_ms, 95):.1f} ms, "
          f"p99 {percentile(run.state_ms, 99):.1f} ms")
    changes = sorted(run.opened.values()) + sorted(run.revealed)
    quiet = [ms for ms, at in zip(run.state_ms, run.state_started, strict=True)
             if not any(0 <= at - change <= BURST_SECONDS for change in changes)]
    print(f"  of which outside the {BURST_SECONDS:g} s after Start/Next/Reveal (when every "
          f"device reloads its page): {len(quiet)}, p99 {percentile(quiet, 99):.1f} ms")
    print(f"page loads: {len(run.page_ms)}, p50 {percentile(run.page_ms, 50):.1f} ms, "
          f"p99 {percentile(run.page_ms, 99):.1f} ms; answers p50 "
          f"{percentile(run.answer_ms, 50):.1f} ms, p99 {percentile(run.answer_ms, 99):.1f} ms")
    client_cpu, idle, stolen = cpu
    print(f"CPU: server {server_cpu:.1f} s ({server_cpu / seconds:.2f} cores on average), "
          f"PostgreSQL {database_cpu:.1f} s, this client {client_cpu:.1f} s; "
          f"machine idle {_share(idle)}, stolen {_share(stolen)}"
          f"; load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = (not run.errors and not missing and in_db.duplicates == 0 and run.ended
          and in_db.answers == len(run.acknowledged) and within >= 0.95 * expected
          and percentile(run.state_ms, 99) < 100)
    print("targets (0 errors, answers stored once, 95% within 2 s, state p99 < 100 ms): "
          + ("met" if ok else "NOT met"))
    return ok


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--questions", type=int, default=None,
                        help="end after this many questions (default: the whole demo set)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    args = parser.parse_args(argv)
    with fresh_database(os.environ.get("DATABASE_URL")) as url, \
            Server(url, workers=args.workers) as server:
        backend = url.split(":", 1)[0]
        print(f"gunicorn {server.workers} workers x {server.threads} threads on {backend}, "
              f"{args.students} students, live session", flush=True)
        set_teacher_password(url)
        cpu, client, ticks = server.cpu_seconds(), time.process_time(), cpu_ticks()
        database = server.database_cpu_seconds()
        started = time.perf_counter()
        run = asyncio.run(play(server.port, args.students, args.questions))
        seconds = time.perf_counter() - started
        after = cpu_ticks()
        database = server.database_cpu_seconds() - database
        ok = report(run, args.students, server.cpu_seconds() - cpu, seconds, url,
                    (time.process_time() - client, idle_share(ticks, after),
                     stolen_share(ticks, after)), database)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
