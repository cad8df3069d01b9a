"""Serialise documents, analyses and question banks: the JSON contract and GIFT."""

from __future__ import annotations

import html
import re
from dataclasses import asdict
from typing import Any

from questions.model import Analysis, Question
from questions.quality import Rejection

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def extract_json(analysis: Analysis) -> dict[str, Any]:
    """Return the `python -m questions extract` object (design.md section 3)."""
    return {
        "documents": [
            {
                "id": doc.id,
                "path": doc.path,
                "title": doc.title,
                "outlet": doc.outlet,
                "published": doc.published.isoformat() if doc.published else None,
                "paragraphs": [
                    {"index": p.index, "start": p.start, "end": p.end, "clutter": p.clutter}
                    for p in doc.paragraphs
                ],
            }
            for doc in analysis.documents
        ],
        "quotes": [
            {"document": q.document, "start": q.start, "end": q.end, "text": q.text,
             "speaker": q.speaker_name, "speaker_role": q.speaker_role}
            for q in analysis.quotes
        ],
        "dates": [
            {"document": d.document, "start": d.start, "end": d.end, "text": d.text,
             "type": d.type, "value": d.value}
            for d in analysis.dates
        ],
        "events": [
            {"document": e.document, "start": e.start, "end": e.end, "text": e.text,
             "date": e.date}
            for e in analysis.events
        ],
    }


def bank_json(bank: list[Question]) -> list[dict[str, Any]]:
    """Return the question bank as plain JSON-ready dictionaries."""
    return [asdict(question) for question in bank]


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters and keep the text on one line."""
    escaped = _GIFT_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r", "").replace("\n", "\\n")


# GIFT's special characters in an ordering item, as numeric character references.
# Moodle's reader turns "\:" and the like into placeholders ("&&058;") and only puts the
# character back in the texts it reads itself; qtype_ordering reads its items from the
# block as they are, so an escaped character shows as the placeholder. Items are
# auto-format (HTML), where "&#58;" shows as ":".
_ORDERING_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "\\:{}#~="}


def gift_ordering_item(text: str) -> str:
    """Return one ordering item as a GIFT line that Moodle shows as the text itself."""
    escaped = html.escape(" ".join(text.split()), quote=False)  # one line; & < > as HTML
    escaped = "".join(_ORDERING_ENTITIES.get(ch, ch) for ch in escaped)
    # A leading '/' would read as a comment line.
    return "&#47;" + escaped[1:] if escaped.startswith("/") else escaped


# qtype_ordering's GIFT header: count, select type, layout, grading, show grading, numbering.
# Relative grading is Moodle's nearest match to our pairwise partial credit.
ORDERING_HEADER = "ALL VERTICAL RELATIVE_ALL_PREVIOUS_AND_NEXT SHOW none"


def bank_gift(bank: list[Question]) -> str:
    """Return questions in Moodle's GIFT format: multiple choice, and timelines as ordering."""
    blocks: list[str] = []
    for number, question in enumerate(bank, 1):
        stem = question.prompt
        if question.quote:
            stem = f"{stem} “{question.quote}”"
        lines = [f"// {question.generator} {question.key}",
                 f"::{question.kind} {number}::{gift_escape(stem)}"]
        if question.answer_order is not None:
            lines[-1] += f"{{>{len(question.options)} {ORDERING_HEADER}"
            lines += [gift_ordering_item(question.options[i].text)
                      for i in question.answer_order]
        else:
            lines[-1] += " {"
            for option in question.options:
                mark = "=" if option.correct else "~"
                lines.append(f"\t{mark}{gift_escape(option.text)}")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def explain_text(rejected: list[Rejection]) -> str:
    """Return the candidates the quality gate turned away, one block each, with the rule."""
    lines = [f"{len(rejected)} candidate questions rejected"]
    by_rule: dict[str, int] = {}
    for rejection in rejected:
        by_rule[rejection.rule] = by_rule.get(rejection.rule, 0) + 1
    lines += [f"  {rule}: {count}" for rule, count in sorted(by_rule.items())]
    for rejection in rejected:
        question = rejection.question
        lines.append("")
        lines.append(f"[{rejection.rule}] {question.kind} {question.key}")
        lines.append(f"  why: {rejection.reason}")
        lines.append(f"  prompt: {question.prompt}")
        if question.quote:
            lines.append(f"  shown: {question.quote}")
        lines.append("  options: " + " | ".join(
            f"{'*' if option.correct else ''}{option.text}" for option in question.options))
    return "\n".join(lines) + "\n"
