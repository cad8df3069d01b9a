"""Evidence rendering: the span marked, everything escaped, quotes over paragraphs."""

from __future__ import annotations

import pytest

import questions
from quizapp.models import Document, Paragraph
from quizapp.services.evidence import highlight, mark_span


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("He said no.", 8, 10, "He said <mark>no</mark>."),
        ("<b> & 'x'", 4, 5, "&lt;b&gt; <mark>&amp;</mark> &#39;x&#39;"),
        ("abc", 1, 1, "abc"),
        ("abc", -5, 99, "<mark>abc</mark>"),
    ],
)
def test_highlight_marks_the_span_and_escapes(
    text: str, start: int, end: int, expected: str
) -> None:
    assert str(highlight(text, start, end)) == expected


def stored(doc: questions.Document) -> Document:
    return Document(
        id=doc.id,
        text=doc.text,
        paragraphs=[Paragraph(index=p.index, start=p.start, end=p.end) for p in doc.paragraphs],
    )


def test_a_span_over_two_paragraphs_marks_both() -> None:
    text = "First line here.\n\n“Quote starts\n\nand ends” he said."
    doc = stored(questions.load_text_document(text, doc_id="t"))
    start, end = text.index("Quote"), text.index("ends") + len("ends")
    view = mark_span(doc, 1, start, end)
    assert [p.index for p in view.paragraphs] == [1, 2]
    assert str(view.paragraphs[0].html) == "“<mark>Quote starts</mark>"
    assert str(view.paragraphs[1].html) == "<mark>and ends</mark>” he said."


def test_a_span_outside_every_paragraph_falls_back_to_the_named_one() -> None:
    doc = stored(questions.load_text_document("One.\n\nTwo.", doc_id="t"))
    view = mark_span(doc, 1, 100, 105)
    assert [(p.index, str(p.html)) for p in view.paragraphs] == [(1, "Two.")]
