"""Blueprints: thin views that parse the request, call a service and render or redirect."""

from __future__ import annotations

from flask import Flask

from quizapp.views import articles, live, play, reports
from quizapp.views.teacher import articles as teacher_articles
from quizapp.views.teacher import (
    assignments,
    auth,
    authoring,
    home,
    interop,
    review,
    sets,
    students,
)
from quizapp.views.teacher import live as live_teacher


def register_blueprints(app: Flask) -> None:
    """Register every feature's blueprint on the app."""
    app.register_blueprint(play.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(live.bp)
    for teacher_module in (auth, home, teacher_articles, review, authoring, sets, assignments,
                           interop, students, live_teacher):
        app.register_blueprint(teacher_module.bp)
