"""First-start seeding: the demo set, idempotence, and two workers starting at once."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

import questions
from quizapp import create_app
from quizapp.db import database, dispose, get_session, init_db
from quizapp.models import Assignment, Base, Document, Question, QuestionStatus
from quizapp.services import seed
from quizapp.services.corpus import CHOICE_KINDS, PLAYABLE_KINDS
from quizapp.services.seed import choose_demo_questions, ensure_demo, generate_bank, store_demo


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table, to compare before and after."""
    with database(app).engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def test_demo_assignment_is_open_with_a_spread_of_questions(app: Flask) -> None:
    with app.app_context():
        db = get_session()
        assignment = db.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
        assert assignment.is_open
        chosen = assignment.question_set.questions
        bank = db.scalars(select(Question)).all()
    assert len(chosen) == 10
    kinds = {q.kind for q in chosen}
    assert kinds <= PLAYABLE_KINDS and len(kinds) >= 4, "the demo shows several kinds"
    assert "timeline" in kinds, "the demo includes the timeline exercise"
    assert all(q.status is QuestionStatus.ACCEPTED for q in chosen)
    assert len(bank) > len(chosen)
    # Every document that has a question in the bank is represented in the set.
    playable_docs = {q.evidence_document_id for q in bank if q.kind in PLAYABLE_KINDS}
    assert {q.evidence_document_id for q in chosen} == playable_docs
    spans = {(q.evidence_document_id, q.evidence_start, q.evidence_end) for q in chosen}
    assert len(spans) == len(chosen), "no quotation is asked about twice"
    for question in chosen:
        if question.kind == "timeline":
            assert question.answer_index is None
            assert sorted(question.answer_order) == list(range(len(question.options)))
        else:
            assert question.kind in CHOICE_KINDS
            assert question.answer_index is not None
            assert 0 <= question.answer_index < len(question.options)


def test_documents_are_stored_unchanged(app: Flask) -> None:
    with app.app_context():
        stored = {d.id: d for d in get_session().scalars(select(Document))}
        for path in sorted(questions.DEFAULT_CORPUS.glob("*.txt")):
            document = stored[path.stem]
            assert document.text == path.read_bytes().decode("utf-8")
            for paragraph in document.paragraphs:
                assert paragraph.text == document.text[paragraph.start : paragraph.end]
        assert stored["000_b5f3451da38d467c"].extra["outlet_kind"].startswith("nonprofit")


def test_seeding_again_changes_nothing(app: Flask, runner: FlaskCliRunner) -> None:
    before = snapshot(app)
    with app.app_context():
        result = ensure_demo(get_session(), app.config)
    assert not result.created
    outcome = runner.invoke(args=["seed"])
    assert outcome.exit_code == 0, outcome.output
    assert "nothing changed" in outcome.output
    assert "DEMO" in outcome.output
    assert snapshot(app) == before


def test_first_start_seeds_and_a_restart_does_not(instance_path: Path) -> None:
    config = {"INSTANCE_PATH": str(instance_path), "SEED_ON_START": True}
    first = create_app(config)
    before = snapshot(first)
    dispose(first)
    assert len(before["assignments"]) == 1
    assert len(before["documents"]) == 5
    second = create_app(config)
    assert snapshot(second) == before
    dispose(second)


def test_seed_command_reports_seeding_done_at_start(instance_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(instance_path), "SEED_ON_START": True})
    result = app.test_cli_runner().invoke(args=["seed"])
    assert "Seeded 5 articles" in result.output
    assert "code DEMO" in result.output
    dispose(app)


def test_init_db_command_creates_the_tables(instance_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(instance_path)})
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "Initialized the database." in result.output
    assert "assignments" in inspect(database(app).engine).get_table_names()
    dispose(app)


def test_seed_command_on_an_empty_database(instance_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(instance_path)})
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "Seeded 5 articles" in result.output
    assert "code DEMO" in result.output
    dispose(app)


def test_two_workers_seeding_at_once_store_the_demo_once(
    instance_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = generate_bank(questions.DEFAULT_CORPUS, seed=1234)
    apps = [create_app({"INSTANCE_PATH": str(instance_path)}) for _ in range(2)]
    init_db(apps[0])
    # Both workers check for the demo before either commits: the race we must survive.
    barrier, checked = threading.Barrier(2, timeout=10), threading.local()
    original = seed.demo_exists

    def racing_demo_exists(session: Session, join_code: str) -> bool:
        found = original(session, join_code)
        if not getattr(checked, "done", False):
            checked.done = True
            barrier.wait()
        return found

    monkeypatch.setattr(seed, "demo_exists", racing_demo_exists)
    results: list[seed.SeedResult] = []
    errors: list[BaseException] = []

    def worker(app: Flask) -> None:
        try:
            with Session(database(app).engine) as session:
                results.append(store_demo(session, bank, join_code="DEMO", size=10))
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert sorted(r.created for r in results) == [False, True]
    with database(apps[0]).engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM assignments")) == 1
        assert connection.scalar(text("SELECT count(*) FROM documents")) == 5
        assert connection.scalar(text("SELECT count(*) FROM teachers")) == 1
    for app in apps:
        dispose(app)


def make_question(kind: str, document: str, start: int) -> questions.Question:
    evidence = questions.Evidence(document, 0, start, start + 5)
    options = [questions.Option(f"option {i}", i == 0, evidence) for i in range(4)]
    return questions.Question(kind, "prompt", options, evidence, "test", 1, f"{document}{start}")


def test_choice_takes_documents_in_turn_and_alternates_kinds() -> None:
    bank = [
        make_question("who_said", "a", 0),
        make_question("who_said", "a", 10),
        make_question("said_what", "a", 10),  # the same quotation as the one before
        make_question("said_what", "a", 20),
        make_question("timeline", "a", 30),
        make_question("said_what", "b", 0),
        make_question("who_said", "b", 10),
        make_question("who_said", "c", 0),
        make_question("gift_only", "c", 50),  # a kind the app cannot play is never chosen
    ]
    chosen = choose_demo_questions(bank, 10)
    picked = [(bank[i].kind, bank[i].evidence.document, bank[i].evidence.start) for i in chosen]
    # The kinds take turns in DEMO_KINDS order (who_said, ..., timeline, said_what, ...);
    # within a kind the least-asked document goes first.
    assert picked[:4] == [
        ("who_said", "a", 0),
        ("timeline", "a", 30),
        ("said_what", "b", 0),
        ("who_said", "c", 0),
    ]
    # The (a, 10) span is asked once: as said_what (its turn came first), never as who_said.
    assert picked[4:] == [("said_what", "a", 10), ("who_said", "b", 10), ("said_what", "a", 20)]
    spans = [(doc, start) for _, doc, start in picked]
    assert len(set(spans)) == len(spans)
    assert choose_demo_questions(bank, 2) == chosen[:2]
    assert choose_demo_questions([], 10) == []
