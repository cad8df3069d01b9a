"""Forms: one per feature, plus EmptyForm for buttons that only need a CSRF token."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

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


class AnswerForm(FlaskForm):
    """Pick one option of a multiple-choice question; the template renders the radios."""

    choice = StringField(validators=[DataRequired(message=CHOOSE_AN_ANSWER)])

    def __init__(self, option_count: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option_count = option_count

    def validate_choice(self, field: StringField) -> None:
        """Accept only the index of an option shown; anything else was not offered."""
        value = (field.data or "").strip()
        if not _OPTION_INDEX.fullmatch(value) or int(value) >= self.option_count:
            raise ValidationError(CHOOSE_AN_ANSWER)

    @property
    def chosen_index(self) -> int:
        """Return the validated option index."""
        return int(self.choice.data.strip())
