"""Forms: one per feature, plus EmptyForm for buttons that only need a CSRF token."""

from __future__ import annotations

import re

from flask import request
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


class AnswerForm:
    """Pick one option of a multiple-choice question; the template renders the radios.

    Not a WTForms form, like the timeline's order: its one field is an option index, and
    CSRFProtect (quizapp.security) checks the token of every POST before a view runs.
    Building a FlaskForm, its CSRF field and its second token check took about a twentieth
    of the server's time per answer in bench/load.py.
    """

    def __init__(self, option_count: int) -> None:
        self.option_count = option_count
        self.errors: list[str] = []
        self._chosen: int | None = None

    @staticmethod
    def is_submitted() -> bool:
        return request.method == "POST"

    def validate_on_submit(self) -> bool:
        """Accept only the index of an option shown; anything else was not offered."""
        if not self.is_submitted():
            return False
        value = request.form.get("choice", "").strip()
        if not _OPTION_INDEX.fullmatch(value) or int(value) >= self.option_count:
            self.errors = [CHOOSE_AN_ANSWER]
            return False
        self._chosen = int(value)
        return True

    @property
    def chosen_index(self) -> int:
        """Return the validated option index."""
        if self._chosen is None:
            raise ValueError("the answer was not validated")
        return self._chosen
