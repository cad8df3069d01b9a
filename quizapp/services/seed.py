"""First-start seeding: the default corpus, its question bank and an open demo assignment."""

from __future__ import annotations

import logging
import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import questions
from quizapp.models import (
    Assignment,
    Question,
    QuestionSet,
    QuestionSetItem,
    QuestionStatus,
    Teacher,
)
from quizapp.services.corpus import PLAYABLE_KINDS, question_row, store_documents

log = logging.getLogger(__name__)

DEMO_TEACHER_EMAIL = "demo-teacher@papertrail.invalid"
DEMO_SET_TITLE = "Demo: the paused bomb shipments"
# The kinds take turns, so the demo shows each of them, the timeline exercise included.
DEMO_KINDS = ("who_said", "when", "timeline", "said_what", "quantity", "which_source")


class SeedError(RuntimeError):
    """The engine's output cannot make a demo set."""


@dataclass(frozen=True)
class DemoBank:
    """What the engine made of a corpus: documents and generated questions."""

    documents: list[questions.Document]
    questions: list[questions.Question]


@dataclass(frozen=True)
class DemoLogin:
    """The demo teacher's login, known in plain text only to the run that created it."""

    email: str
    password: str

    def __str__(self) -> str:
        return f"{self.email} / {self.password}"


@dataclass(frozen=True)
class SeedResult:
    """What seeding did: created is False when the demo was already there.

    demo_login is set only by the one run that gave the demo teacher its password, so the
    login is printed once and never again (only its hash is stored).
    """

    created: bool
    join_code: str
    documents: int = 0
    questions: int = 0
    demo_login: DemoLogin | None = None


def ensure_demo(session: Session, config: Mapping[str, Any]) -> SeedResult:
    """Seed the demo unless its assignment exists; running it again changes nothing.

    A database seeded before demo logins existed gets its demo password on the next start.
    """
    join_code = config["DEMO_JOIN_CODE"]
    if demo_exists(session, join_code):
        return SeedResult(created=False, join_code=join_code, demo_login=claim_demo_login(session))
    bank = generate_bank(questions.DEFAULT_CORPUS, seed=config["QUESTION_SEED"])
    return store_demo(session, bank, join_code=join_code, size=config["DEMO_SET_SIZE"])


def demo_exists(session: Session, join_code: str) -> bool:
    """Return whether an assignment with the demo join code exists."""
    found = session.scalar(select(Assignment.id).where(Assignment.join_code == join_code))
    return found is not None


def generate_bank(corpus: Path, *, seed: int) -> DemoBank:
    """Run the engine over a corpus folder (slow: keep it outside any transaction)."""
    documents = questions.load_documents([corpus])
    analysis = questions.analyse(documents)
    return DemoBank(documents, questions.build_questions(analysis, seed=seed))


def store_demo(session: Session, bank: DemoBank, *, join_code: str, size: int) -> SeedResult:
    """Store documents, the question bank, a demo set and its open assignment in one commit.

    Two workers starting together may both get here; the loser's commit breaks a unique
    constraint (document id, teacher email or join code), and it rolls back quietly.
    """
    rows = _question_rows(bank.questions)
    chosen = [rows[i] for i in choose_demo_questions(bank.questions, size) if i in rows]
    if not chosen:
        raise SeedError("the engine produced no who_said or said_what question for the demo")
    if demo_exists(session, join_code):
        return SeedResult(created=False, join_code=join_code)
    try:
        teacher, login = _demo_teacher(session)
        store_documents(session, bank.documents, owner=teacher)
        for row in rows.values():
            row.owner = teacher
        session.add_all(rows.values())
        for row in chosen:
            row.status = QuestionStatus.ACCEPTED
        question_set = QuestionSet(
            owner=teacher,
            title=DEMO_SET_TITLE,
            items=[QuestionSetItem(question=row, position=i) for i, row in enumerate(chosen)],
        )
        session.add(
            Assignment(
                owner=teacher,
                question_set=question_set,
                title=DEMO_SET_TITLE,
                join_code=join_code,
                is_open=True,
                settings={},
            )
        )
        session.commit()
    except IntegrityError:
        session.rollback()
        if not demo_exists(session, join_code):
            raise  # not a lost race: the data itself broke a constraint
        log.info("demo data was stored by another process meanwhile")
        return SeedResult(created=False, join_code=join_code)
    log.info("seeded the demo: %d documents, %d questions", len(bank.documents), len(rows))
    announce_demo_login(login)
    return SeedResult(
        True, join_code, documents=len(bank.documents), questions=len(rows), demo_login=login
    )


def choose_demo_questions(bank: list[questions.Question], size: int) -> list[int]:
    """Return positions in the bank of up to `size` questions for the demo set.

    The kinds take turns and, within a kind, the document asked about least goes first,
    so the set shows every kind and spreads over the corpus; no span is asked about twice.
    """
    candidates = [i for i, question in enumerate(bank) if question.kind in PLAYABLE_KINDS]
    kinds = [k for k in DEMO_KINDS if any(bank[i].kind == k for i in candidates)]
    chosen: list[int] = []
    used: set[tuple[str, int, int]] = set()
    per_document: Counter[str] = Counter()
    turn = stalled = 0
    while len(chosen) < size and kinds and stalled < len(kinds):
        kind = kinds[turn % len(kinds)]
        turn += 1
        open_ = [i for i in candidates if bank[i].kind == kind and _span(bank[i]) not in used]
        if not open_:
            stalled += 1
            continue
        stalled = 0
        pick = min(open_, key=lambda i: (per_document[bank[i].evidence.document], i))
        chosen.append(pick)
        used.add(_span(bank[pick]))
        per_document[bank[pick].evidence.document] += 1
    return chosen


def _span(question: questions.Question) -> tuple[str, int, int]:
    return (question.evidence.document, question.evidence.start, question.evidence.end)


def _question_rows(bank: list[questions.Question]) -> dict[int, Question]:
    rows: dict[int, Question] = {}
    for i, question in enumerate(bank):
        try:
            rows[i] = question_row(question)
        except ValueError as error:
            log.warning("skipped a generated question: %s", error)
    return rows


def new_demo_password() -> str:
    """Return a random password for the demo teacher (about 96 bits)."""
    return secrets.token_urlsafe(12)


def claim_demo_login(session: Session) -> DemoLogin | None:
    """Give a demo teacher without a password one, unless another process just did.

    The update only matches while the hash is still empty, so of two workers starting
    together exactly one gets a row back and announces the login.
    """
    password = new_demo_password()
    probe = Teacher(email=DEMO_TEACHER_EMAIL)
    probe.set_password(password)
    claimed = session.execute(
        update(Teacher)
        .where(Teacher.email == DEMO_TEACHER_EMAIL, Teacher.password_hash.is_(None))
        .values(password_hash=probe.password_hash)
    ).rowcount
    session.commit()
    if not claimed:
        return None
    login = DemoLogin(DEMO_TEACHER_EMAIL, password)
    announce_demo_login(login)
    return login


def announce_demo_login(login: DemoLogin | None) -> None:
    """Write the demo login to the log, at a level a default setup shows (once, at creation)."""
    if login is not None:
        log.warning(
            "Teacher login for the demo data, shown only this once: %s", login
        )


def _demo_teacher(session: Session) -> tuple[Teacher, DemoLogin | None]:
    teacher = session.scalar(select(Teacher).where(Teacher.email == DEMO_TEACHER_EMAIL))
    if teacher is None:
        teacher = Teacher(email=DEMO_TEACHER_EMAIL)
        session.add(teacher)
    if teacher.password_hash is not None:
        return teacher, None
    password = new_demo_password()
    teacher.set_password(password)
    return teacher, DemoLogin(DEMO_TEACHER_EMAIL, password)
