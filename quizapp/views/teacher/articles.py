"""A teacher's articles: upload (file or pasted text), confirm details, view, delete."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as HTTPResponse

import questions
from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.models import Document, LibraryJob, UploadDraft
from quizapp.numbers import whole_number
from quizapp.services import articles, fetch, library, library_jobs, uploads
from quizapp.services.retire import answered_ids
from quizapp.teacher_forms import ArticleDetailsForm, UploadForm
from quizapp.views.page import Page
from quizapp.views.teacher.common import login_required, owned_or_404, teacher

bp = Blueprint("teacher_articles", __name__, url_prefix="/teacher/articles")



@bp.get("/")
@login_required
def index() -> str:
    """List the teacher's articles with how many questions each has."""
    db = get_session()
    rows = articles.teacher_articles(db, teacher())
    return render_template("teacher/articles/index.html", rows=rows,
                           drafts=uploads.pending_drafts(db, teacher()),
                           failed=library.failed_documents(db, [r.document.id for r in rows]),
                           job=library_jobs.current_job(db, teacher()),
                           engine_failed_note=library.ENGINE_FAILED_NOTE)


@bp.route("/upload", methods=["GET", "POST"])
@login_required
def upload() -> Page:
    """Step one: read a file or pasted text; a good upload becomes a draft to confirm."""
    form = UploadForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("teacher/articles/upload.html", form=form), status
    try:
        if form.text.data:
            read = uploads.read_pasted(form.text.data)
        elif form.address.data:
            config = current_app.config
            read = fetch.read_address(
                form.address.data, fetch.AddressGuard.from_config(config["FETCH_ALLOWED_NETWORKS"]),
                timeout=config["FETCH_TIMEOUT_SECONDS"])
        else:
            file = form.file.data
            read = uploads.read_file(file.filename or "", file.read(uploads.MAX_UPLOAD_BYTES + 1))
    except uploads.UploadError as error:
        target = form.text if form.text.data else form.address if form.address.data else form.file
        target.errors = [*target.errors, str(error)]
        return render_template("teacher/articles/upload.html", form=form), error.status
    typed = {"title": form.title.data, "outlet": form.outlet.data, "url": form.url.data,
             "published": form.published.data, "approximate": form.approximate.data}
    draft = uploads.create_draft(get_session(), teacher(), read, typed)
    return redirect(url_for("teacher_articles.confirm", draft_id=draft.id), 303)


@bp.route("/drafts/<draft_id>", methods=["GET", "POST"])
@login_required
def confirm(draft_id: str) -> Page:
    """Step two: check the details found in the upload, then save and generate."""
    db = get_session()
    draft = owned_or_404(UploadDraft, draft_id)
    form = ArticleDetailsForm(data=None if request.method == "POST" else _prefill(draft))
    if form.validate_on_submit():
        details = articles.ArticleDetails(
            title=form.title.data, outlet=form.outlet.data or None, url=form.url.data or None,
            published=form.published.data, approximate=bool(form.approximate.data))
        document, added = articles.save_article(
            db, draft, details, seed=current_app.config["QUESTION_SEED"])
        if library_jobs.pending_analysis(db, document) is not None:
            flash(f"Saved “{document.title}”. It is long, so its questions are being made in "
                  "the background; this page shows how far that has got.")
        elif library.failed_documents(db, [document.id]):
            flash(f"Saved “{document.title}”. {library.ENGINE_FAILED_NOTE}: the question "
                  "engine could not read it. You can still write questions that cite it.")
        else:
            flash(f"Saved “{document.title}”. {_produced(len(added))}")
        return redirect(url_for("teacher_articles.show", doc_id=document.id,
                                new=",".join(str(q.id) for q in added)[:1500]), 303)
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/articles/confirm.html", form=form, draft=draft,
                           preview=_preview(draft)), status


def _produced(count: int) -> str:
    if count == 0:
        return ("The engine found nothing to ask about in it yet; you can still write "
                "questions that cite its paragraphs.")
    return f"The engine made {count} new question{'' if count == 1 else 's'} for review."


def _prefill(draft: UploadDraft) -> dict[str, Any]:
    found = dict(draft.found)
    found["published"] = uploads.published_date(found.get("published"))
    found["approximate"] = bool(found.get("approximate"))
    return found


def _preview(draft: UploadDraft) -> questions.Document:
    """Split the draft as the engine will, so the teacher sees paragraphs and clutter."""
    return questions.load_text_document(draft.text, doc_id="preview",
                                        metadata={"title": draft.found.get("title")})


@bp.post("/drafts/<draft_id>/discard")
@login_required
def discard(draft_id: str) -> HTTPResponse:
    """Drop an unconfirmed upload."""
    db = get_session()
    draft = owned_or_404(UploadDraft, draft_id)
    if EmptyForm().validate_on_submit():
        db.delete(draft)
        db.commit()
        flash("The upload was discarded.")
    return redirect(url_for("teacher_articles.index"), 303)


@bp.get("/<doc_id>")
@login_required
def show(doc_id: str) -> str:
    """Show an article's details and the questions built on it (new ones first)."""
    document = owned_or_404(Document, doc_id)
    db = get_session()
    built = articles.questions_built_on(db, document)
    new_ids = {number for part in request.args.get("new", "").split(",")[:1000]
               if (number := whole_number(part, 0, 2**63 - 1)) is not None}
    new = [q for q in built if q.id in new_ids]
    return render_template("teacher/articles/show.html", document=document,
                           new=new, others=[q for q in built if q.id not in new_ids],
                           form=EmptyForm(),
                           failed=bool(library.failed_documents(db, [document.id])),
                           pending=library_jobs.pending_analysis(db, document),
                           engine_failed_note=library.ENGINE_FAILED_NOTE)


@bp.get("/jobs/<int:job_id>")
@login_required
def job(job_id: int) -> str:
    """Show how far a background job has got; the page refreshes itself until it is done."""
    found = owned_or_404(LibraryJob, job_id)
    return render_template("teacher/articles/job.html", job=found,
                           kept=library_jobs.kept_count(get_session(), teacher()))


@bp.route("/<doc_id>/delete", methods=["GET", "POST"])
@login_required
def delete(doc_id: str) -> Page:
    """Ask, then delete an article and the questions built on it."""
    document = owned_or_404(Document, doc_id)
    db = get_session()
    form = EmptyForm()
    if form.validate_on_submit():
        report = articles.delete_article(db, document,
                                         seed=current_app.config["QUESTION_SEED"])
        parts = [f"Deleted “{report.title}” and {report.deleted} question"
                 f"{'' if report.deleted == 1 else 's'} built on it."]
        if report.retired:
            parts.append(f"{report.retired} question{' was' if report.retired == 1 else 's were'}"
                         " already answered, so results keep their text.")
        if report.unlinked:
            parts.append(f"{report.unlinked} question{'' if report.unlinked == 1 else 's'} you "
                         "wrote lost their evidence link.")
        flash(" ".join(parts))
        return redirect(url_for("teacher_articles.index"), 303)
    built = articles.questions_discarded_with(db, document)
    answered = answered_ids(db, [q.id for q in built])
    return render_template("teacher/articles/delete.html", document=document, form=form,
                           built=len(built), answered=len(answered)), (
        400 if form.is_submitted() else 200)
