"""A teacher's library of 1,000 articles built by single uploads: what each upload costs.

    .venv/bin/python bench/library.py [--articles 1000] [--burst] [--skip-regeneration]
                                      [--no-verify]

Builds a fresh SQLite database in a temporary folder and uploads real-sized articles
(bench/library_corpus.py: stories of 1 to 5 outlets reporting one event, made from the
default corpus and the test texts) one at a time through the app's services (read the file,
store the draft, save the article: analysis, question building, storing), and prints:

- the median time of an upload (save_article) over the uploads ending at 10, 100, 1,000
  articles, wall and CPU, and the ratio of the last to the first (target: <= 2, < 1 s);
- the background re-checks the uploads queued (relink jobs): by default the job runs after
  each upload, as a consumer that keeps up would (`--burst`: only after the last upload);
  re-checks and re-builds per upload, background seconds, and how long after the last
  upload the library equals one run over all its articles (checked: every article's
  context, and with --verify, the default, the whole bank from the stored analyses);
- the "What other sources say" feedback page at full size: each question's first view
  (nothing cached) and a second student's (target: < 150 ms);
- the database size per article, by table;
- a whole re-generation after an engine upgrade (every analysis marked stale, so each
  article is analysed again; run by `huey_consumer quizapp.worker.huey` in its own process,
  as in production) and a student page's latency meanwhile (p50, p99).

Each phase prints the load average: the machine is shared, and wall times include waits.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from library_checks import differences_from_one_run, table_sizes  # noqa: E402
from library_corpus import build_library_corpus  # noqa: E402
from synthetic_corpus import read_sources, render_html  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.db import get_session, init_db  # noqa: E402
from quizapp.jobs import job_queue  # noqa: E402
from quizapp.models import (  # noqa: E402
    ArticleAnalysis,
    Assignment,
    LibraryJob,
    Question,
    QuestionSet,
    QuestionSetItem,
    Teacher,
)
from quizapp.services import articles, library_jobs, uploads  # noqa: E402
from quizapp.services.quiz_settings import QuizSettings  # noqa: E402
from quizapp.services.seed import ensure_demo  # noqa: E402

SEED = 1234
TEACHER = "library@bench.example"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def build_library(app, count: int, window: int, checkpoints: list[int], burst: bool
                  ) -> tuple[list[float], list[float], list[float]]:
    """Upload `count` articles one by one; return each save's wall and CPU time, and the
    background time after each (the relink job, unless `burst`), in seconds.

    The CPU time is the figure to compare on a shared machine: the wall time also counts
    the waits for a core that other processes hold.
    """
    corpus = build_library_corpus(count, 11, read_sources(), html_share=0.1)
    times: list[float] = []
    cpu: list[float] = []
    background: list[float] = []
    queue = job_queue(app)
    with app.app_context():
        session = get_session()
        teacher = Teacher(email=TEACHER, password_hash="x")
        session.add(teacher)
        session.commit()
        for number, article in enumerate(corpus, 1):
            data = (render_html(article) if article.html else article.text).encode("utf-8")
            read = uploads.read_file(article.file, data)
            draft = uploads.create_draft(session, teacher, read, {})
            # The number within the id's first 48 characters: the corpus repeats each source's
            # headline, and unique_document_id tries "-2", "-3", ... one query each, which a
            # library of distinct headlines never pays (see the README).
            headline = str(article.meta["title"] or "Article")[:36]
            details = articles.ArticleDetails(
                title=f"{headline} ({number})",
                outlet=str(article.meta["outlet"] or "") or None, url=None,
                published=uploads.published_date(article.meta["published"]),
                approximate=False)
            started, started_cpu = time.perf_counter(), time.process_time()
            articles.save_article(session, draft, details, SEED)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            if not burst:
                started = time.perf_counter()
                queue.run_pending()
                background.append(time.perf_counter() - started)
                session.expire_all()
            if number in checkpoints:
                recent = times[-window:]
                print(f"  {number:>5} articles: median upload {ms(statistics.median(recent))} "
                      f"wall, {ms(statistics.median(cpu[-window:]))} CPU (last {len(recent)}; "
                      f"slowest {ms(max(recent))}); {load()}", flush=True)
    return times, cpu, background


def backlog(app, count: int, background: list[float], verify: bool) -> None:
    """Run what is still queued, print the re-check figures and check the library."""
    started = time.perf_counter()
    job_queue(app).run_pending()
    drained = time.perf_counter() - started
    with app.app_context():
        session = get_session()
        jobs = session.query(LibraryJob).filter(LibraryJob.kind == "relink").all()
        checked, rebuilt = sum(j.done for j in jobs), sum(j.rebuilt for j in jobs)
    total = sum(background) + drained
    print(f"  re-checks of related articles: {len(jobs)} relink jobs, {checked} articles "
          f"checked ({checked / count:.2f} per upload), {rebuilt} re-built "
          f"({rebuilt / count:.2f} per upload); {total:.0f} s of background work in all; "
          f"{load()}", flush=True)
    if background:
        print(f"  background after each upload: median {ms(statistics.median(background))}, "
              f"p95 {ms(percentile(background, 0.95))}, max {ms(max(background))}; after the "
              f"last upload {ms(background[-1] + drained)} until nothing is queued", flush=True)
    else:
        print(f"  after the last upload: {drained:.1f} s until nothing is queued", flush=True)
    started = time.perf_counter()
    with app.app_context():
        session = get_session()
        teacher = session.query(Teacher).filter_by(email=TEACHER).one()
        differences = differences_from_one_run(session, teacher, SEED, bank=verify)
    what = "contexts and bank" if verify else "contexts"
    print(f"  library against one run over all {count} articles ({what}, checked in "
          f"{time.perf_counter() - started:.0f} s): "
          + ("equal" if not differences else "DIFFERENT: " + "; ".join(differences[:5])),
          flush=True)


def sources_page(app, sample: int) -> None:
    """Time the feedback page with "What other sources say" for grouped questions."""
    with app.app_context():
        session = get_session()
        teacher = session.query(Teacher).filter_by(email=TEACHER).one()
        grouped = (session.query(Question).filter(Question.owner_id == teacher.id,
                                                  Question.group_key.is_not(None),
                                                  Question.kind != "timeline")
                   .order_by(Question.id).all())
        # Spread over the library: early articles, the last ones and those between.
        step = max(1, len(grouped) // sample)
        chosen = grouped[::step][:sample]
        question_set = QuestionSet(owner=teacher, title="Sources bench", items=[
            QuestionSetItem(question=q, position=i) for i, q in enumerate(chosen)])
        session.add(Assignment(owner=teacher, question_set=question_set, title="Sources bench",
                               join_code="SRCBEN", is_open=True,
                               settings=QuizSettings().to_json()))
        session.commit()
        count = len(chosen)
    first, second = [], []
    shown = 0
    for attempt, times in ((1, first), (2, second)):
        client = app.test_client()
        token = client.post("/", data={"join_code": "SRCBEN", "nickname": f"s{attempt}"}
                            ).location.rstrip("/").rsplit("/", 1)[-1]
        for number in range(1, count + 1):
            client.get(f"/play/{token}/q/{number}")
            client.post(f"/play/{token}/q/{number}", data={"choice": "0"})
            started = time.perf_counter()
            page = client.get(f"/play/{token}/q/{number}/feedback")
            times.append(time.perf_counter() - started)
            assert page.status_code == 200, page.status_code
            shown += 'class="sources"' in page.get_data(as_text=True)
    for label, times in (("first view", first), ("second student", second)):
        print(f"  feedback page, {label}: median {ms(statistics.median(times))}, p95 "
              f"{ms(percentile(times, 0.95))}, max {ms(max(times))} ({count} grouped "
              f"questions of {len(grouped)})", flush=True)
    print(f"  {shown // 2} of {count} show other sources; {load()}", flush=True)


def database_size(app, path: Path, count: int) -> None:
    with app.app_context():
        questions = get_session().query(Question).count()
    size = path.stat().st_size
    tables = table_sizes(path)
    parts = ", ".join(f"{name} {size / count / 1024:.1f}" for name, size in tables[:8])
    print(f"  database {size / 1e6:.1f} MB for {count} articles: {size / count / 1024:.0f} KB "
          f"per article; {questions} questions; KB per article by table (and its indexes): "
          f"{parts}", flush=True)


def regeneration(app, folder: Path, database_url: str, seconds_before: float) -> None:
    """Re-generate after an engine upgrade in a consumer process; load a student page."""
    client = app.test_client()
    token = client.post("/", data={"join_code": "DEMO", "nickname": "watcher"}
                        ).location.rstrip("/").rsplit("/", 1)[-1]
    page = f"/play/{token}/q/1"

    def load_page(until: threading.Event, into: list[float]) -> None:
        while not until.is_set():
            started = time.perf_counter()
            assert client.get(page).status_code == 200
            into.append(time.perf_counter() - started)
            time.sleep(0.02)

    idle: list[float] = []
    stop = threading.Event()
    worker = threading.Thread(target=load_page, args=(stop, idle))
    worker.start()
    time.sleep(seconds_before)
    stop.set()
    worker.join()
    with app.app_context():
        session = get_session()
        # An engine upgrade: no stored analysis is current any more.
        session.query(ArticleAnalysis).update({ArticleAnalysis.engine_version: "before"})
        session.commit()
        teacher = session.query(Teacher).filter_by(email=TEACHER).one()
        job_id = library_jobs.start_regeneration(session, teacher).id
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench" * 8,
           "PAPERTRAIL_INSTANCE_PATH": str(folder)}
    env.pop("PAPERTRAIL_REDIS_URL", None)
    started = time.perf_counter()
    consumer = subprocess.Popen([sys.executable, "-m", "huey.bin.huey_consumer",
                                 "quizapp.worker.huey", "-w", "1"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    busy: list[float] = []
    stop = threading.Event()
    worker = threading.Thread(target=load_page, args=(stop, busy))
    worker.start()
    finished_at = None
    try:
        while True:
            time.sleep(1)
            with app.app_context():
                session = get_session()
                job = session.get(LibraryJob, job_id)
                unfinished = session.query(LibraryJob).filter(
                    LibraryJob.status.in_(library_jobs.UNFINISHED)).count()
                if job.finished and finished_at is None:
                    finished_at = time.perf_counter() - started
                if job.finished and not unfinished:
                    break
    finally:
        stop.set()
        worker.join()
        consumer.terminate()
        consumer.wait(timeout=60)
    took = time.perf_counter() - started
    print(f"  re-generation after an engine upgrade, {job.total} articles analysed and "
          f"re-built: {finished_at:.0f} s ({finished_at / max(job.total, 1) * 1000:.0f} ms per "
          f"article), status {job.status}; with the re-checks it queued, {took:.0f} s; "
          f"{load()}", flush=True)
    print(f"  student question page, idle: p50 {ms(percentile(idle, 0.5))}, p99 "
          f"{ms(percentile(idle, 0.99))} ({len(idle)} requests); during re-generation: p50 "
          f"{ms(percentile(busy, 0.5))}, p99 {ms(percentile(busy, 0.99))} "
          f"({len(busy)} requests)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--window", type=int, default=10, help="uploads per median")
    parser.add_argument("--burst", action="store_true",
                        help="run the queued re-checks only after the last upload")
    parser.add_argument("--no-verify", dest="verify", action="store_false",
                        help="check contexts only, not the whole bank")
    parser.add_argument("--skip-regeneration", action="store_true")
    args = parser.parse_args()
    checkpoints = sorted({n for n in (10, 100, 1000, args.articles) if n <= args.articles})
    with tempfile.TemporaryDirectory(prefix="papertrail-library-") as name:
        folder = Path(name)
        path = folder / "library.sqlite3"
        url = f"sqlite:///{path}"
        app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": url,
                          "TESTING": False, "JOBS_CONSUMER": "none"})
        with app.app_context():
            init_db()
            ensure_demo(get_session(), app.config)
        mode = "after the last upload" if args.burst else "after each upload"
        print(f"Library of {args.articles} articles by single uploads (SQLite, {os.cpu_count()} "
              f"cores; re-checks run {mode}); {load()}", flush=True)
        times, cpu, background = build_library(app, args.articles, args.window, checkpoints,
                                               args.burst)
        for label, values in (("wall", times), ("CPU", cpu)):
            first = statistics.median(values[:args.window])
            last = statistics.median(values[-args.window:])
            print(f"  {label}: ratio of the last median to the first {last / first:.2f} "
                  f"(target <= 2); last median {ms(last)} (target < 1 s)", flush=True)
        backlog(app, args.articles, background, args.verify)
        sources_page(app, sample=60)
        database_size(app, path, args.articles)
        if not args.skip_regeneration:
            regeneration(app, folder, url, seconds_before=5)


if __name__ == "__main__":
    main()
