"""The health check a load balancer or container runtime polls: is the database reachable?"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from quizapp.db import database

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Answer 200 when a query runs, 503 (with no error details) when it does not."""
    try:
        with database().engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: the database did not answer")
        response = jsonify(status="unavailable", database="unreachable")
        response.headers["Cache-Control"] = "no-store"
        return response, 503
    response = jsonify(status="ok", database="ok")
    response.headers["Cache-Control"] = "no-store"
    return response, 200
