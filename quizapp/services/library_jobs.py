"""Library jobs: re-generating a teacher's whole library, analysing a long article, and
re-checking the articles whose related set may have changed ("relink").

A job is a row (quizapp.models.LibraryJob) that the huey task runs (quizapp.jobs). It works
one article at a time and commits after each, noting the last one done: the teacher's page
shows the progress, the teacher keeps working meanwhile, and a job cut short by a restart
starts again after the last article it finished. A job's heartbeat (`updated`) tells a live
run from an interrupted one, so two consumers never run one job at once.

A relink job lists no articles: it takes the teacher's queued ones (pending_relinks) until
none is left, so an article queued by ten uploads is checked once, and one job serves every
upload made while it waits. Whatever job ends, it makes sure one will take what is queued.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, object_session

from quizapp.db import get_session
from quizapp.jobs import job_queue
from quizapp.models import Document, LibraryJob, Question, Teacher, utcnow
from quizapp.services import library, library_index
from quizapp.services.library_bank import KEPT_STATUSES

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(seconds=60)  # a running job silent this long was interrupted
UNFINISHED = ("queued", "running")


def start_regeneration(session: Session, owner: Teacher) -> LibraryJob:
    """Queue the re-generation of every article of the teacher; commit.

    A re-generation already under way is returned instead of starting a second one.
    """
    running = current_job(session, owner, "regenerate")
    if running is not None:
        return running
    total = session.scalar(select(func.count()).select_from(Document)
                           .where(Document.owner_id == owner.id)) or 0
    job = LibraryJob(owner_id=owner.id, kind="regenerate", total=total)
    session.add(job)
    session.commit()
    job_queue().enqueue(job.id)
    return job


def analysis_job(document: Document) -> LibraryJob:
    """Return a new job analysing one (long) article and building its questions."""
    assert document.owner_id is not None
    return LibraryJob(owner_id=document.owner_id, kind="analyse", total=1, target=document.id)


def relink_job(document: Document, related: list[str]) -> LibraryJob:
    """Return the job that will re-check the articles an upload queued (`related`).

    The teacher's relink job still waiting to start takes them too: it is returned, not a
    second one. Queue it (enqueue) once the upload is committed.
    """
    assert document.owner_id is not None
    session = object_session(document)
    waiting = session.scalars(select(LibraryJob).where(
        LibraryJob.owner_id == document.owner_id, LibraryJob.kind == "relink",
        LibraryJob.status == "queued").order_by(LibraryJob.id.desc())).first() if session else None
    if waiting is not None:
        waiting.total += len(related)
        return waiting
    return LibraryJob(owner_id=document.owner_id, kind="relink", total=len(related),
                      target=document.id)


def follow_up(session: Session, owner_id: int) -> LibraryJob | None:
    """Queue a relink job if articles wait for a re-check and no such job will run; commit.

    Return the new job, if one was queued.
    """
    waiting = library_index.pending_count(session, owner_id)
    if not waiting or session.scalars(select(LibraryJob.id).where(
            LibraryJob.owner_id == owner_id, LibraryJob.kind == "relink",
            LibraryJob.status.in_(UNFINISHED))).first() is not None:
        return None
    job = LibraryJob(owner_id=owner_id, kind="relink", total=waiting)
    session.add(job)
    session.commit()
    enqueue(job)
    return job


def enqueue(job: LibraryJob) -> None:
    """Queue a stored (committed) job."""
    job_queue().enqueue(job.id)


def current_job(session: Session, owner: Teacher, kind: str | None = None) -> LibraryJob | None:
    """Return the teacher's newest unfinished job (of a kind), if any."""
    query = select(LibraryJob).where(LibraryJob.owner_id == owner.id,
                                     LibraryJob.status.in_(UNFINISHED))
    if kind is not None:
        query = query.where(LibraryJob.kind == kind)
    return session.scalars(query.order_by(LibraryJob.id.desc())).first()


def pending_analysis(session: Session, document: Document) -> LibraryJob | None:
    """Return the unfinished job analysing this article, if any."""
    return session.scalars(select(LibraryJob).where(
        LibraryJob.target == document.id, LibraryJob.kind == "analyse",
        LibraryJob.status.in_(UNFINISHED))).first()


def _claim(session: Session, job_id: int) -> bool:
    """Mark the job running, unless another consumer is running it right now."""
    now = utcnow()
    claimed = session.execute(
        update(LibraryJob).where(
            LibraryJob.id == job_id,
            or_(LibraryJob.status == "queued",
                (LibraryJob.status == "running") & (LibraryJob.updated < now - STALE_AFTER)),
        ).values(status="running", updated=now)
    ).rowcount
    session.commit()
    return claimed == 1


def run_job(job_id: int) -> None:
    """Run a library job from where it stopped (the huey task's body)."""
    session = get_session()
    if not _claim(session, job_id):
        log.info("library job %s is finished or running elsewhere", job_id)
        finished = session.get(LibraryJob, job_id)
        if finished is not None and finished.finished:
            # Queued again by an upload that found it waiting, after it had run: what that
            # upload queued still needs a job.
            follow_up(session, finished.owner_id)
        return
    job = session.get(LibraryJob, job_id)
    assert job is not None
    seed = current_app.config["QUESTION_SEED"]
    try:
        if job.kind == "analyse":
            _analyse(session, job, seed)
        elif job.kind == "relink":
            _relink(session, job, seed)
        else:
            _regenerate(session, job, seed)
    except Exception as error:
        session.rollback()
        job = session.get(LibraryJob, job_id)
        assert job is not None
        # Left "running" with an old heartbeat: the huey retry, or a restart, resumes it.
        job.error = f"{type(error).__name__}: {error}"
        job.updated = utcnow() - STALE_AFTER
        session.commit()
        raise
    job.status, job.updated = "done", utcnow()
    session.commit()
    # Read after the commit above: whatever an upload queued meanwhile is seen here, or the
    # upload saw this job finished and queued its own.
    follow_up(session, job.owner_id)


def _analyse(session: Session, job: LibraryJob, seed: int) -> None:
    document = session.get(Document, job.target or "")
    if document is not None:
        library.add_article(session, document, seed)
    job.done = 1


def _relink(session: Session, job: LibraryJob, seed: int) -> None:
    """Re-check the teacher's queued articles until none is left, committing after each.

    An article is taken off the queue in the transaction that re-builds it, so a restart
    finds it still queued, and two consumers never both take it.
    """
    while (doc_id := library_index.next_pending(session, job.owner_id)) is not None:
        if library_index.take_pending(session, doc_id):
            document = session.get(Document, doc_id)
            if document is not None and library.relink_article(session, document, seed):
                job.rebuilt += 1
        job.done += 1
        job.total = job.done + library_index.pending_count(session, job.owner_id)
        job.cursor, job.updated = doc_id, utcnow()
        session.commit()


def _regenerate(session: Session, job: LibraryJob, seed: int) -> None:
    """Re-build every article after the job's cursor, committing after each."""
    while True:
        query = select(Document).where(Document.owner_id == job.owner_id).order_by(Document.id)
        if job.cursor is not None:
            query = query.where(Document.id > job.cursor)
        document = session.scalars(query.limit(1)).first()
        if document is None:
            return
        library.rebuild_one(session, document, seed)
        job.cursor, job.updated = document.id, utcnow()
        job.done += 1
        job.total = max(job.total, job.done)  # an article uploaded meanwhile counts too
        session.commit()


def resume_interrupted(*, assume_alone: bool = False) -> int:
    """Queue again the jobs a stopped consumer left unfinished; return how many.

    `assume_alone`: this is the only consumer (the embedded one at start), so a job marked
    running was cut short here; otherwise only jobs with a stale heartbeat count.
    """
    session = get_session()
    query = select(LibraryJob).where(LibraryJob.status.in_(UNFINISHED))
    if not assume_alone:
        query = query.where(or_(LibraryJob.status == "queued",
                                LibraryJob.updated < utcnow() - STALE_AFTER))
    jobs = list(session.scalars(query))
    for job in jobs:
        if job.status == "running":
            job.status = "queued"
    session.commit()
    for job in jobs:
        job_queue().enqueue(job.id)
    return len(jobs)


def kept_count(session: Session, owner: Teacher) -> int:
    """Return how many of the teacher's questions re-generation keeps as they are."""
    return session.scalar(select(func.count()).select_from(Question).where(
        Question.owner_id == owner.id, Question.status.in_(KEPT_STATUSES))) or 0
