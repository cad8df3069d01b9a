"""Score the engine against a hand-checked gold file: precision and recall per stage.

Gold spans are given as exact text plus which occurrence in the file, so a gold file stays
readable; items match the engine's by overlapping spans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questions.builders import build_questions
from questions.ingest import load_documents
from questions.model import Analysis, Question
from questions.pipeline import analyse
from questions.timex import first_day


@dataclass
class StageScore:
    """Counts for one stage; `right` counts matched items whose value is also right."""

    name: str
    gold: int = 0
    found: int = 0
    matched: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def accuracy(self) -> float:
        """Share of matched items whose value (speaker, date, number) is right."""
        return self.right / self.matched if self.matched else 1.0


@dataclass
class Evaluation:
    """Scores per stage, and the questions whose answer key the gold contradicts."""

    stages: dict[str, StageScore]
    questions_checked: int = 0
    questions_unchecked: int = 0
    wrong_answer_keys: list[str] = field(default_factory=list)
    groups_right: bool | None = None


def _span(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _norm(text: str | None) -> str:
    text = (text or "").replace("’", "'")
    text = re.sub(r"\s*\(quoted by [^)]*\)$", "", text)
    return re.sub(r"^(?:the|a|an) ", "", re.sub(r"^[\s,.;:]+|[\s,.;:!?]+$", "", text).casefold())


class _Gold:
    """A gold file with its items' spans resolved against the documents' texts."""

    def __init__(self, data: dict[str, Any], analysis: Analysis) -> None:
        self.data = data
        self.texts = {Path(d.path or d.id).name: d for d in analysis.documents}

    def items(self, key: str, text_key: str) -> list[tuple[str, tuple[int, int], dict[str, Any]]]:
        resolved = []
        for item in self.data.get(key, []):
            doc = self.texts.get(item["file"])
            if doc is None:
                continue
            span = _span(doc.text, item[text_key], item.get("occurrence", 1))
            if span is not None:
                resolved.append((doc.id, span, item))
        return resolved


def _score(name: str, gold: list[tuple[str, tuple[int, int], dict[str, Any]]],
           found: list[tuple[str, tuple[int, int], Any]], is_right: Any) -> StageScore:
    score = StageScore(name, gold=len(gold), found=len(found))
    used: set[int] = set()
    for doc_id, span, item in gold:
        match = next((i for i, (d, s, _) in enumerate(found)
                      if i not in used and d == doc_id and _overlaps(s, span)), None)
        if match is None:
            score.misses.append(f"missed {item}")
            continue
        used.add(match)
        score.matched += 1
        if is_right(item, found[match][2]):
            score.right += 1
        else:
            score.misses.append(f"wrong {item} -> {found[match][2]}")
    return score


def evaluate(gold_path: Path, corpus: list[Path]) -> Evaluation:
    """Run the engine on a corpus and score every stage against the gold file."""
    analysis = analyse(load_documents(corpus))
    gold = _Gold(json.loads(gold_path.read_text(encoding="utf-8")), analysis)
    stages = {
        "quotes": _score("quotes", gold.items("quotes", "quote"),
                         [(q.document, (q.start, q.end), q) for q in analysis.quotes],
                         lambda item, q: _norm(q.speaker_name) == _norm(item["speaker"])),
        "dates": _score("dates", gold.items("dates", "text"),
                        [(d.document, (d.start, d.end), d) for d in analysis.dates],
                        lambda item, d: d.value == item["value"]),
        "events": _score("events", gold.items("events", "date_text"),
                         [(e.document, (e.date_start, e.date_end), e) for e in analysis.events],
                         lambda item, e: e.date == item["value"]
                         and e.caption == item.get("caption", False)),
        "facts": _score("facts", gold.items("facts", "text"),
                        [(f.document, (f.start, f.end), f) for f in analysis.facts],
                        lambda item, f: abs(f.value - float(item["value"])) < 1e-6),
    }
    result = Evaluation(stages)
    _check_questions(result, gold, analysis, build_questions(analysis, seed=0))
    if "paused_bombs" in gold.data:
        result.groups_right = _check_bombs(gold.data["paused_bombs"], analysis)
    return result


def _check_bombs(expected: dict[str, list[str]], analysis: Analysis) -> bool:
    for group in analysis.groups:
        if group.key == "quantity:pound:bomb":
            got = {analysis.document(d).outlet: sorted(v)
                   for d, v in group.values_by_document.items()}
            return got == {k: sorted(v) for k, v in expected.items()}
    return False


def _check_questions(result: Evaluation, gold: _Gold, analysis: Analysis,
                     bank: list[Question]) -> None:
    """Check each answer key against the gold item its evidence points at."""
    speakers = {(d, s): item["speaker"] for d, s, item in gold.items("quotes", "quote")}
    dates = {(d, s): item["value"] for d, s, item in gold.items("events", "date_text")}
    facts = {(d, s): float(item["value"]) for d, s, item in gold.items("facts", "text")}

    def lookup(table: dict[tuple[str, tuple[int, int]], Any], doc: str, start: int,
               end: int) -> Any:
        return next((v for (d, s), v in table.items() if d == doc and _overlaps(s, (start, end))),
                    None)

    for question in bank:
        verdict = _answer_is_right(question, analysis, speakers, dates, facts, lookup)
        if verdict is None:
            result.questions_unchecked += 1
            continue
        result.questions_checked += 1
        if not verdict:
            result.wrong_answer_keys.append(f"{question.key}: {question.prompt} {question.quote}")


def _answer_is_right(question: Question, analysis: Analysis, speakers: dict, dates: dict,
                     facts: dict, lookup: Any) -> bool | None:
    ev = question.evidence
    if question.kind == "who_said":
        speaker = lookup(speakers, ev.document, ev.start, ev.end)
        answer = question.options[question.answer_index].text
        return None if speaker is None else _norm(answer) == _norm(speaker)
    if question.kind == "said_what":
        answer = question.options[question.answer_index].evidence
        speaker = lookup(speakers, answer.document, answer.start, answer.end)
        return None if speaker is None else _norm(speaker) in _norm(question.prompt)
    if question.kind == "when":
        date_ev = question.options[question.answer_index].evidence
        value = lookup(dates, date_ev.document, date_ev.start, date_ev.end)
        return None if value is None else question.options[question.answer_index].value == value
    if question.kind == "quantity":
        value = lookup(facts, ev.document, ev.start, ev.end)
        answer = question.options[question.answer_index].value
        return None if value is None or answer is None else abs(float(answer) - value) < 1e-6
    if question.kind == "timeline":
        values = []
        for option in question.options:
            e = option.evidence
            event = next((x for x in analysis.events if x.document == e.document
                          and x.start == e.start and x.date == option.value), None)
            value = lookup(dates, e.document, event.date_start, event.date_end) if event else None
            if value is None:
                return None
            values.append(value)
        order = [values[i] for i in question.answer_order or []]
        days = [first_day(v) for v in order]
        return days == sorted(days)
    if question.kind == "which_source":
        answer = question.options[question.answer_index]
        return answer.evidence is not None and (
            analysis.document(answer.evidence.document).outlet in answer.text)
    return None


def report(result: Evaluation) -> str:
    """Return the evaluation as a table people read."""
    lines = [f"{'stage':8} {'gold':>5} {'found':>6} {'matched':>8} {'precision':>10} "
             f"{'recall':>7} {'value right':>12}"]
    for stage in result.stages.values():
        lines.append(f"{stage.name:8} {stage.gold:5} {stage.found:6} {stage.matched:8} "
                     f"{stage.precision:10.1%} {stage.recall:7.1%} {stage.accuracy:12.1%}")
    lines.append(f"questions: {result.questions_checked} checked against the gold, "
                 f"{result.questions_unchecked} not covered by it, "
                 f"{len(result.wrong_answer_keys)} with a wrong answer key")
    lines += [f"  wrong key: {w}" for w in result.wrong_answer_keys]
    if result.groups_right is not None:
        lines.append(f"paused-bomb group matches the gold per outlet: {result.groups_right}")
    return "\n".join(lines)
