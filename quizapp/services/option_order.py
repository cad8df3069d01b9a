"""The order in which one attempt sees a multiple-choice question's options.

Options keep their stored order in the question row; an attempt shows them in an order
seeded by its resume token and the question's id (Moodle's "shuffle within questions"), so
a reload shows the same order and two students see different ones. What the page sends
back, what is stored and what is scored is the option's stored index (its identity in the
row), never its shown position: a teacher who switches shuffling off or on while a class
plays cannot turn a student's chosen option into another one.
"""

from __future__ import annotations

import hashlib

from random2 import Random

from quizapp.models import Question


def shuffled_indexes(token: str, question_id: int, size: int) -> list[int]:
    """Return the stored option indexes in this attempt's seeded order for one question."""
    # A prefix unlike the question order's ("questions:") and the timeline's first order
    # ("token:id"), so the three shuffles of one attempt are not the same permutation.
    digest = hashlib.sha256(f"options:{token}:{question_id}".encode()).digest()
    order = list(range(size))
    Random(int.from_bytes(digest[:8], "big")).shuffle(order)
    return order


def option_order(token: str, question: Question, shuffle: bool) -> list[int]:
    """Return the stored indexes of a question's options in the order this attempt shows them.

    Timelines are left in stored order here: their cards have their own first order
    (quizapp.services.timeline.first_order).
    """
    size = len(question.options)
    if not shuffle or question.kind == "timeline":
        return list(range(size))
    return shuffled_indexes(token, question.id, size)
