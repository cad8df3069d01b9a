"""Build assignments with attempts and responses through the models, in the test's database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from quizapp.models import (
    Assignment,
    Attempt,
    Question,
    QuestionSet,
    QuestionSetItem,
    QuestionStatus,
    Response,
    Teacher,
)
from quizapp.services.timeline import score_timeline

START = datetime(2024, 6, 18, 9, 0, tzinfo=UTC)


def choice_question(owner: Teacher, prompt: str, texts: list[str], right: int) -> Question:
    """Return a hand-written multiple-choice question without evidence."""
    return Question(
        owner=owner, kind="multiple_choice", prompt=prompt,
        options=[{"text": t, "detail": None, "value": None, "evidence": None} for t in texts],
        answer_index=right, generator="test", key=f"test:{prompt}",
        status=QuestionStatus.AUTHORED,
    )


def timeline_question(owner: Teacher, prompt: str, cards: list[str]) -> Question:
    """Return a timeline whose cards are stored in chronological order."""
    return Question(
        owner=owner, kind="timeline", prompt=prompt,
        options=[{"text": t, "detail": None, "value": None, "evidence": None} for t in cards],
        answer_order=list(range(len(cards))), generator="test", key=f"test:{prompt}",
        status=QuestionStatus.AUTHORED,
    )


@dataclass
class ClassRun:
    """An assignment being played: add students and their answers in time order."""

    session: Session
    assignment: Assignment
    questions: list[Question]
    clock: datetime = START
    attempts: dict[str, Attempt] = field(default_factory=dict)

    def join(self, nickname: str) -> Attempt:
        self.clock += timedelta(minutes=1)
        attempt = Attempt(assignment=self.assignment, nickname=nickname,
                          resume_token=f"token-{len(self.attempts):04d}-{'x' * 20}",
                          created=self.clock)
        self.session.add(attempt)
        self.attempts[nickname] = attempt
        return attempt

    def answer(self, nickname: str, position: int, answer: Any,
               seconds: float | None = 10.0) -> Response:
        """Record an answer, scored as the student pages score it."""
        question = self.questions[position - 1]
        if question.kind == "timeline":
            correct, score = score_timeline(question, answer)
        else:
            correct = answer == question.answer_index
            score = 1.0 if correct else 0.0
        self.clock += timedelta(seconds=30)
        response = Response(attempt=self.attempts[nickname], question=question,
                            answer_given=answer, correct=correct, score=score,
                            answered_at=self.clock, time_taken=seconds)
        self.session.add(response)
        return response

    def finish(self, nickname: str) -> None:
        self.attempts[nickname].finished = self.clock

    def commit(self) -> None:
        self.session.commit()


def class_run(session: Session, questions: list[Question], title: str = "Class 7B",
              code: str = "RES7B2") -> ClassRun:
    """Return a fresh assignment of these questions, owned by a new teacher."""
    teacher = Teacher(email=f"{code.lower()}@example.org")
    question_set = QuestionSet(owner=teacher, title=title, items=[
        QuestionSetItem(question=q, position=i) for i, q in enumerate(questions)])
    assignment = Assignment(owner=teacher, question_set=question_set, title=title,
                            join_code=code)
    session.add(assignment)
    session.flush()
    return ClassRun(session, assignment, questions)

