"""Per-student and per-question results, the indices checked against hand computations.

The class (finished attempts; Q3 is a 5-card timeline scored by pairs in order):

    student  Q1  Q2  Q3    total
    ana       1   1  1.0   3.0
    Ben       1   0  0.5   1.5
    cleo      0   1  1.0   2.0
    dan       0   0  0.0   0.0
    eve       1   0   -    (not finished: left out of facility and discrimination)

Rest-of-test marks (total minus the question) and the correlations, by hand:

    Q1 marks 1 1 0 0, rest 2 0.5 2 0: means .5 and 1.125; cross products sum .25;
       squares sum 1 and 3.1875; D = 100 × .25 / √3.1875 = 14.0028 %
    Q2 marks 1 0 1 0, rest 2 1.5 1 0: cross .75; squares 1 and 2.1875; D = 50.7093 %
    Q3 marks 1 .5 1 0, rest 2 1 1 0: means .625 and 1; cross 1; squares .6875 and 2;
       D = 100 / √1.375 = 85.2803 %
    Facility: Q1 50 %, Q2 50 %, Q3 62.5 %.
"""

from __future__ import annotations

import math

import pytest

from quizapp.db import get_session
from quizapp.models import Teacher
from quizapp.services.results import (
    assignment_results,
    discrimination_index,
    facility_index,
)
from quizapp.services.retire import retire
from quizapp.services.sets import renumber
from tests.results.builders import choice_question, class_run, timeline_question

CARDS = ["first", "second", "third", "fourth", "fifth"]
HALF_RIGHT = [2, 4, 0, 1, 3]  # 5 of the 10 pairs in order


def play_class(session):
    owner = Teacher(email="author@example.org")
    questions = [
        choice_question(owner, "Who said it?", ["Ann", "Bob", "Cy", "Di"], right=0),
        choice_question(owner, "When?", ["Monday", "Tuesday", "Friday"], right=1),
        timeline_question(owner, "Put them in order.", CARDS),
    ]
    run = class_run(session, questions)
    answers = {
        "ana": [0, 1, [0, 1, 2, 3, 4]],
        "Ben": [0, 2, HALF_RIGHT],
        "cleo": [2, 1, [0, 1, 2, 3, 4]],
        "dan": [2, 0, [4, 3, 2, 1, 0]],
    }
    for nickname, given in answers.items():
        run.join(nickname)
        for position, answer in enumerate(given, start=1):
            run.answer(nickname, position, answer, seconds=10.0 * position)
        run.finish(nickname)
    run.join("eve")
    run.answer("eve", 1, 0, seconds=None)
    run.answer("eve", 2, 0, seconds=4.5)
    run.commit()
    return run


def test_student_rows(app):
    with app.app_context():
        session = get_session()
        run = play_class(session)
        results = assignment_results(session, run.assignment)
        rows = [(r.nickname, r.score, r.answered, r.total, r.seconds, r.finished is not None)
                for r in results.students]
        assert rows == [
            ("ana", 3.0, 3, 3, 60.0, True),
            ("Ben", 1.5, 3, 3, 60.0, True),
            ("cleo", 2.0, 3, 3, 60.0, True),
            ("dan", 0.0, 3, 3, 60.0, True),
            ("eve", 1.0, 2, 3, 4.5, False),
        ]
        assert results.analysed_attempts == 4


def test_question_rows_follow_moodles_definitions(app):
    with app.app_context():
        session = get_session()
        run = play_class(session)
        q1, q2, q3 = assignment_results(session, run.assignment).questions
        assert [(q.position, q.prompt, q.kind, q.answered) for q in (q1, q2, q3)] == [
            (1, "Who said it?", "multiple_choice", 5),
            (2, "When?", "multiple_choice", 5),
            (3, "Put them in order.", "timeline", 4),
        ]
        # Every response counts here, eve's unfinished attempt included.
        assert [q1.share_right, q2.share_right, q3.share_right] == [0.6, 0.4, 0.5]
        assert [q1.facility_index, q2.facility_index, q3.facility_index] == [50.0, 50.0, 62.5]
        assert q1.discrimination_index == pytest.approx(100 * 0.25 / math.sqrt(3.1875))
        assert q1.discrimination_index == pytest.approx(14.0028, abs=1e-4)
        assert q2.discrimination_index == pytest.approx(50.7093, abs=1e-4)
        assert q3.discrimination_index == pytest.approx(85.2803, abs=1e-4)


def test_most_common_wrong_answers(app):
    with app.app_context():
        session = get_session()
        run = play_class(session)
        q1, q2, q3 = assignment_results(session, run.assignment).questions
        assert (q1.common_wrong_answer, q1.common_wrong_count) == ("Cy", 2)
        # Q2: Friday once (Ben), Monday twice (dan, eve).
        assert (q2.common_wrong_answer, q2.common_wrong_count) == ("Monday", 2)
        # Q3: two wrong orders once each; the first one given wins the tie.
        assert q3.common_wrong_answer == "third → fifth → first → second → fourth"
        assert q3.common_wrong_count == 1


def test_before_anyone_answers(app):
    with app.app_context():
        session = get_session()
        owner = Teacher(email="empty@example.org")
        run = class_run(session, [choice_question(owner, "Q?", ["a", "b"], right=0)],
                        code="EMPTY2")
        run.join("first")
        run.commit()
        (student,) = assignment_results(session, run.assignment).students
        assert (student.score, student.answered, student.seconds, student.finished) == (
            0.0, 0, None, None)
        (question,) = assignment_results(session, run.assignment).questions
        assert (question.answered, question.share_right, question.facility_index,
                question.discrimination_index, question.common_wrong_answer) == (
            0, None, None, None, None)


def test_one_finished_attempt_has_facility_but_no_discrimination(app):
    with app.app_context():
        session = get_session()
        owner = Teacher(email="one@example.org")
        run = class_run(session, [choice_question(owner, "A?", ["a", "b"], right=0),
                                  choice_question(owner, "B?", ["a", "b"], right=0)],
                        code="ONEATT")
        run.join("solo")
        run.answer("solo", 1, 0)
        run.finish("solo")  # finished without answering B: it scores 0, as in Moodle
        run.commit()
        a, b = assignment_results(session, run.assignment).questions
        assert (a.facility_index, b.facility_index) == (100.0, 0.0)
        assert (a.discrimination_index, b.discrimination_index) == (None, None)


@pytest.mark.parametrize("marks, rest, expected", [
    ([1, 1, 1], [0, 1, 2], None),  # everyone right: no variance in the question
    ([1, 0, 1], [2, 2, 2], None),  # no variance in the rest of the test
    ([1, 0], [2, 1], 100.0),
    ([1, 0], [1, 2], -100.0),
    ([0.5], [1.0], None),
])
def test_discrimination_edge_cases(marks, rest, expected):
    result = discrimination_index(marks, rest)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_facility_is_the_mean_mark_in_percent():
    assert facility_index([1, 0.5, 0, 0.5]) == 50.0
    assert facility_index([]) is None


def test_answered_questions_no_longer_in_the_set_get_marked_rows_after_it(app):
    with app.app_context():
        session = get_session()
        run = play_class(session)
        q1, _, q3 = run.questions
        retire(q1)  # its article was deleted
        items = run.assignment.question_set.items
        for item in [i for i in items if i.question_id in (q1.id, q3.id)]:
            items.remove(item)  # q3: taken out of the set by the teacher
        session.flush()
        renumber(session, run.assignment.question_set)
        session.commit()
        results = assignment_results(session, run.assignment)
        rows = [(r.position, r.prompt, r.answered, r.share_right, r.facility_index,
                 r.discrimination_index, r.common_wrong_answer, r.removed_because)
                for r in results.questions]
        assert rows == [
            (1, "When?", 5, 0.4, 50.0, None, "Monday", None),
            (None, "Who said it?", 5, 0.6, None, None, "Cy", "article deleted"),
            (None, "Put them in order.", 4, 0.5, None, None,
             "third → fifth → first → second → fourth", "removed from the set"),
        ]
        # Scores count the set's questions only, as the students' pages do.
        assert [(s.nickname, s.score, s.answered, s.total) for s in results.students] == [
            ("ana", 1.0, 1, 1), ("Ben", 0.0, 1, 1), ("cleo", 1.0, 1, 1), ("dan", 0.0, 1, 1),
            ("eve", 0.0, 1, 1)]
