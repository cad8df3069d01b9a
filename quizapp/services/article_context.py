"""What a student needs to know about the article a question comes from.

A `when` question's key often rests on a relative date ("on Thursday") read against the day
the article was published, so the question page names the outlet and that day, and the
feedback says how the date was worked out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from quizapp.models import Document, Question

# Kinds whose evidence is one article and whose answer may depend on when it was written.
# Not which_source (naming the outlet would answer it) nor the quotation kinds (the day a
# quotation was printed does not help to tell who said it).
CONTEXT_KINDS = frozenset({"when", "quantity"})


def day_with_weekday(value: date) -> str:
    """Return a date as "19 June 2024 (a Wednesday)": the weekday settles "on Thursday"."""
    return f"{value.day} {value:%B %Y} (a {value:%A})"


def article_line(question: Question) -> str | None:
    """Return "From Reuters, published 26 June 2024 (a Wednesday)" for a question page.

    None for kinds that do not need it and for questions written without a source article.
    """
    document = question.evidence_document
    if question.kind not in CONTEXT_KINDS or document is None:
        return None
    source = document.outlet or (f"“{document.title}”" if document.title else "the article")
    if document.published is None:
        return f"From {source}; its publication date is not known."
    about = "about " if document.approximate else ""
    return f"From {source}, published {about}{day_with_weekday(document.published)}"


def date_explanation(question: Question) -> str | None:
    """Return how a `when` question's date was found, for its feedback.

    The engine's own explanation (the right option's detail) comes first; without one, the
    date expression the key was read from and the article's publication date are shown
    beside the date they give: "‘on Thursday’ in an article published Wednesday 19 June 2024
    → 20 June 2024".
    """
    right = question.answer
    if question.kind != "when" or right is None:
        return None
    detail = right.get("detail")
    if isinstance(detail, str) and detail.strip():
        return detail.strip()
    document = question.evidence_document
    expression = _expression(document, right.get("evidence"))
    if document is None or expression is None:
        return None
    published = document.published
    if published is None:
        return f"‘{expression}’ → {right['text']}"
    about = "about " if document.approximate else ""
    when = f"{published:%A} {published.day} {published:%B %Y}"
    return f"‘{expression}’ in an article published {about}{when} → {right['text']}"


def _expression(document: Document | None, evidence: Any) -> str | None:
    """Return the words of the question's article that an option's evidence span covers."""
    if document is None or not isinstance(evidence, dict):
        return None
    if evidence.get("document") != document.id:
        return None
    start, end = evidence.get("start"), evidence.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        return None
    words = " ".join(document.text[start:end].split())
    return words or None
