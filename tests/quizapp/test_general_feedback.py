"""A question's general feedback ("Teacher’s note") on the feedback and results pages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from quizapp.models import Question, QuestionStatus
from quizapp.services.quiz_settings import FeedbackTiming, QuizSettings
from tests.quizapp.conftest import MadeAssignment

HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> & {{ 7*7 }}'
CHOICE_NOTE = f"Think about who profits.\nSee paragraph 3.\n\n\n{HOSTILE}"
TIMELINE_NOTE = "The fares rose before the new sailing started."


def option(text: str) -> dict[str, object]:
    return {"text": text, "detail": None, "value": None, "evidence": None, "feedback": ""}


def choice_question(feedback: str | None) -> Question:
    return Question(
        kind="multiple_choice", prompt="Which island has the ferry?", quote=None,
        options=[option("Garrow"), option("Ellin"), option("Marsh")], answer_index=0,
        answer_order=None, generator="test", seed=None, key="test:choice",
        status=QuestionStatus.AUTHORED, feedback=feedback)


def timeline_question(feedback: str | None) -> Question:
    return Question(
        kind="timeline", prompt="Put these in order.", quote=None,
        options=[option("Fares announced"), option("Fares rise"), option("Late sailing")],
        answer_index=None, answer_order=[0, 1, 2], generator="test", seed=None,
        key="test:timeline", status=QuestionStatus.AUTHORED, feedback=feedback)


@pytest.fixture
def noted(make_assignment: Callable[..., MadeAssignment]) -> MadeAssignment:
    """An assignment of two questions of its own, each with a teacher's note."""
    return make_assignment(kinds=(), questions=[choice_question(CHOICE_NOTE),
                                                timeline_question(TIMELINE_NOTE)])


def note_section(page: str) -> str:
    """Return the one "Teacher’s note" section of a page."""
    found = re.findall(r'<section class="teacher-note".*?</section>', page, re.S)
    assert len(found) == 1, page
    return found[0]


def assert_escaped(section: str) -> None:
    assert "<script" not in section and "<img" not in section
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in section
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; {{ 7*7 }}" in section
    assert "49" not in section  # not rendered as a template either


def test_a_choice_questions_note_shows_after_answering_escaped_as_paragraphs(
        client: FlaskClient, join: Callable[..., str], noted: MadeAssignment) -> None:
    token = join(code=noted.join_code)
    question = client.get(f"/play/{token}/q/1").get_data(as_text=True)
    assert "Teacher’s note" not in question and "Think about who profits" not in question
    answered = client.post(f"/play/{token}/q/1", data={"choice": "1"})
    page = client.get(answered.location).get_data(as_text=True)
    assert "Incorrect" in page
    section = note_section(page)
    assert '<h2 id="teacher-note-heading">Teacher’s note</h2>' in section
    assert 'aria-labelledby="teacher-note-heading"' in section
    # One newline is a line break, a blank line (or more) a new paragraph.
    assert "<p>Think about who profits.<br>See paragraph 3.</p>" in section
    assert section.count("<p>") == 2
    assert_escaped(section)
    assert "style=" not in section
    # The note comes with the verdict, before the evidence.
    assert page.index("teacher-note") < page.index("Where the answer comes from")


def test_a_timelines_note_shows_on_its_feedback_page(
        client: FlaskClient, join: Callable[..., str], noted: MadeAssignment) -> None:
    token = join(code=noted.join_code)
    client.post(f"/play/{token}/q/1", data={"choice": "0"})
    order = re.search(r'name="order" value="([0-9,]+)"',
                      client.get(f"/play/{token}/q/2").get_data(as_text=True)).group(1)
    submitted = client.post(f"/play/{token}/q/2", data={"order": order, "action": "submit"})
    page = client.get(submitted.location).get_data(as_text=True)
    assert "pairs in order" in page
    section = note_section(page)
    assert f"<p>{TIMELINE_NOTE}</p>" in section
    assert page.index("teacher-note") < page.index("The events in the order they happened")


@pytest.mark.parametrize("timing", [FeedbackTiming.EACH, FeedbackTiming.END])
def test_the_results_review_shows_each_note_under_its_question(
        client: FlaskClient, join: Callable[..., str],
        make_assignment: Callable[..., MadeAssignment], timing: FeedbackTiming) -> None:
    made = make_assignment(QuizSettings(feedback=timing), kinds=(),
                           questions=[choice_question(CHOICE_NOTE),
                                      timeline_question(TIMELINE_NOTE)])
    token = join(code=made.join_code)
    client.post(f"/play/{token}/q/1", data={"choice": "0"})
    client.post(f"/play/{token}/q/2", data={"order": "2,1,0", "action": "submit"})
    page = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "Your results" in page
    sections = re.findall(r'<section class="teacher-note".*?</section>', page, re.S)
    assert len(sections) == 2
    choice, timeline = sections
    assert '<h4 id="note-1-heading">Teacher’s note</h4>' in choice
    assert "<p>Think about who profits.<br>See paragraph 3.</p>" in choice
    assert_escaped(choice)
    assert '<h4 id="note-2-heading">Teacher’s note</h4>' in timeline
    assert f"<p>{TIMELINE_NOTE}</p>" in timeline


def test_a_question_without_a_note_shows_no_note(
        client: FlaskClient, join: Callable[..., str],
        make_assignment: Callable[..., MadeAssignment]) -> None:
    made = make_assignment(kinds=(), questions=[choice_question(None)])
    token = join(code=made.join_code)
    answered = client.post(f"/play/{token}/q/1", data={"choice": "0"})
    page = client.get(answered.location).get_data(as_text=True)
    assert "Correct" in page
    assert "teacher-note" not in page and "Teacher’s note" not in page
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "teacher-note" not in results
