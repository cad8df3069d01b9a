"""Student play: join, answer one question at a time, feedback after each, results."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, redirect, render_template, session, url_for
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session
from quizapp.forms import AnswerForm, JoinForm
from quizapp.models import Attempt
from quizapp.services import play

bp = Blueprint("play", __name__)

RESUME_KEY = "resume_token"
SHOWN_KEY = "question_shown"


@bp.route("/", methods=["GET", "POST"])
def index() -> str | tuple[str, int] | HTTPResponse:
    """Show the join form; a valid join starts an attempt and goes to its first question."""
    form = JoinForm()
    status = 200
    if form.validate_on_submit():
        try:
            attempt = play.join(get_session(), form.join_code.data, form.nickname.data)
        except play.JoinError as error:
            form.join_code.errors = [str(error)]
            status = error.status
        else:
            session[RESUME_KEY] = attempt.resume_token
            return redirect(url_for("play.resume", token=attempt.resume_token))
    elif form.is_submitted():
        status = 400
    return render_template("play/index.html", form=form, current=_remembered_attempt()), status


@bp.get("/play/<token>")
def resume(token: str) -> HTTPResponse:
    """Go to the first unanswered question, or to the results when all are answered."""
    state = play.progress(get_session(), _attempt_or_404(token))
    return _redirect_to_next(token, state)


@bp.route("/play/<token>/q/<int:position>", methods=["GET", "POST"])
def question(token: str, position: int) -> str | tuple[str, int] | HTTPResponse:
    """Show the question at a position; a valid answer is stored once, then feedback."""
    db = get_session()
    attempt = _attempt_or_404(token)
    state = play.progress(db, attempt)
    current = state.question_at(position)
    if current is None:
        abort(404)
    if state.response_at(position) is not None:
        return redirect(url_for("play.feedback", token=token, position=position))
    if position != state.next_position:
        return _redirect_to_next(token, state)
    form = AnswerForm(len(current.options))
    if form.validate_on_submit():
        play.record_answer(db, state, position, form.chosen_index, _shown_at(attempt, current.id))
        return redirect(url_for("play.feedback", token=token, position=position))
    _remember_shown(attempt, current.id)
    status = 400 if form.is_submitted() else 200
    page = render_template(
        "play/question.html",
        form=form,
        attempt=attempt,
        state=state,
        position=position,
        question=current,
    )
    return page, status


@bp.get("/play/<token>/q/<int:position>/feedback")
def feedback(token: str, position: int) -> str | HTTPResponse:
    """Show whether the answer was right, the right answer and its evidence."""
    db = get_session()
    state = play.progress(db, _attempt_or_404(token))
    if state.question_at(position) is None:
        abort(404)
    result = play.feedback(db, state, position)
    if result is None:
        return _redirect_to_next(token, state)
    return render_template("play/feedback.html", token=token, feedback=result)


@bp.get("/play/<token>/results")
def results(token: str) -> str | HTTPResponse:
    """Show the score and a review of every question, once all are answered."""
    attempt = _attempt_or_404(token)
    state = play.progress(get_session(), attempt)
    if state.next_position is not None:
        return _redirect_to_next(token, state)
    return render_template(
        "play/results.html",
        attempt=attempt,
        state=state,
        items=play.review(state),
        score=play.format_score(state.score),
    )


def _attempt_or_404(token: str) -> Attempt:
    attempt = play.find_attempt(get_session(), token)
    if attempt is None:
        abort(404)
    return attempt


def _redirect_to_next(token: str, state: play.Progress) -> HTTPResponse:
    position = state.next_position
    if position is None:
        return redirect(url_for("play.results", token=token))
    return redirect(url_for("play.question", token=token, position=position))


def _remembered_attempt() -> Attempt | None:
    """Return the attempt this browser joined last, so the home page can offer to resume."""
    token = session.get(RESUME_KEY)
    return play.find_attempt(get_session(), token) if isinstance(token, str) else None


def _remember_shown(attempt: Attempt, question_id: int) -> None:
    """Note when a question was first shown, to time the answer (reloads keep the first)."""
    shown = session.get(SHOWN_KEY)
    if not (isinstance(shown, dict) and shown.get("question") == [attempt.id, question_id]):
        now = datetime.now(UTC).timestamp()
        session[SHOWN_KEY] = {"question": [attempt.id, question_id], "at": now}


def _shown_at(attempt: Attempt, question_id: int) -> datetime | None:
    shown = session.get(SHOWN_KEY)
    if isinstance(shown, dict) and shown.get("question") == [attempt.id, question_id]:
        at = shown.get("at")
        if isinstance(at, int | float):
            return datetime.fromtimestamp(at, UTC)
    return None
