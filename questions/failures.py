"""Keep one article's unexpected error from failing a whole bank.

Each per-article step of the pipeline runs inside `article_stage(doc, stage)`: an exception
there becomes an `ArticleError` naming the article and the stage. `analyse` then logs it,
sets the article aside with an `ArticleFailure` record, and runs again over the others, so
what the others yield does not depend on how far the failed article got.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

log = logging.getLogger("questions")


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """An article the engine could not read: which one, in which stage, and the error."""

    document: str
    stage: str
    error: str

    def message(self) -> str:
        """Return a one-line description for a log, stderr or a teacher's note."""
        return f"article {self.document}: the {self.stage} stage failed: {self.error}"


class ArticleError(Exception):
    """An unexpected error inside one article's step of the pipeline."""

    def __init__(self, document: str, stage: str, cause: BaseException) -> None:
        super().__init__(f"{document} ({stage}): {cause!r}")
        self.failure = ArticleFailure(document, stage, f"{type(cause).__name__}: {cause}")


@contextmanager
def article_stage(document: str, stage: str) -> Iterator[None]:
    """Run one article's step of a stage; any error in it names the article and the stage."""
    try:
        yield
    except ArticleError:
        raise
    except Exception as error:  # the boundary that keeps the bank alive
        raise ArticleError(document, stage, error) from error


def log_failure(failure: ArticleFailure, error: BaseException | None = None) -> None:
    """Log a failed article with its stage, and the traceback when there is one."""
    log.warning("%s", failure.message(), exc_info=error)
