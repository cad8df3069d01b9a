"""Login rate limiting: too many failed logins per email or client address get a 429.

The count lives in the database (table login_failures), so every gunicorn worker and every
server behind a load balancer sees the same failures. The login view needs no code for it:
a POST to the login endpoint that does not redirect counts as a failure, and a redirect (a
successful login) forgets that email's failures.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, g, request
from sqlalchemy import delete, insert, select
from werkzeug.wrappers import Response

from quizapp.db import database
from quizapp.errors import error_page
from quizapp.models.base import utcnow
from quizapp.models.throttle import LoginFailure

LOGIN_ENDPOINT = "auth.login"
_REFUSED = "quizapp.login_refused"


@dataclass(frozen=True)
class Limit:
    """A key that failed logins are counted against and how many it may have per window."""

    key: str
    allowed: int


def init_app(app: Flask) -> None:
    """Check the limit before the login view runs and count its failures after it."""
    app.before_request(refuse_blocked_login)
    app.after_request(count_failed_login)


def is_login_post() -> bool:
    """Return whether this request is an attempt to log in."""
    return request.method == "POST" and request.endpoint == LOGIN_ENDPOINT


def refuse_blocked_login() -> tuple[str, int, dict[str, str]] | None:
    """Answer 429 with Retry-After while this address or email has too many failures."""
    if not is_login_post():
        return None
    wait = seconds_blocked(limits(), utcnow())
    if wait <= 0:
        return None
    g.setdefault(_REFUSED, True)
    minutes = max(1, math.ceil(wait / 60))
    message = (
        "Too many failed logins for this email or from this computer. For your security, "
        f"logging in is paused: wait {minutes} minute{'s' if minutes != 1 else ''} and try "
        "again, or ask your administrator to reset your password."
    )
    page, status = error_page(429, "Too many login attempts", message)
    return page, status, {"Retry-After": str(math.ceil(wait))}


def count_failed_login(response: Response) -> Response:
    """Store a failure when a login POST did not succeed; a success clears its email."""
    if not is_login_post() or g.get(_REFUSED) or response.status_code >= 500:
        return response
    now = utcnow()
    keys = [limit.key for limit in limits()]
    with database().engine.begin() as connection:
        if 300 <= response.status_code < 400:
            emails = [key for key in keys if key.startswith("email:")]
            connection.execute(delete(LoginFailure).where(LoginFailure.key.in_(emails)))
        else:
            connection.execute(insert(LoginFailure), [{"key": key, "at": now} for key in keys])
            # Forget failures older than the window, so the table stays small.
            connection.execute(delete(LoginFailure).where(LoginFailure.at < now - _window()))
    return response


def limits() -> list[Limit]:
    """Return the keys this login request is counted against: its address and its email."""
    config = current_app.config
    found = [Limit(f"ip:{request.remote_addr or 'unknown'}", config["LOGIN_FAILURES_PER_ADDRESS"])]
    email = " ".join(str(request.form.get("email", "")).split()).lower()
    if email:
        digest = hashlib.sha256(email.encode("utf-8", "replace")).hexdigest()
        found.append(Limit(f"email:{digest}", config["LOGIN_FAILURES_PER_EMAIL"]))
    return found


def seconds_blocked(checked: list[Limit], now: datetime) -> float:
    """Return how long the most restrictive key stays blocked (0.0: not blocked)."""
    window = _window()
    longest = 0.0
    with database().engine.connect() as connection:
        for limit in checked:
            recent = connection.scalars(
                select(LoginFailure.at)
                .where(LoginFailure.key == limit.key, LoginFailure.at > now - window)
                .order_by(LoginFailure.at.desc())
                .limit(limit.allowed)
            ).all()
            if limit.allowed > 0 and len(recent) >= limit.allowed:
                # Blocked until the oldest of the last `allowed` failures leaves the window.
                longest = max(longest, (recent[-1] + window - now).total_seconds())
    return longest


def _window() -> timedelta:
    return timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW_SECONDS"])
