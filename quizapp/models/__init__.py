"""The database models, importable from one place."""

from quizapp.models.bank import (
    USABLE_STATUSES,
    Question,
    QuestionSet,
    QuestionSetItem,
    QuestionStatus,
)
from quizapp.models.base import Base, utcnow
from quizapp.models.corpus import Document, Paragraph
from quizapp.models.library import ArticleAnalysis, ArticleGroup, ArticleName, LibraryJob
from quizapp.models.play import Assignment, Attempt, Response
from quizapp.models.revision import ContentRevision
from quizapp.models.teacher import Teacher
from quizapp.models.upload import UploadDraft

__all__ = [
    "USABLE_STATUSES",
    "ArticleAnalysis",
    "ArticleGroup",
    "ArticleName",
    "Assignment",
    "Attempt",
    "Base",
    "ContentRevision",
    "Document",
    "LibraryJob",
    "Paragraph",
    "Question",
    "QuestionSet",
    "QuestionSetItem",
    "QuestionStatus",
    "Response",
    "Teacher",
    "UploadDraft",
    "utcnow",
]
