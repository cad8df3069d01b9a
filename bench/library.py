"""A teacher's library of 1,000 articles built by single uploads: what each upload costs.

    .venv/bin/python bench/library.py [--articles 1000] [--skip-regeneration]

Builds a fresh SQLite database in a temporary folder, uploads real-sized synthetic articles
(bench/synthetic_corpus.py) one at a time through the app's services (read the file, store
the draft, save the article: analysis, question building, storing), and prints:

- the median time of an upload (save_article) over the uploads ending at 10, 100, 1,000
  articles, and the ratio of the last to the first (target: <= 2, and under 1 s);
- the "What other sources say" feedback page at full size (first view of each question,
  when the comparison is built, and a second student's view) (target: < 150 ms);
- the background re-building of related articles the uploads queued (relink jobs);
- the database size per article;
- a whole re-generation (the library job, run by `huey_consumer quizapp.worker.huey` in its
  own process as in production) and a student page's latency meanwhile (p50, p99).
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

from synthetic_corpus import build_corpus, read_sources, render_html  # noqa: E402

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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def build_library(app, count: int, window: int, checkpoints: list[int]
                  ) -> tuple[list[float], list[float]]:
    """Upload `count` articles one by one; return each save's wall and CPU time in seconds.

    The CPU time is the figure to compare on a shared machine: the wall time also counts
    the waits for a core that other processes hold.
    """
    corpus = build_corpus(count, 11, read_sources(), html_share=0.1)
    times: list[float] = []
    cpu: list[float] = []
    with app.app_context():
        session = get_session()
        teacher = Teacher(email="library@bench.example", password_hash="x")
        session.add(teacher)
        session.commit()
        for number, article in enumerate(corpus, 1):
            data = (render_html(article) if article.html else article.text).encode("utf-8")
            read = uploads.read_file(article.file, data)
            draft = uploads.create_draft(session, teacher, read, {})
            details = articles.ArticleDetails(
                title=f"{article.meta['title'] or 'Article'} ({number})",
                outlet=str(article.meta["outlet"] or "") or None, url=None,
                published=uploads.published_date(article.meta["published"]),
                approximate=False)
            started, started_cpu = time.perf_counter(), time.process_time()
            articles.save_article(session, draft, details, SEED)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            if number in checkpoints:
                recent = times[-window:]
                print(f"  {number:>5} articles: median upload {ms(statistics.median(recent))} "
                      f"wall, {ms(statistics.median(cpu[-window:]))} CPU (last {len(recent)}; "
                      f"slowest {ms(max(recent))})", flush=True)
    return times, cpu


def backlog(app) -> None:
    """Run the re-building of related articles the uploads queued, and time it."""
    with app.app_context():
        session = get_session()
        jobs = session.query(LibraryJob).filter(LibraryJob.kind == "relink").all()
        articles_listed = sum(job.total for job in jobs)
    started = time.perf_counter()
    ran = job_queue(app).run_pending()
    took = time.perf_counter() - started
    print(f"  background re-building of related articles the uploads queued: {ran} jobs, "
          f"{articles_listed} article builds, {took:.0f} s "
          f"({took / max(articles_listed, 1) * 1000:.0f} ms per build)", flush=True)


def sources_page(app, teacher_email: str, sample: int) -> None:
    """Time the feedback page with "What other sources say" for grouped questions."""
    with app.app_context():
        session = get_session()
        teacher = session.query(Teacher).filter_by(email=teacher_email).one()
        grouped = (session.query(Question).filter(Question.owner_id == teacher.id,
                                                  Question.group_key.is_not(None),
                                                  Question.kind != "timeline")
                   .order_by(Question.id).limit(sample).all())
        question_set = QuestionSet(owner=teacher, title="Sources bench", items=[
            QuestionSetItem(question=q, position=i) for i, q in enumerate(grouped)])
        session.add(Assignment(owner=teacher, question_set=question_set, title="Sources bench",
                               join_code="SRCBEN", is_open=True,
                               settings=QuizSettings().to_json()))
        session.commit()
        count = len(grouped)
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
    print(f"  feedback page of {count} grouped questions: first view median "
          f"{ms(statistics.median(first))}, max {ms(max(first))}; second student median "
          f"{ms(statistics.median(second))}, max {ms(max(second))} "
          f"({shown // 2} of {count} show other sources)", flush=True)


def database_size(app, path: Path, count: int) -> None:
    with app.app_context():
        session = get_session()
        analysis_bytes = sum(len(d or "") for (d,) in session.query(ArticleAnalysis.data))
        questions = session.query(Question).count()
    size = path.stat().st_size
    print(f"  database {size / 1e6:.1f} MB for {count} articles: {size / count / 1024:.0f} KB "
          f"per article (stored analyses {analysis_bytes / count / 1024:.0f} KB of it); "
          f"{questions} questions", flush=True)


def regeneration(app, folder: Path, database_url: str, seconds_before: float) -> None:
    """Run the whole re-generation in a consumer process and load a student page meanwhile."""
    client = app.test_client()
    token = client.post("/", data={"join_code": "DEMO", "nickname": "watcher"}
                        ).location.rstrip("/").rsplit("/", 1)[-1]
    page = f"/play/{token}/q/1"

    def load(until: threading.Event, into: list[float]) -> None:
        while not until.is_set():
            started = time.perf_counter()
            assert client.get(page).status_code == 200
            into.append(time.perf_counter() - started)
            time.sleep(0.02)

    idle: list[float] = []
    stop = threading.Event()
    worker = threading.Thread(target=load, args=(stop, idle))
    worker.start()
    time.sleep(seconds_before)
    stop.set()
    worker.join()
    with app.app_context():
        session = get_session()
        teacher = session.query(Teacher).filter_by(email="library@bench.example").one()
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
    worker = threading.Thread(target=load, args=(stop, busy))
    worker.start()
    try:
        while True:
            time.sleep(1)
            with app.app_context():
                job = get_session().get(LibraryJob, job_id)
                if job.finished:
                    break
    finally:
        stop.set()
        worker.join()
        consumer.terminate()
        consumer.wait(timeout=60)
    took = time.perf_counter() - started
    print(f"  whole re-generation of {job.total} articles: {took:.0f} s "
          f"({took / max(job.total, 1) * 1000:.0f} ms per article), status {job.status}",
          flush=True)
    print(f"  student question page, idle: p50 {ms(percentile(idle, 0.5))}, p99 "
          f"{ms(percentile(idle, 0.99))} ({len(idle)} requests); during re-generation: p50 "
          f"{ms(percentile(busy, 0.5))}, p99 {ms(percentile(busy, 0.99))} "
          f"({len(busy)} requests)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--window", type=int, default=10, help="uploads per median")
    parser.add_argument("--skip-regeneration", action="store_true")
    args = parser.parse_args()
    checkpoints = sorted({n for n in (10, 100, 1000, args.articles) if n <= args.articles})
    with tempfile.TemporaryDirectory(prefix="papertrail-library-") as name:
        folder = Path(name)
        path = folder / "library.sqlite3"
        url = f"sqlite:///{path}"
        app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": url,
                          "TESTING": False})
        with app.app_context():
            init_db()
            ensure_demo(get_session(), app.config)
        print(f"Library of {args.articles} articles by single uploads (SQLite, {os.cpu_count()} "
              "cores):", flush=True)
        times, cpu = build_library(app, args.articles, args.window, checkpoints)
        for label, values in (("wall", times), ("CPU", cpu)):
            first = statistics.median(values[:args.window])
            last = statistics.median(values[-args.window:])
            print(f"  {label}: ratio of the last median to the first {last / first:.2f} "
                  f"(target <= 2); last median {ms(last)} (target < 1 s)", flush=True)
        backlog(app)
        sources_page(app, "library@bench.example", sample=30)
        database_size(app, path, args.articles)
        if not args.skip_regeneration:
            regeneration(app, folder, url, seconds_before=5)


if __name__ == "__main__":
    main()
