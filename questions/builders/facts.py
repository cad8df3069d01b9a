"""Builders for quantity (fill the number) and which_source (which outlet said it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from random2 import Random

from questions.builders.quotes import quote_evidence
from questions.builders.registry import OPTIONS_PER_QUESTION, builder
from questions.facts import quantity_label
from questions.model import Analysis, Evidence, Fact, FactGroup, Option, Question

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_FACTORS = [2, 0.5, 4, 10, 0.25, 3, 1.5, 0.1]
MIN_STATEMENT_WORDS = 6
SOURCE_QUESTIONS_PER_DOCUMENT = 2


def fact_evidence(fact: Fact) -> Evidence:
    """Return the evidence span of a quantity."""
    return Evidence(fact.document, fact.paragraph, fact.start, fact.end)


def _group_of(analysis: Analysis, document: str, start: int) -> FactGroup | None:
    for group in analysis.groups:
        if any(s.document == document and s.fact_start <= start < s.fact_end
               for s in group.statements):
            return group
    return None


def _format_like(label: str, value: float) -> str | None:
    """Write a new number in the style of an existing label ("2,000-pound" -> "4,000-pound")."""
    match = _NUMBER.search(label)
    if match is None or value <= 0:
        return None
    old = match.group()
    if "." in old or value != int(value):
        number = f"{value:,.1f}" if "," in old else f"{value:.1f}"
        number = number.rstrip("0").rstrip(".")
    else:
        number = f"{int(value):,}" if value >= 1000 else str(int(value))
    return label[: match.start()] + number + label[match.end():]


def _number(label: str) -> float:
    match = _NUMBER.search(label)
    return float(match.group().replace(",", "")) if match else 0.0


@builder("quantity")
def build_quantity(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Blank out a quantity in its sentence; distractors are same-unit quantities of the corpus."""
    for fact in analysis.facts:
        if fact.value_high is not None or not (fact.unit or fact.counted):
            continue
        doc = analysis.document(fact.document)
        label = quantity_label(fact)
        sentence = doc.text[fact.sentence_start : fact.sentence_end]
        offset = fact.start - fact.sentence_start
        if sentence[offset : offset + len(label)] != label:
            continue
        cloze = sentence[:offset] + "_____" + sentence[offset + len(label):]
        same_kind = [f for f in analysis.facts if f.unit == fact.unit
                     and (fact.unit or (f.counted or "").casefold() == (fact.counted or "")
                          .casefold()) and f.value_high is None]
        real: dict[str, Fact] = {}
        for other in sorted(same_kind, key=lambda f: (f.value, f.document, f.start)):
            text = quantity_label(other)
            if _number(text) != _number(label) and text not in sentence and text not in real:
                real[text] = other
        picked = rng.sample(sorted(real), min(len(real), OPTIONS_PER_QUESTION - 1))
        options = [Option(label, True, fact_evidence(fact), value=f"{fact.value:g}")]
        options += [Option(t, False, fact_evidence(real[t]), value=f"{real[t].value:g}")
                    for t in picked]
        for factor in _FACTORS:
            if len(options) == OPTIONS_PER_QUESTION:
                break
            made = _format_like(label, _number(label) * factor)
            if made and made not in sentence and all(_number(made) != _number(o.text)
                                                     for o in options):
                options.append(Option(made, False, None))
        if len(options) < OPTIONS_PER_QUESTION:
            continue
        rng.shuffle(options)
        group = _group_of(analysis, fact.document, fact.start)
        yield Question(
            kind="quantity", prompt=f"Fill the gap, as {doc.outlet or 'the article'} reported it.",
            options=options, evidence=fact_evidence(fact), generator="quantity.cloze.v1",
            seed=seed, key=f"quantity:{fact.document}:{fact.start}", quote=cloze,
            group=group.key if group else None,
        )


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@builder("which_source")
def build_which_source(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Ask which outlet reported a quotation, then whether two outlets agree on a fact."""
    outlets = {doc.id: doc.outlet or doc.title or doc.id for doc in analysis.documents}
    distinct = sorted(set(outlets.values()))
    if len(distinct) >= OPTIONS_PER_QUESTION:
        texts = {doc.id: _normal(doc.text) for doc in analysis.documents}
        per_document: dict[str, int] = {}
        for quote in sorted(analysis.quotes, key=lambda q: -len(q.text)):
            said = _normal(quote.text)
            if (len(said.split()) < MIN_STATEMENT_WORDS
                    or per_document.get(quote.document, 0) >= SOURCE_QUESTIONS_PER_DOCUMENT):
                continue
            # Never offer an outlet whose article carries the same words.
            elsewhere = {outlets[d] for d, t in texts.items() if d != quote.document and said in t}
            answer = outlets[quote.document]
            pool = [o for o in distinct if o != answer and o not in elsewhere]
            if answer in elsewhere or len(pool) < OPTIONS_PER_QUESTION - 1:
                continue
            per_document[quote.document] = per_document.get(quote.document, 0) + 1
            options = [Option(answer, True, quote_evidence(quote))]
            options += [Option(o, False) for o in rng.sample(pool, OPTIONS_PER_QUESTION - 1)]
            rng.shuffle(options)
            yield Question(
                kind="which_source", prompt="Which outlet reported this quotation?",
                options=options, evidence=quote_evidence(quote), generator="which_source.quote.v1",
                seed=seed, key=f"which_source:{quote.document}:{quote.start}", quote=quote.text,
            )
    yield from _agreement_questions(analysis, rng, seed, outlets)


def _agreement_questions(analysis: Analysis, rng: Random, seed: int,
                         outlets: dict[str, str]) -> Iterator[Question]:
    """For two outlets with different accounts of one fact, ask what each reports."""
    for group in analysis.groups:
        if not group.disagreement or not group.key.startswith("quantity:"):
            continue
        noun = group.label.split(" (")[0]
        docs = list(group.values_by_document)
        for i, first in enumerate(docs):
            for second in docs[i + 1:]:
                a, b = group.values_by_document[first], group.values_by_document[second]
                if a == b:
                    continue
                yield _agreement_question(analysis, group, (first, a), (second, b), noun,
                                          outlets, rng, seed)


def _agreement_question(analysis: Analysis, group: FactGroup, first: tuple[str, list[str]],
                        second: tuple[str, list[str]], noun: str, outlets: dict[str, str],
                        rng: Random, seed: int) -> Question:
    (doc_a, a), (doc_b, b) = first, second
    name_a, name_b = outlets[doc_a], outlets[doc_b]

    def says(values: list[str]) -> str:
        return f"{' and '.join(values)} {noun}"

    statement = next(s for s in group.statements if s.document == doc_a)
    evidence = Evidence(statement.document, statement.paragraph, statement.fact_start,
                        statement.fact_end)
    candidates = [
        Option(f"They differ: {name_a} reports {says(a)}; {name_b} reports {says(b)}.", True,
               evidence),
        Option(f"They differ: {name_a} reports {says(b)}; {name_b} reports {says(a)}.", False),
        Option(f"They agree: both report {says(a)}.", False),
        Option(f"They agree: both report {says(b)}.", False),
    ]
    rng.shuffle(candidates)
    return Question(
        kind="which_source", prompt=f"What do {name_a} and {name_b} report about the {noun}?",
        options=candidates, evidence=evidence, generator="which_source.agreement.v1", seed=seed,
        key=f"which_source:{group.key}:{doc_a}:{doc_b}", group=group.key,
    )
