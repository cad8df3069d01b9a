"""Signed values of a student's attempt pages, checked without opening the session.

A student's pages are reached by the attempt's resume token, a secret in the address; the
session cookie holds nothing they need. Two values used to live there:

- The answer form's CSRF token. Here it is an HMAC of the resume token under the app's
  secret key. A page of another site cannot know it (it would need the resume token, which
  only the student's own pages show) and nobody can make one up without the key, which is
  what a CSRF token must be; and whoever knows the resume token can already load the page
  that shows the form. It stays valid for the whole attempt, as the attempt does.
- When the question was first shown, to time the answer: a small cookie scoped to the
  attempt's address, "question id.milliseconds.signature", so a student cannot shorten
  their time by editing it, and a reload keeps the first showing.

Both are signed with itsdangerous's Signer under the app's secret key (and accepted under
SECRET_KEY_FALLBACKS while keys rotate). Checking either costs a few microseconds; decoding
Flask's session cookie and its CSRF token cost about a tenth of an answer request.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import lru_cache

from flask import current_app, request
from flask_wtf.csrf import CSRFError
from itsdangerous import Signer
from werkzeug.wrappers import Response

from quizapp.numbers import whole_number

FORM_FIELD = "csrf_token"  # the same field name as every other form of the app
SHOWN_COOKIE = "shown"
_FORM_PURPOSE = "paper-trail attempt form"
_SHOWN_PURPOSE = "paper-trail question shown"


@lru_cache(maxsize=8)
def _signer(purpose: str, keys: tuple[str | bytes, ...]) -> Signer:
    # itsdangerous signs with the last key and accepts any (SECRET_KEY_FALLBACKS, as
    # Flask's session does); built once per key set, as building it costs as much as a use.
    return Signer(list(keys), salt=purpose, key_derivation="hmac",
                  digest_method=hashlib.sha256)


def _signer_for(purpose: str) -> Signer:
    app = current_app
    if not app.secret_key:
        raise RuntimeError("SECRET_KEY is not set")
    fallbacks = tuple(app.config.get("SECRET_KEY_FALLBACKS") or ())
    return _signer(purpose, (*fallbacks, app.secret_key))


def form_token(resume_token: str) -> str:
    """Return the CSRF token of the answer forms of an attempt."""
    return _signer_for(_FORM_PURPOSE).get_signature(resume_token).decode()


def check_form_token(resume_token: str) -> None:
    """Raise CSRFError (a 400 page) unless the posted form carries the attempt's token.

    Checks the methods Flask-WTF checks (WTF_CSRF_METHODS), and nothing while CSRF checks
    are off (WTF_CSRF_ENABLED), as for the app's other forms.
    """
    config = current_app.config
    if not config.get("WTF_CSRF_ENABLED", True):
        return
    if request.method not in config.get("WTF_CSRF_METHODS", ("POST", "PUT", "PATCH", "DELETE")):
        return
    given = request.form.get(FORM_FIELD)
    if not given:
        raise CSRFError("The CSRF token is missing.")
    if not _signer_for(_FORM_PURPOSE).verify_signature(resume_token, given):
        raise CSRFError("The CSRF token is invalid.")


def _shown_message(resume_token: str, question_id: int, millis: int) -> str:
    return f"{resume_token}:{question_id}:{millis}"


def shown_at(resume_token: str, question_id: int) -> datetime | None:
    """Return when this browser was first shown the question, if its cookie says so.

    None without a valid cookie (a browser that refuses cookies): the answer is not timed.
    """
    value = request.cookies.get(SHOWN_COOKIE, "")
    parts = value.split(".")
    if len(parts) != 3:
        return None
    question = whole_number(parts[0], 0, 2**63 - 1)
    millis = whole_number(parts[1], 0, 2**53)  # within what a datetime can hold
    if question is None or millis is None or question != question_id:
        return None
    message = _shown_message(resume_token, question, millis)
    if not _signer_for(_SHOWN_PURPOSE).verify_signature(message, parts[2]):
        return None
    return datetime.fromtimestamp(millis / 1000, UTC)


def remember_shown(response: Response, resume_token: str, question_id: int) -> None:
    """Note on the response when the question was shown, unless it was shown before."""
    if shown_at(resume_token, question_id) is not None:
        return  # a reload: the first showing counts
    millis = int(datetime.now(UTC).timestamp() * 1000)
    message = _shown_message(resume_token, question_id, millis)
    signature = _signer_for(_SHOWN_PURPOSE).get_signature(message).decode()
    config = current_app.config
    response.set_cookie(
        SHOWN_COOKIE,
        f"{question_id}.{millis}.{signature}",
        path=f"{request.script_root}/play/{resume_token}",
        secure=bool(config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
