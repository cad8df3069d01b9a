"""What students are shown, read once per server process and kept until it changes.

Every student request needs the same few things: the questions of a set, the articles
their evidence comes from, what the other sources say. They change only when a teacher
edits, uploads or deletes, so each app keeps them in memory, as objects detached from any
session, under the database's content revision (quizapp.models.revision). A request reads
that one number; when another process has changed content since, the memory is dropped
and filled again.

The revision grows in the same transaction as the change: after_flush below notices new,
changed or deleted questions, sets and articles, and ORM bulk UPDATE / DELETE statements on
them. A change made with plain SQL outside the app is not seen: call bump() with it.

Cached objects are shared by the worker's threads and must only be read: never add one to
a session or change its attributes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Connection, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from quizapp.models import (
    ArticleGroup,
    Document,
    Paragraph,
    Question,
    QuestionSet,
    QuestionSetItem,
)
from quizapp.models.revision import REVISION_ROW, ContentRevision

T = TypeVar("T")

CACHE_KEY = "quizapp.content_cache"  # where a session's info names its app's cache
_REVISION_KEY = "quizapp.content_revision"  # the revision this transaction has read
CONTENT_TYPES: tuple[type, ...] = (
    Question, QuestionSet, QuestionSetItem, Document, Paragraph, ArticleGroup
)
MAX_ENTRIES = 512  # sets, articles and comparisons; a whole school's fit in a few MB


class ContentCache:
    """Values loaded for one content revision of one database; thread-safe, bounded (LRU)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._revision: int | None = None
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.loads = 0  # how many values were loaded from the database (tests, benchmarks)

    def get(self, revision: int, key: Hashable, load: Callable[[], T]) -> T:
        """Return the value cached for key at this revision, loading it on a miss."""
        with self._lock:
            if revision != self._revision:
                self._entries.clear()
                self._revision = revision
            elif key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = load()
        with self._lock:
            self.loads += 1
            if self._revision == revision:  # another thread may have seen a newer one
                self._entries[key] = value
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return value

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._revision = None


def cached(session: Session, key: Hashable, load: Callable[[Session], T]) -> T:
    """Return load(a session)'s value, from the app's cache when the content is unchanged.

    load runs in a session of its own that is closed before the value is kept, so every
    object it returns is detached: a commit in the request's session can never expire it.
    load must load everything the value's users read (eager loading), since a detached
    object cannot load more. Without an app cache (a bare session), load runs in session.
    """
    cache = session.info.get(CACHE_KEY)
    if not isinstance(cache, ContentCache):
        return load(session)
    revision = current_revision(session)
    if revision is None:  # the row is missing: never cache rather than serve stale content
        return load(session)

    def load_detached() -> T:
        with Session(bind=session.get_bind(), expire_on_commit=False) as loader:
            return load(loader)

    return cache.get(revision, key, load_detached)


def current_revision(session: Session) -> int | None:
    """Return the content revision, read once per transaction (None if the row is missing)."""
    if _REVISION_KEY not in session.info:
        query = select(ContentRevision.value).where(ContentRevision.id == REVISION_ROW)
        session.info[_REVISION_KEY] = session.scalar(query)
    value = session.info[_REVISION_KEY]
    return value if isinstance(value, int) else None


def remember_revision(session: Session, value: int | None) -> None:
    """Note the revision a query of the caller's read along, saving current_revision's query."""
    session.info[_REVISION_KEY] = value


def bump(connection: Connection) -> None:
    """Increase the content revision in the connection's transaction."""
    connection.execute(
        update(ContentRevision)
        .where(ContentRevision.id == REVISION_ROW)
        .values(value=ContentRevision.value + 1)
    )


def _touches_content(session: Session) -> bool:
    changed = (*session.new, *session.dirty, *session.deleted)
    return any(isinstance(instance, CONTENT_TYPES) for instance in changed)


@event.listens_for(Session, "after_flush")
def _bump_after_flush(session: Session, _flush: UOWTransaction) -> None:
    # In after_flush the session still lists what this flush wrote as new, dirty, deleted.
    if _touches_content(session):
        bump(session.connection())
        session.info.pop(_REVISION_KEY, None)


@event.listens_for(Session, "do_orm_execute")
def _bump_on_bulk_change(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper and issubclass(mapper.class_, CONTENT_TYPES):
        bump(state.session.connection())
        state.session.info.pop(_REVISION_KEY, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_revision(session: Session, _transaction: Any) -> None:
    # The next transaction may see another process's change: read the revision again.
    session.info.pop(_REVISION_KEY, None)
