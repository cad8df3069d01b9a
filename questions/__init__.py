"""Paper Trail's question engine: news articles in, sourced quiz questions out.

Pure Python: nothing here imports Flask, SQLAlchemy or WTForms.
"""

from questions.builders import build_questions
from questions.export import gift_ordering_item
from questions.ingest import DEFAULT_CORPUS, load_documents, load_text_document
from questions.model import (
    Analysis,
    DateMention,
    Document,
    Event,
    Evidence,
    Option,
    Paragraph,
    Person,
    Question,
    Quote,
)
from questions.pipeline import analyse

__all__ = [
    "DEFAULT_CORPUS",
    "Analysis",
    "DateMention",
    "Document",
    "Event",
    "Evidence",
    "Option",
    "Paragraph",
    "Person",
    "Question",
    "Quote",
    "analyse",
    "build_questions",
    "gift_ordering_item",
    "load_documents",
    "load_text_document",
]
