"""Blueprints: thin views that parse the request, call a service and render or redirect."""

from __future__ import annotations

from flask import Flask

from quizapp.views import articles, play


def register_blueprints(app: Flask) -> None:
    """Register every feature's blueprint on the app."""
    app.register_blueprint(play.bp)
    app.register_blueprint(articles.bp)
