"""Question sets: a teacher's ordered selections of questions, built before publishing."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.models import (
    USABLE_STATUSES,
    Assignment,
    Question,
    QuestionSet,
    QuestionSetItem,
    Teacher,
)
from quizapp.services.preview import delete_previews

TITLE_MAX_LENGTH = 200


class SetError(Exception):
    """A set change that cannot be made; the message says why."""


def teacher_sets(session: Session, owner: Teacher) -> list[QuestionSet]:
    """Return the teacher's sets, newest first, with their items loaded."""
    return list(session.scalars(
        select(QuestionSet).where(QuestionSet.owner_id == owner.id)
        .options(selectinload(QuestionSet.items))
        .order_by(QuestionSet.created.desc(), QuestionSet.id.desc())
    ))


def create_set(session: Session, owner: Teacher, title: str) -> QuestionSet:
    """Create an empty set and commit."""
    question_set = QuestionSet(owner=owner, title=title.strip())
    session.add(question_set)
    session.commit()
    return question_set


def rename_set(session: Session, question_set: QuestionSet, title: str) -> None:
    """Give a set a new title and commit."""
    question_set.title = title.strip()
    session.commit()


def usable_questions(session: Session, owner: Teacher, question_set: QuestionSet
                     ) -> list[Question]:
    """Return the teacher's accepted, edited and authored questions not yet in the set.

    Every kind: the set page lists the kinds there are, then filters by the one chosen.
    """
    present = {item.question_id for item in question_set.items}
    query = select(Question).where(
        Question.owner_id == owner.id, Question.status.in_(USABLE_STATUSES)
    )
    found = session.scalars(query.order_by(Question.kind, Question.id))
    return [q for q in found if q.id not in present]


def add_questions(session: Session, question_set: QuestionSet,
                  chosen: Iterable[Question]) -> int:
    """Append questions to the end of a set, skipping any already in it; commit.

    Only the set owner's accepted, edited or authored questions may go in.
    """
    present = {item.question_id for item in question_set.items}
    position = max((item.position for item in question_set.items), default=-1) + 1
    added = 0
    for question in chosen:
        if question.owner_id != question_set.owner_id or question.status not in USABLE_STATUSES:
            raise SetError("Only your accepted, edited or written questions can go in a set.")
        if question.id in present:
            continue
        question_set.items.append(QuestionSetItem(question=question, position=position))
        present.add(question.id)
        position += 1
        added += 1
    session.commit()
    return added


def find_item(question_set: QuestionSet, item_id: int) -> QuestionSetItem | None:
    """Return the set's item with this id, or None."""
    return next((item for item in question_set.items if item.id == item_id), None)


def move_item(session: Session, question_set: QuestionSet, item: QuestionSetItem,
              step: int) -> bool:
    """Swap an item with its neighbour above (-1) or below (+1); False at either end."""
    items = list(question_set.items)
    at = items.index(item)
    target = at + step
    if not 0 <= target < len(items):
        return False
    other = items[target]
    # Positions are unique per set, so go through a free one (checked row by row).
    first, second = item.position, other.position
    item.position = -1
    session.flush()
    other.position = first
    session.flush()
    item.position = second
    session.commit()
    session.expire(question_set, ["items"])
    return True


def remove_item(session: Session, question_set: QuestionSet, item: QuestionSetItem) -> None:
    """Take a question out of the set (it stays in the bank) and commit."""
    question_set.items.remove(item)
    session.flush()
    renumber(session, question_set)
    session.commit()


def renumber(session: Session, question_set: QuestionSet) -> None:
    """Number the set's items 0, 1, 2 ... in their current order, without gaps; no commit."""
    items = sorted(question_set.items, key=lambda item: item.position)
    if [item.position for item in items] == list(range(len(items))):
        return
    for i, item in enumerate(items):  # first out of the way: positions are unique
        item.position = -1 - i
    session.flush()
    for i, item in enumerate(items):
        item.position = i
    session.flush()
    session.expire(question_set, ["items"])


def set_assignments(session: Session, question_set: QuestionSet) -> list[Assignment]:
    """Return the assignments published from a set, newest first."""
    return list(session.scalars(
        select(Assignment).where(Assignment.set_id == question_set.id,
                                 Assignment.is_preview.is_(False))
        .order_by(Assignment.created.desc(), Assignment.id.desc())
    ))


def delete_set(session: Session, question_set: QuestionSet) -> None:
    """Delete a set that was never published; its questions stay in the bank."""
    if set_assignments(session, question_set):
        raise SetError(
            "This set has been published, so its results depend on it. Close its "
            "assignments instead of deleting the set."
        )
    delete_previews(session, question_set)
    session.delete(question_set)
    session.commit()
