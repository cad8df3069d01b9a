"""Exchange with Moodle: export a set as GIFT or Moodle XML, import question files."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response as HTTPResponse

from quizapp import interop
from quizapp.db import get_session
from quizapp.models import QuestionSet
from quizapp.services import exchange
from quizapp.teacher_forms import ImportForm
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404, teacher

bp = Blueprint("interop", __name__, url_prefix="/teacher")



@bp.get("/sets/<int:set_id>/export.<any(gift, xml):fmt>")
@login_required
def export_set(set_id: int, fmt: str) -> Response | HTTPResponse:
    """Download a set as a GIFT or Moodle XML file."""
    question_set = owned_or_404(QuestionSet, set_id)
    try:
        export = exchange.export_set(question_set, fmt)
    except interop.InteropError as error:
        flash(f"The set could not be exported: {error}")
        return redirect(url_for("sets.show", set_id=set_id), 303)
    return Response(export.body, mimetype=export.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{export.filename}"'})


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_questions() -> Page:
    """Import a GIFT or Moodle XML file; report what came in and what was skipped."""
    form = ImportForm()
    if form.validate_on_submit():
        file = form.file.data
        if not file or not getattr(file, "filename", ""):
            form.file.errors = ["Choose a GIFT or Moodle XML file to import."]
            return render_template("teacher/interop/import.html", form=form), 400
        data = file.read(exchange.MAX_QUESTION_FILE_BYTES + 1)
        try:
            outcome = exchange.import_questions(get_session(), teacher(), file.filename, data)
        except interop.InteropError as error:
            form.file.errors = [f"“{file.filename}” could not be imported. {error}"]
            return render_template("teacher/interop/import.html", form=form), 400
        return render_template("teacher/interop/import.html", form=ImportForm(formdata=None),
                               outcome=outcome, filename=file.filename)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/interop/import.html", form=form), status
