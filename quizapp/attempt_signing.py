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

Checking either costs one HMAC (a few microseconds); decoding Flask's session cookie and its
CSRF token cost about a tenth of an answer request (bench/load.py --answer-endpoint).
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64encode
from datetime import UTC, datetime

from flask import Flask, current_app, request
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

FORM_FIELD = "csrf_token"  # the same field name as every other form of the app
SHOWN_COOKIE = "shown"
_FORM_PURPOSE = b"paper-trail attempt form"
_SHOWN_PURPOSE = b"paper-trail question shown"


def _signature(purpose: bytes, message: str, app: Flask | None = None) -> str:
    secret = (app or current_app).secret_key
    if not secret:
        raise RuntimeError("SECRET_KEY is not set")
    key = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(key, purpose + b"\0" + message.encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest[:24]).decode()


def form_token(resume_token: str) -> str:
    """Return the CSRF token of the answer forms of an attempt."""
    return _signature(_FORM_PURPOSE, resume_token)


def check_form_token(resume_token: str) -> None:
    """Raise CSRFError (a 400 page) unless the posted form carries the attempt's token.

    Does nothing while CSRF checks are off (WTF_CSRF_ENABLED, as for Flask-WTF's forms).
    """
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    given = request.form.get(FORM_FIELD)
    if not given:
        raise CSRFError("The CSRF token is missing.")
    if not hmac.compare_digest(given, form_token(resume_token)):
        raise CSRFError("The CSRF token is invalid.")


def _shown_message(resume_token: str, question_id: int, millis: int) -> str:
    return f"{resume_token}:{question_id}:{millis}"


def shown_at(resume_token: str, question_id: int) -> datetime | None:
    """Return when this browser was first shown the question, if its cookie says so."""
    value = request.cookies.get(SHOWN_COOKIE, "")
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    question, millis = int(parts[0]), int(parts[1])
    if question != question_id:
        return None
    expected = _signature(_SHOWN_PURPOSE, _shown_message(resume_token, question, millis))
    if not hmac.compare_digest(parts[2], expected):
        return None
    return datetime.fromtimestamp(millis / 1000, UTC)


def remember_shown(response: Response, resume_token: str, question_id: int) -> None:
    """Note on the response when the question was shown, unless it was shown before."""
    if shown_at(resume_token, question_id) is not None:
        return  # a reload: the first showing counts
    millis = int(datetime.now(UTC).timestamp() * 1000)
    signature = _signature(_SHOWN_PURPOSE, _shown_message(resume_token, question_id, millis))
    config = current_app.config
    response.set_cookie(
        SHOWN_COOKIE,
        f"{question_id}.{millis}.{signature}",
        path=f"{request.script_root}/play/{resume_token}",
        secure=bool(config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
