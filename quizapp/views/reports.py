"""A student's "Report a problem with this question", from the feedback page, no account.

The form carries the attempt's own CSRF token (quizapp.web.attempt_signing), as the answer
forms do, so the student's session cookie is never needed.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from quizapp.db import get_session
from quizapp.services import play, reports
from quizapp.views.page import Page
from quizapp.web import attempt_signing
from quizapp.web.security import csrf

bp = Blueprint("reports", __name__)


@bp.route("/play/<token>/q/<int:position>/report", methods=["GET", "POST"])
@csrf.exempt  # checked against the attempt's token instead: quizapp.web.attempt_signing
def report(token: str, position: int) -> Page:
    """Ask why, then put the answered question in its teacher's review queue."""
    attempt_signing.check_form_token(token)
    db = get_session()
    found = play.find_attempt(db, token)
    if found is None:
        abort(404)
    state = play.progress(db, found)
    question = state.question_at(position)
    if question is None or state.response_at(position) is None:
        abort(404)  # only an answered question, whose feedback was shown, can be reported
    back = url_for("play.feedback", token=token, position=position)
    error, status = None, 200
    if request.method == "POST":
        choice = request.form.get("reason", "")
        if choice not in reports.REASONS:
            error, status = "Choose what is wrong with the question.", 400
        else:
            reason = reports.report_reason(choice, request.form.get("detail", ""))
            try:
                reports.add_report(db, question.id, found.attempt.id, reason)
            except reports.ReportRefused as refused:
                error, status = str(refused), refused.status
            else:
                return redirect(f"{back}?reported=1#report-thanks", 303)
    return render_template(
        "play/report.html", token=token, position=position, question=question,
        reasons=reports.REASONS, error=error, back=back,
        form_token=attempt_signing.form_token(token), chosen=request.form.get("reason"),
        detail=request.form.get("detail", "")[:reports.DETAIL_MAX_LENGTH],
        detail_max=reports.DETAIL_MAX_LENGTH,
    ), status
