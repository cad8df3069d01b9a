"""Stories for the library bench and tests: several outlets reporting one event.

bench/synthetic_corpus.py varies each article on its own (its people, dates and numbers), so
no two of its articles report the same event. A teacher's library holds stories: a few
outlets reporting one event, naming the same people, dating it to the same days, giving the
same figures or disagreeing about them. Here each story takes one of the source stories (the
default corpus's five articles, the test texts' council story of two, the single ones), one
shift of dates, one factor for numbers and one cast of invented people, and writes 1 to 5
articles: the story's sources in turn, each recombined on its own; a source that comes round
again in the same story is credited to an invented outlet.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from random2 import Random
from synthetic_corpus import (
    PEOPLE,
    SURNAMES,
    Article,
    Source,
    cast_mapping,
    int_seed,
    number_factor,
    published_of,
    recombine,
    shift_dates_and_numbers,
    swap_names,
)

MAX_STORY = 5  # articles of one story
OUTLETS = ["Harbour Gazette", "Lakeside Observer", "Northern Dispatch", "Valley Herald",
           "Capital Ledger", "Coastal Record", "Midland Chronicle", "Summit Courier"]


def story_names(rng: Random) -> dict[str, str]:
    """Map every real name to an invented one for one story.

    Surnames join pieces of two ("Aber" + "ora"), so that few stories share one, as few
    stories share their people; first names come from the same lists as elsewhere.
    """
    surnames: list[str] = []
    while len(surnames) < len(PEOPLE):
        first, second = rng.sample(SURNAMES, 2)
        made = first[:rng.randint(3, 5)] + second[-rng.randint(3, 4):].lower()
        if made not in surnames:
            surnames.append(made)
    return cast_mapping(rng, surnames)


def build_library_corpus(size: int, seed: int, sources: list[Source],
                         html_share: float) -> list[Article]:
    """Return `size` distinct articles in stories, one story after another (same seed, same
    articles)."""
    stories: dict[str, list[Source]] = {}
    for source in sources:
        stories.setdefault(source.story, []).append(source)
    order = list(stories.values())
    articles: list[Article] = []
    seen: set[str] = set()
    number = 0
    while len(articles) < size:
        rng = Random(int_seed(seed, number))
        members = order[number % len(order)]
        count = min(rng.randint(1, MAX_STORY), size - len(articles))
        weeks = rng.choice([k for k in range(-60, 61) if k])
        factor = number_factor(rng)
        mapping = story_names(rng)
        outlets = rng.sample(OUTLETS, len(OUTLETS))
        start = rng.randrange(len(members))
        used: set[str] = set()
        for place in range(count):
            source = members[(start + place) % len(members)]
            outlet = outlets.pop() if source.stem in used else source.meta.get("outlet")
            used.add(source.stem)
            articles.append(_story_article(len(articles), source, sources, (weeks, factor),
                                           mapping, outlet, (seed, number, place), seen,
                                           html_share))
        number += 1
    return articles


def _story_article(index: int, source: Source, sources: list[Source],
                   shift: tuple[int, float], mapping: dict[str, str], outlet: object,
                   key: tuple[int, int, int], seen: set[str], html_share: float) -> Article:
    """Write one article of a story: its own recombination, the story's dates, numbers and
    people; another try if the text came out as one already written."""
    weeks, factor = shift
    published = published_of(source)
    new_published = published + timedelta(weeks=weeks)
    months = (new_published.year * 12 + new_published.month) - (published.year * 12
                                                                   + published.month)
    attempt = 0
    while True:
        rng = Random(int_seed(*key, attempt))
        text = recombine(source, sources, rng)
        text = shift_dates_and_numbers(text, published, weeks * 7, months, factor)
        text = swap_names(text, mapping)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest not in seen:
            seen.add(digest)
            break
        attempt += 1
    title = swap_names(str(source.meta.get("title") or ""), mapping) or None
    meta: dict[str, object] = {
        "title": title, "outlet": outlet, "url": None,
        "published": new_published.isoformat() if source.meta.get("published") else None,
        "approximate": bool(source.meta.get("approximate")),
        "source": source.stem, "variant": index, "story": key[1],
    }
    as_html = rng.random() < html_share
    stem = f"a{index:05d}_{source.stem[:24]}"
    return Article(f"{stem}.html" if as_html else f"{stem}.txt", text, meta, as_html)
