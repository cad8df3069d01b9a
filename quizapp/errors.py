"""Error pages for 400, 403, 404, 405 and 500: a plain explanation, never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from quizapp.db import database

MESSAGES = {
    400: "The request could not be understood. Go back and try again.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address. Check the link, or start again from the home page.",
    405: "This page cannot be used that way. Go back and try again.",
}
CSRF_MESSAGE = (
    "Your form could not be accepted because its security token was missing or out of date. "
    "Go back, reload the page and try again."
)


HEADINGS = {400: "Something went wrong", 404: "Page not found"}


def init_app(app: Flask) -> None:
    """Register the error handlers on the app, so they cover every blueprint."""
    for code in MESSAGES:
        app.register_error_handler(code, client_error)
    app.register_error_handler(500, server_error)


def client_error(error: HTTPException) -> tuple[str, int]:
    """Render a 4xx page."""
    code = error.code or 400
    message = CSRF_MESSAGE if isinstance(error, CSRFError) else MESSAGES.get(code, MESSAGES[400])
    heading = HEADINGS.get(code, error.name)
    return render_template("errors/error.html", code=code, name=heading, message=message), code


def server_error(_error: HTTPException) -> tuple[str, int]:
    """Roll back the failed request's transaction and render the 500 page."""
    try:
        database().sessions.rollback()
    except SQLAlchemyError:  # the database itself may be what failed
        current_app.logger.exception("rollback after a server error failed")
    return render_template("errors/500.html"), 500
