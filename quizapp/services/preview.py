"""A teacher's "Preview as student": the set played exactly as a student plays it.

Each set has at most one hidden preview assignment (Assignment.is_preview): the student
pages play it like any other, but no join code typed on the home page reaches it
(quizapp.services.play.join), it is listed nowhere, and its answers reach no results. Each
preview starts a fresh attempt; deleting the set deletes its previews and their answers.
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from quizapp.models import (
    Assignment,
    Attempt,
    QuestionReport,
    QuestionSet,
    Response,
    Teacher,
)
from quizapp.services.play import start_attempt

PREVIEW_NICKNAME = "Preview"


def preview_assignment(session: Session, question_set: QuestionSet, owner: Teacher) -> Assignment:
    """Return the set's preview assignment, created on first use; commit."""
    found = session.scalar(select(Assignment).where(
        Assignment.set_id == question_set.id, Assignment.is_preview.is_(True)))
    if found is not None:
        return found
    assignment = Assignment(
        owner_id=owner.id, question_set=question_set, title=question_set.title,
        # Not drawn from the join-code alphabet and never typed: the home page refuses it.
        join_code="PV" + secrets.token_hex(7).upper(), is_preview=True, settings={},
    )
    session.add(assignment)
    session.commit()
    return assignment


def start_preview(session: Session, question_set: QuestionSet, owner: Teacher) -> str:
    """Start a fresh preview attempt of the set and return its resume token."""
    assignment = preview_assignment(session, question_set, owner)
    assignment.title = question_set.title  # the set may have been renamed since
    session.commit()
    return start_attempt(session, assignment, PREVIEW_NICKNAME)


def delete_previews(session: Session, question_set: QuestionSet) -> None:
    """Delete the set's preview assignments (their attempts and answers go with them)."""
    previews = select(Assignment.id).where(
        Assignment.set_id == question_set.id, Assignment.is_preview.is_(True))
    attempts = select(Attempt.id).where(Attempt.assignment_id.in_(previews))
    # In order, children first: the same on every backend, foreign keys enforced or not.
    session.execute(update(QuestionReport).where(QuestionReport.attempt_id.in_(attempts))
                    .values(attempt_id=None))
    session.execute(delete(Response).where(Response.attempt_id.in_(attempts)))
    session.execute(delete(Attempt).where(Attempt.assignment_id.in_(previews)))
    session.execute(delete(Assignment).where(Assignment.id.in_(previews)))
