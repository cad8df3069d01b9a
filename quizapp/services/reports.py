"""Students' reports of a problem with a question, and what the teacher's queue reads of them.

A student reports from the feedback page, without an account: a short reason from a list,
and a few words if they like. Limits keep a bored class from flooding the queue: one report
per question per attempt, and REPORTS_PER_ATTEMPT in all per attempt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from quizapp.models import Question, QuestionReport, utcnow

REPORTS_PER_ATTEMPT = 10
DETAIL_MAX_LENGTH = 200
REASONS = {
    "wrong-answer": "The right answer given is wrong",
    "two-answers": "More than one answer is right",
    "unclear": "The question is unclear or cannot be answered from what is shown",
    "gives-away": "The question gives the answer away",
    "other": "Something else",
}


class ReportRefused(Exception):
    """A report that is not taken; status is the HTTP status, the message says why."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class ReportSummary:
    """The open reports on one question: how many, and their reasons (most frequent first)."""

    count: int = 0
    reasons: list[tuple[str, int]] = field(default_factory=list)


def report_reason(choice: str, detail: str) -> str:
    """Return the stored reason: the chosen label, then the student's words if any."""
    label = REASONS[choice]
    words = " ".join(detail.split())[:DETAIL_MAX_LENGTH]
    return f"{label}: {words}" if words else label


def add_report(session: Session, question_id: int, attempt_id: int, reason: str) -> None:
    """Store a report from an attempt; raise ReportRefused past the limits; commit."""
    mine = select(func.count()).where(QuestionReport.attempt_id == attempt_id)
    if session.scalar(mine.where(QuestionReport.question_id == question_id)):
        raise ReportRefused("You already reported this question. Thank you: your teacher "
                            "will look at it.", 409)
    if (session.scalar(mine) or 0) >= REPORTS_PER_ATTEMPT:
        raise ReportRefused(f"You can report at most {REPORTS_PER_ATTEMPT} questions per quiz. "
                            "Tell your teacher about the others.", 429)
    session.add(QuestionReport(question_id=question_id, attempt_id=attempt_id, reason=reason))
    session.commit()


def open_reports(session: Session, question_ids: list[int]) -> dict[int, ReportSummary]:
    """Return the unresolved reports of these questions, by question id."""
    if not question_ids:
        return {}
    rows = session.execute(
        select(QuestionReport.question_id, QuestionReport.reason, func.count())
        .where(QuestionReport.question_id.in_(question_ids),
               QuestionReport.resolved_at.is_(None))
        .group_by(QuestionReport.question_id, QuestionReport.reason)
    )
    found: dict[int, ReportSummary] = defaultdict(ReportSummary)
    for question_id, reason, count in rows:
        summary = found[question_id]
        summary.count += count
        summary.reasons.append((reason, count))
    for summary in found.values():
        summary.reasons.sort(key=lambda pair: (-pair[1], pair[0]))
    return dict(found)


def resolve_reports(session: Session, question: Question) -> None:
    """Mark a question's reports as dealt with (the teacher acted on it); no commit."""
    session.execute(update(QuestionReport)
                    .where(QuestionReport.question_id == question.id,
                           QuestionReport.resolved_at.is_(None))
                    .values(resolved_at=utcnow()))
