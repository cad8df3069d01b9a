"""The string-keyed registry of question builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from random2 import Random

from questions.model import Analysis, Question

OPTIONS_PER_QUESTION = 4

Builder = Callable[[Analysis, Random, int], Iterator[Question]]
BUILDERS: dict[str, Builder] = {}


def builder(kind: str) -> Callable[[Builder], Builder]:
    """Register a question builder under its kind."""

    def register(function: Builder) -> Builder:
        BUILDERS[kind] = function
        return function

    return register
