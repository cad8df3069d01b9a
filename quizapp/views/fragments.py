"""Parts of students' pages rendered once and shared by every student who sees them.

The evidence of a question and what the other sources say about it are the same for every
student, and they are most of the feedback page's HTML. Templates wrap such a macro call
in rendered_once; the HTML is kept in the app's content cache, so any change of content
(quizapp.services.content_cache) drops it with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from flask import request
from markupsafe import Markup

from quizapp.db import get_session
from quizapp.services import content_cache

# Stands for "position.resume token" in a shared fragment's article links; each student's
# page puts its own in (with_back), so the fragment itself names no student.
BACK_PLACEHOLDER = "BACK_TO_QUESTION"


def with_back(html: Markup, position: int, token: str) -> Markup:
    """Return shared HTML whose article links lead back to this student's feedback page."""
    return Markup(str(html).replace(f"back={BACK_PLACEHOLDER}", f"back={position}.{token}"))


def rendered_once(key: tuple[Hashable, ...], macro: Callable[..., str], *args: object,
                  **kwargs: object) -> Markup:
    """Return macro(*args, **kwargs), rendered the first time this key is seen at this revision.

    The key must name everything the HTML depends on besides the content itself: the place
    on the page and the ids of what it shows (never anything about the student). The
    script root joins it because the macros write links.
    """
    full_key = ("html", request.script_root, *key)
    return content_cache.cached(get_session(), full_key,
                                lambda _session: Markup(macro(*args, **kwargs)))
