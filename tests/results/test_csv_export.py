"""Both CSV downloads, read back with Python's csv module (design.md section 7)."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Document, Question, Teacher
from quizapp.services.csv_export import (
    ANSWER_COLUMNS,
    STUDENT_COLUMNS,
    answers_csv,
    csv_filename,
    neutralise,
    students_csv,
)
from tests.results.builders import choice_question, class_run

FORMULA_NICKNAME = '=HYPERLINK("http://x","y")'


def read_csv(text: str) -> tuple[bytes, list[list[str]]]:
    """Return the first bytes of the download and its rows, as a spreadsheet would read it."""
    data = text.encode("utf-8")
    return data[:3], list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def seeded(session, kind: str) -> Question:
    return session.scalars(select(Question).where(Question.kind == kind)
                           .order_by(Question.id)).first()


def play(session):
    who_said, timeline = seeded(session, "who_said"), seeded(session, "timeline")
    handwritten = choice_question(Teacher(email="csv@example.org"), "Pick + win",
                                  ["-5 degrees", "@home", "plain"], right=2)
    run = class_run(session, [who_said, timeline, handwritten], title="Café quiz, 7B",
                    code="CSV7B3")
    run.join(FORMULA_NICKNAME)
    run.answer(FORMULA_NICKNAME, 1, who_said.answer_index, seconds=12.25)
    run.answer(FORMULA_NICKNAME, 2, list(reversed(timeline.answer_order)), seconds=30.0)
    run.answer(FORMULA_NICKNAME, 3, 0, seconds=None)
    run.finish(FORMULA_NICKNAME)
    run.join("Zoë")
    run.answer("Zoë", 1, (who_said.answer_index + 1) % len(who_said.options), seconds=8.0)
    run.commit()
    return run, who_said, timeline


def test_answers_csv_long_format(app):
    with app.app_context():
        session = get_session()
        run, who_said, timeline = play(session)
        bom, rows = read_csv(answers_csv(session, run.assignment))
        assert bom == b"\xef\xbb\xbf"
        header, *body = rows
        assert tuple(header) == ANSWER_COLUMNS
        assert len(body) == 4
        row = dict(zip(header, body[0], strict=True))
        document = session.get(Document, who_said.evidence_document_id)
        assert row["assignment"] == "Café quiz, 7B"
        assert row["join_code"] == "CSV7B3"
        assert row["nickname"] == "'" + FORMULA_NICKNAME
        assert row["position"] == "1"
        assert row["kind"] == "who_said"
        assert row["question"] == f"{who_said.prompt}\n“{who_said.quote}”"
        assert row["answer_given"] == row["right_answer"] == who_said.answer["text"]
        assert (row["correct"], row["score"], row["time_taken_seconds"]) == ("1", "1", "12.2")
        assert (row["evidence_outlet"], row["evidence_title"], row["evidence_url"]) == (
            document.outlet, document.title, document.url or "")
        assert row["evidence_paragraph"] == str(who_said.evidence_paragraph + 1)
        # Joined at 09:01, answered 30 s later; written in UTC to the second.
        assert row["started"] == "2024-06-18T09:01:00+00:00"
        assert row["answered_at"] == "2024-06-18T09:01:30+00:00"

        reversed_order = dict(zip(header, body[1], strict=True))
        texts = [timeline.options[i]["text"] for i in timeline.answer_order]
        assert reversed_order["answer_given"] == " → ".join(reversed(texts))
        assert reversed_order["right_answer"] == " → ".join(texts)
        assert (reversed_order["correct"], reversed_order["score"]) == ("0", "0")

        handwritten = dict(zip(header, body[2], strict=True))
        assert handwritten["question"] == "Pick + win"
        assert handwritten["answer_given"] == "'-5 degrees"
        assert handwritten["right_answer"] == "plain"
        assert handwritten["time_taken_seconds"] == ""
        evidence = ("evidence_outlet", "evidence_title", "evidence_url", "evidence_paragraph")
        assert [handwritten[c] for c in evidence] == ["", "", "", ""]
        # Set order (no shuffle): the student saw each question at its set position.
        assert [r[header.index("shown_position")] for r in body] == ["1", "2", "3", "1"]
        assert [r[header.index("attempt_number")] for r in body] == ["1", "1", "1", "1"]

        assert [r[2] for r in body] == ["'" + FORMULA_NICKNAME] * 3 + ["Zoë"]


def test_students_csv_summary(app):
    with app.app_context():
        session = get_session()
        run, _, _ = play(session)
        bom, rows = read_csv(students_csv(session, run.assignment))
        assert bom == b"\xef\xbb\xbf"
        header, *body = rows
        assert tuple(header) == STUDENT_COLUMNS
        summary = [dict(zip(header, row, strict=True)) for row in body]
        assert [(s["nickname"], s["answered"], s["total"], s["score"], s["percent"],
                 s["time_taken_seconds"]) for s in summary] == [
            ("'" + FORMULA_NICKNAME, "3", "3", "1", "33.3", "42.2"),
            ("Zoë", "1", "3", "0", "0", "8"),
        ]
        assert (summary[0]["started"], summary[0]["finished"]) == (
            "2024-06-18T09:01:00+00:00", "2024-06-18T09:02:30+00:00")
        assert (summary[1]["started"], summary[1]["finished"]) == (
            "2024-06-18T09:03:30+00:00", "")


def test_rfc_4180_line_ends_and_quoting(app):
    with app.app_context():
        session = get_session()
        run, _, _ = play(session)
        text = answers_csv(session, run.assignment)
        assert text.startswith("\ufeffassignment,join_code,nickname,")
        assert text.endswith("\r\n")
        # Cells with quotes, commas or line breaks are quoted, quotes doubled.
        assert '"\'=HYPERLINK(""http://x"",""y"")"' in text
        assert '"Café quiz, 7B"' in text


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("safe = text", "safe = text"), ("", ""),
    (-1, -1), (0.5, 0.5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_file_names(app):
    with app.app_context():
        session = get_session()
        run, _, _ = play(session)
        assert csv_filename(run.assignment, "answers") == (
            "papertrail-cafe-quiz-7b-CSV7B3-answers.csv")
        assert csv_filename(run.assignment, "students") == (
            "papertrail-cafe-quiz-7b-CSV7B3-students.csv")
        with pytest.raises(ValueError):
            csv_filename(run.assignment, "other")  # type: ignore[arg-type]


def test_answers_csv_adds_shown_position_and_attempt_number_and_leaves_out_removed(app):
    from quizapp.models import utcnow
    from quizapp.services.play import shuffled
    from quizapp.services.quiz_settings import QuizSettings

    with app.app_context():
        session = get_session()
        owner = Teacher(email="order@example.org")
        questions = [choice_question(owner, f"Question {n}", ["a", "b"], right=0)
                     for n in range(1, 7)]
        run = class_run(session, questions, code="ORD6Q1")
        run.assignment.settings = QuizSettings(shuffle=True, unlimited_attempts=True).to_json()
        first = run.join("Ana")
        for position in range(1, 7):
            run.answer("Ana", position, 0)
        run.finish("Ana")
        second = run.join("ana")  # the same nickname, any case: attempt 2
        run.answer("ana", 1, 1)
        junk = run.join("Junk")
        run.answer("Junk", 1, 0)
        junk.removed_at = utcnow()
        run.commit()
        header, *body = read_csv(answers_csv(session, run.assignment))[1]
        rows = [dict(zip(header, row, strict=True)) for row in body]
        assert header[:len(ANSWER_COLUMNS) - 2] == list(ANSWER_COLUMNS[:-2])
        assert header[-2:] == ["shown_position", "attempt_number"]
        assert {row["nickname"] for row in rows} == {"Ana", "ana"}  # the removed one is gone
        for attempt, number in ((first, "1"), (second, "2")):
            seen = shuffled(list(questions), attempt.resume_token)
            mine = [row for row in rows if int(row["attempt"]) == attempt.id]
            assert {row["attempt_number"] for row in mine} == {number}
            for row in mine:
                question_id = int(row["question_id"])
                expected = 1 + [q.id for q in seen].index(question_id)
                assert int(row["shown_position"]) == expected
                assert int(row["position"]) == 1 + [q.id for q in questions].index(question_id)
        # Shuffled: at least one question was seen away from its set position.
        assert any(row["shown_position"] != row["position"] for row in rows)
        summary = read_csv(students_csv(session, run.assignment))[1]
        assert [row[2] for row in summary[1:]] == ["Ana", "ana"]
