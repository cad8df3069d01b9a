"""A library grown by single uploads: stored analyses, the same bank as one run, low cost."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

import questions.stored
from questions import relatedness
from questions.library import MAX_CONTEXT
from quizapp.models import (
    ArticleAnalysis,
    ArticleGroup,
    ArticleTerm,
    Document,
    LibraryJob,
)
from quizapp.services import articles, library, library_index
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

# The library's weight steps, and steps small enough that a few dozen articles cross them
# often: every crossing queues the holders, which must end in the bank of one run.
STEPS = {"library steps": (relatedness.RARE_DF, relatedness.COMMON_DF),
         "small steps": (2, 5)}


@pytest.mark.parametrize("steps", STEPS.values(), ids=STEPS.keys())
def test_a_library_of_single_uploads_holds_the_bank_of_one_run(
        session, steps: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relatedness, "RARE_DF", steps[0])
    monkeypatch.setattr(relatedness, "COMMON_DF", steps[1])
    teacher = new_teacher(session, "library@school.example")
    for article in corpus(36):
        upload(session, teacher, article)
    assert settle(session) > 0, "uploads queued the re-checking of related articles"
    jobs = session.scalars(select(LibraryJob).where(LibraryJob.kind == "relink")).all()
    assert 0 < sum(job.rebuilt for job in jobs) < sum(job.done for job in jobs), \
        "some queued articles had a new context and were re-built, some not"
    bank = stored_bank(session, teacher)
    assert len(bank) > 100, "real articles give questions"
    assert {v[1] for v in bank} >= {"who_said", "said_what", "when", "quantity", "timeline"}
    assert stored_contexts(session, teacher) == one_run_contexts(session, teacher)
    assert bank == one_run_bank(session, teacher)
    grouped = session.scalar(select(func.count()).select_from(ArticleGroup))
    assert grouped, "related articles give cross-source groups"


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(order=st.permutations(range(7)), data=st.data())
def test_any_upload_order_gives_the_bank_of_one_run(session, order: list[int],
                                                    data: st.DataObject) -> None:
    # Each example is a new teacher: the same articles, uploaded in another order; weight
    # steps that seven articles cross (a term of 3 articles weighs half, of 5 nothing).
    steps = pytest.MonkeyPatch()
    steps.setattr(relatedness, "RARE_DF", 2)
    steps.setattr(relatedness, "COMMON_DF", 4)
    teacher = new_teacher(session, f"order-{'-'.join(map(str, order))}-"
                                   f"{data.draw(st.integers(0, 10**9))}@school.example")
    small = corpus(7)
    try:
        for index in order:
            upload(session, teacher, small[index])
        settle(session)
        assert stored_contexts(session, teacher) == one_run_contexts(session, teacher)
        assert stored_bank(session, teacher) == one_run_bank(session, teacher)
    finally:
        steps.undo()


def test_the_analysis_is_stored_with_the_article_and_reused(session, monkeypatch) -> None:
    teacher = new_teacher(session, "reuse@school.example")
    first, _ = upload(session, teacher, corpus(12)[0])
    row = session.get(ArticleAnalysis, first.id)
    assert row.engine_version == questions.stored.ENGINE_VERSION and row.data
    stored = questions.stored.from_json(row.data, first.text)
    assert stored.quotes and stored.document.id == first.id
    assert session.scalars(select(ArticleTerm.term).where(
        ArticleTerm.document_id == first.id)).all(), "its terms are indexed"
    analysed: list[str] = []
    real = questions.stored.analyse_article
    monkeypatch.setattr(questions.stored, "analyse_article",
                        lambda doc: analysed.append(doc.id) or real(doc))
    for article in corpus(12)[1:]:
        document, _ = upload(session, teacher, article)
        assert analysed[-1] == document.id
    assert len(analysed) == 11, "each upload analyses the new article only"


def test_an_upload_builds_only_the_new_article_and_queues_the_related(session,
                                                                        monkeypatch) -> None:
    teacher = new_teacher(session, "cost@school.example")
    for article in corpus(30)[:29]:
        upload(session, teacher, article)
    settle(session)
    before = contexts(session)
    rebuilt: list[str] = []
    real = library.rebuild_article
    monkeypatch.setattr(library, "rebuild_article",
                        lambda s, doc, *rest: rebuilt.append(doc.id) or real(s, doc, *rest))
    document, _ = upload(session, teacher, corpus(30)[29])
    assert rebuilt == [document.id], "the request builds the new article alone"
    context = session.get(ArticleAnalysis, document.id).context
    assert 0 < len(context) <= MAX_CONTEXT
    related = {r.document for r in library.related_articles(session, document)}
    terms = set(session.scalars(select(ArticleTerm.term).where(
        ArticleTerm.document_id == document.id)))
    holders = library_index.holders(session, teacher.id, terms)
    queued = set(library_index.pending(session, teacher.id))
    assert queued, "the new article enters some related article's context"
    assert queued <= related | holders, "only articles sharing its terms are queued"
    (job,) = session.scalars(select(LibraryJob).where(LibraryJob.target == document.id))
    assert job.kind == "relink"
    settle(session)
    after = contexts(session)
    changed = {doc_id for doc_id in before if before[doc_id] != after[doc_id]}
    assert set(rebuilt[1:]) == changed, "the job re-builds the queued articles whose context " \
                                        "changed, and no other"
    assert changed and changed <= queued and not library_index.pending(session, teacher.id)
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)


def contexts(session) -> dict[str, set[str]]:
    """Return each stored article's context, as a set of article ids."""
    return {row.document_id: {doc_id for doc_id, _ in row.context}
            for row in session.scalars(select(ArticleAnalysis))}


def test_deleting_an_article_removes_its_analysis_and_rebuilds_the_related(session) -> None:
    teacher = new_teacher(session, "delete@school.example")
    uploaded = [upload(session, teacher, article)[0] for article in corpus(10)]
    settle(session)
    doomed = next(d for d in uploaded if library.articles_built_against(session, d))
    doomed_id = doomed.id
    dependants = [d.id for d in library.articles_built_against(session, doomed)]
    articles.delete_article(session, doomed, seed=1234)
    for model in (ArticleAnalysis, ArticleTerm, ArticleGroup):
        assert not session.scalars(select(model).where(model.document_id == doomed_id)).all()
    for doc_id in dependants:
        context = session.get(ArticleAnalysis, doc_id).context
        assert doomed_id not in {other for other, _ in context}
    assert session.get(Document, doomed_id) is None
    assert stored_bank(session, teacher) == one_run_bank(session, teacher)
