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
from quizapp.models.library import (
    ArticleAnalysis,
    ArticleGroup,
    ArticleTerm,
    LibraryJob,
    PendingRelink,
    QuestionComparison,
    TermCount,
)
from quizapp.models.live import LivePlayer, LiveSession
from quizapp.models.play import Assignment, Attempt, QuestionReport, Response
from quizapp.models.revision import ContentRevision
from quizapp.models.teacher import Teacher
from quizapp.models.upload import UploadDraft

__all__ = [
    "USABLE_STATUSES",
    "ArticleAnalysis",
    "ArticleGroup",
    "ArticleTerm",
    "Assignment",
    "Attempt",
    "Base",
    "ContentRevision",
    "Document",
    "LibraryJob",
    "LivePlayer",
    "LiveSession",
    "Paragraph",
    "PendingRelink",
    "Question",
    "QuestionComparison",
    "QuestionReport",
    "QuestionSet",
    "QuestionSetItem",
    "QuestionStatus",
    "Response",
    "Teacher",
    "TermCount",
    "UploadDraft",
    "utcnow",
]
