"""A `when` question names its article's outlet and publication day; feedback says how."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Assignment, Document, Question, QuestionStatus
from quizapp.services.article_context import article_line, date_explanation
from quizapp.services.quiz_settings import QuizSettings
from tests.quizapp.conftest import MadeAssignment

_CONTEXT = re.compile(r'<p class="article-context" id="article-context">([^<]*)</p>')


def first_page(client: FlaskClient, join: Callable[..., str], code: str) -> tuple[str, str]:
    token = join(code=code)
    page = client.get(f"/play/{token}/q/1")
    assert page.status_code == 200
    return token, unescape(page.get_data(as_text=True))


def demo_question(app: Flask, kind: str, nth: int = 0) -> Question:
    """Return the demo set's nth question of a kind, with its article loaded."""
    with app.app_context():
        demo = get_session().scalars(select(Assignment).where(Assignment.join_code == "DEMO"))
        found = [q for q in demo.one().question_set.questions if q.kind == kind][nth]
        assert found.evidence_document is not None
        found.evidence_document.text  # noqa: B018 - loaded before the session closes
        return found


def test_a_when_question_names_the_outlet_and_the_publication_day(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    question = demo_question(app, "when")
    document = question.evidence_document
    assert document is not None and document.published is not None
    made = make_assignment(kinds=("when",))
    _, page = first_page(client, join, made.join_code)
    line = _CONTEXT.search(page)
    assert line, page
    published = document.published
    assert line.group(1) == (f"From {document.outlet}, published {published.day} "
                             f"{published:%B %Y} (a {published:%A})")
    # Screen readers hear it with the question: the radio group is described by it.
    described = re.search(r'<fieldset class="question" aria-describedby="([^"]+)"', page)
    assert described and "article-context" in described.group(1).split()


def test_a_quantity_question_names_its_article_too(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    document = demo_question(app, "quantity").evidence_document
    assert document is not None
    _, page = first_page(client, join, make_assignment(kinds=("quantity",)).join_code)
    line = _CONTEXT.search(page)
    assert line and line.group(1).startswith(f"From {document.outlet}, published ")


@pytest.mark.parametrize("kind", ["who_said", "said_what", "which_source"])
def test_other_kinds_do_not_name_the_article(
    client: FlaskClient, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment], kind: str,
) -> None:
    # which_source asks for the outlet: naming it would give the answer away.
    _, page = first_page(client, join, make_assignment(kinds=(kind,)).join_code)
    assert 'class="article-context"' not in page


def _when_question(published: date | None, approximate: bool = False,
                   detail: str | None = None) -> Question:
    text = "The minister said on Thursday that the shipment would be paused."
    start = text.index("on Thursday")
    document = Document(id="doc-x", text=text, outlet="Coastline Herald", title="Shipment",
                        published=published, approximate=approximate)
    evidence = {"document": "doc-x", "paragraph": 0, "start": start, "end": start + 11}
    return Question(kind="when", prompt="When did this happen?", evidence_document=document,
                    options=[{"text": "20 June 2024", "detail": detail, "evidence": evidence},
                             {"text": "18 June 2024", "detail": None, "evidence": None}],
                    answer_index=0)


@pytest.mark.parametrize("published, approximate, line, explanation", [
    (date(2024, 6, 19), False,
     "From Coastline Herald, published 19 June 2024 (a Wednesday)",
     "‘on Thursday’ in an article published Wednesday 19 June 2024 → 20 June 2024"),
    (date(2024, 6, 19), True,
     "From Coastline Herald, published about 19 June 2024 (a Wednesday)",
     "‘on Thursday’ in an article published about Wednesday 19 June 2024 → 20 June 2024"),
    (None, False,
     "From Coastline Herald; its publication date is not known.",
     "‘on Thursday’ → 20 June 2024"),
])
def test_the_line_and_the_explanation_follow_what_is_known_of_the_article(
    published: date | None, approximate: bool, line: str, explanation: str,
) -> None:
    question = _when_question(published, approximate)
    assert article_line(question) == line
    assert date_explanation(question) == explanation


def test_the_engines_own_explanation_comes_first() -> None:
    said = "‘on Thursday’, the day after the article’s date (Wednesday 19 June 2024)"
    assert date_explanation(_when_question(date(2024, 6, 19), detail=said)) == said


def test_no_explanation_without_a_source_or_for_other_kinds() -> None:
    written = Question(kind="when", prompt="When?", options=[{"text": "May 2024"}],
                       answer_index=0)
    assert article_line(written) is None and date_explanation(written) is None
    question = _when_question(date(2024, 6, 19))
    question.kind = "quantity"
    assert date_explanation(question) is None


def test_the_demo_when_question_explains_the_issues_example(app: Flask) -> None:
    # The demo's "planned" question: "on Thursday" in NewsInterpretation of Wednesday 19 June,
    # a date the corpus manifest marks approximate (not printed in the text).
    question = next(q for q in (demo_question(app, "when", n) for n in range(2))
                    if "on Thursday" in (date_explanation(q) or ""))
    assert date_explanation(question) == (
        "‘on Thursday’ in an article published about Wednesday 19 June 2024 → 20 June 2024")
    assert article_line(question) == (
        "From NewsInterpretation, published about 19 June 2024 (a Wednesday)")


def test_the_feedback_shows_how_the_date_was_found(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    question = demo_question(app, "when")
    made = make_assignment(kinds=("when",))
    token, _ = first_page(client, join, made.join_code)
    client.post(f"/play/{token}/q/1", data={"choice": str(question.answer_index)})
    page = unescape(client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True))
    expected = date_explanation(question)
    assert expected and expected.endswith(f"→ {question.answer['text']}")
    assert f'<p class="date-explanation">How the date was found: {expected}</p>' in page


def test_the_feedback_shows_the_engines_detail_for_a_when_question(
    client: FlaskClient, app: Flask, join: Callable[..., str],
    make_assignment: Callable[..., MadeAssignment],
) -> None:
    demo = demo_question(app, "when")
    options = copy.deepcopy(demo.options)
    detail = "‘on Monday’ in an article published Monday 24 June 2024: the same day"
    options[demo.answer_index]["detail"] = detail
    mine = Question(
        kind="when", prompt=demo.prompt, quote=demo.quote, options=options,
        answer_index=demo.answer_index, evidence_document_id=demo.evidence_document_id,
        evidence_paragraph=demo.evidence_paragraph, evidence_start=demo.evidence_start,
        evidence_end=demo.evidence_end, generator="test", key="test:when-detail",
        status=QuestionStatus.ACCEPTED)
    made = make_assignment(QuizSettings(), kinds=(), questions=[mine])
    token, _ = first_page(client, join, made.join_code)
    client.post(f"/play/{token}/q/1", data={"choice": str(demo.answer_index)})
    page = unescape(client.get(f"/play/{token}/q/1/feedback").get_data(as_text=True))
    assert f"How the date was found: {detail}</p>" in page
    assert page.count(detail) == 1, "said once, not again beside the right answer"
