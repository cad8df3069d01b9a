"""Article pages: the full text of a source, paragraph by paragraph, clutter tucked away."""

from __future__ import annotations

import re

from flask import Blueprint, abort, render_template, request, url_for

from quizapp.db import get_session
from quizapp.services.accounts import usable_key
from quizapp.services.articles import is_published
from quizapp.services.corpus import get_document, safe_link
from quizapp.services.timeline import long_date
from quizapp.views.teacher.common import current_teacher

bp = Blueprint("articles", __name__, url_prefix="/articles")


@bp.get("/<doc_id>")
def show(doc_id: str) -> str:
    """Show an article with an anchor per paragraph (#p-<index>)."""
    if not usable_key(doc_id):  # NUL: PostgreSQL refuses the look-up itself
        abort(404)
    db = get_session()
    document = get_document(db, doc_id)
    if document is None:
        abort(404)
    viewer = current_teacher()
    mine = viewer is not None and document.owner_id == viewer.id
    if not mine and not is_published(db, document):
        abort(404)  # a teacher's draft: as if it did not exist
    return render_template(
        "articles/show.html", document=document, original_url=safe_link(document.url),
        back=_back_to_question(request.args.get("back", "")),
    )


_BACK = re.compile(r"(?P<position>[0-9]{1,4})\.(?P<token>[A-Za-z0-9_-]{20,64})")


def _back_to_question(value: str) -> str | None:
    """Return the feedback page a "position.token" value names, or None (no way back).

    Only ever a path of this app built by url_for: no open redirect.
    """
    found = _BACK.fullmatch(value)
    if found is None:
        return None
    return url_for("play.feedback", token=found["token"], position=int(found["position"]))


# Templates write dates as "18 June 2024", as the student pages' services do.
bp.add_app_template_filter(long_date, "long_date")
