"""The workspace overview: what the teacher has, and what to do next."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from quizapp.db import get_session
from quizapp.models import Assignment, Document, Question, QuestionSet, QuestionStatus
from quizapp.services.uploads import pending_drafts
from quizapp.views.teacher.common import login_required, teacher

bp = Blueprint("teacher_home", __name__, url_prefix="/teacher")


@bp.get("/")
@login_required
def home() -> str:
    """Show counts of articles, questions by status, sets and assignments."""
    db, me = get_session(), teacher()

    def count(model: type, *where: object) -> int:
        return db.scalar(
            select(func.count()).select_from(model).where(model.owner_id == me.id, *where)
        ) or 0

    statuses = dict(db.execute(
        select(Question.status, func.count()).where(Question.owner_id == me.id)
        .group_by(Question.status)
    ).all())
    return render_template(
        "teacher/home.html",
        articles=count(Document),
        sets=count(QuestionSet),
        assignments=count(Assignment),
        open_assignments=count(Assignment, Assignment.is_open.is_(True)),
        statuses={status: statuses.get(status, 0) for status in QuestionStatus},
        drafts=pending_drafts(db, me),
    )
