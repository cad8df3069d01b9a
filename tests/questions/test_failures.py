"""One article's unexpected error never fails a bank: it is set aside with its stage named."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

import questions.pipeline as pipeline
from questions import analyse, build_questions, load_text_document

CRASH = "Then the head of the agency said “we will act”."
GOOD = (
    "Bridge plan goes ahead\n\n"
    "Mayor Ines Okafor said on Tuesday that the city will rebuild the bridge.\n\n"
    "“We start in June,” Okafor told reporters on Tuesday. “The river will not stop us.”\n\n"
    "The council approved 12 million euros for the work on Monday.\n"
)


def _doc(text: str, doc_id: str):
    return load_text_document(text, doc_id=doc_id, metadata={"published": "2024-06-19"})


@pytest.mark.parametrize("sentence", [
    CRASH,
    "The head said “we will act”.",
    "“We will act,” the chief said.",
    "The leader of the group told us: “we are ready to go now.”",
])
def test_a_role_with_a_generic_head_and_no_other_word_names_nobody(sentence):
    analysis = analyse([_doc(f"Agency news\n\n{sentence}\n", "crash")])
    assert analysis.failures == []
    # kept as the description the article gives, never resolved to a person by a guess
    [quote] = analysis.quotes
    assert (quote.anonymous or quote.speaker_name is None
            or quote.speaker_name.lower() in sentence.lower())


def test_an_article_that_fails_is_set_aside_and_the_others_keep_their_questions(
        monkeypatch, caplog):
    real = pipeline.find_dates

    def fails_on_broken(doc, sentences):
        if doc.id == "broken":
            raise RuntimeError("boom")
        return real(doc, sentences)

    monkeypatch.setattr(pipeline, "find_dates", fails_on_broken)
    good = _doc(GOOD, "good")
    alone = build_questions(analyse([_doc(GOOD, "good")]), seed=3)
    with caplog.at_level(logging.WARNING, logger="questions"):
        analysis = analyse([_doc(GOOD.replace("Okafor", "Lenz"), "broken"), good])
    assert [f.document for f in analysis.failures] == ["broken"]
    assert "dates" in analysis.failures[0].stage
    assert "RuntimeError: boom" in analysis.failures[0].error
    assert [doc.id for doc in analysis.documents] == ["good"]
    assert all(q.document == "good" for q in analysis.quotes)
    assert any("article broken" in r.getMessage() for r in caplog.records)
    bank = build_questions(analysis, seed=3)
    assert bank and [q.key for q in bank] == [q.key for q in alone]


def test_a_failing_quote_stage_names_the_stage(monkeypatch):
    real = pipeline.attribute_quotes

    def fails(documents, index, parses):
        if any(doc.id == "broken" for doc in documents):
            from questions.failures import article_stage
            with article_stage("broken", "quotes"):
                raise KeyError("speaker")
        return real(documents, index, parses)

    monkeypatch.setattr(pipeline, "attribute_quotes", fails)
    analysis = analyse([_doc(GOOD, "broken"), _doc(GOOD, "good")])
    assert [(f.document, f.stage) for f in analysis.failures] == [("broken", "quotes")]
    assert analysis.quotes and {q.document for q in analysis.quotes} == {"good"}


def test_a_failing_builder_costs_only_its_own_kind(monkeypatch):
    from questions.builders import registry

    analysis = analyse([_doc(GOOD, "good")])
    kinds = {q.kind for q in build_questions(analysis, seed=1)}
    assert "when" in kinds

    def broken(analysis, rng, seed):
        raise ValueError("builder bug")
        yield  # pragma: no cover

    monkeypatch.setitem(registry.BUILDERS, "when", broken)
    bank = build_questions(analysis, seed=1)
    assert bank and {q.kind for q in bank} == kinds - {"when"}


def test_the_command_line_reports_a_failed_article_and_prints_the_rest(tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.txt").write_text(GOOD, encoding="utf-8")
    script = (
        "import sys, questions.pipeline as p\n"
        "real = p.find_dates\n"
        "def f(doc, s):\n"
        "    if doc.id == 'broken': raise RuntimeError('boom')\n"
        "    return real(doc, s)\n"
        "p.find_dates = f\n"
        "from questions.__main__ import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, "extract", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "no questions from article broken" in result.stderr
    assert '"id": "good"' in result.stdout and '"id": "broken"' not in result.stdout
