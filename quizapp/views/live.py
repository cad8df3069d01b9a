"""A student's live session: one page that follows the teacher, a small state to poll, answers.

The page shows what the class is on (waiting, the question, the revealed answer, the end).
live.js polls the state endpoint with If-None-Match and redraws the page when the ETag
changes; without JavaScript the waiting pages reload themselves every few seconds.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session, read_only
from quizapp.forms import CHOOSE_AN_ANSWER, parse_choice
from quizapp.models import LiveSession, Question
from quizapp.services import compare, live_answers, timeline
from quizapp.services.attempts import ResponseRecord
from quizapp.services.evidence import question_evidence
from quizapp.services.live import ENDED, LOBBY, QUESTION, REVEALED
from quizapp.services.live_roster import StudentState, student_page_state, student_state
from quizapp.services.play import chosen_option, set_questions
from quizapp.views.page import Page
from quizapp.web import attempt_signing
from quizapp.web.security import csrf

bp = Blueprint("live", __name__, url_prefix="/live")

POLL_SECONDS = 1.5  # the script's poll: a new question reaches every phone within ~2 s
NO_SCRIPT_REFRESH_SECONDS = 4
ANSWER_ENDPOINT = "live.answer"
BAD_ORDER = "That order did not hold each card once. The cards are back in their first order."


@bp.before_request
def _checks() -> None:
    """GETs only read; the answer form carries the attempt's own CSRF token."""
    if request.method in ("GET", "HEAD"):
        read_only(get_session())
    elif request.endpoint == ANSWER_ENDPOINT and request.view_args:
        attempt_signing.check_form_token(str(request.view_args["token"]))


def _student_or_404(token: str) -> StudentState:
    found = student_state(token) if 20 <= len(token) <= 64 else None
    if found is None:
        abort(404)
    return found


@bp.get("/<token>/state")
def state(token: str) -> HTTPResponse:
    """Return the student's phase and question as a small JSON, 304 when nothing changed."""
    student = _student_or_404(token)
    etag = student.etag()
    if etag in request.headers.get("If-None-Match", ""):
        response = make_response("", 304)
    else:
        response = jsonify(phase=student.phase_now(), position=student.position,
                           removed=student.removed)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<token>")
def student(token: str) -> Page:
    """Show the student what the class is on now."""
    return _page(token)


def _page(token: str, status: int = 200, **extra: object) -> Page:
    db = get_session()
    student = student_page_state(db, token) if 20 <= len(token) <= 64 else None
    if student is None:
        abort(404)
    phase = student.phase_now()
    questions = set_questions(db, student.set_id)
    total = len(questions)
    question = questions[student.position - 1] if 1 <= student.position <= total else None
    response = student.response_to(question.id) if question is not None else None
    context: dict[str, object] = {
        "student": student, "phase": phase, "total": total, "question": question,
        "response": response, "poll_seconds": POLL_SECONDS,
        "form_token": attempt_signing.form_token(student.resume_token),
        "seconds_left": live_answers.seconds_left(student.closes_at),
    }
    if student.removed:
        context["announce"] = "You were removed from the session"
        return render_template("live/student.html", **context, **extra), 403
    refresh = phase in (LOBBY, REVEALED) or (phase == QUESTION and response is not None)
    context["refresh"] = NO_SCRIPT_REFRESH_SECONDS if refresh else None
    if phase in (QUESTION, REVEALED) and question is not None:
        context["announce"] = (f"Question {student.position} of {total}" if phase == QUESTION
                               else "Answer revealed")
    if phase == QUESTION and question is not None and question.kind == "timeline":
        size = len(question.options)
        first = timeline.first_order(student.resume_token, question.id, size,
                                     question.answer_order or [])
        context["order"] = timeline.parse_order(request.args.get("order"), size) or first
    if phase in (REVEALED, ENDED):
        _reveal_context(db, student, question, response, context)
    return render_template("live/student.html", **context, **extra), status


def _reveal_context(db: Session, student: StudentState, question: Question | None,
                    response: ResponseRecord | None, context: dict[str, object]) -> None:
    """Add the revealed answer (evidence, other sources, points) and the standings."""

    def earned(record: ResponseRecord) -> int:
        return live_answers.points(record.score, record.correct, record.time_taken,
                                   speed_bonus=student.speed_bonus,
                                   limit=student.time_limit_seconds)

    if student.phase_now() == REVEALED and question is not None:
        context["evidence"] = question_evidence(question)
        context["sources"] = compare.comparison_for(db, question)
        if response is not None:
            context["chosen"] = chosen_option(question, response)
            context["earned"] = earned(response)
            order = response.answer_given
            if question.kind == "timeline" and isinstance(order, list):
                context["ordered"] = timeline.timeline_result(db, question, order)
    context["my_points"] = sum(earned(record) for record in student.responses)
    if student.leaderboard:  # the whole class's totals: only when the teacher shows them
        live = db.get(LiveSession, student.live_id)
        if live is None:
            abort(404)
        standings = live_answers.standings(db, live)
        mine = next((s for s in standings if s.nickname == student.nickname), None)
        context["standings"] = standings[: live_answers.TOP]
        context["rank"] = standings.index(mine) + 1 if mine else None


@bp.post("/<token>/answer")
@csrf.exempt  # checked against the attempt's token instead: quizapp.web.attempt_signing
def answer(token: str) -> Page:
    """Store the answer to the open question once; a late one is refused with a message."""
    student = _student_or_404(token)
    here = url_for("live.student", token=token)
    if student.removed:
        return _page(token)
    position = request.form.get("position", "")
    if student.phase_now() != QUESTION or position != str(student.position):
        return _page(token, 409, late=live_answers.TOO_LATE)
    db = get_session()
    question = set_questions(db, student.set_id)[student.position - 1]
    if question.kind == "timeline":
        size = len(question.options)
        order = timeline.parse_order(request.form.get("order"), size)
        if order is None:
            return _page(token, 400, error=BAD_ORDER)
        try:
            moved = timeline.parse_move(request.form.get("move"))
        except ValueError:  # a move button the page never had: nothing is stored
            return _page(token, 400, error=timeline.BAD_MOVE)
        if moved:
            at, step = moved
            if at >= size:
                return redirect(f"{here}?order={_joined(order)}", 303)
            new = timeline.move(order, at, step)
            card = order[at]
            joined = _joined(new)
            return redirect(f"{here}?order={joined}#card-{card}", 303)
        given: object = order
    else:
        choice = parse_choice(request.form.get("choice"), len(question.options))
        if choice is None:
            return _page(token, 400, error=CHOOSE_AN_ANSWER)
        given = choice
    try:
        live_answers.record(db, student, question, given)
    except live_answers.LateAnswer as late:
        return _page(token, 409, late=str(late))
    return redirect(here, 303)


def _joined(order: list[int]) -> str:
    return ",".join(map(str, order))
