"""The `python -m questions` contract (design.md section 3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from questions import DEFAULT_CORPUS
from questions.__main__ import main

OWN_TEXTS = Path(__file__).parent / "texts"


def _run(capsys, *args: str) -> object:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("corpus", [DEFAULT_CORPUS, OWN_TEXTS])
def test_extract_follows_the_contract(capsys, corpus):
    data = _run(capsys, "extract", str(corpus))
    assert set(data) == {"documents", "quotes", "dates", "events"}
    texts = {}
    for doc in data["documents"]:
        assert set(doc) >= {"id", "path", "title", "outlet", "published", "paragraphs"}
        texts[doc["id"]] = Path(doc["path"]).read_bytes().decode("utf-8")
        for paragraph in doc["paragraphs"]:
            assert set(paragraph) == {"index", "start", "end", "clutter"}
    clutter = {(d["id"], p["index"]) for d in data["documents"] for p in d["paragraphs"]
               if p["clutter"]}
    spans = {d["id"]: [(p["start"], p["end"], p["index"]) for p in d["paragraphs"]]
             for d in data["documents"]}
    assert data["quotes"], "the corpus has quotations"
    for kind in ("quotes", "dates", "events"):
        for item in data[kind]:
            text = texts[item["document"]]
            assert text[item["start"] : item["end"]] == item["text"]
            index = next(i for s, e, i in spans[item["document"]] if s <= item["start"] < e)
            assert (item["document"], index) not in clutter
    for quote in data["quotes"]:
        assert set(quote) == {"document", "start", "end", "text", "speaker", "speaker_role"}


def test_extract_reads_single_files_with_their_manifest(capsys):
    path = DEFAULT_CORPUS / "002_e1d73f7ca8f20331.txt"
    data = _run(capsys, "extract", str(path))
    assert [d["outlet"] for d in data["documents"]] == ["Reuters"]
    assert data["documents"][0]["published"] == "2024-06-26"


def test_extract_without_manifest_keeps_published_null(capsys, tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("Council meets\n\n“We will decide soon,” Mayor Ana Ruiz said.\n",
                       encoding="utf-8")
    data = _run(capsys, "extract", str(article))
    assert data["documents"][0]["published"] is None
    assert data["quotes"][0]["speaker"] == "Ana Ruiz"


def test_generate_gift_and_json(capsys):
    bank = _run(capsys, "generate", str(DEFAULT_CORPUS), "--seed", "3")
    kinds = {q["kind"] for q in bank}
    assert kinds == {"who_said", "said_what", "when", "quantity", "timeline", "which_source"}
    assert main(["generate", str(DEFAULT_CORPUS), "--seed", "3", "--format", "gift"]) == 0
    gift = capsys.readouterr().out
    assert gift.count("\n}\n") == len(bank)


def test_module_runs_as_a_program():
    result = subprocess.run([sys.executable, "-m", "questions", "extract", str(DEFAULT_CORPUS)],
                            capture_output=True, text=True, check=True, encoding="utf-8")
    assert json.loads(result.stdout)["documents"]


def test_missing_path_is_a_clear_error(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "error" in capsys.readouterr().err
