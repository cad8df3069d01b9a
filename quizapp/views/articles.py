"""Article pages: the full text of a source, paragraph by paragraph, clutter tucked away."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from quizapp.db import get_session
from quizapp.services.corpus import get_document, safe_link
from quizapp.services.timeline import long_date

bp = Blueprint("articles", __name__, url_prefix="/articles")


@bp.get("/<doc_id>")
def show(doc_id: str) -> str:
    """Show an article with an anchor per paragraph (#p-<index>)."""
    document = get_document(get_session(), doc_id)
    if document is None:
        abort(404)
    return render_template(
        "articles/show.html", document=document, original_url=safe_link(document.url)
    )


# Templates write dates as "18 June 2024", as the student pages' services do.
bp.add_app_template_filter(long_date, "long_date")
