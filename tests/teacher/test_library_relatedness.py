"""The library's terms index: related by shared quantities and days, common terms weighed
down, re-checks queued once per article and only re-building what changed."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

import questions.stored
from questions import relatedness
from quizapp.db import get_session
from quizapp.jobs import job_queue
from quizapp.models import (
    ArticleAnalysis,
    ArticleTerm,
    Document,
    LibraryJob,
    Teacher,
    TermCount,
)
from quizapp.services import articles, content_cache, library, library_index, library_jobs
from tests.questions.test_relatedness import COUNCIL, DEPOT, MARKET
from tests.teacher.library_helpers import (
    corpus,
    new_teacher,
    one_run_bank,
    one_run_contexts,
    settle,
    stored_bank,
    stored_contexts,
    upload,
)


def report(text: str, title: str, day: str = "2025-03-05") -> tuple[str, str, str, str]:
    return (text, title, f"{title} News", day)


def related_ids(session, document: Document) -> list[str]:
    return [r.document for r in library.related_articles(session, document)]


def context_of(session, document: Document) -> list[str]:
    return [doc_id for doc_id, _ in session.get(ArticleAnalysis, document.id).context]


def test_a_shared_quantity_and_day_relate_two_articles_through_the_index(session) -> None:
    teacher = new_teacher(session, "salt@school.example")
    council, _ = upload(session, teacher, report(COUNCIL, "Council"))
    depot, _ = upload(session, teacher, report(DEPOT, "Depot"))
    market, _ = upload(session, teacher, report(MARKET, "Market"))
    assert related_ids(session, depot) == [council.id]
    assert context_of(session, depot) == [council.id], "built against the council's report"
    assert related_ids(session, market) == [], "the same day alone relates nothing"
    assert council.id in library_index.pending(session, teacher.id), \
        "the depot's report enters the council's context: queued for its re-check"
    settle(session)
    assert context_of(session, council) == [depot.id]
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)


def test_a_term_that_becomes_common_unrelates_and_the_holders_are_rechecked(
        session, monkeypatch: pytest.MonkeyPatch) -> None:
    # Steps small enough for three reports: a term of 3 articles weighs half.
    monkeypatch.setattr(relatedness, "RARE_DF", 2)
    monkeypatch.setattr(relatedness, "COMMON_DF", 3)
    teacher = new_teacher(session, "steps@school.example")
    council, _ = upload(session, teacher, report(COUNCIL, "Council"))
    depot, _ = upload(session, teacher, report(DEPOT, "Depot"))
    settle(session)
    assert context_of(session, council) == [depot.id]
    third = COUNCIL.replace("Brackenford", "Ormsby").replace("Odile Fenwright", "Ada Quill")
    copy, _ = upload(session, teacher, report(third, "Third"))
    queued = set(library_index.pending(session, teacher.id))
    assert {council.id, depot.id} <= queued, "holders of the terms that crossed a step"
    assert related_ids(session, copy) == [], "three holders: half weight, not enough"
    settle(session)
    assert context_of(session, council) == [] and context_of(session, depot) == []
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)
    # Deleting the third brings the count back under the step: re-checked at once.
    articles.delete_article(session, copy, seed=1234)
    assert context_of(session, council) == [depot.id]
    assert context_of(session, depot) == [council.id]
    assert not library_index.pending(session, teacher.id)
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)


def test_term_counts_follow_uploads_and_deletions(session, monkeypatch) -> None:
    teacher = new_teacher(session, "counts@school.example")
    uploaded = [upload(session, teacher, article)[0] for article in corpus(8)]
    settle(session)

    def counted() -> dict[str, int]:
        return dict(session.execute(select(TermCount.term, TermCount.documents).where(
            TermCount.owner_id == teacher.id)).all())

    def held() -> dict[str, int]:
        return dict(Counter(session.scalars(select(ArticleTerm.term).where(
            ArticleTerm.owner_id == teacher.id))))

    assert counted() == held() and max(counted().values()) > 1
    assert max(counted().values()) <= relatedness.RARE_DF, "no step is crossed here"
    rechecked: list[str] = []
    real = library.relink_article
    monkeypatch.setattr(library, "relink_article",
                        lambda s, doc, seed: rechecked.append(doc.id) or real(s, doc, seed))
    articles.delete_article(session, uploaded[3], seed=1234)
    assert counted() == held()
    assert rechecked == [], "a deletion that crosses no step re-checks nothing but the " \
                            "articles built against it"


def test_an_article_queued_by_many_uploads_is_checked_once(session, monkeypatch) -> None:
    teacher = new_teacher(session, "coalesce@school.example")
    stories = corpus(24)
    for article in stories[:12]:
        upload(session, teacher, article)
    settle(session)
    jobs_before = session.scalar(select(func.count()).select_from(LibraryJob))
    queued_by: Counter[str] = Counter()
    real_add = library.add_article

    def add(s, document, seed):
        added = real_add(s, document, seed)
        queued_by.update(added.relink)
        return added

    monkeypatch.setattr(library, "add_article", add)
    for article in stories[12:]:
        upload(session, teacher, article)
    queued = set(library_index.pending(session, teacher.id))
    assert set(queued_by) <= queued
    assert max(queued_by.values()) > 1, "some article was queued by several uploads"
    jobs = session.scalar(select(func.count()).select_from(LibraryJob)) - jobs_before
    assert jobs == 1, "uploads made while a re-check job waits join it"
    checked: list[str] = []
    real = library.relink_article
    monkeypatch.setattr(library, "relink_article",
                        lambda s, doc, seed: checked.append(doc.id) or real(s, doc, seed))
    settle(session)
    assert sorted(checked) == sorted(queued), "each queued article is checked exactly once"
    (job,) = session.scalars(select(LibraryJob).where(LibraryJob.kind == "relink")
                             .order_by(LibraryJob.id.desc()).limit(1))
    assert (job.status, job.done) == ("done", len(queued))
    assert job.rebuilt <= job.done
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)


def test_an_article_analysed_again_requeues_the_holders_of_terms_it_lost(
        session, monkeypatch: pytest.MonkeyPatch) -> None:
    teacher = new_teacher(session, "upgrade@school.example")
    council, _ = upload(session, teacher, report(COUNCIL, "Council"))
    depot, _ = upload(session, teacher, report(DEPOT, "Depot"))
    settle(session)
    assert context_of(session, council) == [depot.id]
    # An engine upgrade after which the depot's report no longer yields its tonnage.
    monkeypatch.setattr(questions.stored, "ENGINE_VERSION", "next-engine")
    real_analysis = questions.stored.analyse_article

    def upgraded(document):
        found = real_analysis(document)
        if document.id == depot.id:
            found.facts = [f for f in found.facts if f.value != 2750]
        return found

    monkeypatch.setattr(questions.stored, "analyse_article", upgraded)
    library_jobs.start_regeneration(session, teacher)
    settle(session)
    assert context_of(session, council) == [] and context_of(session, depot) == []
    assert stored_contexts(session, teacher) == one_run_contexts(session, teacher)
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)


def test_uploads_while_the_job_runs_end_in_the_bank_of_one_run(app: Flask) -> None:
    """An upload and the relink job at the same moment, in two threads (two connections)."""
    with app.app_context():
        teacher_id = new_teacher(get_session(), "busy@school.example").id
    stories = corpus(16)
    uploading = threading.Event()
    uploading.set()
    failures: list[BaseException] = []

    def uploads() -> None:
        try:
            with app.app_context():
                session = get_session()
                teacher = session.get(Teacher, teacher_id)
                for article in stories:
                    upload(session, teacher, article)
        except BaseException as error:  # reported by the test below
            failures.append(error)
        finally:
            uploading.clear()

    def jobs() -> None:
        try:
            while uploading.is_set():
                with app.app_context():
                    job_queue(app).run_pending()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=uploads), threading.Thread(target=jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures
    with app.app_context():
        session = get_session()
        settle(session)
        teacher = session.get(Teacher, teacher_id)
        assert not library_index.pending(session, teacher_id)
        assert stored_contexts(session, teacher) == one_run_contexts(session, teacher)
        assert stored_bank(session, teacher) == one_run_bank(session, teacher)


@pytest.mark.postgres_only  # SQLite lets one writer at a time: no lock cycle to test
def test_a_relink_job_and_an_upload_lock_in_one_order(app: Flask) -> None:
    """A job takes an article off the queue; an upload then changes content and queues it
    again; the job re-builds it. Without one lock order, each waits for the other."""
    with app.app_context():
        session = get_session()
        teacher = new_teacher(session, "locks@school.example")
        council, _ = upload(session, teacher, report(COUNCIL, "Council"))
        library_index.mark_pending(session, teacher.id, [council.id])
        session.commit()
        engine = session.get_bind()
        teacher_id, doc_id = teacher.id, council.id
    job, upload_side = Session(bind=engine), Session(bind=engine)
    failures: list[BaseException] = []
    assert library_index.take_pending(job, doc_id)

    def queue_again() -> None:
        try:
            content_cache.bump(upload_side.connection())  # an upload's first write
            library_index.mark_pending(upload_side, teacher_id, [doc_id])
            upload_side.commit()
        except BaseException as error:  # reported below
            failures.append(error)
            upload_side.rollback()

    pid = upload_side.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
    thread = threading.Thread(target=queue_again)
    thread.start()
    waiting = text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid")
    with engine.connect() as watcher:
        for _ in range(200):  # until the upload waits for a lock the job holds
            if watcher.execute(waiting, {"pid": pid}).scalar() == "Lock":
                break
            threading.Event().wait(0.05)
    try:
        content_cache.bump(job.connection())  # the job's re-build changes content
        job.commit()
    finally:
        thread.join(timeout=30)
        job.close()
        upload_side.close()
    assert not failures, failures
    with app.app_context():
        assert library_index.pending(get_session(), teacher_id) == [doc_id]
