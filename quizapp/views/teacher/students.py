"""One student's answers within an assignment, and removing a test or junk attempt."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Assignment, Attempt
from quizapp.services import roster
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404, teacher

bp = Blueprint("students", __name__, url_prefix="/teacher/assignments/<int:assignment_id>")


def _attempt(assignment_id: int, attempt_id: int) -> tuple[Assignment, Attempt]:
    """Return the teacher's assignment and one of its attempts; anything else is a 404."""
    assignment = owned_or_404(Assignment, assignment_id)
    attempt = roster.live_attempt(get_session(), assignment, attempt_id)
    if attempt is None:
        abort(404)
    return assignment, attempt


@bp.get("/students/<int:attempt_id>")
@login_required
def show(assignment_id: int, attempt_id: int) -> str:
    """List every answer of one attempt: question, answer, right answer, time, source."""
    assignment, attempt = _attempt(assignment_id, attempt_id)
    return render_template("teacher/assignments/student.html", assignment=assignment,
                           page=roster.student_page(get_session(), assignment, attempt))


@bp.route("/students/<int:attempt_id>/remove", methods=["GET", "POST"])
@login_required
def remove(assignment_id: int, attempt_id: int) -> Page:
    """Ask for confirmation, then remove the attempt from every count (the removal is kept)."""
    assignment, attempt = _attempt(assignment_id, attempt_id)
    form = EmptyForm()
    if form.validate_on_submit():
        roster.remove_attempt(get_session(), attempt, teacher())
        flash(f"Removed {attempt.nickname}’s attempt: it no longer counts in the results, "
              "the charts or the CSV files.")
        return redirect(url_for("assignments.show", assignment_id=assignment.id), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/assignments/remove.html", assignment=assignment,
                           attempt=attempt, form=form), status
