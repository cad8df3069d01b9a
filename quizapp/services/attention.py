"""Which of a teacher's questions need attention: students' reports first, then warnings.

The warnings are checks the app can make on any stored question, generated, imported or
edited (the engine's own quality gate runs before a question is stored): a right answer
that the prompt or quotation already shows, two options that read the same, a generated
question without its evidence.
"""

from __future__ import annotations

from quizapp.models import Question, QuestionStatus


def quality_warnings(question: Question) -> list[str]:
    """Return short reasons a teacher should look at this question again (none: fine)."""
    warnings = []
    texts = [str(option.get("text", "")).strip() for option in question.options]
    folded = [text.casefold() for text in texts]
    if len(set(folded)) < len(folded):
        warnings.append("Two options read the same.")
    if question.answer_index is not None and 0 <= question.answer_index < len(texts):
        key = folded[question.answer_index]
        shown = f"{question.prompt} {question.quote or ''}".casefold()
        if len(key) >= 3 and key in shown:
            warnings.append("The right answer can be read in the question.")
    if len(texts) < 2:
        warnings.append("It has fewer than two options.")
    if question.status == QuestionStatus.GENERATED and question.evidence_document_id is None:
        warnings.append("It was generated without its evidence.")
    return warnings
