"""One assignment's students: each student's answers, attempt numbers, shown positions, removal.

A removed attempt (a test or a junk run) keeps its row with who removed it and when, so the
removal is on record, but results, charts and both CSVs leave it out
(quizapp.services.results reads only attempts that are not removed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.models import Assignment, Attempt, Question, Response, Teacher, utcnow
from quizapp.services.play import shuffled
from quizapp.services.quiz_settings import QuizSettings
from quizapp.services.results import answer_text, right_answer_text, set_questions


class RosterError(Exception):
    """A roster action that cannot be done; the message says why."""


@dataclass(frozen=True)
class StudentAnswer:
    """One question of an attempt as the teacher's drill-down shows it."""

    shown_position: int | None  # where the student saw it; None: no longer in the set
    question: Question
    response: Response | None  # None: not answered
    given: str | None
    right: str | None


@dataclass(frozen=True)
class StudentPage:
    """An attempt, its number among the nickname's attempts and every answer."""

    attempt: Attempt
    attempt_number: int
    answers: list[StudentAnswer]

    @property
    def score(self) -> float:
        return sum(a.response.score for a in self.answers if a.response is not None)


def shown_order(
    assignment: Assignment, attempt: Attempt, questions: list[Question]
) -> list[Question]:
    """Return the questions in the order this attempt was shown them (play.progress's order)."""
    if QuizSettings.from_json(assignment.settings).shuffle:
        return shuffled(list(questions), attempt.resume_token)
    return list(questions)


def shown_positions(
    assignment: Assignment, attempt: Attempt, questions: list[Question]
) -> dict[int, int]:
    """Return question id → 1-based position as the attempt saw it."""
    order = shown_order(assignment, attempt, questions)
    return {question.id: position for position, question in enumerate(order, start=1)}


def attempt_numbers(attempts: Iterable[Attempt]) -> dict[int, int]:
    """Return attempt id → 1, 2, ... counted per nickname (case-insensitive) in join order."""
    seen: dict[str, int] = defaultdict(int)
    numbers = {}
    for attempt in sorted(attempts, key=lambda a: (a.created, a.id)):
        key = attempt.nickname.lower()
        seen[key] += 1
        numbers[attempt.id] = seen[key]
    return numbers


def live_attempt(session: Session, assignment: Assignment, attempt_id: int) -> Attempt | None:
    """Return an attempt of this assignment that is not removed, or None."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.assignment_id != assignment.id or attempt.removed_at:
        return None
    return attempt


def student_page(session: Session, assignment: Assignment, attempt: Attempt) -> StudentPage:
    """Return every question of the attempt in the order shown, with the student's answers."""
    questions = set_questions(session, assignment)
    responses = {r.question_id: r for r in session.scalars(
        select(Response).where(Response.attempt_id == attempt.id)
        .options(selectinload(Response.question)))}
    answers = []
    for position, question in enumerate(shown_order(assignment, attempt, questions), start=1):
        answers.append(_answer(position, question, responses.pop(question.id, None)))
    # Answers to questions that have left the set since still show, at the end.
    left = sorted(responses.values(), key=lambda r: r.id)
    answers += [_answer(None, response.question, response) for response in left]
    siblings = session.scalars(select(Attempt).where(
        Attempt.assignment_id == assignment.id, Attempt.removed_at.is_(None)))
    return StudentPage(attempt, attempt_numbers(siblings).get(attempt.id, 1), answers)


def _answer(position: int | None, question: Question, response: Response | None) -> StudentAnswer:
    given = answer_text(question, response.answer_given) if response is not None else None
    return StudentAnswer(position, question, response, given, right_answer_text(question))


def remove_attempt(session: Session, attempt: Attempt, by: Teacher) -> None:
    """Record that a teacher removed an attempt; from now on it counts nowhere; commit."""
    if attempt.removed_at is not None:
        raise RosterError("This attempt was already removed.")
    attempt.removed_at = utcnow()
    attempt.removed_by_id = by.id
    session.commit()


def removed_attempts(session: Session, assignment: Assignment) -> list[Attempt]:
    """Return the assignment's removed attempts, most recently removed first (the record)."""
    return list(session.scalars(
        select(Attempt).where(Attempt.assignment_id == assignment.id,
                              Attempt.removed_at.is_not(None))
        .order_by(Attempt.removed_at.desc(), Attempt.id.desc())))
