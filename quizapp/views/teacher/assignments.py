"""Assignments: join code, open/closed, settings, live results and the CSV downloads."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Assignment
from quizapp.services import assignments, charts, csv_export, results, roster
from quizapp.services.quiz_settings import ATTEMPTS_ONE, ATTEMPTS_UNLIMITED, QuizSettings
from quizapp.teacher_forms import AssignmentForm
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404, teacher
from quizapp.views.teacher.sets import settings_from

bp = Blueprint("assignments", __name__, url_prefix="/teacher/assignments")

REFRESH_SECONDS = 10
CSV_PARTS = {"answers": csv_export.answers_csv, "students": csv_export.students_csv}


@bp.get("/")
@login_required
def index() -> str:
    """List the teacher's assignments with their codes and how many students joined."""
    return render_template("teacher/assignments/index.html",
                           rows=assignments.teacher_assignments(get_session(), teacher()))


def _assignment(assignment_id: int) -> Assignment:
    return owned_or_404(Assignment, assignment_id)


@bp.get("/<int:assignment_id>")
@login_required
def show(assignment_id: int) -> str:
    """Show the join code, whether it is open, its settings and the results so far."""
    assignment = _assignment(assignment_id)
    return render_template(
        "teacher/assignments/show.html",
        assignment=assignment,
        settings=QuizSettings.from_json(assignment.settings),
        accepting=assignment.accepts_answers(),
        form=EmptyForm(),
        refresh_seconds=REFRESH_SECONDS,
        removed=roster.removed_attempts(get_session(), assignment),
        **_results_context(assignment),
    )


def _results_context(assignment: Assignment) -> dict[str, object]:
    """Return the results tables, the charts' data and the attempts' numbers per nickname."""
    found = results.assignment_results(get_session(), assignment)
    attempts = results.assignment_attempts(get_session(), assignment)
    return {"results": found, "histogram": charts.score_histogram(found),
            "share_bars": charts.weakest_first(found), "option_shares": charts.option_shares,
            "attempt_numbers": roster.attempt_numbers(attempts)}


@bp.get("/<int:assignment_id>/results")
@login_required
def results_fragment(assignment_id: int) -> str:
    """Return just the results tables, for the page's script to swap in while a class plays."""
    assignment = _assignment(assignment_id)
    return render_template("teacher/assignments/_results.html", assignment=assignment,
                           **_results_context(assignment))


@bp.post("/<int:assignment_id>/toggle")
@login_required
def toggle(assignment_id: int) -> HTTPResponse:
    """Open a closed assignment, or close an open one."""
    assignment = _assignment(assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    assignments.set_open(get_session(), assignment, not assignment.is_open)
    flash("The assignment is now open: students can join and answer." if assignment.is_open
          else "The assignment is now closed: it refuses new answers.")
    return redirect(url_for("assignments.show", assignment_id=assignment_id), 303)


@bp.route("/<int:assignment_id>/settings", methods=["GET", "POST"])
@login_required
def settings(assignment_id: int) -> Page:
    """Change the title, quiz settings and due time of an assignment."""
    assignment = _assignment(assignment_id)
    current = QuizSettings.from_json(assignment.settings)
    form = AssignmentForm(data=None if request.method == "POST" else {
        "title": assignment.title, "shuffle": current.shuffle,
        "shuffle_options": current.shuffle_options,
        "feedback": current.feedback.value, "time_limit": current.time_limit_minutes,
        "due": assignments.utc_to_local(assignment.due, 0), "utc_offset": "0",
        "is_open": assignment.is_open,
        "attempts_allowed": ATTEMPTS_UNLIMITED if current.unlimited_attempts else ATTEMPTS_ONE})
    if form.validate_on_submit():
        assignments.update_settings(
            get_session(), assignment, title=form.title.data, settings=settings_from(form),
            due=assignments.local_to_utc(form.due.data, form.offset_minutes))
        assignments.set_open(get_session(), assignment, bool(form.is_open.data))
        flash("Saved the assignment's settings.")
        return redirect(url_for("assignments.show", assignment_id=assignment_id), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/assignments/settings.html", form=form,
                           assignment=assignment), status


@bp.get("/<int:assignment_id>/<any(answers, students):part>.csv")
@login_required
def download_csv(assignment_id: int, part: str) -> Response:
    """Send the long format (one row per answer) or the per-student summary as CSV."""
    assignment = _assignment(assignment_id)
    body = CSV_PARTS[part](get_session(), assignment)
    filename = csv_export.csv_filename(assignment, part)
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                 "Cache-Control": "no-store"},
    )
