"""Time the teacher's first review page after uploading two articles (target: < 300 ms).

A fresh SQLite database with the demo data; a new teacher opens the empty queue, uploads
two of the default corpus's articles through the upload form (both steps, so the engine builds their
questions), then the review queue is requested: the first request after the uploads, then
REPEATS more, and the same for the "needs attention" filter and a bulk accept of three.
Requests go through Flask's test client in this process (no network, no gunicorn), so the
figures are the app's own time: views, queries and templates.

    .venv/bin/python bench/review_page.py [--repeats 20]

Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp import create_app  # noqa: E402  (the script runs from bench/)
from quizapp.db import dispose, get_session, init_db  # noqa: E402
from quizapp.models import Teacher  # noqa: E402
from quizapp.services.seed import ensure_demo  # noqa: E402

CORPUS = ROOT / "questions" / "corpus"
ARTICLES = [("004_816a538e2e2ec7f8.txt", "2024-06-26"), ("000_b5f3451da38d467c.txt", "2024-05-08")]
EMAIL, PASSWORD = "bench@school.example", "bench password 1"


def timed(client, method: str, url: str, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    response = client.open(url, method=method, **kwargs)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code >= 400:
        raise SystemExit(f"{method} {url} answered {response.status_code}")
    return elapsed, response


def upload(client, name: str, published: str) -> float:
    data = (CORPUS / name).read_bytes()
    boundary = "----bench"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"'
            f"\r\nContent-Type: text/plain\r\n\r\n").encode() + data + (
        f"\r\n--{boundary}--\r\n").encode()
    first, response = timed(client, "POST", "/teacher/articles/upload", data=body,
                            content_type=f"multipart/form-data; boundary={boundary}")
    second, _ = timed(client, "POST", response.location, data={
        "title": f"Bench article {name[:3]}", "outlet": "Bench Wire", "published": published})
    return first + second


def summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite"
        app = create_app({"INSTANCE_PATH": folder, "DATABASE_URL": url})
        with app.app_context():
            init_db()
            ensure_demo(get_session(), app.config)
            from werkzeug.security import generate_password_hash

            get_session().add(Teacher(email=EMAIL, password_hash=generate_password_hash(
                PASSWORD, method="pbkdf2:sha256:1000")))
            get_session().commit()
        client = app.test_client()
        client.post("/teacher/login", data={"email": EMAIL, "password": PASSWORD})
        # The teacher has opened the (empty) queue before: a running server has compiled the
        # page's templates by then. This first request's time, compiling included, is
        # reported on its own.
        cold_ms, _ = timed(client, "GET", "/teacher/review")
        upload_ms = [upload(client, name, published) for name, published in ARTICLES]
        first_ms, page = timed(client, "GET", "/teacher/review")
        html = page.get_data(as_text=True)
        total = re.search(r'id="result-count">(\d+) question', html)
        listed = len(re.findall(r'class="question-card review-item"', html))
        queue = [timed(client, "GET", "/teacher/review")[0] for _ in range(args.repeats)]
        attention_first, _ = timed(client, "GET", "/teacher/review?status=attention")
        attention = [timed(client, "GET", "/teacher/review?status=attention")[0]
                     for _ in range(args.repeats)]
        ids = re.findall(r'name="question_id" value="(\d+)"', html)[:3]
        bulk_ms, _ = timed(client, "POST", "/teacher/review/bulk",
                           data={"action": "accept", "question_id": ids})
        dispose(app)
    figures = {
        "articles": len(ARTICLES), "questions_generated": int(total.group(1)) if total else None,
        "listed_on_first_page": listed, "upload_ms": [round(t, 1) for t in upload_ms],
        "cold_empty_review_page_ms": round(cold_ms, 1),
        "first_review_page_ms": round(first_ms, 1), "review_page": summary(queue),
        "attention_first_ms": round(attention_first, 1), "attention_page": summary(attention),
        "bulk_accept_3_ms": round(bulk_ms, 1), "repeats": args.repeats, "target_ms": 300,
    }
    print(f"questions generated from {len(ARTICLES)} articles: {figures['questions_generated']}"
          f" ({listed} on the first page)")
    print(f"empty queue, first request:    {cold_ms:.1f} ms (templates compiled here)")
    print(f"uploads (both steps):          {', '.join(f'{t:.0f} ms' for t in upload_ms)}")
    print(f"first review page after them:  {first_ms:.1f} ms (target < 300 ms)")
    print(f"review page, {args.repeats} more:        median {figures['review_page']['median_ms']}"
          f" ms, max {figures['review_page']['max_ms']} ms")
    print(f"needs attention, first:        {attention_first:.1f} ms; median "
          f"{figures['attention_page']['median_ms']} ms")
    print(f"bulk accept of 3:              {bulk_ms:.1f} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
