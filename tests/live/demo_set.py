"""A live session's set: the demo's first who_said, timeline and when, as a teacher's own."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Assignment, QuestionSet, QuestionSetItem

KINDS = ("who_said", "timeline", "when")


def make_demo_set(app: Flask, teacher_id: int, title: str) -> int:
    """Return the id of a new set of the teacher's holding one demo question of each kind."""
    with app.app_context():
        db = get_session()
        demo = db.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
        pool = demo.question_set.questions
        chosen = [next(q for q in pool if q.kind == kind) for kind in KINDS]
        question_set = QuestionSet(
            owner_id=teacher_id, title=title,
            items=[QuestionSetItem(question=q, position=i) for i, q in enumerate(chosen)])
        db.add(question_set)
        db.commit()
        return question_set.id
