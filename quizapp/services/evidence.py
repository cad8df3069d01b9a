"""Evidence for display: the paragraphs a span sits in, with the span marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.models import Document, Paragraph, Question
from quizapp.services import content_cache


@dataclass(frozen=True)
class MarkedParagraph:
    """One paragraph of evidence: its index and escaped HTML with the span in <mark>."""

    index: int
    html: Markup


@dataclass(frozen=True)
class EvidenceView:
    """The evidence for an answer: its document and the paragraphs the span covers."""

    document: Document
    paragraph: int
    paragraphs: list[MarkedParagraph]


def highlight(text: str, start: int, end: int) -> Markup:
    """Return text escaped, with text[start:end] wrapped in <mark> (nothing marked if empty)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start >= end:
        return Markup.escape(text)
    return Markup("{}<mark>{}</mark>{}").format(text[:start], text[start:end], text[end:])


def mark_span(document: Document, paragraph: int, start: int, end: int) -> EvidenceView:
    """Return the paragraphs that the span overlaps, each with its part of the span marked.

    A quotation may run over several paragraphs; a span outside every paragraph falls back
    to the named paragraph, unmarked.
    """
    marked = [
        MarkedParagraph(p.index, highlight(p.text, start - p.start, end - p.start))
        for p in document.paragraphs
        if p.start < end and start < p.end
    ]
    if not marked:
        named = document.paragraph(paragraph)
        if named is not None:
            marked = [MarkedParagraph(named.index, Markup.escape(named.text))]
    return EvidenceView(document=document, paragraph=paragraph, paragraphs=marked)


def question_evidence(question: Question) -> EvidenceView | None:
    """Return the evidence of a question's right answer; None if it was written without one."""
    document = question.evidence_document
    start, end = question.evidence_start, question.evidence_end
    if document is None or start is None or end is None:
        return None
    paragraph = question.evidence_paragraph
    if paragraph is None:
        holding = next((p for p in document.paragraphs if p.start <= start < p.end), None)
        paragraph = holding.index if holding is not None else 0
    return mark_span(document, paragraph, start, end)


def stored_document(session: Session, doc_id: str) -> Document | None:
    """Return an article with its paragraphs (cached, read-only), or None if there is none."""
    return content_cache.cached(
        session, ("document", doc_id), lambda loader: _load_document(loader, doc_id)
    )


def _load_document(session: Session, doc_id: str) -> Document | None:
    query = (
        select(Document)
        .where(Document.id == doc_id)
        .options(selectinload(Document.paragraphs).selectinload(Paragraph.document))
    )
    return session.scalar(query)


def option_evidence(session: Session, option: dict[str, Any]) -> EvidenceView | None:
    """Return where an option comes from, if it carries evidence of a stored document."""
    evidence = option.get("evidence")
    if not isinstance(evidence, dict):
        return None
    try:
        doc_id, paragraph = evidence["document"], int(evidence["paragraph"])
        start, end = int(evidence["start"]), int(evidence["end"])
    except (KeyError, TypeError, ValueError):  # a hand-made option with partial evidence
        return None
    document = stored_document(session, doc_id) if isinstance(doc_id, str) else None
    if document is None:
        return None
    return mark_span(document, paragraph, start, end)
