"""Questions a teacher writes by hand: multiple choice and timelines, with optional evidence."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.models import Document, Paragraph, Question, QuestionStatus, Teacher
from quizapp.numbers import whole_number
from quizapp.services.accounts import owned, usable_key
from quizapp.services.corpus import AUTHORED_CHOICE_KIND

GENERATOR = "teacher"
# A multiple-choice question has 2 to 6 options (as Moodle's and Kahoot's forms allow).
MIN_CHOICE_OPTIONS, MAX_CHOICE_OPTIONS = 2, 6
TIMELINE_MIN, TIMELINE_MAX = 4, 6
LABEL_WORDS = 14


@dataclass(frozen=True)
class ParagraphChoice:
    """One paragraph a teacher can cite: its form value and a readable label."""

    value: str  # "<document id>:<paragraph index>"
    label: str


@dataclass(frozen=True)
class ArticleParagraphs:
    """The citable paragraphs of one article, for an <optgroup>."""

    title: str
    choices: list[ParagraphChoice]


def paragraph_choices(session: Session, owner: Teacher) -> list[ArticleParagraphs]:
    """Return the teacher's articles with their content paragraphs, for evidence selects."""
    documents = session.scalars(
        select(Document).where(Document.owner_id == owner.id)
        .options(selectinload(Document.paragraphs))
        .order_by(Document.title, Document.id)
    )
    groups = []
    for document in documents:
        choices = [
            ParagraphChoice(f"{document.id}:{p.index}", f"¶{p.index + 1}: {_opening(p.text)}")
            for p in document.content_paragraphs()
        ]
        if choices:
            groups.append(ArticleParagraphs(document.title or document.id, choices))
    return groups


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def find_paragraph(session: Session, owner: Teacher, value: str | None) -> Paragraph | None:
    """Return the teacher's paragraph named by a select value, or None."""
    if not value or ":" not in value or not usable_key(value):
        return None
    doc_id, _, index = value.rpartition(":")
    number = whole_number(index, 0, 1_000_000)
    if number is None:
        return None
    document = owned(session, Document, doc_id, owner)
    return document.paragraph(number) if document is not None else None


def evidence_of(paragraph: Paragraph | None) -> dict[str, Any] | None:
    """Return option evidence covering a whole paragraph, or None."""
    if paragraph is None:
        return None
    return {"document": paragraph.document_id, "paragraph": paragraph.index,
            "start": paragraph.start, "end": paragraph.end}


def set_question_evidence(question: Question, paragraph: Paragraph | None) -> None:
    """Point a question's evidence at a whole paragraph, or at nothing."""
    question.evidence_document_id = paragraph.document_id if paragraph else None
    question.evidence_paragraph = paragraph.index if paragraph else None
    question.evidence_start = paragraph.start if paragraph else None
    question.evidence_end = paragraph.end if paragraph else None


def write_choice_question(session: Session, owner: Teacher, prompt: str, options: list[str],
                          correct: int, paragraph: Paragraph | None,
                          feedback: str | None = None) -> Question:
    """Store a multiple-choice question (one right option) and commit.

    feedback is the general feedback students see after answering (None or blank: none).
    """
    if not MIN_CHOICE_OPTIONS <= len(options) <= MAX_CHOICE_OPTIONS or not (
            0 <= correct < len(options)):
        raise ValueError("a written question has 2 to 6 options and one right answer")
    evidence = evidence_of(paragraph)
    question = _new_question(owner, AUTHORED_CHOICE_KIND, prompt, feedback)
    question.options = [
        {"text": text.strip(), "detail": None, "value": None,
         "evidence": evidence if i == correct else None}
        for i, text in enumerate(options)
    ]
    question.answer_index = correct
    set_question_evidence(question, paragraph)
    session.add(question)
    session.commit()
    return question


@dataclass(frozen=True)
class TimelineEvent:
    """One card of a written timeline: what happened, when (as shown), and its paragraph."""

    text: str
    when: str | None
    paragraph: Paragraph | None


def write_timeline(session: Session, owner: Teacher, prompt: str,
                   events: list[TimelineEvent], feedback: str | None = None) -> Question:
    """Store a timeline whose events are given earliest first (and its feedback); commit."""
    if not TIMELINE_MIN <= len(events) <= TIMELINE_MAX:
        raise ValueError("a timeline has four to six events")
    question = _new_question(owner, "timeline", prompt, feedback)
    question.options = [
        {"text": event.text.strip(), "detail": (event.when or "").strip() or None, "value": None,
         "evidence": evidence_of(event.paragraph)}
        for event in events
    ]
    question.answer_order = list(range(len(events)))
    set_question_evidence(question, next((e.paragraph for e in events if e.paragraph), None))
    session.add(question)
    session.commit()
    return question


def general_feedback(text: str | None) -> str | None:
    """Return feedback as stored: trimmed, with None for nothing."""
    return (text or "").strip() or None


def _new_question(owner: Teacher, kind: str, prompt: str, feedback: str | None) -> Question:
    return Question(
        owner=owner,
        kind=kind,
        prompt=prompt.strip(),
        quote=None,
        options=[],
        answer_index=None,
        answer_order=None,
        generator=GENERATOR,
        seed=None,
        key=f"{GENERATOR}:{secrets.token_hex(8)}",
        status=QuestionStatus.AUTHORED,
        feedback=general_feedback(feedback),
    )
