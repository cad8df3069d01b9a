"""Move the engine's records into the database and read articles back out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

import questions
from quizapp.models import Document, Paragraph, Question, QuestionStatus, Teacher

# A multiple-choice question a teacher wrote or imported (the engine never makes it).
AUTHORED_CHOICE_KIND = "multiple_choice"
# Kinds played as one choice among options; timeline is played by ordering.
CHOICE_KINDS = frozenset(
    {"who_said", "said_what", "when", "quantity", "which_source", AUTHORED_CHOICE_KIND}
)
PLAYABLE_KINDS = CHOICE_KINDS | {"timeline"}


def store_documents(
    session: Session, documents: Iterable[questions.Document], owner: Teacher | None = None
) -> list[Document]:
    """Add the documents not stored yet (by id) and return the stored rows, in order."""
    rows: list[Document] = []
    for doc in documents:
        row = session.get(Document, doc.id)
        if row is None:
            row = document_row(doc, owner)
            session.add(row)
        rows.append(row)
    return rows


def document_row(doc: questions.Document, owner: Teacher | None = None) -> Document:
    """Return a new Document row with its paragraphs; the text is kept unchanged."""
    return Document(
        id=doc.id,
        owner=owner,
        text=doc.text,
        title=doc.title,
        outlet=doc.outlet,
        url=doc.url,
        published=doc.published,
        approximate=doc.approximate,
        extra=dict(doc.extra),
        paragraphs=[
            Paragraph(
                index=p.index,
                start=p.start,
                end=p.end,
                clutter=p.clutter,
                clutter_reason=p.clutter_reason,
            )
            for p in doc.paragraphs
        ],
    )


def question_row(
    question: questions.Question,
    owner: Teacher | None = None,
    status: QuestionStatus = QuestionStatus.GENERATED,
) -> Question:
    """Return a new Question row; raise ValueError if a choice question lacks one right answer."""
    correct = [i for i, option in enumerate(question.options) if option.correct]
    if question.kind in CHOICE_KINDS and len(correct) != 1:
        raise ValueError(f"question {question.key!r} has {len(correct)} correct options")
    return Question(
        owner=owner,
        kind=question.kind,
        prompt=question.prompt,
        quote=question.quote,
        options=[
            {"text": o.text, "detail": o.detail, "value": o.value,
             "evidence": evidence_dict(o.evidence)}
            for o in question.options
        ],
        answer_index=correct[0] if question.kind in CHOICE_KINDS else None,
        answer_order=question.answer_order,
        group_key=question.group,
        evidence_document_id=question.evidence.document,
        evidence_paragraph=question.evidence.paragraph,
        evidence_start=question.evidence.start,
        evidence_end=question.evidence.end,
        generator=question.generator,
        seed=question.seed,
        key=question.key,
        status=status,
    )


def evidence_dict(evidence: questions.Evidence | None) -> dict[str, Any] | None:
    """Return evidence as the JSON stored with each option."""
    if evidence is None:
        return None
    return {
        "document": evidence.document,
        "paragraph": evidence.paragraph,
        "start": evidence.start,
        "end": evidence.end,
    }


def engine_document(row: Document) -> questions.Document:
    """Return a stored article as the engine reads it (same text, so the same paragraphs)."""
    return questions.load_text_document(
        row.text,
        doc_id=row.id,
        metadata={
            **(row.extra or {}),
            "title": row.title,
            "outlet": row.outlet,
            "url": row.url,
            "published": row.published,
            "approximate": row.approximate,
        },
    )


def get_document(session: Session, doc_id: str) -> Document | None:
    """Return a stored document by id."""
    return session.get(Document, doc_id)


def safe_link(url: str | None) -> str | None:
    """Return the URL if it is an http(s) address worth linking to, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()
