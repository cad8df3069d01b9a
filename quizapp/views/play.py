"""Student play: join, answer one question at a time, feedback, results.

The quiz settings decide the order of the questions (set order or a per-attempt shuffle),
whether feedback follows each answer or waits for the results page, and an optional
time limit that the server enforces: once the quiz closes or the time is up, answers get
a 403 page that says why, and nothing is stored.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session, read_only
from quizapp.forms import CHOOSE_AN_ANSWER, JOIN_CODE_MAX_LENGTH, JoinForm, parse_choice
from quizapp.models import Question
from quizapp.numbers import whole_number
from quizapp.services import article_context, compare, play, timeline
from quizapp.services.attempts import AttemptRecord, AttemptState
from quizapp.services.quiz_settings import FeedbackTiming
from quizapp.views.fragments import BACK_PLACEHOLDER, rendered_once, with_back
from quizapp.views.page import Page
from quizapp.web import attempt_signing
from quizapp.web.security import csrf

bp = Blueprint("play", __name__)
bp.add_app_template_global(rendered_once)
bp.add_app_template_global(article_context.article_line)
bp.add_app_template_global(with_back)
bp.add_app_template_global(BACK_PLACEHOLDER, "back_placeholder")

BAD_ORDER = "That order did not hold each card once. The cards are back in their first order."
BAD_MOVE = timeline.BAD_MOVE
RESUME_KEY = "resume_token"
ANSWER_ENDPOINT = "play.question"


@bp.before_request
def _pages_only_read() -> None:
    """A student's GET reads the attempt and shows a page; it never writes (see read_only)."""
    if request.method in ("GET", "HEAD"):
        read_only(get_session())


@bp.before_request
def _answer_form_token() -> None:
    """The answer forms carry the attempt's own CSRF token (the view is csrf.exempt)."""
    if request.endpoint == ANSWER_ENDPOINT and request.view_args:
        attempt_signing.check_form_token(str(request.view_args["token"]))


@bp.app_template_filter("points")
def points(score: float) -> str:
    """Format a score or part of one: "7", "6.5", "0.8"."""
    return play.format_score(score)


@bp.route("/", methods=["GET", "POST"])
def index() -> Page:
    """Show the join form; a valid join starts an attempt and goes to its first question."""
    form = JoinForm()
    status = 200
    code = request.args.get("code", "")
    if not form.is_submitted() and code:  # the live session's QR code carries the code
        form.join_code.data = code[:JOIN_CODE_MAX_LENGTH]
    if form.validate_on_submit():
        try:
            remembered = session.get(RESUME_KEY)
            token = play.join(get_session(), form.join_code.data, form.nickname.data,
                              remembered if isinstance(remembered, str) else None)
        except play.JoinError as error:
            form_field = form.nickname if error.field == "nickname" else form.join_code
            form_field.errors = [str(error)]
            status = error.status
        else:
            session[RESUME_KEY] = token
            return redirect(url_for("play.resume", token=token))
    elif form.is_submitted():
        status = 400
    return render_template("play/index.html", form=form, current=_remembered_attempt()), status


@bp.get("/play/<token>")
def resume(token: str) -> HTTPResponse:
    """Go to the first unanswered question, or to the results when the attempt is over."""
    state = play.progress(get_session(), _attempt_or_404(token))
    return _redirect_to_next(token, state)


@bp.route("/play/<token>/q/<int:position>", methods=["GET", "POST"])
@csrf.exempt  # checked against the attempt's token instead: quizapp.web.attempt_signing
def question(token: str, position: int) -> Page:
    """Show the question at a position; a valid answer is stored once, then feedback."""
    db = get_session()
    state = play.progress(db, _attempt_or_404(token))
    attempt = state.attempt
    current = state.question_at(position)
    if current is None:
        abort(404)
    if state.response_at(position) is not None:
        if state.shows_feedback_now():
            return redirect(url_for("play.feedback", token=token, position=position))
        return _redirect_to_next(token, state)
    refused = state.refusal()
    if refused is not None:
        return _stopped(state, refused)
    if position != state.next_position:
        return _redirect_to_next(token, state)
    if current.kind == "timeline":
        return _timeline(db, attempt, state, position, current)
    error = None
    if request.method == "POST":
        choice = parse_choice(request.form.get("choice"), len(current.options))
        if choice is not None:
            try:
                shown = attempt_signing.shown_at(token, current.id)
                play.record_answer(state, position, choice, shown)
            except play.AnswerRefused as refusal:
                return _stopped(state, str(refusal), refusal.status)
            return _after_answer(token, state, position)
        error = CHOOSE_AN_ANSWER
    status = 400 if error else 200
    return _answer_page("play/question.html", state, position, current, status, error=error)


@bp.get("/play/<token>/q/<int:position>/feedback")
def feedback(token: str, position: int) -> Page:
    """Show whether the answer was right, the right answer, its evidence and other sources."""
    db = get_session()
    state = play.progress(db, _attempt_or_404(token))
    if state.question_at(position) is None:
        abort(404)
    result = play.feedback(db, state, position)
    if result is None or not state.shows_feedback_now():
        return _redirect_to_next(token, state)
    order = result.response.answer_given
    ordered = (
        timeline.timeline_result(db, result.question, order)
        if result.question.kind == "timeline" and isinstance(order, list)
        else None
    )
    return render_template(
        "play/feedback.html",
        token=token,
        state=state,
        feedback=result,
        ordered=ordered,
        option_order=state.option_order(result.question),
        date_explanation=article_context.date_explanation(result.question),
        sources=compare.comparison_for(db, result.question),
        reviewing=state.settings.feedback is FeedbackTiming.END,
        next_position=_position_after(state, position),
        seconds_left=None if state.over() else state.seconds_left(),
        reported=request.args.get("reported") == "1",
    )


@bp.get("/play/<token>/results")
def results(token: str) -> Page:
    """Show the score, a review of every question and a timeline of the events met."""
    db = get_session()
    state = play.progress(db, _attempt_or_404(token))
    attempt = state.attempt
    if not state.over():
        return _redirect_to_next(token, state)
    at_end = state.settings.feedback is FeedbackTiming.END
    return render_template(
        "play/results.html",
        attempt=attempt,
        state=state,
        items=play.review(state, with_evidence=at_end),
        score=play.format_score(state.score),
        events=timeline.events_met(db, play.answered(state)),
        at_end=at_end,
        stopped=None if state.finished else state.refusal(),
    )


def _timeline(
    db: Session, attempt: AttemptRecord, state: play.Progress, position: int, question: Question
) -> Page:
    """Show the cards in the student's current order; a move re-orders, a submit scores."""
    size, token = len(question.options), attempt.resume_token
    here = url_for("play.question", token=token, position=position)
    first = timeline.first_order(token, question.id, size, question.answer_order or [])
    if request.method == "POST":
        order = timeline.parse_order(request.form.get("order"), size)
        if order is None:
            return _answer_page(
                "play/timeline.html", state, position, question, 400, order=first,
                error=BAD_ORDER,
            )
        try:
            moved = timeline.parse_move(request.form.get("move"))
        except ValueError:
            # A move button the page never had: store nothing rather than take it as a submit.
            return _answer_page(
                "play/timeline.html", state, position, question, 400, order=order,
                error=BAD_MOVE,
            )
        if moved:
            card_at, step = moved
            if card_at >= size:
                return redirect(f"{here}?order={_joined(order)}", 303)
            new = timeline.move(order, card_at, step)
            # The fragment brings the moved card into view and starts the next Tab there.
            moved_card = order[card_at]
            return redirect(
                f"{here}?order={_joined(new)}&moved={moved_card}#card-{moved_card}", 303
            )
        try:
            shown = attempt_signing.shown_at(token, question.id)
            play.record_answer(state, position, order, shown)
        except play.AnswerRefused as error:
            return _stopped(state, str(error), error.status)
        return _after_answer(token, state, position, status=303)
    order = timeline.parse_order(request.args.get("order"), size) or first
    note = None
    card = whole_number(request.args.get("moved"), 0, size - 1)
    if card is not None and card in order:
        note = (
            f"Moved ‘{question.options[card]['text']}’ to position "
            f"{order.index(card) + 1} of {size}"
        )
    return _answer_page(
        "play/timeline.html", state, position, question, order=order, error=None, note=note
    )


def _answer_page(
    template: str, state: play.Progress, position: int, question: Question, status: int = 200,
    **context: object,
) -> HTTPResponse:
    """Render the page asking the question at a position, with the clock's time left.

    The response notes when the question was first shown, to time the answer (a reload
    keeps the first showing: quizapp.web.attempt_signing).
    """
    token = state.attempt.resume_token
    page = render_template(
        template,
        attempt=state.attempt,
        state=state,
        position=position,
        question=question,
        seconds_left=state.seconds_left(),
        form_token=attempt_signing.form_token(token),
        option_order=state.option_order(question),
        **context,
    )
    response = make_response(page, status)
    attempt_signing.remember_shown(response, token, question.id)
    return response


def _joined(order: list[int]) -> str:
    return ",".join(map(str, order))


def _after_answer(token: str, state: play.Progress, position: int, status: int = 302) -> Page:
    """Go to the answer's feedback, or straight on when feedback waits for the end."""
    if state.settings.feedback is FeedbackTiming.EACH:
        return redirect(url_for("play.feedback", token=token, position=position), status)
    return redirect(url_for("play.resume", token=token), status)


def _stopped(state: play.Progress, message: str, status: int = 403) -> tuple[str, int]:
    """Explain that no more answers are taken, with the way to the results."""
    return render_template("play/stopped.html", state=state, message=message), status


def _position_after(state: play.Progress, position: int) -> int | None:
    return position + 1 if position < state.total else None


def _attempt_or_404(token: str) -> AttemptState:
    found = play.find_attempt(get_session(), token)
    if found is None:
        abort(404)
    if found.attempt.assignment.settings.get("live") is True:  # played on the live pages
        abort(redirect(url_for("live.student", token=token)))
    return found


def _redirect_to_next(token: str, state: play.Progress) -> HTTPResponse:
    position = state.next_position
    if position is None or state.over():
        return redirect(url_for("play.results", token=token))
    return redirect(url_for("play.question", token=token, position=position))


def _remembered_attempt() -> AttemptRecord | None:
    """Return the attempt this browser joined last, so the home page can offer to resume."""
    token = session.get(RESUME_KEY)
    found = play.find_attempt(get_session(), token) if isinstance(token, str) else None
    return found.attempt if found else None
