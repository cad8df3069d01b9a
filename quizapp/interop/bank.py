"""Between the question bank and the interchange model: export ours, take in imported ones."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from sqlalchemy.orm import object_session

from quizapp.interop.model import (
    InterchangeOption,
    InterchangeQuestion,
    InteropError,
    unplayable_reason,
)
from quizapp.interop.text import default_name
from quizapp.models import Document, Question, QuestionStatus, Teacher

# The kind an imported or hand-written multiple-choice question is stored and played as.
MULTIPLE_CHOICE_KIND = "multiple_choice"
# Orderings are played by the timeline exercise.
ORDERING_KIND = "timeline"

_EXCERPT_LIMIT = 300
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+")


def question_stem(question: Question) -> str:
    """Return the question text as a student reads it: the prompt, then any quotation."""
    if question.quote:
        return f"{question.prompt}\n“{question.quote}”"
    return question.prompt


def to_interchange(question: Question) -> InterchangeQuestion:
    """Return a stored question for export, its evidence written into the feedback.

    The general feedback is the question's own (the teacher's note, or what an import
    brought), then the source of its evidence, a blank line between.
    """
    session = object_session(question)
    stem = question_stem(question)
    source = _source_feedback(question.evidence_document, question.evidence_paragraph,
                              question.evidence_start, question.evidence_end)
    general = "\n\n".join(part for part in ((question.feedback or "").strip(), source) if part)
    if question.answer_order is not None:
        options = [
            InterchangeOption(question.options[index]["text"], 1.0,
                              _item_feedback(session, question.options[index]))
            for index in question.answer_order
        ]
        return InterchangeQuestion("ordering", default_name(stem), stem, options, general)
    if question.answer_index is None:
        raise InteropError(f"question {question.id} ({question.kind}) has no right answer "
                           "to export.")
    options = [
        InterchangeOption(option["text"], 1.0 if index == question.answer_index else 0.0,
                          _option_feedback(session, option))
        for index, option in enumerate(question.options)
    ]
    return InterchangeQuestion("multichoice", default_name(stem), stem, options, general)


def _document(session: Any, evidence: dict[str, Any] | None) -> Document | None:
    if not evidence or session is None:
        return None
    return session.get(Document, evidence.get("document"))


def _option_feedback(session: Any, option: dict[str, Any]) -> str:
    if option.get("feedback"):
        return str(option["feedback"])
    evidence = option.get("evidence")
    document = _document(session, evidence)
    if document is None or evidence is None:
        return ""
    return _source_feedback(document, evidence.get("paragraph"), evidence.get("start"),
                            evidence.get("end"))


def _item_feedback(session: Any, option: dict[str, Any]) -> str:
    """Return a timeline card's date and where it comes from."""
    if option.get("feedback"):
        return str(option["feedback"])
    parts = [str(option["detail"])] if option.get("detail") else []
    evidence = option.get("evidence")
    document = _document(session, evidence)
    if document is not None and evidence is not None:
        parts.append(_source_line(document, evidence.get("paragraph")))
    return ". ".join(parts)


def _source_line(document: Document, paragraph: int | None) -> str:
    where = [document.outlet or "Unknown outlet"]
    if document.title:
        where.append(f"“{document.title}”")
    if paragraph is not None:
        where.append(f"paragraph {paragraph + 1}")  # as the article page numbers them
    line = "Source: " + ", ".join(where)
    return f"{line} ({document.url})" if document.url else line


def _source_feedback(document: Document | None, paragraph: int | None, start: int | None,
                     end: int | None) -> str:
    """Return the source of a span and the sentence it stands in."""
    if document is None:
        return ""
    line = _source_line(document, paragraph)
    if start is None or end is None:
        return line
    excerpt = _sentence(document, paragraph, start, end)
    return f"{line}: “{excerpt}”" if excerpt else line


def _sentence(document: Document, paragraph: int | None, start: int, end: int) -> str:
    """Return the sentences of the paragraph that hold the span, shortened if long."""
    bounds = document.paragraph(paragraph) if paragraph is not None else None
    low, high = (bounds.start, bounds.end) if bounds else (start, end)
    text = document.text
    begin = low
    for boundary in _SENTENCE_END.finditer(text, low, start):
        begin = boundary.end()
    finish = high
    if after := _SENTENCE_END.search(text, max(end, begin), high):
        finish = after.start() + 1
    excerpt = " ".join(text[begin:finish].split())
    if len(excerpt) > _EXCERPT_LIMIT:
        excerpt = " ".join(text[start:end].split())[:_EXCERPT_LIMIT - 1].rstrip() + "…"
    return excerpt


def question_from_interchange(q: InterchangeQuestion, owner: Teacher, generator: str
                              ) -> Question:
    """Return an unsaved, authored question; raise InteropError if Paper Trail cannot play it.

    Options keep their feedback under "feedback"; the general feedback goes to
    Question.feedback (None when the file has none). The name has no column and is not kept.
    """
    reason = unplayable_reason(q)
    if reason:
        raise InteropError(f"The question “{q.name}” cannot be played: {reason}.")
    options: list[dict[str, Any]] = [
        {"text": option.text, "detail": None, "value": None, "evidence": None,
         "feedback": option.feedback}
        for option in q.options
    ]
    ordering = q.kind == "ordering"
    right = next((i for i, option in enumerate(q.options) if option.fraction >= 1.0), None)
    return Question(
        owner=owner,
        kind=ORDERING_KIND if ordering else MULTIPLE_CHOICE_KIND,
        prompt=q.prompt,
        quote=None,
        options=options,
        answer_index=None if ordering else right,
        answer_order=list(range(len(options))) if ordering else None,
        group_key=None,
        evidence_document_id=None,
        evidence_paragraph=None,
        evidence_start=None,
        evidence_end=None,
        feedback=q.general_feedback.strip() or None,
        generator=generator[:100],
        seed=None,
        key=f"import:{generator[:100]}:{_content_hash(q)}",
        status=QuestionStatus.AUTHORED,
    )


def _content_hash(q: InterchangeQuestion) -> str:
    content = [q.kind, q.prompt, q.general_feedback, q.single,
               [[o.text, o.fraction, o.feedback] for o in q.options]]
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:24]
