"""Write questions by hand: multiple choice and timelines, citing the teacher's paragraphs."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from wtforms import SelectField

from quizapp.db import get_session
from quizapp.models import Paragraph
from quizapp.services import authoring
from quizapp.teacher_forms import ChoiceQuestionForm, TimelineForm
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, teacher

bp = Blueprint("authoring", __name__, url_prefix="/teacher/write")

UNKNOWN_PARAGRAPH = "Choose a paragraph from the list, or no evidence."


@bp.get("/")
@login_required
def index() -> str:
    """Offer the two kinds a teacher can write."""
    return render_template("teacher/authoring/index.html")


def _check_evidence(field: SelectField) -> Paragraph | bool | None:
    """Return the chosen paragraph, None for none, or False (with an error) for a bad value."""
    if not field.data:
        return None
    paragraph = authoring.find_paragraph(get_session(), teacher(), field.data)
    if paragraph is None:
        field.errors = [*field.errors, UNKNOWN_PARAGRAPH]
        return False
    return paragraph


@bp.route("/choice", methods=["GET", "POST"])
@login_required
def choice() -> Page:
    """Write a multiple-choice question with 2 to 6 options."""
    form = ChoiceQuestionForm()
    valid = form.validate_on_submit()
    form.label_choices()
    if valid:
        paragraph = _check_evidence(form.evidence)
        if paragraph is not False:
            options, right = form.chosen()
            question = authoring.write_choice_question(
                get_session(), teacher(), form.prompt.data, options, right, paragraph,
                feedback=form.feedback.data)
            flash(f"Saved your question: {question.prompt}")
            return redirect(url_for("authoring.choice"), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/authoring/choice.html", form=form,
                           groups=authoring.paragraph_choices(get_session(), teacher())), status


@bp.route("/timeline", methods=["GET", "POST"])
@login_required
def timeline() -> Page:
    """Write a timeline of four to six events, earliest first."""
    form = TimelineForm()
    if form.validate_on_submit():
        events, valid = [], True
        for entry in form.events.entries:
            if not entry.form.text.data:
                continue
            paragraph = _check_evidence(entry.form.evidence)
            valid = valid and paragraph is not False
            events.append(authoring.TimelineEvent(
                entry.form.text.data, entry.form.when.data,
                paragraph if paragraph is not False else None))
        if valid:
            question = authoring.write_timeline(get_session(), teacher(), form.prompt.data, events,
                                                feedback=form.feedback.data)
            flash(f"Saved your timeline of {len(events)} events: {question.prompt}")
            return redirect(url_for("authoring.timeline"), 303)
    status = 400 if form.is_submitted() else 200
    if not form.is_submitted():
        form.prompt.data = "Put these events in the order they happened, earliest first."
    return render_template("teacher/authoring/timeline.html", form=form,
                           groups=authoring.paragraph_choices(get_session(), teacher())), status
