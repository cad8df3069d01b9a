"""The library's terms index: related by shared quantities and days, common terms weighed
down, re-checks queued once per article and only re-building what changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

import questions.stored
from questions import relatedness
from quizapp.db import get_session
from quizapp.models import ArticleAnalysis, ArticleTerm, Document, LibraryJob, TermCount
from quizapp.services import articles, library, library_index, library_jobs
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


@pytest.fixture
def session(app: Flask) -> Iterator[object]:
    with app.app_context():
        yield get_session()


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
