"""gunicorn settings for Paper Trail: `gunicorn wsgi:app` reads this file from the checkout.

Every value can be changed from the environment, so one file serves a laptop, a school
server and the load benchmark:

  BIND (or HOST + PORT)   where to listen; default 127.0.0.1:8000 (put a proxy in front)
  WEB_CONCURRENCY         worker processes; default 2 per CPU core
  GUNICORN_THREADS        threads per worker; default 1
  GUNICORN_TIMEOUT        seconds before a stuck worker is replaced; default 30
  ACCESS_LOG              where access lines go; default "-" (stdout), "" for none
"""

from __future__ import annotations

import os
from typing import Any

# The job consumer runs as its own process beside gunicorn (scripts/serve production starts
# `huey_consumer quizapp.worker.huey`), never inside the preloaded master or its workers.
os.environ.setdefault("PAPERTRAIL_JOBS_CONSUMER", "separate")

_cores = os.cpu_count() or 1

bind = [os.environ.get("BIND") or
        f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]

# Processes give parallelism (Python runs one thread at a time per process). A browser keeps
# its connection to one worker, and a class's connections spread unevenly over the workers
# (3,610 against 2,400 answers in one bench/load.py --answer-endpoint run): with one worker
# per core, the core of the less loaded one idles while the other queues. Two workers per
# core share the cores out evenly, and one thread each suffices once a request costs little
# more CPU than it waits. bench/load.py on two cores (answer-endpoint median ratios over
# three rounds, then the answer's p99 at 300 students with 2 s think time):
#   SQLite      4 x 1: 50%, 58%, 50%; p99 9.7 ms      2 x 2: 39%, 44%; p99 13.0 ms
#   PostgreSQL  4 x 1: 46%;           p99 14.3 ms     2 x 2: 47%;      p99 19.0 ms
# (4 x 2: 44% and 52% on SQLite, 53% on PostgreSQL, but a PostgreSQL p99 of 74-150 ms
# against 51 ms for 4 x 1 in the same hour.) The cost of one thread: a teacher's long
# request holds its worker, and the students whose connections sit on that worker wait;
# the longest ones measured are short (the question engine takes 0.14 s over a 2 MB
# text). The gthread worker keeps idle keep-alive connections aside, so a worker is not
# tied up by students who read.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cores)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 1)

# Build the app once in the master, then fork the workers: the first start runs the question
# engine over the default corpus and creates or upgrades the schema exactly once (no race
# between workers), and the forked workers share the loaded code's memory. create_app closes
# its database connections before returning, so no connection crosses a fork. The cost:
# `kill -HUP` restarts workers without reloading changed code; restart the service instead.
preload_app = True

timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 20
keepalive = 5  # seconds a browser's connection stays open between clicks

# A worker that has served this many requests is replaced (a cheap fork, thanks to the
# preload), so slow memory growth cannot accumulate over a school year. Not too often: a new
# worker starts with an empty content cache (quizapp.services.content_cache), and a class
# of 300 makes about 10,000 requests in a quiz of ten questions.
max_requests = 50_000
max_requests_jitter = 5_000

accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Access lines hold students' resume tokens (they are in the paths): keep the logs private.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def when_ready(server: Any) -> None:
    """Compile the templates in the master, once, after preload_app built the app."""
    if not server.cfg.preload_app:
        return  # each worker builds its own app; nothing to share
    from quizapp.web.prefork import compile_templates

    compile_templates(server.app.wsgi())  # does nothing to an app wrapped in middleware


def pre_fork(_server: Any, _worker: Any) -> None:
    """Before each fork (max_requests forks again): keep the preloaded heap out of GC scans."""
    from quizapp.web.prefork import freeze_heap

    freeze_heap()
