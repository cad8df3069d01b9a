"""Forms: one per feature, plus EmptyForm for buttons that only need a CSRF token."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

NICKNAME_MAX_LENGTH = 40
JOIN_CODE_MAX_LENGTH = 16
CHOOSE_AN_ANSWER = "Choose one of the answers, then select Submit answer."
_OPTION_INDEX = re.compile(r"[0-9]{1,3}")


def _squeeze(value: str | None) -> str | None:
    """Trim and collapse runs of whitespace, so "  Sam   B " and "Sam B" are the same name."""
    return " ".join(value.split()) if isinstance(value, str) else value


class EmptyForm(FlaskForm):
    """A form with nothing but its CSRF token, for button-only POSTs."""


class JoinForm(FlaskForm):
    """Join an assignment with its code and a nickname."""

    join_code = StringField(
        "Join code",
        filters=[_squeeze],
        validators=[
            DataRequired(message="Enter the join code your teacher gave you."),
            Length(max=JOIN_CODE_MAX_LENGTH, message="That join code is too long to be right."),
        ],
    )
    nickname = StringField(
        "Nickname",
        filters=[_squeeze],
        validators=[
            DataRequired(message="Enter a nickname, so your teacher can see your results."),
            Length(
                max=NICKNAME_MAX_LENGTH,
                message=f"Your nickname is too long: use {NICKNAME_MAX_LENGTH} characters at most.",
            ),
        ],
    )


def parse_choice(raw: str | None, option_count: int) -> int | None:
    """Return the option index posted as an answer, or None unless it is one of those shown.

    Read without a form object, like the timeline's order (timeline.parse_order): CSRFProtect
    (quizapp.web.security) checks the token of every POST before a view runs, and building a
    FlaskForm per question page and answer cost about a twentieth of the server's time per
    answer in bench/load.py.
    """
    value = (raw or "").strip()
    return int(value) if _OPTION_INDEX.fullmatch(value) and int(value) < option_count else None
