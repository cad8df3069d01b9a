"""The library's terms index: which articles hold which terms, how many hold each, and the
articles waiting for their related set to be checked again.

Finding an article's related ones reads, for each of its terms that counts, the rows of the
articles holding it: at most COMMON_DF rows a term (questions.relatedness), so the cost
does not grow with the library. When a term's count crosses a weight step, every article
holding it may see its related set change: those are queued (pending_relinks), once each,
for the background job that checks them (quizapp.services.library_jobs).

Lock order (PostgreSQL): every transaction that writes here first holds the content
revision's row, which every change to articles or questions updates anyway (an upload's
first write). A relink job deleting a queued row and an upload queueing it again, or a
re-analysis and an upload counting the same terms, then wait for each other in one order,
never in a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from questions.relatedness import Related, crossed_bands, related_by_terms, term_weight, weights
from quizapp.models import ArticleTerm, ContentRevision, Document, PendingRelink, TermCount
from quizapp.models.revision import REVISION_ROW


def _insert(session: Session, model: type) -> postgresql.Insert | sqlite.Insert:
    """Return an INSERT that can say what to do on a conflict (both backends have one)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


def lock_in_order(session: Session) -> None:
    """Hold the content revision's row before the index's rows (see the lock order above).

    A no-op on SQLite, where one writer at a time holds the whole database.
    """
    session.execute(select(ContentRevision.id).where(ContentRevision.id == REVISION_ROW)
                    .with_for_update())


def index_terms(session: Session, document: Document, terms: frozenset[str], *,
                reanalysed: bool) -> set[str]:
    """Make the index hold exactly these terms for the article; return the articles to re-check.

    Those are the holders of every term whose weight step changed; for an article analysed
    again (`reanalysed`), also the holders of every counted term it gained or lost, since
    its score with each of them changed. (A new article's effect on the others is judged
    from their stored contexts, quizapp.services.library.add_article; a deleted one's by
    the contexts that hold it, articles_built_against.) No commit.
    """
    owner = document.owner_id
    assert owner is not None, "library articles belong to a teacher"
    lock_in_order(session)
    old = set(session.scalars(select(ArticleTerm.term).where(
        ArticleTerm.document_id == document.id)))
    # Sorted, so that two uploads at once lock count rows in one order (no deadlock).
    added, removed = sorted(terms - old), sorted(old - terms)
    if removed:
        session.execute(delete(ArticleTerm).where(ArticleTerm.document_id == document.id,
                                                  ArticleTerm.term.in_(removed)))
        session.execute(update(TermCount).where(
            TermCount.owner_id == owner, TermCount.term.in_(removed)
        ).values(documents=TermCount.documents - 1))
    if added:
        session.execute(_insert(session, ArticleTerm).values(
            [{"document_id": document.id, "term": term, "owner_id": owner} for term in added]))
        upsert = _insert(session, TermCount).values(
            [{"owner_id": owner, "term": term, "documents": 1} for term in added])
        session.execute(upsert.on_conflict_do_update(
            index_elements=[TermCount.owner_id, TermCount.term],
            set_={"documents": TermCount.documents + 1}))
    if not (added or removed):
        return set()
    # Read after writing: the rows are locked by this transaction, so these are exact.
    now = holder_counts(session, owner, [*added, *removed])
    changes = {term: (now.get(term, 0) - 1, now.get(term, 0)) for term in added}
    changes |= {term: (now.get(term, 0) + 1, now.get(term, 0)) for term in removed}
    if removed:
        session.execute(delete(TermCount).where(
            TermCount.owner_id == owner, TermCount.term.in_(removed), TermCount.documents <= 0))
    touched = crossed_bands(changes)
    if reanalysed:
        touched |= {term for term, (before, after) in changes.items()
                    if term_weight(term, before) or term_weight(term, after)}
    return holders(session, owner, touched) - {document.id}


def holder_counts(session: Session, owner: int, terms: Iterable[str]) -> dict[str, int]:
    """Return how many of the teacher's articles hold each of these terms."""
    wanted = list(terms)
    if not wanted:
        return {}
    return dict(session.execute(select(TermCount.term, TermCount.documents).where(
        TermCount.owner_id == owner, TermCount.term.in_(wanted))).all())


def holders(session: Session, owner: int, terms: Iterable[str]) -> set[str]:
    """Return the teacher's articles holding any of these terms."""
    wanted = list(terms)
    if not wanted:
        return set()
    return set(session.scalars(select(ArticleTerm.document_id).where(
        ArticleTerm.owner_id == owner, ArticleTerm.term.in_(wanted)).distinct()))


def related_articles(session: Session, document: Document) -> list[Related]:
    """Return the teacher's other articles related enough to this one, through the index."""
    if document.owner_id is None:
        return []
    counts = dict(session.execute(
        select(ArticleTerm.term, TermCount.documents)
        .join(TermCount, (TermCount.owner_id == ArticleTerm.owner_id)
              & (TermCount.term == ArticleTerm.term))
        .where(ArticleTerm.document_id == document.id)).all())
    weighted = weights(counts, counts)
    if not weighted:
        return []
    rows = session.execute(select(ArticleTerm.document_id, ArticleTerm.term).where(
        ArticleTerm.owner_id == document.owner_id, ArticleTerm.term.in_(list(weighted))))
    return related_by_terms(rows, weighted, document.id)


def forget_terms(session: Session, document: Document) -> set[str]:
    """Remove the article from the index; return the articles to re-check. No commit."""
    if document.owner_id is None:
        return set()
    return index_terms(session, document, frozenset(), reanalysed=False)


def mark_pending(session: Session, owner: int, doc_ids: Iterable[str]) -> None:
    """Queue articles for a re-check of their related set; one row each however often."""
    rows = [{"document_id": doc_id, "owner_id": owner} for doc_id in sorted(set(doc_ids))]
    if rows:
        lock_in_order(session)
        session.execute(_insert(session, PendingRelink).values(rows).on_conflict_do_nothing())


def pending(session: Session, owner: int) -> list[str]:
    """Return the teacher's articles waiting for a re-check, in id order."""
    return list(session.scalars(select(PendingRelink.document_id).where(
        PendingRelink.owner_id == owner).order_by(PendingRelink.document_id)))


def next_pending(session: Session, owner: int) -> str | None:
    """Return the first of the teacher's articles waiting for a re-check, if any."""
    return session.scalars(select(PendingRelink.document_id).where(
        PendingRelink.owner_id == owner).order_by(PendingRelink.document_id).limit(1)).first()


def pending_count(session: Session, owner: int) -> int:
    """Return how many of the teacher's articles wait for a re-check."""
    return session.scalar(select(func.count()).select_from(PendingRelink).where(
        PendingRelink.owner_id == owner)) or 0


def take_pending(session: Session, doc_id: str) -> bool:
    """Take an article off the queue for this transaction; False if another job took it."""
    lock_in_order(session)
    return session.execute(delete(PendingRelink).where(
        PendingRelink.document_id == doc_id)).rowcount == 1
