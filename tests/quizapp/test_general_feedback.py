"""A question's general feedback ("Teacher’s note") on the feedback and results pages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db import get_session
from quizapp.interop import parse_moodle_xml, question_from_interchange
from quizapp.models import Question, QuestionStatus, Teacher
from quizapp.services import review
from quizapp.services.quiz_settings import FeedbackTiming, QuizSettings
from tests.interop.conftest import MOODLE_FIXTURES
from tests.quizapp.conftest import MadeAssignment

HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> & {{ 7*7 }}'
CHOICE_NOTE = f"Think about who profits.\nSee paragraph 3.\n\n\n{HOSTILE}"
TIMELINE_NOTE = "The fares rose before the new sailing started."
WORDS = ["Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"]


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


def imported_ordering() -> Question:
    """Return qtype_ordering's own test question, imported (its items carry feedback)."""
    data = (MOODLE_FIXTURES / "testimport.moodle.xml").read_bytes()
    (question,) = parse_moodle_xml(data).questions
    return question_from_interchange(question, Teacher(email="importer@example.org"),
                                     "import.moodle_xml")


def test_an_imported_orderings_item_feedback_replaces_the_unknown_date(
        client: FlaskClient, join: Callable[..., str],
        make_assignment: Callable[..., MadeAssignment]) -> None:
    made = make_assignment(kinds=(), questions=[imported_ordering()])
    token = join(code=made.join_code)
    order = re.search(r'name="order" value="([0-9,]+)"',
                      client.get(f"/play/{token}/q/1").get_data(as_text=True)).group(1)
    submitted = client.post(f"/play/{token}/q/1", data={"order": order, "action": "submit"})
    page = client.get(submitted.location).get_data(as_text=True)
    assert "pairs in order" in page
    cards = re.findall(r'<li class="timeline-feedback__item.*?</li>', page, re.S)
    assert len(cards) == len(WORDS)
    for word, card in zip(WORDS, cards, strict=True):
        assert f'<p class="timeline-feedback__text">{word}</p>' in card
        assert f'<p class="timeline-feedback__note">{word} is correct.</p>' in card
        assert "Date not known" not in card and "Event date" not in card
    # The question's general feedback is the teacher's note.
    assert "Modular Object Oriented Dynamic Learning Environment" in note_section(page)
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    right_order = re.search(r'<ol class="review-order">(?:(?!</ol>).)*'
                            r"Modular is correct.*?</ol>", results, re.S).group(0)
    assert [f"{word} – {word} is correct." for word in WORDS] == re.findall(
        r"<li>(.*?)</li>", right_order)


def test_a_card_without_date_or_feedback_still_says_the_date_is_not_known(
        client: FlaskClient, join: Callable[..., str],
        make_assignment: Callable[..., MadeAssignment]) -> None:
    made = make_assignment(kinds=(), questions=[timeline_question(None)])
    token = join(code=made.join_code)
    submitted = client.post(f"/play/{token}/q/1", data={"order": "2,1,0", "action": "submit"})
    page = client.get(submitted.location).get_data(as_text=True)
    assert page.count("Date not known") == 3
    assert "timeline-feedback__note" not in page


def test_a_note_edited_after_students_answered_shows_at_once(
        app: Flask, client: FlaskClient, join: Callable[..., str],
        make_assignment: Callable[..., MadeAssignment]) -> None:
    made = make_assignment(kinds=(), questions=[choice_question("First wording.")])
    token = join(code=made.join_code)
    answered = client.post(f"/play/{token}/q/1", data={"choice": "0"})
    assert "<p>First wording.</p>" in note_section(
        client.get(answered.location).get_data(as_text=True))
    with app.app_context():
        session = get_session()
        question = session.get(Question, made.question_ids[0])
        review.edit(session, question, prompt=question.prompt, quote=None,
                    option_texts=[o["text"] for o in question.options], correct=None,
                    feedback="Second wording.")
    page = client.get(answered.location).get_data(as_text=True)
    assert "<p>Second wording.</p>" in note_section(page) and "First wording" not in page
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "<p>Second wording.</p>" in note_section(results)


def test_events_without_any_date_stay_off_the_results_timeline(
        client: FlaskClient, join: Callable[..., str],
        make_assignment: Callable[..., MadeAssignment]) -> None:
    """The results' timeline lists dated events; an undated ordering item is not one."""
    made = make_assignment(kinds=(), questions=[timeline_question(None)])
    token = join(code=made.join_code)
    client.post(f"/play/{token}/q/1", data={"order": "0,1,2", "action": "submit"})
    results = client.get(f"/play/{token}/results").get_data(as_text=True)
    assert "Fares announced" in results  # the review still shows the question's cards
    assert "Timeline of the events in this quiz" not in results
    assert 'class="event-timeline' not in results
