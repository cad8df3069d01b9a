"""What other sources say about a library article's questions, built with its groups.

When an article's questions and cross-source groups are built (an upload, a re-check, a
re-generation), each question's comparison is built too and stored as a record
(QuestionComparison), so the feedback page only reads it (quizapp.services.compare.render)
however large the library. A record holds ids and offsets, not text: the articles'
texts never change, and their outlets and dates are read when the page is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from questions.model import FactGroup
from questions.timex import format_timex, precision_of
from quizapp.models import Document, Question, QuestionComparison
from quizapp.services.library_bank import article_questions

MAX_SENTENCES_PER_SOURCE = 3  # a source repeating a fact five times shows three of them

# A comparison's stored form (a "record"), JSON: what the page shows, with every sentence as
# offsets into its article's text, so the page reads it and marks the text:
#   {"kind": "group" | "event" | "outlet", "own": <the question's article>,
#    "label", "summary", "disagreement" (group), "day" (event),
#    "accounts": [{"document", "reports", "sentences": [[paragraph, start, end, marks]],
#                  "hidden", "differs"}]}
Record = dict[str, Any]


def comparison_record(question: Question, groups: Mapping[str, FactGroup],
                      documents: Mapping[str, Document]) -> Record | None:
    """Return the stored form of what other sources say about a question, or None.

    A question names its group by key. A "when" question carries no key, but its dated
    clause may be one statement of an event group (two outlets dating the same meeting):
    it is found by its evidence span. `documents` holds the articles whose outlets a
    "which outlet" question may have offered.
    """
    if question.group_key or (question.kind == "when" and question.evidence_document_id):
        group = groups.get(question.group_key) if question.group_key else _event_group(
            groups.values(), question
        )
        if group is not None and len(group.values_by_document) >= 2:
            return _group_record(group, question.evidence_document_id)
    if question.kind == "which_source" and question.answer is not None:
        return _outlet_record(question, documents)
    return None


def _event_group(groups: Iterable[FactGroup], question: Question) -> FactGroup | None:
    """Return the event group one of whose statements holds the question's evidence."""
    start, end = question.evidence_start, question.evidence_end
    if start is None or end is None:
        return None
    for group in groups:
        if group.key.startswith("event:") and any(
            s.document == question.evidence_document_id and s.start < end and start < s.end
            for s in group.statements
        ):
            return group
    return None


def _group_record(group: FactGroup, own: str | None) -> Record | None:
    """Turn an engine group into accounts: one per article, its sentences merged and marked."""
    everyone = {tuple(values) for values in group.values_by_document.values()}
    is_event = group.key.startswith("event:")
    noun = group.label.split(" (")[0]
    accounts = []
    for doc_id, values in group.values_by_document.items():
        # One sentence may hold two of the facts ("2,000-pound and 500-pound bombs"): one
        # entry, both marked.
        spans: dict[tuple[int, int], tuple[int, list[tuple[int, int]]]] = {}
        for statement in group.statements:
            if statement.document == doc_id:
                _, marks = spans.setdefault(
                    (statement.start, statement.end), (statement.paragraph, [])
                )
                marks.append((statement.fact_start, statement.fact_end))
        sentences = [[paragraph, start, end, sorted(set(marks))]
                     for (start, end), (paragraph, marks) in spans.items()]
        accounts.append({
            "document": doc_id,
            "reports": (f"Dates it to {' and '.join(_date_text(v) for v in values)}"
                        if is_event else f"Reports {' and '.join(values)} {noun}"),
            "sentences": sentences[:MAX_SENTENCES_PER_SOURCE],
            "hidden": max(0, len(sentences) - MAX_SENTENCES_PER_SOURCE),
            "differs": group.disagreement and len(everyone) > 1 and _is_odd(values, group),
        })
    if len(accounts) < 2:
        return None
    if is_event:
        day = _date_text(next(iter(group.values_by_document.values()))[0])
        return {"kind": "event", "own": own, "day": day, "accounts": accounts}
    return {"kind": "group", "own": own, "label": f"the {noun}", "summary": group.summary,
            "disagreement": group.disagreement, "accounts": accounts}


def _date_text(value: str) -> str:
    return format_timex(value) if precision_of(value) else value


def _is_odd(values: list[str], group: FactGroup) -> bool:
    """Return whether an account lacks values that some other source reports."""
    everything = {v for found in group.values_by_document.values() for v in found}
    return set(values) != everything


def _outlet_record(question: Question, documents: Mapping[str, Document]) -> Record | None:
    """For "which outlet reported this quotation": each offered outlet, with or without it.

    Each other outlet is shown by its latest article among `documents`.
    """
    evidence = (question.answer or {}).get("evidence")
    source = documents.get(evidence["document"]) if evidence else None
    if evidence is None or source is None:
        return None
    offered = [option["text"] for option in question.options]
    others = {d.outlet: d for d in sorted(documents.values(), key=_publication_order)
              if d.outlet in offered and d.id != source.id}
    start, end = _paragraph_bounds(source, evidence)
    sentence = [evidence["paragraph"], start, end, [[evidence["start"], evidence["end"]]]]
    accounts = [{"document": source.id, "reports": None, "sentences": [sentence], "hidden": 0,
                 "differs": False}]
    for outlet in offered:
        other = others.get(outlet)
        if outlet != source.outlet and other is not None:
            accounts.append({"document": other.id, "reports": None, "sentences": [],
                             "hidden": 0, "differs": True})
    if len(accounts) < 2:
        return None
    return {"kind": "outlet", "own": source.id, "accounts": accounts}


def _publication_order(document: Document) -> tuple[bool, date, str]:
    """Sort key: undated first, then by publication date and id."""
    return (document.published is not None, document.published or date.min, document.id)


def _paragraph_bounds(document: Document, evidence: dict) -> tuple[int, int]:
    """Return (start, end) of the paragraph(s) holding an evidence span."""
    start, end = evidence["start"], evidence["end"]
    touching = [p for p in document.paragraphs if p.start < end and start < p.end]
    if not touching:
        return start, end
    return touching[0].start, touching[-1].end


def store_comparisons(session: Session, document: Document, groups: Sequence[FactGroup],
                      documents: Mapping[str, Document]) -> None:
    """Build and store the comparison of each of the article's questions; no commit.

    `groups` are those just built for the article, `documents` the article and its context.
    """
    session.flush()  # new questions get their ids
    built = article_questions(session, document)
    session.execute(delete(QuestionComparison).where(
        QuestionComparison.question_id.in_([q.id for q in built])))
    by_key = {group.key: group for group in groups}
    session.add_all(QuestionComparison(question_id=q.id,
                                       data=comparison_record(q, by_key, documents))
                    for q in built)
