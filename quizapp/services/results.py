"""An assignment's results: a row per student and a row per question, with Moodle's indices.

Facility and discrimination follow Moodle's quiz statistics (docs.moodle.org/dev/
Quiz_statistics_calculations; question/classes/statistics/questions/calculator.php):

- they are computed over finished attempts only, each attempt counted on its own, and a
  question left unanswered in a finished attempt scores 0;
- facility index = 100 × the mean score on the question ÷ its maximum (1 here);
- discrimination index = 100 × the correlation between the score on the question and the
  score on the rest of the test (the attempt's total minus this question), undefined (None)
  with fewer than 2 attempts or when either score does not vary.

Share right, answers and the most common wrong answer count every response so far, finished
attempt or not, so the table fills in while a class plays.

A question answered in the assignment but no longer in its set (retired when its article was
deleted, or taken out of the set) still gets a row after the set's questions, as the answers
CSV still lists its answers; it has no position, counts in no score and has no indices.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import (
    Assignment,
    Attempt,
    Question,
    QuestionSetItem,
    QuestionStatus,
    Response,
)


@dataclass(frozen=True)
class StudentRow:
    """One attempt: who, how far, how well and how long."""

    attempt_id: int
    nickname: str
    score: float  # sum of the response scores (partial credit for timelines)
    answered: int
    total: int
    seconds: float | None  # sum of the timed answers; None when none was timed
    started: datetime
    finished: datetime | None


@dataclass(frozen=True)
class QuestionRow:
    """One question of the set (1-based position), or an answered one no longer in it."""

    position: int | None  # None: no longer in the set (see removed_because)
    question_id: int
    prompt: str
    kind: str
    answered: int
    share_right: float | None  # 0.0 to 1.0 of the responses; None before any
    facility_index: float | None  # percent
    discrimination_index: float | None  # percent, -100 to 100
    common_wrong_answer: str | None
    common_wrong_count: int
    # Why a question answered in the assignment is no longer in its set, or None if it is.
    removed_because: str | None = None
    # The question itself, to identify it (quotation, kind, source) and draw its options.
    question: Question | None = None
    # Multiple choice: how many responses chose each option (None for timelines).
    option_counts: tuple[int, ...] | None = None


ARTICLE_DELETED = "article deleted"
REMOVED_FROM_SET = "removed from the set"


@dataclass(frozen=True)
class AssignmentResults:
    """The students' and the questions' tables, and how many attempts the indices use."""

    students: list[StudentRow]
    questions: list[QuestionRow]
    analysed_attempts: int


def set_questions(session: Session, assignment: Assignment) -> list[Question]:
    """Return the assignment's questions in set order."""
    return list(session.scalars(
        select(Question)
        .join(QuestionSetItem, QuestionSetItem.question_id == Question.id)
        .where(QuestionSetItem.set_id == assignment.set_id)
        .order_by(QuestionSetItem.position)
    ))


def assignment_attempts(session: Session, assignment: Assignment) -> list[Attempt]:
    """Return the assignment's attempts in the order students joined."""
    return list(session.scalars(
        select(Attempt).where(Attempt.assignment_id == assignment.id,
                              Attempt.removed_at.is_(None))
        .order_by(Attempt.created, Attempt.id)
    ))


def assignment_responses(session: Session, assignment: Assignment) -> list[Response]:
    """Return every response given to the assignment, in the order given."""
    return list(session.scalars(
        select(Response).join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.assignment_id == assignment.id, Attempt.removed_at.is_(None))
        .order_by(Response.answered_at, Response.id)
    ))


def assignment_results(session: Session, assignment: Assignment) -> AssignmentResults:
    """Return the per-student and per-question tables of an assignment."""
    questions = set_questions(session, assignment)
    attempts = assignment_attempts(session, assignment)
    in_set = {question.id for question in questions}
    by_attempt: dict[int, dict[int, Response]] = defaultdict(dict)
    by_question: dict[int, list[Response]] = defaultdict(list)
    outside: dict[int, Question] = {}  # answered, but no longer in the set
    for response in assignment_responses(session, assignment):
        by_question[response.question_id].append(response)
        if response.question_id in in_set:
            by_attempt[response.attempt_id][response.question_id] = response
        else:
            outside.setdefault(response.question_id, response.question)
    students = sorted(
        (_student_row(attempt, by_attempt[attempt.id], len(questions)) for attempt in attempts),
        key=lambda row: (row.nickname.casefold(), row.started, row.attempt_id),
    )
    finished = [attempt for attempt in attempts if attempt.finished is not None]
    marks = [[_mark(by_attempt[a.id].get(q.id)) for q in questions] for a in finished]
    rows = [
        _question_row(position, question, by_question[question.id],
                      [row[index] for row in marks],
                      [sum(row) - row[index] for row in marks])
        for index, (position, question) in enumerate(enumerate(questions, start=1))
    ]
    rows += [_removed_row(question, by_question[question.id])
             for question in sorted(outside.values(), key=lambda q: q.id)]
    return AssignmentResults(students, rows, len(finished))


def _removed_row(question: Question, responses: list[Response]) -> QuestionRow:
    """Return the row of a question answered here but no longer in the set: no indices."""
    row = _question_row(None, question, responses, [], [])
    reason = ARTICLE_DELETED if question.status == QuestionStatus.RETIRED else REMOVED_FROM_SET
    return replace(row, removed_because=reason)


def _mark(response: Response | None) -> float:
    return response.score if response is not None else 0.0


def _student_row(attempt: Attempt, responses: dict[int, Response], total: int) -> StudentRow:
    timed = [r.time_taken for r in responses.values() if r.time_taken is not None]
    return StudentRow(
        attempt_id=attempt.id,
        nickname=attempt.nickname,
        score=sum(r.score for r in responses.values()),
        answered=len(responses),
        total=total,
        seconds=sum(timed) if timed else None,
        started=attempt.created,
        finished=attempt.finished,
    )


def _question_row(position: int | None, question: Question, responses: list[Response],
                  marks: list[float], rest: list[float]) -> QuestionRow:
    wrong, count = common_wrong_answer(question, responses)
    return QuestionRow(
        position=position,
        question_id=question.id,
        prompt=question.prompt,
        kind=question.kind,
        answered=len(responses),
        share_right=(sum(r.correct for r in responses) / len(responses)) if responses else None,
        facility_index=facility_index(marks),
        discrimination_index=discrimination_index(marks, rest),
        common_wrong_answer=wrong,
        common_wrong_count=count,
        question=question,
        option_counts=_option_counts(question, responses),
    )


def _option_counts(question: Question, responses: list[Response]) -> tuple[int, ...] | None:
    if question.answer_order is not None or question.answer_index is None:
        return None
    counts = [0] * len(question.options)
    for response in responses:
        answer = response.answer_given
        if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(counts):
            counts[answer] += 1
    return tuple(counts)


def facility_index(marks: Sequence[float], max_mark: float = 1.0) -> float | None:
    """Return Moodle's facility index: 100 × mean mark ÷ maximum mark; None without marks."""
    if not marks or not max_mark:
        return None
    return 100 * (sum(marks) / len(marks)) / max_mark


def discrimination_index(marks: Sequence[float], rest: Sequence[float]) -> float | None:
    """Return Moodle's discrimination index: 100 × r(question mark, rest-of-test mark).

    None with fewer than 2 attempts or when either mark has no variance, as in Moodle.
    """
    count = len(marks)
    if count < 2:
        return None
    mean_mark, mean_rest = sum(marks) / count, sum(rest) / count
    covariance = sum((m - mean_mark) * (r - mean_rest) for m, r in zip(marks, rest, strict=True))
    variance_mark = sum((m - mean_mark) ** 2 for m in marks)
    variance_rest = sum((r - mean_rest) ** 2 for r in rest)
    # The (n - 1) divisors of Moodle's sample (co)variances cancel out in the ratio.
    if variance_mark * variance_rest <= 1e-12:
        return None
    return 100 * covariance / math.sqrt(variance_mark * variance_rest)


def answer_text(question: Question, answer: Any) -> str | None:
    """Return what a response chose, as text: an option, or a timeline order joined by →."""
    options = question.options
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(options):
        return str(options[answer]["text"])
    if isinstance(answer, list) and all(
            isinstance(i, int) and 0 <= i < len(options) for i in answer):
        return " → ".join(str(options[i]["text"]) for i in answer)
    return None


def right_answer_text(question: Question) -> str | None:
    """Return the right answer as text: the right option, or the chronological order."""
    if question.answer_order is not None:
        return answer_text(question, list(question.answer_order))
    return answer_text(question, question.answer_index)


def common_wrong_answer(question: Question, responses: list[Response]) -> tuple[str | None, int]:
    """Return the wrong answer given most often and how often (ties: the first given)."""
    wrong = Counter(_answer_key(r.answer_given) for r in responses if not r.correct)
    wrong.pop(None, None)
    if not wrong:
        return None, 0
    key, count = wrong.most_common(1)[0]  # Counter keeps first-seen order among ties
    text = answer_text(question, list(key) if isinstance(key, tuple) else key)
    return (text, count) if text is not None else (None, 0)


def _answer_key(answer: Any) -> int | tuple[int, ...] | None:
    if isinstance(answer, int) and not isinstance(answer, bool):
        return answer
    if isinstance(answer, list) and all(isinstance(i, int) for i in answer):
        return tuple(answer)
    return None
