"""Rate limits on the three doors anyone can knock at: login, join and registration.

Counts live in the database (table login_failures: a key and a time per event), so every
gunicorn worker and every server behind a load balancer sees the same counts. The views need
no code for it: before the view runs, a POST to a limited endpoint is refused with 429 and
Retry-After while one of its keys has had too many events in its window; after the view,
the response decides what is counted.

- Login: a POST that does not redirect is a failure, counted against the client address and
  against the pair (email, address). The pair, not the email alone, so that failures from
  elsewhere never lock the real teacher out: an attacker's guesses block the attacker's
  address for that email, while the teacher's own computer still logs in. The email is
  normalised exactly as the account look-up normalises it (accounts.normalise_email), so
  "\\x00ada@..." and " ADA@..." count as ada@... . A success forgets that pair's failures.
- Join: every join POST counts against the address and the join code (a class of 40 behind
  one school NAT still joins in well under a minute), and a code that opens no quiz also
  counts as a wrong code for the address, with a tighter limit against code guessing.
- Registration: every POST counts against the address.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, g, request
from sqlalchemy import delete, insert, select
from werkzeug.wrappers import Response

from quizapp.db import database
from quizapp.errors import error_page
from quizapp.models.base import utcnow
from quizapp.models.throttle import LoginFailure
from quizapp.services.accounts import normalise_email

LOGIN_ENDPOINT = "auth.login"
JOIN_ENDPOINT = "play.index"
REGISTER_ENDPOINT = "auth.register"
_LIMITS = "quizapp.rate_limits"
_REFUSED = "quizapp.rate_refused"
# Rows older than this are deleted as new ones are written, so the table stays small.
LONGEST_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Limit:
    """A key events are counted against, how many it may have, and in what window."""

    key: str
    allowed: int
    window: timedelta


@dataclass(frozen=True)
class Door:
    """One limited endpoint: its limits, what a response records, and what a refusal says."""

    title: str
    message: str  # formatted with {wait}, e.g. "15 minutes"
    limits: Callable[[], list[Limit]]
    record: Callable[[Response, list[Limit]], tuple[list[str], list[str]]]  # (add, forget)


def init_app(app: Flask) -> None:
    """Check the limits before a limited view runs and count its outcome after it."""
    app.before_request(refuse_over_limit)
    app.after_request(count_outcome)


def _address() -> str:
    return request.remote_addr or "unknown"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


def _seconds(name: str) -> timedelta:
    return timedelta(seconds=current_app.config[name])


def login_limits() -> list[Limit]:
    """Return the keys a login attempt counts against: its address, and email + address."""
    config = current_app.config
    window = _seconds("LOGIN_FAILURE_WINDOW_SECONDS")
    address = _address()
    found = [Limit(f"ip:{address}", config["LOGIN_FAILURES_PER_ADDRESS"], window)]
    email = normalise_email(str(request.form.get("email", "")))
    if email:
        found.append(Limit(f"email-ip:{_digest(email, address)}",
                           config["LOGIN_FAILURES_PER_EMAIL"], window))
    return found


def _login_outcome(response: Response, limits: list[Limit]) -> tuple[list[str], list[str]]:
    keys = [limit.key for limit in limits]
    if 300 <= response.status_code < 400:
        return [], [key for key in keys if key.startswith("email-ip:")]
    return keys, []


def join_limits() -> list[Limit]:
    """Return the keys a join counts against: address, wrong codes from it, and the code."""
    from quizapp.services.play import normalise_join_code

    config = current_app.config
    minute = timedelta(minutes=1)
    address = _address()
    found = [
        Limit(f"join-ip:{address}", config["JOINS_PER_ADDRESS_PER_MINUTE"], minute),
        Limit(f"wrong-code-ip:{address}", config["WRONG_JOIN_CODES_PER_ADDRESS"],
              _seconds("WRONG_JOIN_CODE_WINDOW_SECONDS")),
    ]
    code = normalise_join_code(str(request.form.get("join_code", "")))[:16]
    if code:
        found.append(Limit(f"join-code:{_digest(code)}", config["JOINS_PER_CODE_PER_MINUTE"],
                           minute))
    return found


def _join_outcome(response: Response, limits: list[Limit]) -> tuple[list[str], list[str]]:
    keys = [limit.key for limit in limits]
    counted = [key for key in keys if not key.startswith("wrong-code-ip:")]
    if response.status_code == 404:  # no open quiz has this code
        counted += [key for key in keys if key.startswith("wrong-code-ip:")]
    return counted, []


def register_limits() -> list[Limit]:
    config = current_app.config
    return [Limit(f"register-ip:{_address()}", config["REGISTRATIONS_PER_ADDRESS"],
                  _seconds("REGISTRATION_WINDOW_SECONDS"))]


DOORS: dict[str, Door] = {
    LOGIN_ENDPOINT: Door(
        "Too many login attempts",
        "Too many failed logins for this email from this computer. For your security, "
        "logging in to this account from here is paused: wait {wait} and try again, or log "
        "in from your usual computer.",
        login_limits, _login_outcome,
    ),
    JOIN_ENDPOINT: Door(
        "Too many joins",
        "Too many students joined from this network or with this code, or too many codes "
        "were wrong. Wait {wait} and try again.",
        join_limits, _join_outcome,
    ),
    REGISTER_ENDPOINT: Door(
        "Too many registrations",
        "Too many accounts were requested from this computer. Wait {wait} and try again.",
        register_limits, lambda response, limits: ([limit.key for limit in limits], []),
    ),
}


def _door() -> Door | None:
    if request.method != "POST":
        return None
    return DOORS.get(request.endpoint or "")


def refuse_over_limit() -> tuple[str, int, dict[str, str]] | None:
    """Answer 429 with Retry-After while one of this request's keys is over its limit."""
    door = _door()
    if door is None:
        return None
    checked = door.limits()  # reads the form; a body too large raises 413 here, first
    g.setdefault(_LIMITS, checked)
    wait = seconds_blocked(checked, utcnow())
    if wait <= 0:
        return None
    g.setdefault(_REFUSED, True)
    told = f"{math.ceil(wait)} seconds" if wait < 120 else f"{math.ceil(wait / 60)} minutes"
    page, status = error_page(429, door.title, door.message.format(wait=told))
    return page, status, {"Retry-After": str(math.ceil(wait))}


def count_outcome(response: Response) -> Response:
    """Record this request's events (a refused or unread request records nothing)."""
    door = _door()
    checked = g.get(_LIMITS)
    if door is None or checked is None or g.get(_REFUSED) or response.status_code >= 500:
        return response
    added, forgotten = door.record(response, checked)
    now = utcnow()
    with database().engine.begin() as connection:
        if forgotten:
            connection.execute(delete(LoginFailure).where(LoginFailure.key.in_(forgotten)))
        if added:
            connection.execute(insert(LoginFailure), [{"key": key, "at": now} for key in added])
            connection.execute(delete(LoginFailure).where(LoginFailure.at < now - LONGEST_WINDOW))
    return response


def seconds_blocked(checked: list[Limit], now: datetime) -> float:
    """Return how long the most restrictive key stays blocked (0.0: not blocked)."""
    longest = 0.0
    with database().engine.connect() as connection:
        for limit in checked:
            if limit.allowed <= 0:
                continue
            recent = connection.scalars(
                select(LoginFailure.at)
                .where(LoginFailure.key == limit.key, LoginFailure.at > now - limit.window)
                .order_by(LoginFailure.at.desc())
                .limit(limit.allowed)
            ).all()
            if len(recent) >= limit.allowed:
                # Blocked until the oldest of the last `allowed` events leaves the window.
                longest = max(longest, (recent[-1] + limit.window - now).total_seconds())
    return longest
