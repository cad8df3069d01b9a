"""Question sets: create, rename, add questions, reorder, remove, publish."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as HTTPResponse

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Question, QuestionSet, QuestionSetItem
from quizapp.numbers import whole_number
from quizapp.services import assignments, sets
from quizapp.services.preview import start_preview
from quizapp.services.quiz_settings import ATTEMPTS_UNLIMITED, FeedbackTiming, QuizSettings
from quizapp.teacher_forms import AssignmentForm, SetTitleForm
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404, teacher

bp = Blueprint("sets", __name__, url_prefix="/teacher/sets")



@bp.route("/", methods=["GET", "POST"])
@login_required
def index() -> Page:
    """List the teacher's sets; the form creates a new one."""
    form = SetTitleForm()
    if form.validate_on_submit():
        question_set = sets.create_set(get_session(), teacher(), form.title.data)
        flash(f"Created the set “{question_set.title}”. Now add questions to it.")
        return redirect(url_for("sets.show", set_id=question_set.id), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/sets/index.html", form=form,
                           sets=sets.teacher_sets(get_session(), teacher())), status


def _set(set_id: int) -> QuestionSet:
    return owned_or_404(QuestionSet, set_id)


def _item(question_set: QuestionSet, item_id: int) -> QuestionSetItem:
    item = sets.find_item(question_set, item_id)
    if item is None:
        abort(404)
    return item


@bp.get("/<int:set_id>")
@login_required
def show(set_id: int) -> Page:
    """Show a set's questions in order, with the questions that can be added."""
    question_set = _set(set_id)
    return _show_page(question_set, SetTitleForm(data={"title": question_set.title}))


def _show_page(question_set: QuestionSet, rename_form: SetTitleForm,
               status: int = 200) -> tuple[str, int]:
    db = get_session()
    kind = request.args.get("kind", "")[:32]
    addable = sets.usable_questions(db, teacher(), question_set)
    kinds = sorted({q.kind for q in addable})
    page = render_template(
        "teacher/sets/show.html",
        question_set=question_set,
        rename_form=rename_form,
        form=EmptyForm(),
        addable=[q for q in addable if not kind or q.kind == kind],
        kinds=kinds,
        kind=kind,
        published=sets.set_assignments(db, question_set),
    )
    return page, status


@bp.post("/<int:set_id>/rename")
@login_required
def rename(set_id: int) -> Page:
    """Give a set a new title."""
    question_set = _set(set_id)
    form = SetTitleForm()
    if form.validate_on_submit():
        sets.rename_set(get_session(), question_set, form.title.data)
        flash(f"Renamed the set to “{question_set.title}”.")
        return redirect(url_for("sets.show", set_id=set_id), 303)
    return _show_page(question_set, form, 400)


@bp.post("/<int:set_id>/add")
@login_required
def add(set_id: int) -> Page:
    """Add the chosen questions to the end of the set."""
    question_set = _set(set_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    ids = [number for value in request.form.getlist("question_id")
           if (number := whole_number(value, 0, 2**63 - 1)) is not None]
    if not ids:
        flash("Tick at least one question to add.")
        return redirect(url_for("sets.show", set_id=set_id, _anchor="add"), 303)
    db = get_session()
    chosen = [owned_or_404(Question, i) for i in ids]
    try:
        added = sets.add_questions(db, question_set, chosen)
    except sets.SetError as error:
        flash(str(error))
        return redirect(url_for("sets.show", set_id=set_id), 303)
    flash(f"Added {added} question{'' if added == 1 else 's'} to the set.")
    return redirect(url_for("sets.show", set_id=set_id), 303)


@bp.post("/<int:set_id>/items/<int:item_id>/move")
@login_required
def move(set_id: int, item_id: int) -> HTTPResponse:
    """Move a question one place up or down."""
    question_set = _set(set_id)
    item = _item(question_set, item_id)
    direction = request.form.get("direction")
    if not EmptyForm().validate_on_submit() or direction not in ("up", "down"):
        abort(400)
    prompt = item.question.prompt
    if sets.move_item(get_session(), question_set, item, -1 if direction == "up" else 1):
        flash(f"Moved “{prompt}” to position {item.position + 1} of {len(question_set.items)}.")
    return redirect(url_for("sets.show", set_id=set_id, _anchor=f"item-{item_id}"), 303)


@bp.post("/<int:set_id>/items/<int:item_id>/remove")
@login_required
def remove(set_id: int, item_id: int) -> HTTPResponse:
    """Take a question out of the set (it stays in the bank)."""
    question_set = _set(set_id)
    item = _item(question_set, item_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    prompt = item.question.prompt
    sets.remove_item(get_session(), question_set, item)
    flash(f"Removed “{prompt}” from the set.")
    return redirect(url_for("sets.show", set_id=set_id), 303)


@bp.post("/<int:set_id>/preview")
@login_required
def preview(set_id: int) -> HTTPResponse:
    """Play the set as a student would, on a fresh attempt that no results count."""
    question_set = _set(set_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if not question_set.items:
        flash("Add at least one question to the set before previewing it.")
        return redirect(url_for("sets.show", set_id=set_id), 303)
    token = start_preview(get_session(), question_set, teacher())
    return redirect(url_for("play.resume", token=token), 303)


@bp.post("/<int:set_id>/delete")
@login_required
def delete(set_id: int) -> HTTPResponse:
    """Delete a set that was never published."""
    question_set = _set(set_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    title = question_set.title
    try:
        sets.delete_set(get_session(), question_set)
    except sets.SetError as error:
        flash(str(error))
        return redirect(url_for("sets.show", set_id=set_id), 303)
    flash(f"Deleted the set “{title}”.")
    return redirect(url_for("sets.index"), 303)


@bp.route("/<int:set_id>/publish", methods=["GET", "POST"])
@login_required
def publish(set_id: int) -> Page:
    """Choose the quiz settings and publish the set under a new join code."""
    question_set = _set(set_id)
    form = AssignmentForm(data=None if request.method == "POST" else {
        "title": question_set.title, "feedback": FeedbackTiming.EACH.value, "is_open": True,
        "shuffle_options": True})
    if form.validate_on_submit():
        try:
            assignment = assignments.publish(
                get_session(), question_set, title=form.title.data,
                settings=settings_from(form),
                due=assignments.local_to_utc(form.due.data, form.offset_minutes),
                is_open=bool(form.is_open.data))
        except assignments.PublishError as error:
            form.title.errors = [*form.title.errors, str(error)]
        else:
            flash(f"Published. Students join with the code {assignment.join_code}.")
            return redirect(url_for("assignments.show", assignment_id=assignment.id), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/sets/publish.html", form=form,
                           question_set=question_set), status


def settings_from(form: AssignmentForm) -> QuizSettings:
    """Return the quiz settings a publish or settings form describes."""
    return QuizSettings(shuffle=bool(form.shuffle.data),
                        feedback=FeedbackTiming(form.feedback.data),
                        time_limit_minutes=form.time_limit.data or None,
                        shuffle_options=bool(form.shuffle_options.data),
                        unlimited_attempts=form.attempts_allowed.data == ATTEMPTS_UNLIMITED)
