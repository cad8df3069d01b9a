"""The results page's charts: the numbers they are drawn from, and the SVG with its text."""

from __future__ import annotations

import re

from quizapp.db import get_session
from quizapp.models import Teacher
from quizapp.services import charts
from quizapp.services.results import assignment_results
from tests.results.builders import choice_question, class_run


def run_class(session):
    owner = Teacher(email="charts@example.org")
    easy = choice_question(owner, "Easy one", ["yes", "no"], right=0)
    hard = choice_question(owner, "Hard one", ["x", "y", "z"], right=2)
    middle = choice_question(owner, "Middle one", ["p", "q"], right=1)
    run = class_run(session, [easy, hard, middle], code="CHART1")
    # scores: Ann 3, Ben 2, Cat 1, Dan 1; Eve has not finished
    answers = {"Ann": (0, 2, 1), "Ben": (0, 0, 1), "Cat": (0, 1, 0), "Dan": (1, 0, 1)}
    for nickname, chosen in answers.items():
        run.join(nickname)
        for position, option in enumerate(chosen, start=1):
            run.answer(nickname, position, option)
        run.finish(nickname)
    run.join("Eve")
    run.answer("Eve", 1, 0)
    run.commit()
    return run


def test_histogram_counts_finished_students_per_whole_score(app):
    with app.app_context():
        run = run_class(get_session())
        histogram = charts.score_histogram(assignment_results(get_session(), run.assignment))
        assert [(bar.label, bar.count) for bar in histogram.bars] == [
            ("0", 0), ("1", 2), ("2", 1), ("3", 1)]
        assert [bar.height for bar in histogram.bars] == [0.0, 1.0, 0.5, 0.5]
        assert histogram.students == 4
        assert "mean 1.8, lowest 1, highest 3" in histogram.summary


def test_share_right_puts_the_weakest_question_first(app):
    with app.app_context():
        run = run_class(get_session())
        bars = charts.weakest_first(assignment_results(get_session(), run.assignment))
        # Hard: 1 of 4 right; Middle: 3 of 4; Easy: 4 of 5 (Eve answered it too).
        assert [(bar.row.prompt, bar.percent) for bar in bars] == [
            ("Hard one", 25), ("Middle one", 75), ("Easy one", 80)]


def test_option_shares_count_each_option(app):
    with app.app_context():
        run = run_class(get_session())
        rows = assignment_results(get_session(), run.assignment).questions
        hard = next(row for row in rows if row.prompt == "Hard one")
        shares = charts.option_shares(hard)
        assert [(s.text, s.count, s.percent, s.right) for s in shares] == [
            ("x", 2, 50, False), ("y", 1, 25, False), ("z", 1, 25, True)]


def test_the_results_page_draws_accessible_svg_charts(app, client):
    from tests.teacher.conftest import log_in, register_teacher

    with app.app_context():
        run = run_class(get_session())
        assignment_id, email = run.assignment.id, "charts2@example.org"
    teacher_id = register_teacher(app, email)
    with app.app_context():
        session = get_session()
        run.assignment = session.merge(run.assignment)
        run.assignment.owner_id = teacher_id
        session.commit()
    log_in(client, email)
    page = client.get(f"/teacher/assignments/{assignment_id}").get_data(as_text=True)
    assert "<script" not in page[page.index('id="charts-heading"'):page.index("</main>")]
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", page, flags=re.S)
    # the histogram, the per-question bars and one options chart per question
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg
    histogram = svgs[0]
    assert histogram.count('class="chart__bar"') == 4
    assert "mean 1.8" in histogram
    assert "Question 2, Hard one: 25% right of 4." in svgs[1]
    # The text alternatives: captions and a table say what the bars show.
    assert "question 2 25%, question 3 75%, question 1 80%." in page
    assert "<th scope=\"row\">1</th><td>2</td>" in page
    assert "Answers by option: x 50% (2); y 25% (1); z (right) 25% (1)." in page
