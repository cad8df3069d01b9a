"""The review queue: accept, edit or reject generated questions beside their evidence."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Question, QuestionStatus
from quizapp.services import library_jobs, review
from quizapp.teacher_forms import EditQuestionForm, option_choices
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404, safe_next, teacher

bp = Blueprint("review", __name__, url_prefix="/teacher")



@bp.get("/review")
@login_required
def queue() -> str:
    """Show one page of the queue, filtered by kind, article and status."""
    db = get_session()
    filters = review.ReviewFilters.from_args(request.args.to_dict())
    kinds, documents = review.filter_choices(db, teacher())
    return render_template(
        "teacher/review/queue.html",
        page=review.review_page(db, teacher(), filters),
        filters=filters,
        kinds=kinds,
        documents=documents,
        statuses=review.REVIEWABLE,
        any_status=review.ANY,
        here=request.full_path.rstrip("?"),
        form=EmptyForm(),
    )


def _back() -> HTTPResponse:
    target = safe_next(request.form.get("back")) or url_for("review.queue")
    return redirect(target, 303)


def _question() -> Question:
    question = owned_or_404(Question, request.view_args["question_id"])  # type: ignore[index]
    if question.status == QuestionStatus.RETIRED:
        abort(404)
    return question


@bp.post("/questions/<int:question_id>/accept")
@login_required
def accept(question_id: int) -> HTTPResponse:
    """Accept a question as it stands."""
    question = _question()
    if EmptyForm().validate_on_submit():
        review.accept(get_session(), question)
        flash(f"Accepted: {question.prompt}")
    return _back()


@bp.post("/questions/<int:question_id>/reject")
@login_required
def reject(question_id: int) -> Page:
    """Reject a question (not while it is in a set)."""
    question = _question()
    if EmptyForm().validate_on_submit():
        try:
            review.reject(get_session(), question)
        except review.ReviewError as error:
            flash(str(error))
            return _back()
        flash(f"Rejected: {question.prompt}")
    return _back()


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit(question_id: int) -> Page:
    """Edit a question's wording; its evidence stays linked."""
    question = _question()
    db = get_session()
    form = EditQuestionForm(data=None if request.method == "POST" else {
        "prompt": question.prompt,
        "quote": question.quote or "",
        "options": [o["text"] for o in question.options],
        "correct": str(question.answer_index) if question.answer_index is not None else None,
        "feedback": question.feedback or "",
    })
    while len(form.options.entries) < len(question.options):
        form.options.append_entry()
    form.correct.choices = option_choices(len(question.options))
    back = safe_next(request.values.get("back"))
    if form.validate_on_submit() and len(form.options.data) == len(question.options):
        correct = form.correct.data
        try:
            review.edit(db, question, prompt=form.prompt.data, quote=form.quote.data,
                        option_texts=list(form.options.data),
                        correct=int(correct) if correct and correct.isdigit() else None,
                        feedback=form.feedback.data)
        except review.ReviewError as error:
            form.correct.errors = [str(error)]
        else:
            flash(f"Saved your changes to: {question.prompt}")
            return redirect(back or url_for("review.queue", status="any"), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/review/edit.html", form=form, question=question,
                           evidence=review.evidence_view(question), back=back), status


@bp.post("/review/regenerate")
@login_required
def regenerate() -> HTTPResponse:
    """Re-run the engine: keep accepted and edited questions, replace the rest."""
    if EmptyForm().validate_on_submit():
        job = library_jobs.start_regeneration(get_session(), teacher())
        flash("Your questions are being re-generated in the background; you can keep working "
              "meanwhile. Accepted and edited questions stay as they are.")
        return redirect(url_for("teacher_articles.job", job_id=job.id), 303)
    return redirect(url_for("review.queue"), 303)
