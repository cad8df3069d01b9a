"""The review queue: accept, edit or reject generated questions beside their evidence."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Question, QuestionStatus
from quizapp.numbers import whole_number
from quizapp.services import library_jobs, review, review_bulk
from quizapp.services.authoring import MAX_CHOICE_OPTIONS
from quizapp.teacher_forms import EditQuestionForm
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
        needs_attention=review.NEEDS_ATTENTION,
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
    # Choice questions get spare entries up to the most options a question may have.
    fields = len(question.options) if question.answer_order is not None else max(
        len(question.options), MAX_CHOICE_OPTIONS)
    while len(form.options.entries) < fields:
        form.options.append_entry()
    del form.options.entries[fields:]
    form.correct.choices = [  # the right answer is chosen by its text
        (str(i), entry.data or (question.options[i]["text"] if i < len(question.options)
                                else f"Option {i + 1} (not written yet)"))
        for i, entry in enumerate(form.options.entries)]
    back = safe_next(request.values.get("back"))
    if form.validate_on_submit():
        correct = form.correct.data
        try:
            # A form without the quotation field (the page shows none) leaves it as it is.
            quote = form.quote.data if "quote" in request.form else question.quote
            review.edit(db, question, prompt=form.prompt.data, quote=quote,
                        option_texts=list(form.options.data),
                        correct=whole_number(correct, 0, 99),
                        feedback=form.feedback.data)
        except review.ReviewError as error:
            form.correct.errors = [str(error)]
        else:
            flash(f"Saved your changes to: {question.prompt}")
            return redirect(back or url_for("review.queue", status="any"), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/review/edit.html", form=form, question=question,
                           evidence=review.evidence_view(question), back=back,
                           gap=review.is_gap_question(question)), status


@bp.post("/review/bulk")
@login_required
def bulk() -> HTTPResponse:
    """Accept or reject every question ticked in the queue, then back to the same place."""
    action = request.form.get("action")
    if not EmptyForm().validate_on_submit() or action not in ("accept", "reject"):
        abort(400)
    ids = [int(v) for v in request.form.getlist("question_id") if v.isdigit() and len(v) < 12]
    if not ids:
        flash("Tick at least one question, then choose Accept selected or Reject selected.")
        return _back()
    mine = review_bulk.owned_questions(get_session(), teacher(), ids)
    if len(mine) != len(set(ids)):
        abort(404)  # another teacher's question, or a retired one: as if it did not exist
    result = review_bulk.bulk(get_session(), mine, action)
    verb = "Accepted" if action == "accept" else "Rejected"
    flash(f"{verb} {result.done} question{'' if result.done == 1 else 's'}.")
    for refusal in result.refused:
        flash(f"Not rejected: {refusal}")
    return _back()


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
