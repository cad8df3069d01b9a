"""What other sources say: a fact's group side by side, after the questions that touch it."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

import questions
from quizapp.db import get_session
from quizapp.models import Document, Question
from quizapp.services import compare
from tests.quizapp.conftest import MadeAssignment

COMPARE_SOURCE = Path(compare.__file__).read_text(encoding="utf-8")


def play_to_feedback(client: FlaskClient, token: str) -> str:
    """Answer the only question with option 0 and return its feedback page."""
    client.post(f"/play/{token}/q/1", data={"choice": "0"})
    return unescape(client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True))


def one_question_quiz(app: Flask, make_assignment: Callable[..., MadeAssignment],
                      where: Callable[[Question], bool]) -> tuple[MadeAssignment, int]:
    with app.app_context():
        question = next(q for q in get_session().scalars(select(Question).order_by(Question.id))
                        if where(q))
        question_id = question.id
    made = make_assignment(kinds=())
    with app.app_context():
        from quizapp.models import Assignment, QuestionSetItem

        db = get_session()
        assignment = db.scalars(
            select(Assignment).where(Assignment.join_code == made.join_code)
        ).one()
        assignment.question_set.items.append(
            QuestionSetItem(question=db.get(Question, question_id), position=0)
        )
        db.commit()
    return made, question_id


def test_a_grouped_quantity_shows_every_outlet_side_by_side(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made, question_id = one_question_quiz(
        app, make_assignment, lambda q: q.kind == "quantity" and q.group_key is not None)
    with app.app_context():
        db = get_session()
        question = db.get(Question, question_id)
        groups = compare.groups_of(db.scalars(select(Document)).all())
        group = groups[question.group_key]
        outlets = {doc.id: doc.outlet for doc in db.scalars(select(Document))}
        own = question.evidence_document.outlet
    page = play_to_feedback(client, join(code=made.join_code))
    section = page[page.index('<section class="sources"'):]
    section = section[:section.index("</section>")]
    assert len(group.values_by_document) >= 2
    columns = re.findall(r'<h3 class="source__outlet">([^<]+)</h3>', section)
    assert columns == sorted(columns, key=lambda o: o != own)[:len(columns)], "own source first"
    assert set(columns) == {outlets[d] for d in group.values_by_document}
    assert section.count("Published <time datetime=") == len(columns)
    assert section.count("<mark>") >= len(columns), "each source's sentence marks the fact"
    for doc_id, values in group.values_by_document.items():
        assert " and ".join(values) in section, f"what {outlets[doc_id]} reports"
    if group.disagreement:
        assert '<strong class="sources__verdict">Sources disagree:</strong>' in section
        details = group.summary.removeprefix("Sources disagree: ")
        assert details in section
        assert "Differs from other sources" in section


def test_the_summary_names_who_reports_what(app: Flask) -> None:
    """The engine's account of the bombs, as the issue words it, reaches the page's summary."""
    with app.app_context():
        db = get_session()
        bombs = next(q for q in db.scalars(select(Question)) if q.group_key
                     and q.group_key.startswith("quantity:pound:"))
        view = compare.comparison_for(db, bombs)
    assert view is not None and view.disagreement
    assert view.verdict == "Sources disagree"
    assert re.search(r"\w+ reports 500-pound and 2,000-pound bombs", view.details)
    # "just a single shipment of 2,000-pound bombs" (only) and "including 2,000-pound bombs"
    assert re.search(r"\w+ reports only 2,000-pound bombs", view.details)
    assert "(English edition) reports 2,000-pound bombs, without ruling out others" in view.details


def test_which_source_uses_the_same_view(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made, question_id = one_question_quiz(
        app, make_assignment, lambda q: q.kind == "which_source" and q.group_key is None)
    with app.app_context():
        question = get_session().get(Question, question_id)
        right = question.answer["text"]
        offered = [o["text"] for o in question.options]
    page = play_to_feedback(client, join(code=made.join_code))
    assert "What other sources say about this quotation" in page
    section = page[page.index('<section class="sources"'):]
    columns = re.findall(r'<h3 class="source__outlet">([^<]+)</h3>', section)
    assert columns[0] == right
    assert set(columns) <= set(offered) and len(columns) >= 2
    assert section.count("does not carry these words") == len(columns) - 1
    assert f"Only {right} carries these words" in section


def test_an_agreement_question_shows_the_group(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made, _ = one_question_quiz(
        app, make_assignment, lambda q: q.kind == "which_source" and q.group_key is not None)
    page = play_to_feedback(client, join(code=made.join_code))
    assert "What other sources say about the bombs" in page
    assert "Sources disagree:" in page


def test_a_when_question_finds_its_event_group_by_its_evidence(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    with app.app_context():
        db = get_session()
        groups = compare.groups_of(db.scalars(select(Document)).all())
        events = [g for g in groups.values() if g.key.startswith("event:")]
        held = {(s.document, s.start) for g in events for s in g.statements}
    assert events, "the default corpus has two outlets dating one meeting"
    made, _ = one_question_quiz(
        app, make_assignment,
        lambda q: q.kind == "when" and (q.evidence_document_id, q.evidence_start) in held)
    page = play_to_feedback(client, join(code=made.join_code))
    assert "What other sources say about this event" in page
    assert re.search(r"Sources agree:</strong> .+ and .+ date this to \d{1,2} \w+ \d{4}\.", page)
    assert page.count("Dates it to") == 2


def test_a_question_outside_every_group_shows_no_comparison(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    made, _ = one_question_quiz(app, make_assignment, lambda q: q.kind == "who_said")
    page = play_to_feedback(client, join(code=made.join_code))
    assert "What other sources say" not in page


def test_groups_are_cached_per_document_set(app: Flask) -> None:
    compare.clear_cache()
    with app.app_context():
        documents = get_session().scalars(select(Document)).all()
        first = compare.groups_of(documents)
        assert compare.groups_of(list(reversed(documents))) is first
        fewer = compare.groups_of(documents[:2])
        assert fewer is not first


def test_the_stored_documents_give_the_engines_own_groups(app: Flask) -> None:
    """Re-analysing the stored text finds the very groups the bank was built with."""
    engine = questions.analyse(questions.load_documents([questions.DEFAULT_CORPUS]))
    with app.app_context():
        stored = compare.groups_of(get_session().scalars(select(Document)).all())
    assert set(stored) == {g.key for g in engine.groups}
    for group in engine.groups:
        assert stored[group.key].values_by_document == group.values_by_document


def test_no_rule_names_an_outlet_or_a_person(app: Flask) -> None:
    with app.app_context():
        outlets = {d.outlet for d in get_session().scalars(select(Document)) if d.outlet}
    engine = questions.analyse(questions.load_documents([questions.DEFAULT_CORPUS]))
    people = {p.name for p in engine.people.values() if p.name and not p.anonymous}
    for name in outlets | people:
        assert name not in COMPARE_SOURCE, name
