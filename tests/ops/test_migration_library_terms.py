"""Migration 0010: a library stored by 0009 gets its terms index and waits for re-checks."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text

from questions import DEFAULT_CORPUS, load_documents
from questions.relatedness import article_terms
from questions.stored import analyse_article, to_json
from tests.ops.test_migrations import connect, downgrade, fill_at_first_revision, migrate


def fill_library_at_0009(url: str) -> dict[str, frozenset[str]]:
    """Store two analysed articles of teacher 1 as 0009 did; return each one's terms."""
    terms = {}
    engine = connect(url)
    with engine.begin() as connection:
        for document in load_documents([DEFAULT_CORPUS])[:2]:
            analysis = analyse_article(document)
            connection.execute(text(
                "INSERT INTO documents (id, owner_id, text, title, outlet, url, published,"
                " approximate, extra, created) VALUES (:id, 1, :text, 'T', 'O', NULL, NULL,"
                " false, '{}', :now)"), {"id": document.id, "text": document.text,
                                           "now": "2024-05-01 10:00:00+00:00"})
            connection.execute(text(
                "INSERT INTO article_analyses (document_id, engine_version, data, error,"
                " context, analysed) VALUES (:id, :version, :data, NULL, '[]', :now)"),
                {"id": document.id, "version": analysis.engine_version,
                 "data": to_json(analysis), "now": "2024-05-01 10:00:00+00:00"})
            for name in sorted(analysis.names):
                connection.execute(text(
                    "INSERT INTO article_names (document_id, name, owner_id) "
                    "VALUES (:id, :name, 1)"), {"id": document.id, "name": name})
            terms[document.id] = article_terms(analysis)
    engine.dispose()
    return terms


def rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = connect(url)
    with engine.connect() as connection:
        found = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return found


def test_0010_indexes_the_stored_analyses_and_queues_them(
        make_empty_database: Callable[[], str]) -> None:
    url = make_empty_database()
    migrate(url, "0009")
    fill_at_first_revision(url)
    terms = fill_library_at_0009(url)
    migrate(url, "0010")
    indexed = rows(url, "SELECT document_id, term, owner_id FROM article_terms")
    assert {(doc_id, term) for doc_id, term, _ in indexed} == {
        (doc_id, term) for doc_id, found in terms.items() for term in found}
    assert {owner for *_, owner in indexed} == {1}
    assert any(term.startswith("#") for _, term, _ in indexed), "quantities are indexed"
    assert any(term.startswith("@") for _, term, _ in indexed), "days are indexed"
    counts = dict(rows(url, "SELECT term, documents FROM term_counts WHERE owner_id = 1"))
    first, second = terms.values()
    assert counts == {term: (term in first) + (term in second) for term in first | second}
    assert sorted(rows(url, "SELECT document_id, owner_id FROM pending_relinks")) == [
        (doc_id, 1) for doc_id in sorted(terms)], "every article waits for a re-check"

    downgrade(url, "0009")
    names = rows(url, "SELECT document_id, name FROM article_names")
    assert names and all(not name.startswith(("#", "@")) for _, name in names)
    assert {name for _, name in names} <= {t for found in terms.values() for t in found}
