"""Builders for quantity (fill the number) and which_source (which outlet said it)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from random2 import Random

from questions.builders.dates import DATELINE_PREFIX
from questions.builders.quotes import quote_evidence, shown_quotation
from questions.builders.registry import OPTIONS_PER_QUESTION, builder, sample_valid
from questions.facts import quantity_label
from questions.model import Analysis, Evidence, Fact, FactGroup, Option, Question
from questions.quality import NUMBER, highest_option, number_in, option_problem

MIN_STATEMENT_WORDS = 6
AGREEMENT_QUESTIONS_PER_GROUP = 6  # pairs of outlets asked about, per disagreeing fact
SOURCE_QUESTIONS_PER_DOCUMENT = 2


def fact_evidence(fact: Fact) -> Evidence:
    """Return the evidence span of a quantity."""
    return Evidence(fact.document, fact.paragraph, fact.start, fact.end)


def _groups_by_fact(analysis: Analysis) -> dict[tuple[str, int], FactGroup]:
    """Map each grouped quantity (document, start) to its cross-source group."""
    return {(s.document, s.fact_start): group for group in analysis.groups
            if group.key.startswith("quantity:") for s in group.statements}


def _kind_key(fact: Fact) -> tuple[str, str]:
    """Quantities are comparable when they share a unit, or count the same thing."""
    return (fact.unit or "count", "" if fact.unit else (fact.counted or "").casefold())


def _format_like(label: str, value: float) -> str | None:
    """Write a new number in the style of an existing label ("2,000-pound" -> "4,000-pound")."""
    match = NUMBER.search(label)
    if match is None or value <= 0:
        return None
    old = match.group()
    if "." in old or value != int(value):
        number = f"{value:,.1f}" if "," in old else f"{value:.1f}"
        number = number.rstrip("0").rstrip(".")
    else:
        number = f"{int(value):,}" if value >= 1000 else str(int(value))
    return label[: match.start()] + number + label[match.end():]


@functools.lru_cache(maxsize=65536)  # distractor checks compare the same labels again and again
def _number(label: str) -> float:
    return number_in(label) or 0.0


# Scales with a natural ceiling (a magnitude, an age, a depth): made-up values stay close.
_BOUNDED_SCALE = re.compile(r"\b(?:magnitude|aged?|years? old|depths?|deep|dive|temperatures?|"
                            r"degrees?|Celsius|Fahrenheit)\b", re.IGNORECASE)
_GENTLE_BELOW = (0.8, 0.9, 0.85, 0.75)
_GENTLE_ABOVE = (1.1, 1.2, 1.15, 1.25)
_BELOW = (0.5, 0.75, 0.6, 0.4, 0.8)
_ABOVE = (1.5, 2.0, 1.25, 2.5, 1.75)


def _rounded(key: float, value: float) -> float:
    """Round a made-up value as the key is rounded: whole, or to its trailing zeros."""
    if key != int(key):
        return round(value, 1)
    digits = len(str(int(key))) - len(str(int(key)).rstrip("0"))
    step = 10 ** min(digits, max(len(str(int(value))) - 1, 0))
    return float(round(value / step) * step)


def _made_up(label: str, sentence: str, options: list[Option], rng: Random,
             highest: float | None = None) -> list[str]:
    """Make the missing distractors near the key, as many below it as chance says.

    Drawing how many go below the key keeps its rank among the options uniform: always
    halving, doubling and quadrupling would make it the second-smallest every time.
    """
    needed = OPTIONS_PER_QUESTION - len(options)
    if needed <= 0:
        return []
    key = _number(label)
    below = rng.randint(0, needed)
    # A bounded scale, or an exact count ("61,204 fans"): made-up values stay close
    gentle = _BOUNDED_SCALE.search(sentence) is not None or (
        key >= 1000 and key == int(key) and int(key) % 100 != 0)
    lows, highs = (list(_GENTLE_BELOW), list(_GENTLE_ABOVE)) if gentle else (list(_BELOW),
                                                                              list(_ABOVE))
    rng.shuffle(lows)
    rng.shuffle(highs)
    made: list[str] = []
    taken = {_number(o.text) for o in options}
    for factors in (lows[:below] + highs, highs + lows):
        for factor in factors:
            if len(made) == needed:
                return made
            text = _format_like(label, _rounded(key, key * factor))
            if (text and text not in sentence and option_problem(label, text) is None
                    and _number(text) not in taken
                    and (highest is None or _number(text) <= highest)):
                made.append(text)
                taken.add(_number(text))
    return made


@builder("quantity")
def build_quantity(analysis: Analysis, rng: Random, seed: int) -> Iterator[Question]:
    """Blank out a quantity in its sentence; distractors are same-unit quantities of the corpus."""
    groups = _groups_by_fact(analysis)
    same_kind: dict[tuple[str, str], dict[str, Fact]] = {}
    for other in sorted(analysis.facts, key=lambda f: (f.value, f.document, f.start)):
        if other.value_high is None:
            same_kind.setdefault(_kind_key(other), {}).setdefault(quantity_label(other), other)
    sorted_labels = {key: sorted(real) for key, real in same_kind.items()}
    for fact in analysis.facts:
        if fact.value_high is not None or not (fact.unit or fact.counted):
            continue
        doc = analysis.document(fact.document)
        label = quantity_label(fact)
        sentence = doc.text[fact.sentence_start : fact.sentence_end]
        offset = fact.start - fact.sentence_start
        if sentence[offset : offset + len(label)] != label:
            continue
        dateline = DATELINE_PREFIX.match(sentence, 0, offset)
        lead = dateline.end() if dateline else 0  # "MONTALVA, Nov 7 (Meridian Wire) – "
        cloze = sentence[lead:offset] + "_____" + sentence[offset + len(label):]
        highest = highest_option(cloze)  # "over the age of ___": ages only
        real = same_kind.get(_kind_key(fact), {})
        labels = sorted_labels.get(_kind_key(fact), [])

        if not NUMBER.search(label):
            continue  # "nine", "Two": options in figures would give the key away

        def fits(text: str, picked: list[str], label: str = label, sentence: str = sentence,
                 highest: float | None = highest) -> bool:
            # Another value written like the key, not one the sentence itself shows, within
            # what the gap can hold, and not equal to a pick.
            return (_number(text) != _number(label) and text not in sentence
                    and option_problem(label, text) is None
                    and (highest is None or _number(text) <= highest)
                    and all(_number(text) != _number(p) for p in picked))

        picked = sample_valid(rng, labels, OPTIONS_PER_QUESTION - 1, fits) or [
            t for t in labels if fits(t, [])][: OPTIONS_PER_QUESTION - 1]
        options = [Option(label, True, fact_evidence(fact), value=f"{fact.value:g}")]
        options += [Option(t, False, fact_evidence(real[t]), value=f"{real[t].value:g}")
                    for t in picked]
        for made in _made_up(label, sentence, options, rng, highest):
            options.append(Option(made, False, None))
        if len(options) < OPTIONS_PER_QUESTION:
            continue
        rng.shuffle(options)
        group = groups.get((fact.document, fact.start))
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
        said_texts = {id(quote): _normal(quote.text) for quote in analysis.quotes}
        said_words = {key: said.split() for key, said in said_texts.items()}
        # Which documents hold each word: a quotation can only be in those with all its words.
        # Only the words of quotations long enough to ask about are ever looked up.
        asked_words = {word for words in said_words.values() if len(words)
                       >= MIN_STATEMENT_WORDS for word in words}
        holders: dict[str, set[str]] = {}
        for doc_id, text in texts.items():
            for word in asked_words.intersection(text.split()):
                holders.setdefault(word, set()).add(doc_id)
        per_document: dict[str, int] = {}
        for quote in sorted(analysis.quotes, key=lambda q: -len(q.text)):
            words = said_words[id(quote)]
            if (len(words) < MIN_STATEMENT_WORDS
                    or per_document.get(quote.document, 0) >= SOURCE_QUESTIONS_PER_DOCUMENT):
                continue
            said = said_texts[id(quote)]
            # Never offer an outlet whose article carries the same words.
            rarest = sorted(set(words), key=lambda w: len(holders.get(w, ())))[:3]
            maybe = set.intersection(*(holders.get(w, set()) for w in rarest))
            answer = outlets[quote.document]
            elsewhere = _outlets_also_carrying(said, quote.document, maybe, texts, outlets,
                                               len(distinct) - OPTIONS_PER_QUESTION)
            if elsewhere is None or answer in elsewhere:
                continue
            pool = [o for o in distinct if o != answer and o not in elsewhere]
            per_document[quote.document] = per_document.get(quote.document, 0) + 1
            options = [Option(answer, True, quote_evidence(quote))]
            options += [Option(o, False) for o in rng.sample(pool, OPTIONS_PER_QUESTION - 1)]
            rng.shuffle(options)
            yield Question(
                kind="which_source", prompt="Which outlet reported this quotation?",
                options=options, evidence=quote_evidence(quote), generator="which_source.quote.v1",
                seed=seed, key=f"which_source:{quote.document}:{quote.start}",
                quote=shown_quotation(quote.text),
            )
    yield from _agreement_questions(analysis, rng, seed, outlets)


def _outlets_also_carrying(said: str, document: str, maybe: set[str], texts: dict[str, str],
                           outlets: dict[str, str], spare: int) -> set[str] | None:
    """Return the outlets whose other articles carry the quotation too.

    None when the answer's own outlet is among them or more than `spare` are (too few would
    be left to offer): the search stops there. One article per outlet is enough.
    """
    answer = outlets[document]
    found: set[str] = set()
    for d in maybe:
        outlet = outlets[d]
        if d != document and outlet not in found and said in texts[d]:
            if outlet == answer:
                return None
            found.add(outlet)
            if len(found) > spare:
                return None
    return found


def _agreement_questions(analysis: Analysis, rng: Random, seed: int,
                         outlets: dict[str, str]) -> Iterator[Question]:
    """For two outlets with different accounts of one fact, ask what each reports."""
    for group in analysis.groups:
        if not group.disagreement or not group.key.startswith("quantity:"):
            continue
        noun = group.label.split(" (")[0]
        # Only outlets whose figures exclude each other disagree ("only 500-pound bombs"
        # against "2,000-pound bombs"); "including 2,000-pound bombs" agrees with a fuller list.
        published = {doc.id: doc.published for doc in analysis.documents}
        # A count reported on another day may be an update ("30 aftershocks" by Tuesday,
        # "70" by Wednesday), not a disagreement: only same-day reports are set side by side.
        grows = group.key.startswith("quantity:count:")  # counts grow; a weight does not
        same_day = [(a, b) for a, b in group.conflicts
                    if not grows or published[a] == published[b]]
        for first, second in same_day[:AGREEMENT_QUESTIONS_PER_GROUP]:
            a, b = group.values_by_document[first], group.values_by_document[second]
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
