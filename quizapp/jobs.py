"""Background jobs on huey: SQLite storage by default, Redis when the app runs on several hosts.

`PAPERTRAIL_REDIS_URL` (e.g. redis://localhost:6379/0) selects Redis; otherwise the queue is
a SQLite file in the instance folder. On the default setup (`scripts/serve`, one process)
the app runs its own consumer thread, started by the first request it serves
(JOBS_CONSUMER = "embedded"); in production the consumer runs as its own process beside
gunicorn (`huey_consumer quizapp.worker.huey`, JOBS_CONSUMER = "separate"). The jobs
themselves and their progress live in quizapp.services.library_jobs.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper

log = logging.getLogger(__name__)

EXTENSION = "papertrail.jobs"
QUEUE_FILE = "jobs.sqlite3"
POLL_SECONDS = 0.5  # how long an idle embedded consumer waits before looking again


@dataclass
class JobQueue:
    """The app's huey instance, its one task, and the embedded consumer if one runs."""

    huey: Huey
    run_library_job: TaskWrapper
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def enqueue(self, job_id: int) -> None:
        """Queue a library job to run in the background."""
        self.run_library_job(job_id)

    def run_pending(self) -> int:
        """Run every task queued or due now in this thread; return how many ran (tests, CLI)."""
        ran = 0
        while True:
            self._schedule_due()
            task = self.huey.dequeue()
            if task is None:
                return ran
            self.huey.execute(task)
            ran += 1

    def _schedule_due(self) -> None:
        for task in self.huey.read_schedule():
            self.huey.enqueue(task)

    def consume(self) -> None:
        """Run tasks until stopped: the embedded consumer's loop."""
        while not self.stop.is_set():
            try:
                if not self.run_pending():
                    self.stop.wait(POLL_SECONDS)
            except Exception:  # a broken task or a lost connection must not end the loop
                log.exception("the embedded job consumer hit an error; going on")
                self.stop.wait(POLL_SECONDS)


def make_huey(app: Flask) -> Huey:
    """Return the huey instance the app's settings ask for."""
    name = app.config["JOBS_QUEUE_NAME"]
    redis_url = app.config.get("JOBS_REDIS_URL")
    if redis_url:
        return RedisHuey(name, url=redis_url)
    os.makedirs(app.instance_path, exist_ok=True)
    return SqliteHuey(name, filename=os.path.join(app.instance_path, QUEUE_FILE))


def init_app(app: Flask) -> None:
    """Create the app's job queue; start the embedded consumer where the settings say so."""
    from quizapp.services import library_jobs  # the jobs need the models; the models not us

    huey = make_huey(app)

    def library_job(job_id: int) -> None:
        with app.app_context():
            library_jobs.run_job(job_id)

    task = huey.task(retries=2, retry_delay=5, name="library_job")(library_job)
    queue = JobQueue(huey, task)
    app.extensions[EXTENSION] = queue
    if app.config["JOBS_CONSUMER"] == "embedded":
        # Started by the first request the app serves, not here: a command such as
        # `flask seed` or `flask db upgrade` builds the app too, and must not run jobs.
        app.before_request(lambda: start_consumer(app, queue))


_start_lock = threading.Lock()


def start_consumer(app: Flask, queue: JobQueue) -> None:
    """Once per process: resume interrupted jobs, then consume in a daemon thread."""
    if queue.thread is not None:
        return
    with _start_lock:
        if queue.thread is not None:
            return
        from quizapp.services import library_jobs

        with app.app_context():
            library_jobs.resume_interrupted(assume_alone=True)
        queue.thread = threading.Thread(target=queue.consume, name="papertrail-jobs",
                                        daemon=True)
        queue.thread.start()


def job_queue(app: Flask | None = None) -> JobQueue:
    """Return the app's job queue."""
    return (app or current_app).extensions[EXTENSION]
