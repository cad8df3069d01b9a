"""What every teacher page shares: the logged-in teacher, login_required, owned-or-404."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, g, redirect, request, session, url_for

from quizapp.db import get_session
from quizapp.models import Teacher
from quizapp.services.accounts import owned

TEACHER_KEY = "teacher_id"
# A fingerprint of the password hash: changing the password ends every other session.
STAMP_KEY = "teacher_stamp"
# The teacher's session version when the session began (Teacher.session_version).
VERSION_KEY = "teacher_version"

View = TypeVar("View", bound=Callable[..., Any])
Owned = TypeVar("Owned")


def password_stamp(teacher: Teacher) -> str:
    """Return a short fingerprint of the teacher's current password hash."""
    return hashlib.sha256((teacher.password_hash or "").encode()).hexdigest()[:16]


def log_in(teacher: Teacher) -> None:
    """Start a fresh session for the teacher (a new cookie: no fixation)."""
    session.clear()
    session[TEACHER_KEY] = teacher.id
    session[STAMP_KEY] = password_stamp(teacher)
    session[VERSION_KEY] = teacher.session_version


def end_every_session(teacher: Teacher) -> None:
    """Void every session cookie of this teacher, on every browser (commits)."""
    teacher.session_version = (teacher.session_version or 0) + 1
    get_session().commit()


def log_out() -> None:
    """End this session and every other session of the same teacher.

    A cookie is only signed, not stored: clearing it here would leave a copy taken earlier
    valid for the cookie's lifetime, so the server-side version moves on as well.
    """
    found = current_teacher()
    if found is not None:
        end_every_session(found)
    session.clear()


def current_teacher() -> Teacher | None:
    """Return the logged-in teacher (once per request), or None."""
    if "teacher" not in g:
        g.teacher = _load_teacher()
    return g.teacher


def _load_teacher() -> Teacher | None:
    teacher_id = session.get(TEACHER_KEY)
    if not isinstance(teacher_id, int):
        return None
    teacher = get_session().get(Teacher, teacher_id)
    stamp = session.get(STAMP_KEY)
    if teacher is None or not isinstance(stamp, str) or not hmac.compare_digest(
        stamp, password_stamp(teacher)
    ):
        return None
    version = session.get(VERSION_KEY)
    if not isinstance(version, int) or version != teacher.session_version:
        return None
    return teacher


def teacher() -> Teacher:
    """Return the logged-in teacher inside a login_required view."""
    found = current_teacher()
    if found is None:  # login_required guards every caller
        abort(401)
    return found


def login_required(view: View) -> View:
    """Send visitors who are not logged in to the login page, then back here."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_teacher() is None:
            target = request.full_path if request.method == "GET" else None
            return redirect(url_for("auth.login", next=safe_next(target)))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def safe_next(target: str | None) -> str | None:
    """Return target if it is a path inside the teacher workspace, else None (no open redirect)."""
    if not target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        # CR/LF would split the Location header (Werkzeug refuses it with a 500, after the
        # login or the accept was already saved); no path of ours holds a control character.
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/teacher/"):
        return None
    if "\\" in target or target.startswith("//"):
        return None
    return target.rstrip("?")


def owned_or_404(model: type[Owned], ident: object) -> Owned:
    """Return the logged-in teacher's row with this key; anyone else's is 404, as is none."""
    row = owned(get_session(), model, ident, teacher())
    if row is None:
        abort(404)
    return row
