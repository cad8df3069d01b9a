"""An uploaded article's id: its title's slug, numbered when the slug is taken."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from quizapp.models import Document
from quizapp.services.articles import unique_document_id


def test_a_taken_slug_gets_the_first_free_number(session: Session) -> None:
    for doc_id in ("harbour-fire", "harbour-fire-2", "harbour-fire-4", "harbour-fireworks"):
        session.add(Document(id=doc_id, text="Text."))
    session.commit()
    assert unique_document_id(session, "Harbour fire!") == "harbour-fire-3"
    assert unique_document_id(session, "Harbour fireworks") == "harbour-fireworks-2"
    assert unique_document_id(session, "Harbour") == "harbour"


def test_finding_a_free_id_is_one_query_however_often_the_title_repeats(
        session: Session) -> None:
    # A daily headline ("Live updates") repeated for a term used to cost a query per day.
    session.add_all([Document(id="live-updates", text="Text.")]
                    + [Document(id=f"live-updates-{n}", text="Text.") for n in range(2, 60)])
    session.commit()
    statements: list[str] = []
    engine = session.get_bind()

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert unique_document_id(session, "Live updates") == "live-updates-60"
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len([s for s in statements if "documents" in s]) == 1
