"""An assignment's results as CSV, following design.md section 7.

UTF-8 with a byte order mark (so Excel reads the accents), RFC 4180 quoting and CRLF line
ends, ISO 8601 times in UTC, numbers written as numbers, and every text cell that starts with
= + - @ tab or CR written with a leading apostrophe so no spreadsheet runs it as a formula
(OWASP, "CSV Injection"). The view encodes the returned text as UTF-8 and sends it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy.orm import Session

from quizapp.interop import question_stem
from quizapp.models import Assignment, Question
from quizapp.services.articles import slugify
from quizapp.services.results import (
    answer_text,
    assignment_attempts,
    assignment_responses,
    assignment_results,
    right_answer_text,
    set_questions,
)
from quizapp.services.roster import attempt_numbers, shown_positions

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ANSWER_COLUMNS = (
    "assignment", "join_code", "nickname", "attempt", "started", "position", "question_id",
    "kind", "question", "answer_given", "right_answer", "correct", "score", "answered_at",
    "time_taken_seconds", "evidence_outlet", "evidence_title", "evidence_url",
    "evidence_paragraph",
    # Added after the columns above so spreadsheets built on them keep working:
    # the position the student saw the question at (the quiz may shuffle the order), and
    # the attempt's number among the same nickname's attempts (1, 2, ...).
    "shown_position", "attempt_number",
)
STUDENT_COLUMNS = (
    "assignment", "join_code", "nickname", "attempt", "started", "finished", "answered",
    "total", "score", "percent", "time_taken_seconds",
)

Cell = str | int | float | None


def neutralise(value: Cell) -> Cell:
    """Return a cell safe from formula injection: risky text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def number(value: float | None, places: int = 4) -> int | float | None:
    """Return a number as a spreadsheet reads it best: 3 rather than 3.0, rounded."""
    if value is None:
        return None
    rounded = round(float(value), places)
    return int(rounded) if rounded.is_integer() else rounded


def iso_time(value: datetime | None) -> str | None:
    """Return an ISO 8601 time in UTC to the second, e.g. 2024-06-18T09:30:00+00:00."""
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else None


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """Return the rows as RFC 4180 CSV text, BOM first, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return BOM + buffer.getvalue()


def answers_csv(session: Session, assignment: Assignment) -> str:
    """Return one row per answer (the long format), with the evidence of each question."""
    questions = set_questions(session, assignment)
    positions = {q.id: i for i, q in enumerate(questions, start=1)}
    attempts = {a.id: a for a in assignment_attempts(session, assignment)}
    numbers = attempt_numbers(attempts.values())
    shown = {a.id: shown_positions(assignment, a, questions) for a in attempts.values()}
    responses = sorted(
        assignment_responses(session, assignment),
        key=lambda r: (attempts[r.attempt_id].created, r.attempt_id,
                       positions.get(r.question_id, len(positions) + 1), r.answered_at),
    )
    rows = []
    for response in responses:
        attempt, question = attempts[response.attempt_id], response.question
        rows.append([
            assignment.title, assignment.join_code, attempt.nickname, attempt.id,
            iso_time(attempt.created), positions.get(question.id), question.id, question.kind,
            question_stem(question), answer_text(question, response.answer_given),
            right_answer_text(question), int(response.correct), number(response.score),
            iso_time(response.answered_at), number(response.time_taken, 1),
            *_evidence(question),
            shown[attempt.id].get(question.id), numbers[attempt.id],
        ])
    return write_csv(ANSWER_COLUMNS, rows)


def _evidence(question: Question) -> list[Cell]:
    document = question.evidence_document
    if document is None:
        return [None, None, None, None]
    paragraph = question.evidence_paragraph
    # Numbered from 1, as the article page shows paragraphs.
    return [document.outlet, document.title, document.url,
            paragraph + 1 if paragraph is not None else None]


def students_csv(session: Session, assignment: Assignment) -> str:
    """Return one row per student attempt: progress, score, percent and time."""
    rows = []
    for row in assignment_results(session, assignment).students:
        percent = number(100 * row.score / row.total, 1) if row.total else None
        rows.append([
            assignment.title, assignment.join_code, row.nickname, row.attempt_id,
            iso_time(row.started), iso_time(row.finished), row.answered, row.total,
            number(row.score), percent, number(row.seconds, 1),
        ])
    return write_csv(STUDENT_COLUMNS, rows)


def csv_filename(assignment: Assignment, part: Literal["answers", "students"]) -> str:
    """Return a safe ASCII file name, e.g. papertrail-the-paused-bombs-K7PQ2M-answers.csv."""
    if part not in ("answers", "students"):
        raise ValueError(f"unknown CSV part {part!r}")
    slug = slugify(assignment.title, max_length=60, empty="")
    code = re.sub(r"[^A-Za-z0-9]", "", assignment.join_code)
    return "-".join(bit for bit in ("papertrail", slug, code, part) if bit) + ".csv"

