"""The string-keyed registry of question builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from random2 import Random

from questions.model import Analysis, Question

OPTIONS_PER_QUESTION = 4

T = TypeVar("T")
Builder = Callable[[Analysis, Random, int], Iterator[Question]]
BUILDERS: dict[str, Builder] = {}


def builder(kind: str) -> Callable[[Builder], Builder]:
    """Register a question builder under its kind."""

    def register(function: Builder) -> Builder:
        BUILDERS[kind] = function
        return function

    return register


def sample_valid(rng: Random, pool: Sequence[T], count: int,
                 valid: Callable[[T, list[T]], bool], partial: bool = False) -> list[T] | None:
    """Draw `count` items that pass `valid` (given those already drawn), or None if too few
    (with `partial`, the fewer that pass).

    A small draw is tried first so a large corpus costs no more than a small one; only when
    it falls short is the whole pool searched, so the answer does not depend on luck.
    """
    # random2 indexes a large list in place and copies a small one itself: copying the pool
    # here first would cost the whole pool per question, and the draws are the same.
    population = pool if isinstance(pool, list) else list(pool)
    for candidates in (rng.sample(population, min(len(pool), count * 3)), None):
        if candidates is None:
            candidates = list(pool)
            rng.shuffle(candidates)
        picked: list[T] = []
        for item in candidates:
            if valid(item, picked):
                picked.append(item)
                if len(picked) == count:
                    return picked
    return picked if partial else None
