"""What other sources say about a library question: built with its article's groups, stored,
and only read by the feedback page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import (
    Assignment,
    Document,
    Question,
    QuestionComparison,
    QuestionSet,
    QuestionSetItem,
    Teacher,
)
from quizapp.services import articles, compare
from quizapp.services.quiz_settings import QuizSettings
from tests.teacher.library_helpers import corpus, new_teacher, settle, upload


@pytest.fixture
def library(app: Flask) -> Iterator[tuple[object, Teacher]]:
    with app.app_context():
        session = get_session()
        teacher = new_teacher(session, "sources@school.example")
        for article in corpus(14):
            upload(session, teacher, article)
        settle(session)
        yield session, teacher


def owned(session, teacher: Teacher) -> list[Question]:
    return list(session.scalars(select(Question).where(Question.owner_id == teacher.id)
                                .order_by(Question.id)))


def shown(comparison: compare.SourceComparison | None) -> object:
    """Return what the page shows of a comparison."""
    if comparison is None:
        return None
    return (comparison.label, comparison.summary, comparison.disagreement,
            [(a.document.id, a.reports, [(s.paragraph, str(s.html)) for s in a.sentences],
              a.hidden, a.differs) for a in comparison.accounts])


def test_each_question_has_its_comparison_stored_with_its_article(library) -> None:
    session, teacher = library
    questions = owned(session, teacher)
    stored = {row.question_id: row.data for row in session.scalars(select(QuestionComparison))}
    assert {q.id for q in questions} <= set(stored)
    grouped = [q for q in questions if q.group_key and q.kind != "timeline"]
    assert grouped, "stories of several outlets give grouped questions"
    assert all(stored[q.id] is not None for q in grouped)
    assert all(stored[q.id] is None for q in questions if q.kind == "who_said")
    for question in grouped:
        # The stored record shows what building it from the stored groups now shows.
        built = compare.render(session, compare._record_now(session, question))
        assert shown(compare.render(session, stored[question.id])) == shown(built)
        assert len(built.accounts) >= 2 and built.accounts[0].document.id == \
            question.evidence_document_id
        assert any("<mark>" in str(s.html) for a in built.accounts for s in a.sentences)


def test_the_feedback_page_reads_the_stored_comparison(app: Flask, library,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    session, teacher = library
    grouped = [q for q in owned(session, teacher) if q.group_key and q.kind != "timeline"][:4]
    session.add(Assignment(owner=teacher, title="Sources", join_code="SRCLIB", is_open=True,
                           settings=QuizSettings().to_json(), question_set=QuestionSet(
                               owner=teacher, title="Sources", items=[
                                   QuestionSetItem(question=q, position=i)
                                   for i, q in enumerate(grouped)])))
    session.commit()

    def never(*_args: object) -> None:
        raise AssertionError("the page built a comparison instead of reading it")

    monkeypatch.setattr(compare, "_record_now", never)
    client = app.test_client()
    token = client.post("/", data={"join_code": "SRCLIB", "nickname": "Sam"}
                        ).location.rstrip("/").rsplit("/", 1)[-1]
    for number in range(1, len(grouped) + 1):
        client.post(f"/play/{token}/q/{number}", data={"choice": "0"})
        page = client.get(f"/play/{token}/q/{number}/feedback").get_data(as_text=True)
        assert "What other sources say" in page
        assert page.count('<h3 class="source__outlet">') >= 2


def test_deleting_a_context_article_rebuilds_the_comparisons_without_it(library) -> None:
    session, teacher = library
    grouped = next(q for q in owned(session, teacher) if q.group_key and q.kind == "quantity")
    record = session.get(QuestionComparison, grouped.id).data
    other = next(a["document"] for a in record["accounts"]
                 if a["document"] != grouped.evidence_document_id)
    articles.delete_article(session, session.get(Document, other), seed=1234)
    session.expire_all()
    for row in session.scalars(select(QuestionComparison)):
        if row.data is not None:
            assert other not in {a["document"] for a in row.data["accounts"]}


def test_the_demo_sets_comparisons_read_only_the_articles_of_its_one_run(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo teacher's own uploads are library articles: not re-analysed with the demo's."""
    with app.app_context():
        session = get_session()
        demo = session.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
        teacher = session.get(Teacher, demo.owner_id)
        seeded = {d.id for d in session.scalars(select(Document).where(
            Document.owner_id == teacher.id))}
        upload(session, teacher, corpus(1)[0])
        grouped = next(q for q in demo.question_set.questions if q.group_key)
        analysed: list[set[str]] = []
        real = compare.groups_of
        monkeypatch.setattr(compare, "groups_of",
                            lambda docs: analysed.append({d.id for d in docs}) or real(docs))
        assert compare._comparison(session, grouped) is not None
        assert analysed == [seeded]
