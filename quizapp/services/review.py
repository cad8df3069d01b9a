"""The review queue: generated questions beside their evidence, accepted, edited or rejected."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from quizapp.models import Document, Question, QuestionSet, QuestionSetItem, QuestionStatus, Teacher
from quizapp.numbers import whole_number
from quizapp.services.attention import quality_warnings
from quizapp.services.authoring import (
    MAX_CHOICE_OPTIONS,
    MIN_CHOICE_OPTIONS,
    general_feedback,
)
from quizapp.services.evidence import EvidenceView, mark_span
from quizapp.services.reports import ReportSummary, open_reports, resolve_reports
from quizapp.services.retire import answered_ids

PAGE_SIZE = 20
_KIND = re.compile(r"[a-z_]{1,32}")
_DOCUMENT_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
ANY = "any"
# Not a status: questions with students' reports first, then those with quality warnings.
NEEDS_ATTENTION = "attention"
# The queue opens on what still waits for a decision.
DEFAULT_STATUS = QuestionStatus.GENERATED.value
REVIEWABLE = [s for s in QuestionStatus if s != QuestionStatus.RETIRED]


class ReviewError(Exception):
    """A review action that cannot be done; the message says why."""


@dataclass(frozen=True)
class ReviewFilters:
    """What the queue shows: one kind, one article, one status (or any), and a page."""

    kind: str = ""
    document: str = ""
    status: str = DEFAULT_STATUS
    page: int = 1

    @classmethod
    def from_args(cls, args: dict[str, str]) -> ReviewFilters:
        """Read filters from a query string, ignoring values that make no sense."""
        status = args.get("status", DEFAULT_STATUS)
        if status not in (ANY, NEEDS_ATTENTION) and status not in {s.value for s in REVIEWABLE}:
            status = DEFAULT_STATUS
        page = args.get("page", "1")
        kind, document = args.get("kind", ""), args.get("article", "")
        return cls(
            kind=kind if _KIND.fullmatch(kind) else "",
            document=document if _DOCUMENT_ID.fullmatch(document) else "",
            status=status,
            page=whole_number(page, 1, 9_999) or 1,
        )

    def query_args(self, **changes: object) -> dict[str, object]:
        """Return the filters as query arguments, with some changed (for links)."""
        args: dict[str, object] = {"kind": self.kind, "article": self.document,
                                   "status": self.status, "page": self.page}
        args.update(changes)
        return {k: v for k, v in args.items() if v not in ("", None) and (k, v) != ("page", 1)}


@dataclass(frozen=True)
class ReviewItem:
    """One question of the queue with its evidence (None if it has none)."""

    question: Question
    evidence: EvidenceView | None
    in_sets: int
    reports: ReportSummary = field(default_factory=ReportSummary)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewPage:
    """A page of the queue."""

    items: list[ReviewItem]
    total: int
    page: int
    pages: int


def review_page(session: Session, owner: Teacher, filters: ReviewFilters) -> ReviewPage:
    """Return the teacher's questions matching the filters, newest last, one page."""
    query = select(Question).where(
        Question.owner_id == owner.id, Question.status != QuestionStatus.RETIRED
    )
    if filters.kind:
        query = query.where(Question.kind == filters.kind)
    if filters.document:
        query = query.where(Question.evidence_document_id == filters.document)
    if filters.status == NEEDS_ATTENTION:
        return _attention_page(session, query, filters)
    if filters.status != ANY:
        query = query.where(Question.status == QuestionStatus(filters.status))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    found = list(session.scalars(
        query.options(_WITH_EVIDENCE)
        .order_by(Question.evidence_document_id, Question.id)
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ))
    return ReviewPage(_items(session, found), total, page, pages)


_WITH_EVIDENCE = selectinload(Question.evidence_document).selectinload(Document.paragraphs)


def _items(session: Session, questions: list[Question]) -> list[ReviewItem]:
    ids = [q.id for q in questions]
    counts, reported = set_counts(session, ids), open_reports(session, ids)
    return [ReviewItem(q, evidence_view(q), counts.get(q.id, 0),
                       reported.get(q.id, ReportSummary()), quality_warnings(q))
            for q in questions]


def _attention_page(session: Session, query: Select[tuple[Question]],
                    filters: ReviewFilters) -> ReviewPage:
    """Return the questions with reports (most reported first), then those with warnings.

    Rejected questions are done with and left out. Warnings are computed here, in Python,
    over the teacher's questions: a few hundred cost a few milliseconds.
    """
    candidates = list(session.scalars(
        query.where(Question.status != QuestionStatus.REJECTED).order_by(Question.id)))
    reported = open_reports(session, [q.id for q in candidates])
    ranked = []
    for question in candidates:
        count = reported[question.id].count if question.id in reported else 0
        if count or quality_warnings(question):
            ranked.append((-count, 0 if count else 1, question.id, question))
    ranked.sort(key=lambda entry: entry[:3])
    total = len(ranked)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    chosen = [entry[3] for entry in ranked[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]]
    if chosen:  # load their evidence in one go, as the other filters do
        loaded = {q.id: q for q in session.scalars(
            select(Question).where(Question.id.in_([q.id for q in chosen]))
            .options(_WITH_EVIDENCE))}
        chosen = [loaded[q.id] for q in chosen]
    return ReviewPage(_items(session, chosen), total, page, pages)


def evidence_view(question: Question) -> EvidenceView | None:
    """Return a question's evidence with its span marked, or None without evidence."""
    document = question.evidence_document
    if document is None or question.evidence_paragraph is None:
        return None
    return mark_span(document, question.evidence_paragraph,
                     question.evidence_start or 0, question.evidence_end or 0)


def set_counts(session: Session, question_ids: list[int]) -> dict[int, int]:
    """Return how many sets each question is in."""
    if not question_ids:
        return {}
    rows = session.execute(
        select(QuestionSetItem.question_id, func.count())
        .where(QuestionSetItem.question_id.in_(question_ids))
        .group_by(QuestionSetItem.question_id)
    )
    return {question_id: count for question_id, count in rows}


def filter_choices(session: Session, owner: Teacher) -> tuple[list[str], list[Document]]:
    """Return the kinds and articles the teacher's questions have, for the filter selects."""
    kinds = session.scalars(
        select(Question.kind).where(Question.owner_id == owner.id).distinct()
        .order_by(Question.kind)
    )
    documents = session.scalars(
        select(Document).where(Document.owner_id == owner.id).order_by(Document.title)
    )
    return list(kinds), list(documents)


def accept(session: Session, question: Question) -> None:
    """Accept a generated (or earlier rejected) question as it is; commit."""
    if question.status in (QuestionStatus.GENERATED, QuestionStatus.REJECTED):
        question.status = QuestionStatus.ACCEPTED
    resolve_reports(session, question)  # the teacher has looked at it
    session.commit()


def reject(session: Session, question: Question) -> None:
    """Reject a question; refused while it is in a set (take it out of the set first)."""
    if question.status == QuestionStatus.AUTHORED:
        raise ReviewError("You wrote this question yourself; it cannot be rejected.")
    titles = session.scalars(
        select(QuestionSet.title).join(QuestionSetItem)
        .where(QuestionSetItem.question_id == question.id).order_by(QuestionSet.title)
    ).all()
    if titles:
        named = ", ".join(f"“{t}”" for t in titles)
        raise ReviewError(f"This question is in the set {named}. Remove it from the set first.")
    question.status = QuestionStatus.REJECTED
    resolve_reports(session, question)
    session.commit()


GAP = "_____"


def is_gap_question(question: Question) -> bool:
    """Return whether the question's text is a sentence with a gap (a cloze)."""
    return GAP in (question.quote or "") or GAP in question.prompt


def edit(session: Session, question: Question, *, prompt: str, quote: str | None,
         option_texts: list[str], correct: int | None, feedback: str | None = None) -> None:
    """Change a question's wording, feedback (and a choice question's options and answer).

    Its evidence stays. feedback is the general feedback students see after answering;
    None or blank removes it. option_texts holds the form's entries in order: the question's
    options, then spare ones; for a choice question a blank existing option is removed and
    a filled spare one added (2 to 6 in all), and correct is an entry's index.

    Once students have answered, the right answer and the options' number stay fixed so
    recorded answers and scores hold.
    """
    if is_gap_question(question) and GAP not in f"{prompt} {quote or ''}":
        raise ReviewError(f"Keep the gap ({GAP}) in the sentence: it is where the answer goes.")
    if question.answer_order is not None:
        _edit_timeline_cards(question, option_texts)
    else:
        _edit_choice_options(session, question, option_texts, correct)
    question.prompt = prompt.strip()
    question.quote = (quote or "").strip() or None
    question.feedback = general_feedback(feedback)
    if question.status != QuestionStatus.AUTHORED:
        question.status = QuestionStatus.EDITED
    resolve_reports(session, question)
    session.commit()


def _edit_timeline_cards(question: Question, texts: list[str]) -> None:
    cards = [(text or "").strip() for text in texts]
    if len(cards) != len(question.options) or not all(cards):
        raise ReviewError("Every option needs its text.")
    question.options = [{**option, "text": text}
                        for option, text in zip(question.options, cards, strict=True)]


def _edit_choice_options(session: Session, question: Question, texts: list[str],
                         correct: int | None) -> None:
    count = len(question.options)
    texts = [(text or "").strip() for text in texts]
    kept = [(i, text) for i, text in enumerate(texts[:count]) if text]
    added = [(i, text) for i, text in enumerate(texts[count:], start=count) if text]
    written = kept + added
    if not MIN_CHOICE_OPTIONS <= len(written) <= MAX_CHOICE_OPTIONS:
        raise ReviewError(f"A question needs {MIN_CHOICE_OPTIONS} to {MAX_CHOICE_OPTIONS} "
                          "options, each with its text.")
    folded = [text.casefold() for _, text in written]
    if len(set(folded)) != len(folded):
        raise ReviewError("Every option must be different.")
    entries = [i for i, _ in written]
    current = question.answer_index
    target = current if correct is None else correct
    if target is not None and target not in entries:
        raise ReviewError("The right answer must be one of the options you wrote."
                          if target != current else
                          "The right answer cannot be removed: choose another right answer "
                          "first, or keep it.")
    reshaped = len(kept) != count or bool(added)
    if (reshaped or target != current) and answered_ids(session, [question.id]):
        raise ReviewError(
            "Students have already answered this question, so its right answer and its "
            "number of options cannot change. Write a new question instead.")
    question.options = [{**question.options[i], "text": text} for i, text in kept] + [
        {"text": text, "detail": None, "value": None, "evidence": None} for _, text in added]
    if target is not None:
        question.answer_index = entries.index(target)
