"""Uploads: read a .txt or .html file or pasted text, reduce HTML to its article, keep a draft.

Every check happens before anything is stored, so a bad upload changes nothing.
"""

from __future__ import annotations

import codecs
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any

import trafilatura
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from quizapp.models import Teacher, UploadDraft, utcnow
from quizapp.services.paste_details import guess_details

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MIN_ARTICLE_WORDS = 20
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DRAFT_LIFETIME = timedelta(days=2)
METADATA_KEYS = ("title", "outlet", "url", "published", "approximate")

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
# Control characters that never occur in text (tab, newline and carriage return do).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class UploadError(Exception):
    """An upload that cannot become an article; the message says why, status is the HTTP code."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ReadUpload:
    """An upload reduced to plain text, with whatever metadata the page declared."""

    text: str
    source: str  # "text", "html" or "paste"
    filename: str | None = None
    found: dict[str, Any] = field(default_factory=dict)


def read_file(filename: str, data: bytes) -> ReadUpload:
    """Read an uploaded file; raise UploadError for anything that is not an article."""
    name = _BINARY.sub("", PurePath(filename or "").name)[:255]
    suffix = PurePath(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise UploadError(
            f"“{name or 'That file'}” is not a .txt or .html file. Upload a plain-text (.txt) "
            "or web page (.html) file, or paste the text instead.", 415
        )
    check_size(len(data))
    if not data.strip():
        raise UploadError(f"“{name}” is empty. Choose the file that holds the article.")
    is_html = suffix in HTML_SUFFIXES
    text = decode(data, is_html=is_html)
    if is_html:
        return read_html(text, filename=name)
    return ReadUpload(text=check_article(normalise_newlines(text)), source="text", filename=name)


def read_pasted(text: str) -> ReadUpload:
    """Read pasted text; raise UploadError when it is empty or too long."""
    check_size(len(text.encode("utf-8")))
    if _BINARY.search(text):
        raise UploadError("The pasted text holds control characters; paste plain text only.")
    text = check_article(normalise_newlines(text))
    return ReadUpload(text=text, source="paste", found=guess_details(text))


def check_size(size: int) -> None:
    """Refuse anything over the upload limit."""
    if size > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise UploadError(
            f"That is too large: {size / (1024 * 1024):.1f} MB. Articles can be at most "
            f"{limit} MB; upload the article's text rather than a whole site.", 413
        )


def decode(data: bytes, *, is_html: bool) -> str:
    """Decode UTF-8 (with or without BOM), else the charset an HTML page declares.

    Question files have a decoder of their own (quizapp.interop.decode_text: UTF-8 only,
    as GIFT and Moodle XML are); quizapp/interop/text.py's docstring says why they differ.
    """
    if b"\x00" in data:
        raise UploadError(_BINARY_MESSAGE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_declared(data) if is_html else None
        if text is None:
            raise UploadError(
                "The file's text is not in UTF-8 and says nothing about its encoding, so it "
                "cannot be read reliably. Save it as UTF-8 (most editors offer this under "
                "“Save as”) and upload it again."
            ) from None
    if _BINARY.search(text):
        raise UploadError(_BINARY_MESSAGE)
    return text


_BINARY_MESSAGE = (
    "That file is not text (it looks like a program, an image or a word-processor file). "
    "Save the article as plain text (.txt) or as a web page (.html) and upload that."
)


def _decode_declared(data: bytes) -> str | None:
    found = _DECLARED_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        codec = codecs.lookup(found.group(1).decode("ascii"))
        return data.decode(codec.name)
    except (LookupError, UnicodeDecodeError):
        return None


def normalise_newlines(text: str) -> str:
    """Return text with CRLF and CR line ends as LF (offsets index the stored text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_article(text: str) -> str:
    """Return the text if it has enough words to be an article, else raise UploadError."""
    words = len(text.split())
    if words == 0:
        raise UploadError("There is no text in that upload. Upload or paste the article's text.")
    if words < MIN_ARTICLE_WORDS:
        raise UploadError(
            f"That text has only {words} words; questions need an article of at least "
            f"{MIN_ARTICLE_WORDS} words."
        )
    return text


def read_html(html: str, filename: str | None = None) -> ReadUpload:
    """Reduce a page to its article text and metadata (title, outlet, URL, date), offline."""
    page = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = normalise_newlines(page.text or "").strip() if page is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise UploadError(
            "No article text was found in that web page (only menus, links or scripts). "
            "Save the article's own page, or paste its text instead."
        )
    found: dict[str, Any] = {
        "title": page.title or None,
        "outlet": page.sitename or None,
        "url": page.url or None,
        "published": page.date or None,
    }
    return ReadUpload(text=text, source="html", filename=filename,
                      found={k: v for k, v in found.items() if v})


def create_draft(session: Session, owner: Teacher, upload: ReadUpload,
                 typed: dict[str, Any]) -> UploadDraft:
    """Store an upload as a draft; what the teacher typed wins over what the page declared."""
    purge_old_drafts(session)
    found = {**upload.found, **{k: v for k, v in typed.items() if v not in (None, "", False)}}
    draft = UploadDraft(
        id=secrets.token_urlsafe(16),
        owner=owner,
        text=upload.text,
        source=upload.source,
        filename=upload.filename,
        found={k: _jsonable(found[k]) for k in METADATA_KEYS if k in found},
    )
    session.add(draft)
    session.commit()
    return draft


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def purge_old_drafts(session: Session) -> None:
    """Delete drafts nobody confirmed within their lifetime."""
    session.execute(delete(UploadDraft).where(UploadDraft.created < utcnow() - DRAFT_LIFETIME))


def pending_drafts(session: Session, owner: Teacher) -> list[UploadDraft]:
    """Return the teacher's unconfirmed drafts, newest first."""
    return list(session.scalars(
        select(UploadDraft).where(UploadDraft.owner_id == owner.id)
        .order_by(UploadDraft.created.desc())
    ))


def published_date(value: Any) -> date | None:
    """Return an ISO date string as a date, or None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
