"""Load benchmark: N students play the demo quiz through HTTP against gunicorn.

    .venv/bin/python bench/load.py                      # 300 students, 2 s think time, SQLite
    .venv/bin/python bench/load.py --think 0            # stress run
    .venv/bin/python bench/load.py --answer-endpoint    # the answer request alone, stressed
    DATABASE_URL=postgresql+psycopg://u:pw@127.0.0.1/db .venv/bin/python bench/load.py

It starts gunicorn (gunicorn.conf.py) on a free loopback port with a fresh database: a
new SQLite file, or a new database created next to the one DATABASE_URL names (the role
needs CREATEDB; the database is dropped afterwards). Each student loads the join page,
joins with the CSRF token, and for every question loads it, thinks, posts an answer (a
random option, or the timeline's cards in the order shown) and loads the feedback page.
It prints answers per second, latency percentiles of the answer POST and of the page after
it, errors, and checks in the database that exactly N x questions answers were stored.
Then the same number of clients, with the same think time, load a trivial endpoint
(/healthz: one SELECT 1) for as long (20 s at most), and it prints that throughput and the
ratio of answers per second to it, with the requests each answer took and the ceiling that
sets on the ratio (each request costs at least a trivial one: at most 1 / requests per answer).
With --answer-endpoint it measures the answer request alone instead: a scout plays the quiz
once to learn its questions, every student joins, then all post their answers back to back
without loading a page, and the trivial endpoint is loaded the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadserver import Server, StoredAnswers, fresh_database, stored_answers  # noqa: E402

_CSRF = re.compile(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
_CSRF_ALT = re.compile(rb'value="([^"]+)"[^>]*name="csrf_token"')
_ORDER = re.compile(rb'name="order" value="([0-9,]+)"')
_CHOICES = re.compile(rb'name="choice" id="[^"]+" value="([0-9]+)"')
_NEXT = re.compile(rb'<form method="get" action="([^"]+)">')
_COOKIE = re.compile(r"^([^=;\s]+)=([^;]*)")
MAX_QUESTIONS = 50  # bounds every student's loop
TRIVIAL_SECONDS = 20.0  # the trivial endpoint's run lasts as long as the students', at most this


class HttpError(Exception):
    """A request failed: a dropped connection, or a status the flow did not expect."""


class _NothingBack(Exception):
    """The connection failed or closed before a single byte of the reply arrived."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class Browser:
    """One student's HTTP/1.1 keep-alive connection with a cookie jar (loopback only)."""

    def __init__(self, host: str, port: int) -> None:
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("the load benchmark only talks to loopback addresses")
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.retries = 0  # requests sent again after the server closed an idle connection
        self.requests = 0  # requests answered

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        """Send one request; a broken connection is an HttpError.

        Only a request that got no reply on a reused connection is sent again, once, and
        counted in self.retries.
        """
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "Connection: keep-alive", f"Content-Length: {len(body)}"]
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        data = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        reused = self.writer is not None
        try:
            reply = await self._exchange(data)
        except _NothingBack as error:
            if not reused:
                raise HttpError(f"{method} {path}: {error}") from error
            # The server closed this idle keep-alive connection (a worker restarting after
            # max_requests does): like a browser, send the request again on a new one.
            self.retries += 1
            try:
                reply = await self._exchange(data)
            except (_NothingBack, HttpError) as again:
                raise HttpError(f"{method} {path} (sent again): {again}") from again
        if reply.headers.get("connection", "").lower() == "close":
            await self.close()
        self.requests += 1
        return reply

    async def _exchange(self, data: bytes) -> Reply:
        """Send one request and read its reply on the open (or a new) connection.

        Any failure closes the connection: _NothingBack when not a byte of the reply came
        (the request may be sent again), HttpError when the reply was cut short.
        """
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            self.writer.write(data)
            await self.writer.drain()
            first = await self.reader.read(1)
        except OSError as error:
            await self.close()
            raise _NothingBack(type(error).__name__) from error
        if not first:
            await self.close()
            raise _NothingBack("connection closed before any reply")
        try:
            return await self._read(self.reader, first)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            await self.close()
            raise HttpError(f"reply cut short: {type(error).__name__}") from error

    async def _read(self, reader: asyncio.StreamReader, first: bytes = b"") -> Reply:
        head = first + await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                name = name.strip().lower()
                if name == "set-cookie":
                    match = _COOKIE.match(value.strip())
                    if match:
                        self.cookies[match[1]] = match[2]
                headers[name] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await reader.readexactly(length) if length else b""
        return Reply(status, headers, body)


@dataclass
class Stats:
    """What every student saw, merged."""

    answer_ms: list[float] = field(default_factory=list)
    after_ms: list[float] = field(default_factory=list)
    answer_started: list[float] = field(default_factory=list)  # perf_counter, per answer_ms
    after_started: list[float] = field(default_factory=list)  # perf_counter, per after_ms
    last_join: float = 0.0  # perf_counter when the last student's join was answered
    acknowledged: list[tuple[str, int]] = field(default_factory=list)  # (token, position)
    errors: list[str] = field(default_factory=list)
    finished: int = 0
    retries: int = 0  # requests sent again after the server closed an idle connection
    requests: int = 0  # every request answered: join, question pages, answers, pages after


def csrf_token(body: bytes) -> str:
    match = _CSRF.search(body) or _CSRF_ALT.search(body)
    if not match:
        raise HttpError("no csrf_token on the page")
    return match[1].decode()


def _path(location: str) -> str:
    """Return the path of a Location header (absolute or relative)."""
    return re.sub(r"^https?://[^/]+", "", location)


async def think_for(think: float, rng: random.Random) -> None:
    """Wait as a reader does: between half and one and a half think times (0: not at all)."""
    await asyncio.sleep(rng.uniform(0.5, 1.5) * think if think else 0)


async def join(browser: Browser, nickname: str) -> tuple[str, str]:
    """Join the demo quiz; return the attempt's resume token and the join page's CSRF token."""
    home = await browser.request("GET", "/")
    csrf = csrf_token(home.body)
    joined = await browser.request("POST", "/", {"csrf_token": csrf, "join_code": "DEMO",
                                                 "nickname": nickname})
    if joined.status != 302:
        raise HttpError(f"join answered {joined.status}")
    return joined.headers["location"].rstrip("/").rsplit("/", 1)[-1], csrf


async def play(browser: Browser, nickname: str, think: float, stats: Stats,
               rng: random.Random, sizes: list[int] | None = None) -> None:
    """Join the demo and answer every question; record latencies and acknowledged answers.

    sizes, if given, receives each position's size: the number of options of a multiple
    choice, or minus the number of cards of a timeline (whose answer is an order of cards).
    """
    token, _csrf = await join(browser, nickname)
    stats.last_join = max(stats.last_join, time.perf_counter())
    path = f"/play/{token}/q/1"
    for _ in range(MAX_QUESTIONS):
        page = await browser.request("GET", path)
        if page.status != 200:
            raise HttpError(f"question page {path} answered {page.status}")
        await think_for(think, rng)
        form = {"csrf_token": csrf_token(page.body)}
        order = _ORDER.search(page.body)
        if order:
            form.update(order=order[1].decode(), action="submit")
        else:
            choices = _CHOICES.findall(page.body)
            form["choice"] = rng.choice(choices or [b"0"]).decode()
        if sizes is not None:
            sizes.append(-len(order[1].split(b",")) if order else len(choices))
        started = time.perf_counter()
        answered = await browser.request("POST", path, form)
        stats.answer_ms.append((time.perf_counter() - started) * 1000)
        stats.answer_started.append(started)
        if answered.status not in (302, 303):
            raise HttpError(f"answer to {path} answered {answered.status}")
        stats.acknowledged.append((token, int(path.rsplit("/", 1)[-1])))
        after = _path(answered.headers["location"])
        started = time.perf_counter()
        shown = await browser.request("GET", after)
        stats.after_ms.append((time.perf_counter() - started) * 1000)
        stats.after_started.append(started)
        if shown.status != 200:
            raise HttpError(f"page after the answer {after} answered {shown.status}")
        following = _NEXT.findall(shown.body)
        if not following or b"/results" in following[-1] or b"/results" in after.encode():
            stats.finished += 1
            return
        path = following[-1].decode()
    raise HttpError("more questions than MAX_QUESTIONS")


async def run_students(host: str, port: int, students: int, think: float,
                       during: Callable[[Stats], Awaitable[None]] | None = None,
                       limit_seconds: float = 900, first_student: int = 1
                       ) -> tuple[Stats, float]:
    """Run every student at once (starts spread over one think time); return stats, seconds.

    Students are numbered from first_student (their nicknames, unique within an assignment).
    """
    stats = Stats()
    rng = random.Random(20240516)

    async def student(number: int) -> None:
        browser = Browser(host, port)
        await asyncio.sleep(rng.uniform(0, think) if think else 0)
        try:
            await play(browser, f"Student {number}", think, stats, random.Random(number))
        except HttpError as error:
            stats.errors.append(str(error))
        finally:
            stats.retries += browser.retries
            stats.requests += browser.requests
            await browser.close()

    started = time.perf_counter()
    tasks = [asyncio.create_task(student(n))
             for n in range(first_student, first_student + students)]
    side = asyncio.create_task(during(stats)) if during else None
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=limit_seconds)
    if side:
        await side
    return stats, time.perf_counter() - started


async def scout(host: str, port: int) -> list[int]:
    """Play the quiz once, as every student does; return each position's size (see play)."""
    browser, sizes = Browser(host, port), []
    try:
        await play(browser, "Scout", 0, Stats(), random.Random(0), sizes)
    finally:
        await browser.close()
    return sizes


async def run_answer_posts(host: str, port: int, students: int, sizes: list[int],
                           at_start: Callable[[], None] | None = None,
                           first_student: int = 1) -> tuple[Stats, float]:
    """Join every student, then let each post all its answers back to back, loading no page.

    This measures the answer request alone: the form's fields are known from the scout
    (quiz order is the set's order), and the CSRF token of the attempt's first question page
    serves every answer form of the attempt (quizapp.web.attempt_signing). at_start runs once
    everyone has joined, just before the first answer. Students are numbered from
    first_student (their nicknames). Return the stats and the seconds from the first answer
    to the last.
    """
    stats, go, everyone_joined = Stats(), asyncio.Event(), asyncio.Event()
    joined_or_failed = 0

    def ready() -> None:
        nonlocal joined_or_failed
        joined_or_failed += 1
        if joined_or_failed == students:
            everyone_joined.set()

    async def student(number: int) -> None:
        browser, rng, waiting = Browser(host, port), random.Random(number), True
        try:
            token, _join_csrf = await join(browser, f"Student {number}")
            first = await browser.request("GET", f"/play/{token}/q/1")
            if first.status != 200:
                raise HttpError(f"question page 1 answered {first.status}")
            csrf = csrf_token(first.body)  # the attempt's answer forms all carry this one
            waiting = False
            ready()
            await go.wait()
            for position, size in enumerate(sizes, start=1):
                if size < 0:
                    cards = rng.sample(range(-size), -size)
                    form = {"csrf_token": csrf, "order": ",".join(map(str, cards)),
                            "action": "submit"}
                else:
                    form = {"csrf_token": csrf, "choice": str(rng.randrange(size))}
                started = time.perf_counter()
                answered = await browser.request("POST", f"/play/{token}/q/{position}", form)
                stats.answer_ms.append((time.perf_counter() - started) * 1000)
                if answered.status not in (302, 303):
                    raise HttpError(f"answer to question {position} answered {answered.status}")
                stats.acknowledged.append((token, position))
            stats.finished += 1
        except HttpError as error:
            stats.errors.append(str(error))
        finally:
            if waiting:
                ready()
            stats.retries += browser.retries
            await browser.close()

    numbers = range(first_student, first_student + students)
    tasks = [asyncio.create_task(student(n)) for n in numbers]
    await everyone_joined.wait()
    if at_start:
        at_start()
    started = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    return stats, time.perf_counter() - started


async def run_trivial(host: str, port: int, clients: int, think: float, seconds: float,
                      path: str = "/healthz") -> tuple[int, list[str], int]:
    """Load a trivial endpoint with the same clients and think time.

    Return (requests done, errors, requests sent again on a new connection).
    """
    done = retries = 0
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    async def client(number: int) -> None:
        nonlocal done, retries
        browser, rng = Browser(host, port), random.Random(number)
        try:
            while time.perf_counter() < deadline:
                try:
                    reply = await browser.request("GET", path)
                    done += reply.status == 200
                    if reply.status != 200:
                        errors.append(f"{path} answered {reply.status}")
                except HttpError as error:
                    errors.append(str(error))
                await think_for(think, rng)
        finally:
            retries += browser.retries
            await browser.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return done, errors, retries


Ticks = tuple[int, int, int]  # all, stolen, idle (with waiting for I/O)


def cpu_ticks() -> Ticks | None:
    """Return (all, stolen, idle) CPU ticks of the machine so far (Linux; None elsewhere).

    Steal is time the hypervisor gave our virtual cores to someone else: when it is high,
    latencies say more about the neighbours than about the app. Idle time under a stress
    load means the server waits (on locks, on the database) rather than computes.
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(value) for value in fields[:8]] + [0] * 8
    return sum(ticks), ticks[7], ticks[3] + ticks[4]


def stolen_share(before: Ticks | None, after: Ticks | None) -> float | None:
    """Return the share of CPU time stolen between two cpu_ticks() readings, if known."""
    return _tick_share(before, after, 1)


def idle_share(before: Ticks | None, after: Ticks | None) -> float | None:
    """Return the share of CPU time left idle between two cpu_ticks() readings, if known."""
    return _tick_share(before, after, 2)


def _tick_share(before: Ticks | None, after: Ticks | None, field: int) -> float | None:
    if not before or not after or after[0] <= before[0]:
        return None
    return (after[field] - before[field]) / (after[0] - before[0])


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(share) - 1] \
        if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--think", type=float, default=2.0, help="seconds; 0 for a stress run")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker")
    parser.add_argument("--trivial-path", default="/healthz")
    parser.add_argument("--answer-endpoint", action="store_true",
                        help="instead of the students' flow: every student joins, then all post "
                             "their answers back to back, loading no page (the answer request's "
                             "own throughput against the trivial endpoint's; think time is 0)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of the answer-endpoint measurement, each with new students "
                             "and followed by the trivial endpoint's (also run after a stress "
                             "run's flow; 0 to skip it there)")
    args = parser.parse_args(argv)
    if args.answer_endpoint:
        return answer_endpoint(args)

    with fresh_database(os.environ.get("DATABASE_URL")) as url, \
            Server(url, workers=args.workers, threads=args.threads) as server:
        backend = url.split(":", 1)[0]
        print(f"gunicorn {server.workers} workers x {server.threads} threads on {backend}, "
              f"{args.students} students, think {args.think:g} s", flush=True)
        server_cpu, client_cpu = server.cpu_seconds(), time.process_time()
        ticks_before = cpu_ticks()
        database_cpu = server.database_cpu_seconds()
        stats, seconds = asyncio.run(run_students(server.host, server.port, args.students,
                                                  args.think))
        server_cpu = server.cpu_seconds() - server_cpu
        database_cpu = server.database_cpu_seconds() - database_cpu
        client_cpu = time.process_time() - client_cpu
        ticks_after = cpu_ticks()
        answers = len(stats.acknowledged)
        trivial_seconds = min(seconds, TRIVIAL_SECONDS)
        trivial, trivial_errors, trivial_retries = asyncio.run(run_trivial(
            server.host, server.port, args.students, args.think, trivial_seconds,
            args.trivial_path))
        in_db = stored_answers(url)
        # A stress run also measures the answer request alone, on the same server.
        alone = (measure_answer_request(server, url, args.students, args.rounds,
                                        args.trivial_path)
                 if args.think == 0 and args.rounds > 0 else None)
    expected = args.students * server.questions
    answer_rate, trivial_rate = answers / seconds, trivial / trivial_seconds
    print(f"answers: {answers} acknowledged in {seconds:.1f} s = {answer_rate:.1f} answers/s")
    for name, values in (("answer POST", stats.answer_ms), ("page after", stats.after_ms)):
        print(f"{name:12s} ms: p50 {percentile(values, 50):7.1f}  p95 "
              f"{percentile(values, 95):7.1f}  p99 {percentile(values, 99):7.1f}  "
              f"max {max(values, default=float('nan')):7.1f}")
    # The join burst (every student joins within one think time) holds most of the slowest
    # requests; these lines leave it out, and are printed beside the whole run's, never instead.
    steady = {name: [ms for ms, at in zip(values, starts, strict=True) if at > stats.last_join]
              for name, values, starts in (("answer", stats.answer_ms, stats.answer_started),
                                           ("after", stats.after_ms, stats.after_started))}
    if steady["answer"] and len(steady["answer"]) < answers:
        print(f"after the last join ({len(steady['answer'])} of {answers} answers): answer POST "
              f"p99 {percentile(steady['answer'], 99):.1f} ms, page after p99 "
              f"{percentile(steady['after'], 99):.1f} ms")
    if answers:
        print(f"CPU per answer (question page, answer POST, page after): server "
              f"{server_cpu / answers * 1000:.1f} ms, load generator "
              f"{client_cpu / answers * 1000:.1f} ms, PostgreSQL "
              f"{database_cpu / answers * 1000:.1f} ms; {os.cpu_count()} cores")
    stolen = stolen_share(ticks_before, ticks_after)
    if stolen is not None:
        print(f"CPU time the hypervisor gave to other machines during the students' run: "
              f"{stolen:.1%}")
    print(f"errors: {len(stats.errors)} (students) + {len(trivial_errors)} (trivial endpoint)")
    print(f"sent again on a new connection, as browsers do, after the server closed an idle "
          f"keep-alive one (a worker restarting): {stats.retries} (students) + "
          f"{trivial_retries} (trivial endpoint)")
    every_error = stats.errors + trivial_errors
    for error in sorted(set(every_error))[:10]:
        print(f"  {every_error.count(error)} x {error}")
    print(f"stored answers: {in_db.answers} (expected {expected}), attempts "
          f"{in_db.attempts}, complete {in_db.complete}, duplicates {in_db.duplicates}")
    print(f"trivial endpoint {args.trivial_path}: {trivial_rate:.1f} requests/s; "
          f"answers/s ÷ trivial requests/s = {answer_rate / trivial_rate:.0%}"
          if trivial_rate else "trivial endpoint: no successful request")
    if answers and trivial_rate:
        # Each answer takes several requests, each costing at least what a trivial one does:
        # even pages as cheap as /healthz could not bring the ratio above one over that many.
        per_answer = stats.requests / answers
        print(f"requests per answer: {per_answer:.2f}, so at most {1 / per_answer:.0%} even if "
              f"every page cost what {args.trivial_path} does; student requests/s ÷ trivial "
              f"requests/s = {stats.requests / seconds / trivial_rate:.0%}")
    ok = (not stats.errors and not trivial_errors and in_db.answers == expected == answers
          and in_db.duplicates == 0)
    if alone is not None:
        print("the answer request alone under the same stress (every student posts its answers "
              "back to back, loading no page):")
        ok = report_answer_request(alone, args.students, args.trivial_path,
                                   stored_before=in_db.answers) and ok
    print("OK: no errors, every answer stored exactly once" if ok else "FAILED")
    return 0 if ok else 1


@dataclass
class AnswerRound:
    """One round of the answer-endpoint measurement: fresh students, then the trivial load."""

    answers: int
    seconds: float
    answer_ms: list[float]
    server_cpu: float
    stolen: float | None
    idle: float | None
    trivial: int
    trivial_seconds: float
    errors: list[str]

    @property
    def rate(self) -> float:
        return self.answers / self.seconds if self.seconds else 0.0

    @property
    def trivial_rate(self) -> float:
        return self.trivial / self.trivial_seconds if self.trivial_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.rate / self.trivial_rate if self.trivial_rate else 0.0


def answer_rounds(server: Server, students: int, rounds: int, sizes: list[int],
                  trivial_path: str) -> list[AnswerRound]:
    """Measure the answer request alone, then the trivial endpoint, `rounds` times in turn.

    Each round joins `students` new students (an answer is taken once per question) and
    loads the trivial endpoint right after with as many clients, for as long (5 s at least);
    taking the two in turn, round after round, keeps a drift in the machine's speed (this
    VM's varies by 2-4x) from landing on one side of the ratio.
    """
    measured = []
    for number in range(rounds):
        at_start: list[tuple[float, Ticks | None]] = []  # server CPU, CPU ticks

        def note_start(into: list[tuple[float, Ticks | None]] = at_start) -> None:
            into.append((server.cpu_seconds(), cpu_ticks()))

        stats, seconds = asyncio.run(run_answer_posts(
            server.host, server.port, students, sizes, note_start,
            first_student=1 + number * students))
        server_cpu, ticks = server.cpu_seconds() - at_start[0][0], cpu_ticks()
        stolen, idle = stolen_share(at_start[0][1], ticks), idle_share(at_start[0][1], ticks)
        trivial_seconds = max(seconds, 5.0)
        trivial, trivial_errors, _ = asyncio.run(run_trivial(
            server.host, server.port, students, 0, trivial_seconds, trivial_path))
        measured.append(AnswerRound(len(stats.acknowledged), seconds, stats.answer_ms,
                                    server_cpu, stolen, idle, trivial, trivial_seconds,
                                    stats.errors + trivial_errors))
    return measured


@dataclass
class AnswerRequestRun:
    """The answer request measured alone: the quiz's shape, the rounds, what was stored."""

    sizes: list[int]  # per position, as scout() returns them
    rounds: list[AnswerRound]
    stored: StoredAnswers  # read after the last round


def measure_answer_request(server: Server, url: str, students: int, rounds: int,
                           trivial_path: str) -> AnswerRequestRun:
    """Learn the quiz with a scout, run the answer rounds, then count what was stored."""
    sizes = asyncio.run(scout(server.host, server.port))
    measured = answer_rounds(server, students, rounds, sizes, trivial_path)
    return AnswerRequestRun(sizes, measured, stored_answers(url))


def report_answer_request(run: AnswerRequestRun, students: int, trivial_path: str, *,
                          stored_before: int = 0) -> bool:
    """Print each round, the median ratio, errors and the stored answers; return whether
    there were no errors and every answer was stored exactly once."""
    for number, result in enumerate(run.rounds, start=1):
        stolen = "" if result.stolen is None else f", steal {result.stolen:.1%}"
        idle = "" if result.idle is None else f", CPU idle {result.idle:.0%}"
        print(f"  round {number}: {result.answers} answer POSTs in {result.seconds:.1f} s = "
              f"{result.rate:.1f}/s (p50 {percentile(result.answer_ms, 50):.1f} ms, p99 "
              f"{percentile(result.answer_ms, 99):.1f} ms, server CPU "
              f"{result.server_cpu / max(result.answers, 1) * 1000:.2f} ms each{stolen}{idle}); "
              f"{trivial_path} {result.trivial_rate:.1f}/s; ratio {result.ratio:.0%}")
    ratios = [result.ratio for result in run.rounds]
    print(f"answer requests/s ÷ trivial requests/s: median {statistics.median(ratios):.0%} "
          f"(rounds {', '.join(f'{ratio:.0%}' for ratio in ratios)})")
    errors = [error for result in run.rounds for error in result.errors]
    print(f"errors: {len(errors)}")
    for error in sorted(set(errors))[:10]:
        print(f"  {errors.count(error)} x {error}")
    posted = students * len(run.rounds) * len(run.sizes)
    expected = stored_before + posted + len(run.sizes)  # the scout answered once too
    acknowledged = sum(result.answers for result in run.rounds)
    print(f"stored answers: {run.stored.answers} (expected {expected}), duplicates "
          f"{run.stored.duplicates}")
    return (not errors and acknowledged == posted and run.stored.answers == expected
            and run.stored.duplicates == 0)


def answer_endpoint(args: argparse.Namespace) -> int:
    """Measure the answer request alone under stress, then the trivial endpoint the same way."""
    with fresh_database(os.environ.get("DATABASE_URL")) as url, \
            Server(url, workers=args.workers, threads=args.threads) as server:
        print(f"gunicorn {server.workers} workers x {server.threads} threads on "
              f"{url.split(':', 1)[0]}, {args.rounds} rounds of {args.students} students "
              f"posting answers back to back", flush=True)
        run = measure_answer_request(server, url, args.students, args.rounds, args.trivial_path)
    ok = report_answer_request(run, args.students, args.trivial_path)
    print("OK: no errors, every answer stored exactly once" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
