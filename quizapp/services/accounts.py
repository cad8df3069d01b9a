"""Teacher accounts: registration, password checks and owner-scoped look-ups."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.models import Teacher
from quizapp.services.common_passwords import has_invisible, is_common, visible_length

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
EMAIL_MAX_LENGTH = 254
# Deliberately loose: one @, something on each side, a dot in the domain. A typo that
# passes still gives a working account, since nothing is ever mailed.
_EMAIL = re.compile(r"[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+")
# Checked against when the email is unknown, so a wrong email costs as much time as a
# wrong password and response times do not reveal who has an account.
_DUMMY_HASH = generate_password_hash("not a password of anyone")

Owned = TypeVar("Owned")


class AccountError(Exception):
    """Registration failed for a reason the person can act on; field names the form field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def normalise_email(raw: str) -> str:
    """Return an email as stored and compared: no NUL or other control characters, no
    whitespace at either end, lower case.

    The one normalisation for look-ups, registration and the login rate limit's count, so
    that a variant of an address ("\x00ada@...", " ADA@...") is the same address everywhere.
    """
    kept = "".join(ch for ch in raw if unicodedata.category(ch) != "Cc" or ch in " \t")
    return kept.strip().lower()


def email_problem(email: str) -> str | None:
    """Return why an email cannot be used, or None."""
    if not email:
        return "Enter your email address."
    if len(email) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(email):
        return "Enter an email address like name@school.org."
    return None


def password_problem(password: str) -> str | None:
    """Return why a password cannot be used, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Choose a password of at most {MAX_PASSWORD_LENGTH} characters."
    if has_invisible(password) or visible_length(password) < MIN_PASSWORD_LENGTH:
        return (f"Choose a password of at least {MIN_PASSWORD_LENGTH} visible characters, "
                "without invisible ones (such as zero-width spaces).")
    if is_common(password):
        return "That password is one of the most common ones. Choose another."
    return None


def find_teacher(session: Session, email: str) -> Teacher | None:
    """Return the teacher with this email (compared case-insensitively), or None."""
    address = normalise_email(email)
    if not usable_key(address):
        return None
    return session.scalar(select(Teacher).where(func.lower(Teacher.email) == address))


def register(session: Session, email: str, password: str) -> Teacher:
    """Create and commit a teacher account; raise AccountError with a message to show."""
    address = normalise_email(email)
    problem = email_problem(address)
    if problem:
        raise AccountError(problem, "email")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    if find_teacher(session, address) is not None:
        raise AccountError(_TAKEN, "email")
    teacher = Teacher(email=address)
    teacher.set_password(password)
    session.add(teacher)
    try:
        session.commit()
    except IntegrityError:  # the same address registered a moment ago
        session.rollback()
        raise AccountError(_TAKEN, "email") from None
    return teacher


_TAKEN = "An account with this email already exists. Log in instead."


def authenticate(session: Session, email: str, password: str) -> Teacher | None:
    """Return the teacher whose email and password match, or None."""
    teacher = find_teacher(session, email)
    if teacher is None or teacher.password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return teacher if teacher.check_password(password) else None


def change_password(session: Session, teacher: Teacher, current: str, new: str) -> None:
    """Replace a teacher's password after checking the current one."""
    if not teacher.check_password(current):
        raise AccountError("That is not your current password.", "current_password")
    problem = password_problem(new)
    if problem:
        raise AccountError(problem, "new_password")
    teacher.set_password(new)
    session.commit()


def usable_key(value: object) -> bool:
    """Return whether a key from a URL or form can be looked up at all.

    PostgreSQL refuses text with NUL characters outright, so such a key matches nothing.
    """
    return not isinstance(value, str) or ("\x00" not in value and len(value) <= 200)


def owned(session: Session, model: type[Owned], ident: object, owner: Teacher) -> Owned | None:
    """Return the row with this primary key if the teacher owns it, else None (shown as 404)."""
    if not usable_key(ident):
        return None
    row = session.get(model, ident)
    if row is None or getattr(row, "owner_id", None) != owner.id:
        return None
    return row
