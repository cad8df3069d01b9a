"""The presenter view of a live session: lobby, question, reveal and final screen, and the
teacher's buttons (Start, Reveal answer, Next question, End session, Remove).

A live session is an assignment of the teacher's (another teacher's is a 404, as for any
assignment); its live state is quizapp.services.live's.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Assignment, LiveSession, Question, QuestionSet
from quizapp.services import assignments, compare, live, live_answers
from quizapp.services.evidence import question_evidence
from quizapp.services.live_qr import join_qr_svg
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404

bp = Blueprint("live_teacher", __name__, url_prefix="/teacher/live")

PRESENTER_POLL_SECONDS = 1.0
ACTIONS = ("start", "reveal", "next", "end")


def _session_of(assignment_id: int) -> tuple[Assignment, LiveSession]:
    assignment = owned_or_404(Assignment, assignment_id)
    found = live.live_of(get_session(), assignment)
    if found is None:
        abort(404)
    return assignment, found


def _create(question_set: QuestionSet) -> HTTPResponse:
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        assignment = live.create(get_session(), question_set)
    except assignments.PublishError as error:
        flash(str(error))
        return redirect(url_for("sets.show", set_id=question_set.id), 303)
    return redirect(url_for("live_teacher.presenter", assignment_id=assignment.id), 303)


@bp.post("/from-set/<int:set_id>")
@login_required
def from_set(set_id: int) -> HTTPResponse:
    """Create a live session of a set and open its presenter view."""
    return _create(owned_or_404(QuestionSet, set_id))


@bp.post("/from-assignment/<int:assignment_id>")
@login_required
def from_assignment(assignment_id: int) -> HTTPResponse:
    """Create a live session of an assignment's set and open its presenter view."""
    return _create(owned_or_404(Assignment, assignment_id).question_set)


def _presenter_state(live_session: LiveSession,
                     questions: tuple[Question, ...]) -> live.PresenterState:
    db = get_session()
    phase = live.phase_now(live_session)
    answered = 0
    if phase == live.QUESTION and 1 <= live_session.position <= len(questions):
        answered = live_answers.answered_count(db, live_session,
                                               questions[live_session.position - 1].id)
    return live.PresenterState(live_session.version, phase,
                               live.player_count(db, live_session), answered)


@bp.get("/<int:assignment_id>/state")
@login_required
def state(assignment_id: int) -> HTTPResponse:
    """Return the presenter's state (phase, players, answers) with an ETag; 304 if unchanged."""
    assignment, live_session = _session_of(assignment_id)
    found = _presenter_state(live_session, live.questions_of(get_session(), assignment))
    if found.etag in request.headers.get("If-None-Match", ""):
        response = make_response("", 304)
    else:
        response = jsonify(phase=found.phase, players=found.players, answered=found.answered)
    response.headers["ETag"] = found.etag
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<int:assignment_id>")
@login_required
def presenter(assignment_id: int) -> Page:
    """Show the presenter view of the session's current phase."""
    return _render(*_session_of(assignment_id))


def _render(assignment: Assignment, live_session: LiveSession, status: int = 200,
            error: str | None = None) -> Page:
    db = get_session()
    questions = live.questions_of(db, assignment)
    found = _presenter_state(live_session, questions)
    position = live_session.position
    question = questions[position - 1] if 1 <= position <= len(questions) else None
    join_address = url_for("play.index", _external=True)
    context: dict[str, object] = {
        "assignment": assignment, "live": live_session, "phase": found.phase,
        "state": found, "questions": questions, "question": question, "error": error,
        "players": live.players(db, live_session), "form": EmptyForm(),
        "join_address": join_address, "poll_seconds": PRESENTER_POLL_SECONDS,
        "qr": join_qr_svg(f"{join_address}?code={assignment.join_code}"),
        "seconds_left": live_answers.seconds_left(live_session.closes_at),
    }
    if found.phase == live.REVEALED and question is not None:
        context["tally"] = live_answers.tally(db, live_session, question)
        context["evidence"] = question_evidence(question)
        context["sources"] = compare.comparison_for(db, question)
    if found.phase in (live.REVEALED, live.ENDED) and live_session.leaderboard:
        context["standings"] = live_answers.standings(db, live_session)[: live_answers.TOP]
    if found.phase == live.ENDED:
        context["scores"] = live_answers.class_scores(db, live_session, questions, found.players)
    return render_template("live/presenter.html", **context), status


@bp.post("/<int:assignment_id>/<action>")
@login_required
def act(assignment_id: int, action: str) -> Page:
    """Start, reveal the answer, move on to the next question, or end the session."""
    if action not in ACTIONS:
        abort(404)
    assignment, live_session = _session_of(assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    db = get_session()
    try:
        if action == "start":
            live.start(db, live_session)
        elif action == "reveal":
            live.reveal(db, live_session)
        elif action == "next":
            live.next_question(db, live_session, len(live.questions_of(db, assignment)))
        else:
            live.end(db, live_session)
    except live.LiveError as refused:
        return _render(assignment, live_session, 409, str(refused))
    return redirect(url_for("live_teacher.presenter", assignment_id=assignment_id), 303)


@bp.post("/<int:assignment_id>/options")
@login_required
def options(assignment_id: int) -> Page:
    """Switch the speed bonus and the leaderboard on or off and set a time limit."""
    assignment, live_session = _session_of(assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    raw_limit = request.form.get("time_limit", "").strip()
    if raw_limit and not raw_limit.isdigit():
        return _render(assignment, live_session, 400,
                       "Enter the time limit as a whole number of seconds, or leave it empty.")
    try:
        live.set_options(get_session(), live_session,
                         speed_bonus=request.form.get("speed_bonus") == "on",
                         leaderboard=request.form.get("leaderboard") == "on",
                         time_limit_seconds=int(raw_limit) if raw_limit else None)
    except live.LiveError as refused:
        return _render(assignment, live_session, 400, str(refused))
    return redirect(url_for("live_teacher.presenter", assignment_id=assignment_id), 303)


@bp.post("/<int:assignment_id>/remove/<int:player_id>")
@login_required
def remove(assignment_id: int, player_id: int) -> Page:
    """Remove a student from the session (their page says so); their answers stay stored."""
    assignment, live_session = _session_of(assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        live.remove_player(get_session(), live_session, player_id)
    except live.LiveError as refused:
        return _render(assignment, live_session, 404, str(refused))
    return redirect(url_for("live_teacher.presenter", assignment_id=assignment_id), 303)
