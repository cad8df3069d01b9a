"""Cross-article work over stored analyses: a library grows one article at a time.

Each article's questions are built from its own stored analysis and those of the articles
most related to it (its context: the articles whose shared names, quantities and days weigh
the most, at most MAX_CONTEXT; questions.relatedness). Only questions whose evidence lies in
the article are its own, and they depend on nothing but the article and its context, so an
upload re-builds the new article and the few whose context changes, never the whole
library, and a library built by single uploads holds the bank of one run over all its
articles (library_banks).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from questions.align import group_events, group_facts
from questions.builders import build_questions
from questions.model import Analysis, FactGroup, Person, Question, Quote
from questions.people import edit_distance
from questions.relatedness import (
    RELATED_SCORE,
    Related,
    article_terms,
    related_by_terms,
    term_points,
    weights,
)
from questions.stored import ArticleAnalysis

MAX_CONTEXT = 5  # related articles an article's questions are built against


def context_order(related: Related) -> tuple[int, str]:
    """Sort key of related articles: highest score first, then by id (a stable order)."""
    return (-related.score, related.document)


def choose_context(candidates: Iterable[Related], size: int = MAX_CONTEXT) -> list[Related]:
    """Return the articles an article is built against: the most related, related enough."""
    enough = [r for r in candidates if r.score >= RELATED_SCORE]
    return sorted(enough, key=context_order)[:size]


def library_contexts(terms: Mapping[str, frozenset[str]]) -> dict[str, list[Related]]:
    """Return each article's context in a library, from every article's terms, by article id.

    What the app's index gives one article at a time (quizapp.services.library), here for
    all at once: the weights count the holders of each term over the whole library.
    """
    holders: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(terms):
        for term in terms[doc_id]:
            holders[term].append(doc_id)
    counts = {term: len(docs) for term, docs in holders.items()}
    contexts = {}
    for doc_id, own in terms.items():
        weighted = weights(own, counts)
        rows = ((other, term) for term in weighted for other in holders[term])
        contexts[doc_id] = choose_context(related_by_terms(rows, weighted, doc_id))
    return contexts


@dataclass(slots=True)
class ArticleBank:
    """One article's questions and the cross-source groups that hold its statements."""

    document: str
    questions: list[Question] = field(default_factory=list)
    groups: list[FactGroup] = field(default_factory=list)


def article_bank(target: ArticleAnalysis, context: Sequence[ArticleAnalysis],
                 seed: int) -> ArticleBank:
    """Build one article's questions against its context (other articles' stored analyses)."""
    analysis = combine([target, *context])
    own = target.document.id
    return ArticleBank(
        document=own,
        questions=[q for q in build_questions(analysis, seed=seed) if q.evidence.document == own],
        groups=[g for g in analysis.groups if own in g.values_by_document],
    )


def combine(articles: Sequence[ArticleAnalysis]) -> Analysis:
    """Join stored analyses into one: people merged across articles, facts aligned.

    Articles are taken in id order whatever order they come in, so the result depends only
    on which articles are combined.
    """
    ordered = sorted(articles, key=lambda a: a.document.id)
    canonical = _merged_people(ordered)
    people: dict[str, Person] = {}
    quotes: list[Quote] = []
    for article in ordered:
        for key, person in article.people.items():
            target = canonical.get(key, key)
            if target in people:
                people[target].variants |= person.variants
            else:
                people[target] = replace(person, key=target, variants=set(person.variants))
        quotes.extend(replace(q, speaker=canonical.get(q.speaker, q.speaker)) if q.speaker
                      else q for q in article.quotes)
    documents = [a.document for a in ordered]
    facts = [f for a in ordered for f in a.facts]
    events = [e for a in ordered for e in a.events]
    related = related_within(ordered)
    groups = group_facts(documents, facts, related) + group_events(documents, events)
    return Analysis(documents=documents, people=people, quotes=quotes,
                    dates=[d for a in ordered for d in a.dates], events=events, facts=facts,
                    groups=groups, related=related)


def related_within(articles: Sequence[ArticleAnalysis]) -> dict[str, set[str]]:
    """Return which of these articles report one story, each shared term at full points.

    Among a handful of articles no term is common, and at full points an article is related
    to each article of its context whatever the library's counts were when it was chosen;
    the result depends only on which articles are combined.
    """
    terms = {a.document.id: article_terms(a) for a in articles}
    related: dict[str, set[str]] = {doc_id: set() for doc_id in terms}
    ids = sorted(terms)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if sum(map(term_points, terms[a] & terms[b])) >= RELATED_SCORE:
                related[a].add(b)
                related[b].add(a)
    return related


def _is_named(person: Person) -> bool:
    return not person.anonymous and ":" not in person.key and " " in person.key


def _merged_people(articles: Sequence[ArticleAnalysis]) -> Mapping[str, str]:
    """Map each person key to the key it is merged into across the articles.

    Full names with one surname whose first names are spelling variants ("Antony" and
    "Anthony Blinken") are one person, under the spelling most articles use; a surname
    alone is the one full name of the articles with that surname.
    """
    seen_in: Counter[str] = Counter()
    by_surname: dict[str, set[str]] = defaultdict(set)
    lone: set[str] = set()
    for article in articles:
        for person in article.people.values():
            if _is_named(person):
                seen_in[person.key] += 1
                by_surname[person.key.rsplit(" ", 1)[1].casefold()].add(person.key)
            elif not person.anonymous and ":" not in person.key and person.key.isalpha():
                lone.add(person.key)
    canonical: dict[str, str] = {}
    for keys in by_surname.values():
        for key in sorted(keys, key=lambda k: (-seen_in[k], k)):
            if key in canonical:
                continue
            first = key.split(" ", 1)[0].casefold()
            for other in keys - canonical.keys():
                if other != key and _same_first_name(first, other.split(" ", 1)[0].casefold()):
                    canonical[other] = key
    for surname in lone:
        full = {canonical.get(k, k) for k in by_surname.get(surname.casefold(), ())}
        if len(full) == 1:
            canonical[surname] = full.pop()
    return canonical


def _same_first_name(a: str, b: str) -> bool:
    if a == b or (len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a))):
        return True
    return a[:1] == b[:1] and min(len(a), len(b)) >= 4 and edit_distance(a, b) <= 2


def library_banks(articles: Sequence[ArticleAnalysis], seed: int) -> dict[str, ArticleBank]:
    """Build every article's questions in one run over the whole library, by article id.

    What a library built by single uploads holds (each article against its context), and
    what re-generation after an engine upgrade rebuilds.
    """
    by_id = {a.document.id: a for a in articles}
    contexts = library_contexts({doc_id: article_terms(a) for doc_id, a in by_id.items()})
    return {doc_id: article_bank(by_id[doc_id], [by_id[r.document] for r in contexts[doc_id]],
                                 seed)
            for doc_id in sorted(by_id)}
