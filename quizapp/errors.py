"""Error pages: a plain explanation for every error, never a stack trace or a line of SQL."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from quizapp.db import database

MESSAGES = {
    400: "The request could not be understood. Go back and try again.",
    401: "Log in to see this page.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address. Check the link, or start again from the home page.",
    405: "This page cannot be used that way. Go back and try again.",
    409: "Someone changed this at the same moment. Reload the page and try again.",
    413: "What you sent is too large. Send something smaller, or split it into parts.",
    415: "This page cannot read what was sent. Go back and try again.",
    429: "Too many requests. Wait a moment and try again.",
}
CSRF_MESSAGE = (
    "Your form could not be accepted because its security token was missing or out of date. "
    "Go back, reload the page and try again."
)
UNREADABLE_MESSAGE = (
    "What you sent could not be read as text. Go back, check what you typed and try again."
)
HEADINGS = {
    400: "Something went wrong",
    404: "Page not found",
    413: "Too large",
    429: "Too many requests",
}
# While the database restarts, ask the browser to retry shortly rather than show a 500.
UNAVAILABLE_RETRY_SECONDS = 5


def init_app(app: Flask) -> None:
    """Register the error handlers on the app, so they cover every blueprint."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(UnicodeDecodeError, unreadable_input)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(500, server_error)


def error_page(code: int, heading: str, message: str) -> tuple[str, int]:
    """Render the error template with a heading and a message."""
    return render_template("errors/error.html", code=code, name=heading, message=message), code


def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    """Render a 4xx page; a 5xx raised on purpose gets the server error page."""
    code = error.code or 500
    if code >= 500:
        return server_error(error)[0], code
    if code < 400:  # a redirect raised as an exception (e.g. RequestRedirect): let it through
        return error
    message = CSRF_MESSAGE if isinstance(error, CSRFError) else MESSAGES.get(code, MESSAGES[400])
    return error_page(code, HEADINGS.get(code, error.name), message)


def unreadable_input(_error: UnicodeDecodeError) -> tuple[str, int]:
    """Answer bytes that are not UTF-8 with a 400, not a 500."""
    _rollback()
    return error_page(400, HEADINGS[400], UNREADABLE_MESSAGE)


def database_unavailable(error: OperationalError) -> tuple[str, int, dict[str, str]]:
    """Answer 503 while the database cannot be reached; the pool reconnects on its own."""
    current_app.logger.exception("database unavailable")
    page, _ = server_error(error)
    return page, 503, {"Retry-After": str(UNAVAILABLE_RETRY_SECONDS)}


def server_error(_error: Exception) -> tuple[str, int]:
    """Roll back the failed request's transaction and render the 500 page."""
    _rollback()
    return render_template("errors/500.html"), 500


def _rollback() -> None:
    try:
        database().sessions.rollback()
    except SQLAlchemyError:  # the database itself may be what failed
        current_app.logger.exception("rollback after a server error failed")
