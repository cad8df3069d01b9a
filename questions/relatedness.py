"""Which articles report the same story: the terms they share, weighted by how rare they are.

An article's terms are the names it uses (people, places, organisations), its quantities
("#2000 pound", "#65000 palestinian") and the days it dates things to ("@2024-06-18"). Two
articles are related when the terms they share weigh RELATED_SCORE or more. A term's weight
falls with the number of the library's articles that hold it, as inverse document frequency
does, but in steps: full while at most RARE_DF articles hold it, half up to COMMON_DF, and
nothing beyond, where it links everything ("Israel", "Monday's" date in a year of news). Steps,
not log(N/df): a smooth weight would change with every upload and re-rank the whole library,
while a step changes only when a term's count crosses one, and then only for the articles
holding it (questions.library and the app's index re-check just those). A term held by more
than COMMON_DF articles is never read, so finding an article's related ones reads at most
COMMON_DF index rows per term, whatever the size of the library.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from questions.stored import ArticleAnalysis
from questions.textspan import singular

QUANTITY_MARK = "#"  # a quantity term: "#2000 pound"; a name never starts with it
DATE_MARK = "@"  # a day term: "@2024-06-18"
TERM_MAX_LENGTH = 100  # the index's column

# Points a shared term adds while rare. A shared quantity and a shared day relate two
# articles, as do three names; a day and a name do not (two stories of the same day).
NAME_POINTS = 4
QUANTITY_POINTS = 6
DATE_POINTS = 6
RELATED_SCORE = 12
RARE_DF = 10  # held by at most this many articles: full points
COMMON_DF = 40  # held by more: no points (a story rarely has more articles than this)

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_POSSESSIVE = re.compile(r"[’']s$")


def article_terms(analysis: ArticleAnalysis) -> frozenset[str]:
    """Return the terms that relate an article to others: its names, quantities and days."""
    terms = {_POSSESSIVE.sub("", name) for name in analysis.names}
    for fact in analysis.facts:
        what = fact.unit or (singular(fact.counted) if fact.counted else None)
        # Small whole counts ("one shipment", "three days") are everyday words, not figures
        # of one story.
        if what and (fact.value >= 10 or not fact.value.is_integer()):
            terms.add(quantity_term(fact.value, fact.value_high, what))
    for mention in analysis.dates:
        if mention.type == "DATE" and mention.value and _DAY.fullmatch(mention.value):
            terms.add(DATE_MARK + mention.value)
    return frozenset(term[:TERM_MAX_LENGTH] for term in terms if term)


def quantity_term(value: float, high: float | None, what: str) -> str:
    """Return the term of a quantity: its value (or range) and what it measures or counts."""
    amount = f"{value:.15g}" + (f"-{high:.15g}" if high is not None else "")
    return f"{QUANTITY_MARK}{amount} {what.casefold()}"


def term_points(term: str) -> int:
    """Return what a shared term adds while rare: by its kind, name, quantity or day."""
    if term.startswith(QUANTITY_MARK):
        return QUANTITY_POINTS
    if term.startswith(DATE_MARK):
        return DATE_POINTS
    return NAME_POINTS


def band(holders: int) -> int:
    """Return a term's weight band by how many articles hold it: 0 rare, 1 common, 2 ignored."""
    return 0 if holders <= RARE_DF else 1 if holders <= COMMON_DF else 2


def term_weight(term: str, holders: int) -> int:
    """Return what sharing a term adds to two articles' score, held by `holders` articles."""
    return (term_points(term), term_points(term) // 2, 0)[band(holders)]


def weights(terms: Iterable[str], holders: Mapping[str, int]) -> dict[str, int]:
    """Return the terms that count, with their weights, given each term's number of holders."""
    found = {term: term_weight(term, holders.get(term, 1)) for term in terms}
    return {term: weight for term, weight in found.items() if weight}


@dataclass(frozen=True, slots=True)
class Related:
    """Another article and how much it shares with this one (the weights of shared terms)."""

    document: str
    score: int


def related_by_terms(holdings: Iterable[tuple[str, str]], weighted: Mapping[str, int],
                     own: str) -> list[Related]:
    """Return the articles scoring RELATED_SCORE or more, from (article, term) index rows.

    `weighted` holds this article's terms that count (weights()); rows of other terms, and
    of the article itself, are ignored.
    """
    scores: Counter[str] = Counter()
    for document, term in holdings:
        if document != own:
            scores[document] += weighted.get(term, 0)
    return sorted((Related(doc, score) for doc, score in scores.items()
                   if score >= RELATED_SCORE), key=lambda r: r.document)


def crossed_bands(changes: Mapping[str, tuple[int, int]]) -> set[str]:
    """Return the terms whose weight band changed: {term: (holders before, after)}."""
    return {term for term, (before, after) in changes.items() if band(before) != band(after)}
