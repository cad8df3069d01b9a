"""Question sets out to Moodle (GIFT, Moodle XML) and question files into a teacher's bank."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp import interop
from quizapp.models import Question, QuestionSet, QuestionStatus, Teacher
from quizapp.services.articles import slugify

MAX_QUESTION_FILE_BYTES = 2 * 1024 * 1024
EXPORT_FORMATS = {
    # format: (file name ending, media type)
    "gift": ("-gift.txt", "text/plain; charset=utf-8"),
    "xml": ("-moodle.xml", "application/xml"),
}


@dataclass(frozen=True)
class ExportFile:
    """An export ready to send."""

    body: bytes
    filename: str
    mimetype: str


def export_set(question_set: QuestionSet, fmt: str) -> ExportFile:
    """Return a set's questions, in set order, as a GIFT or Moodle XML file."""
    ending, mimetype = EXPORT_FORMATS[fmt]
    exported = [interop.to_interchange(q) for q in question_set.questions]
    body = (interop.write_gift(exported).encode("utf-8") if fmt == "gift"
            else interop.write_moodle_xml(exported))
    return ExportFile(body, slugify(question_set.title) + ending, mimetype)


def _folded(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def content_fingerprint(stem: str, option_texts: list[str]) -> tuple[str, frozenset[str]]:
    """Return what makes two questions the same to a teacher: the text and the options.

    Spacing and case do not count, nor the options' order (an export writes a timeline's
    cards in their right order, and Moodle may shuffle); the generator, the key and the
    feedback do not either, so a re-imported export is recognised whatever its format.
    """
    return _folded(stem), frozenset(_folded(text) for text in option_texts)


def bank_fingerprints(session: Session, owner: Teacher) -> set[tuple[str, frozenset[str]]]:
    """Return the fingerprints of the teacher's questions (retired ones aside)."""
    rows = session.execute(select(Question.prompt, Question.quote, Question.options).where(
        Question.owner_id == owner.id, Question.status != QuestionStatus.RETIRED))
    # The stem as quizapp.interop.question_stem writes it into an export.
    return {content_fingerprint(f"{prompt}\n“{quote}”" if quote else prompt,
                                [option["text"] for option in options])
            for prompt, quote, options in rows}


@dataclass
class ImportOutcome:
    """What an import added, what the bank had already, and what could not be played."""

    added: list[Question] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unplayable: list[str] = field(default_factory=list)
    skipped: list[interop.SkippedQuestion] = field(default_factory=list)


def import_questions(session: Session, owner: Teacher, filename: str, data: bytes
                     ) -> ImportOutcome:
    """Read a GIFT or Moodle XML file into the teacher's bank and commit.

    Raises InteropError (with a message for the teacher) for a broken file; nothing is
    stored then. A question already in the bank (same content) is not added twice.
    """
    if len(data) > MAX_QUESTION_FILE_BYTES:
        raise interop.InteropError("That file is larger than 2 MB; split it and try again.")
    if not data.strip():
        raise interop.InteropError("That file is empty.")
    report = interop.parse_question_file(filename, data)
    generator = "import.moodle_xml" if filename.lower().endswith(".xml") else "import.gift"
    known = set(session.scalars(select(Question.key).where(Question.owner_id == owner.id)))
    same_content = bank_fingerprints(session, owner)
    outcome = ImportOutcome(skipped=list(report.skipped))
    for item in report.questions:
        try:
            question = interop.question_from_interchange(item, owner, generator)
        except interop.InteropError as error:
            outcome.unplayable.append(str(error))
            continue
        fingerprint = content_fingerprint(question.prompt, [o["text"] for o in question.options])
        if question.key in known or fingerprint in same_content:
            outcome.duplicates.append(question.prompt)
            continue
        known.add(question.key)
        same_content.add(fingerprint)
        session.add(question)
        outcome.added.append(question)
    session.commit()
    return outcome
