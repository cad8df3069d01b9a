"""The job consumer's entry point beside gunicorn: `huey_consumer quizapp.worker.huey`.

It builds the app as gunicorn does (same settings, same database), without a consumer of
its own, and queues again the jobs an earlier consumer left unfinished.
"""

from __future__ import annotations

import os

from quizapp import create_app
from quizapp.jobs import job_queue

os.environ["PAPERTRAIL_JOBS_CONSUMER"] = "separate"  # this process is the consumer
# Below gunicorn's workers in the CPU's queue: students' pages stay quick during a long job.
os.nice(int(os.environ.get("PAPERTRAIL_JOBS_NICE", "10")))

app = create_app()
huey = job_queue(app).huey


@huey.on_startup()
def resume_interrupted_jobs() -> None:
    """Queue again the jobs whose consumer stopped before they finished."""
    from quizapp.services.library_jobs import resume_interrupted

    with app.app_context():
        resume_interrupted()
