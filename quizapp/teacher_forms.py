"""Forms of the teacher workspace (the student forms live in quizapp.forms)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from quizapp.numbers import whole_number
from quizapp.services.accounts import EMAIL_MAX_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from quizapp.services.authoring import (
    MAX_CHOICE_OPTIONS,
    MIN_CHOICE_OPTIONS,
    TIMELINE_MAX,
    TIMELINE_MIN,
)
from quizapp.services.corpus import safe_link
from quizapp.services.quiz_settings import (
    ATTEMPTS_ONE,
    ATTEMPTS_UNLIMITED,
    MAX_TIME_LIMIT_MINUTES,
    FeedbackTiming,
)
from quizapp.services.sets import TITLE_MAX_LENGTH
from quizapp.services.uploads import normalise_newlines

PROMPT_MAX_LENGTH = 1000
OPTION_MAX_LENGTH = 500
# Room for a few paragraphs; Moodle's general feedback is rarely longer.
FEEDBACK_MAX_LENGTH = 5000
FEEDBACK_HINT = ("Optional. Students see it after they answer, as the teacher's note. "
                 f"Up to {FEEDBACK_MAX_LENGTH:,} characters; a blank line starts a new paragraph.")


def option_choices(count: int) -> list[SelectChoice]:
    """Return radio choices "Option 1" ... for a question's options (values 0, 1, ...)."""
    return [SelectChoice(str(i), f"Option {i + 1}") for i in range(count)]


def _strip(value: str | None) -> str | None:
    """Trim a text field and drop NUL characters (PostgreSQL cannot store them)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def _unix_newlines(value: str | None) -> str | None:
    """Store a textarea's lines as browsers show them: CRLF and CR become LF."""
    return normalise_newlines(value) if isinstance(value, str) else value


def optional_option_field() -> StringField:
    """Return an option's text field that may stay blank (the option is then left out)."""
    return StringField("Option", filters=[_strip], validators=[
        Optional(), Length(max=OPTION_MAX_LENGTH, message="Use 500 characters at most.")])


def option_field() -> StringField:
    """Return one option's text field, as every choice form writes it."""
    return StringField("Option", filters=[_strip], validators=[
        DataRequired(message="Every option needs its text."),
        Length(max=OPTION_MAX_LENGTH, message="Use 500 characters at most.")])


def feedback_field() -> TextAreaField:
    """Return the optional "Feedback for students" textarea (general feedback)."""
    return TextAreaField("Feedback for students", description=FEEDBACK_HINT,
                         filters=[_strip, _unix_newlines], validators=[
        Optional(),
        Length(max=FEEDBACK_MAX_LENGTH,
               message=f"Keep the feedback for students to {FEEDBACK_MAX_LENGTH:,} characters "
                       "at most."),
    ])


class LoginForm(FlaskForm):
    """Log in with email and password."""

    email = StringField("Email", filters=[_strip],
                        validators=[DataRequired(message="Enter your email address.")])
    password = PasswordField("Password",
                             validators=[DataRequired(message="Enter your password.")])


class RegisterForm(FlaskForm):
    """Create a teacher account."""

    email = StringField("Email", filters=[_strip], validators=[
        DataRequired(message="Enter your email address."),
        Length(max=EMAIL_MAX_LENGTH, message="That email address is too long."),
    ])
    password = PasswordField("Password", validators=[
        DataRequired(message="Choose a password."),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
               message=f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."),
    ])
    confirm = PasswordField("Repeat the password", validators=[
        DataRequired(message="Type the password again."),
    ])

    def validate_confirm(self, field: PasswordField) -> None:
        """Catch a typo in the password before it locks the teacher out."""
        if field.data != self.password.data:
            raise ValidationError("The two passwords are not the same.")


class PasswordChangeForm(FlaskForm):
    """Change one's password."""

    current_password = PasswordField(
        "Current password", validators=[DataRequired(message="Enter your current password.")])
    new_password = PasswordField("New password", validators=[
        DataRequired(message="Choose a new password."),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
               message=f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."),
    ])


class FriendlyDateField(DateField):
    """A date field whose error says what to type."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter the date as year-month-day, like 2024-06-18.") from None


def _web_address(_form: Any, field: StringField) -> None:
    if field.data and safe_link(field.data) is None:
        raise ValidationError("Enter a web address starting with http:// or https://.")


class ArticleDetailsFields:
    """Fields shared by the upload form and the confirm form."""

    outlet = StringField("Outlet", filters=[_strip], validators=[
        Optional(), Length(max=200, message="Use 200 characters at most.")])
    url = StringField("Web address (URL)", filters=[_strip], validators=[
        Optional(), Length(max=2000, message="That address is too long."), _web_address])
    published = FriendlyDateField("Published on", validators=[Optional()])
    approximate = BooleanField("The publication date is approximate")


class UploadForm(FlaskForm, ArticleDetailsFields):
    """Step one: a file or pasted text, with whatever details the teacher knows already."""

    file = FileField("Article file (.txt or .html)")
    address = StringField("Or the article's web address", filters=[_strip], validators=[
        Optional(), Length(max=2000, message="Use 2,000 characters at most.")])
    text = TextAreaField("Or paste the article's text", filters=[_strip])
    title = StringField("Title", filters=[_strip], validators=[
        Optional(), Length(max=500, message="Use 500 characters at most.")])

    def validate(self, extra_validators: Any = None) -> bool:
        """Require exactly one source: a file or pasted text."""
        if not super().validate(extra_validators):
            return False
        has_file = bool(self.file.data and getattr(self.file.data, "filename", ""))
        given = sum(map(bool, (has_file, self.text.data, self.address.data)))
        if given > 1:
            self.file.errors = [*self.file.errors, "Upload a file, give a web address or "
                                "paste text: one of the three, not several."]
            return False
        if not given:
            self.file.errors = [*self.file.errors, "Choose a file to upload, give the "
                                "article's web address, or paste the article's text."]
            return False
        return True


class ArticleDetailsForm(FlaskForm, ArticleDetailsFields):
    """Step two: confirm (or correct) what was found, then save."""

    title = StringField("Title", filters=[_strip], validators=[
        DataRequired(message="Give the article a title."),
        Length(max=500, message="Use 500 characters at most.")])


class EditQuestionForm(FlaskForm):
    """Change a question's wording; choice questions may change their right answer."""

    prompt = TextAreaField("Question", filters=[_strip], validators=[
        DataRequired(message="The question needs its text."),
        Length(max=PROMPT_MAX_LENGTH, message="Use 1,000 characters at most.")])
    # Labelled by the template after the kind: "Sentence with a gap" or "Quotation".
    quote = TextAreaField("Quotation", filters=[_strip], validators=[Optional()])
    # Blank entries: an option removed, or a spare one not used (quizapp.services.review).
    options = FieldList(optional_option_field())
    correct = RadioField("Right answer", validate_choice=False, validators=[Optional()])
    feedback = feedback_field()


class ChoiceQuestionForm(FlaskForm):
    """Write a multiple-choice question: 2 to 6 options (blank ones left out), one right."""

    prompt = TextAreaField("Question", filters=[_strip], validators=[
        DataRequired(message="Write the question."),
        Length(max=PROMPT_MAX_LENGTH, message="Use 1,000 characters at most.")])
    options = FieldList(optional_option_field(), min_entries=MAX_CHOICE_OPTIONS,
                        max_entries=MAX_CHOICE_OPTIONS)
    # Labelled with each option's own text (the page's script keeps them in step as the
    # teacher types; without it, after the first submit).
    correct = RadioField("Right answer",
                         choices=option_choices(MAX_CHOICE_OPTIONS),
                         validators=[InputRequired(message="Choose which option is right.")])
    evidence = SelectField("Evidence paragraph", validate_choice=False)
    feedback = feedback_field()

    def filled_options(self) -> list[tuple[int, str]]:
        """Return (field index, text) of the options written, in order."""
        return [(i, entry.data) for i, entry in enumerate(self.options.entries) if entry.data]

    def validate_options(self, field: FieldList) -> None:
        """Two to six options, all different (two identical ones would be unfair)."""
        texts = [text.casefold() for _, text in self.filled_options()]
        if len(texts) < MIN_CHOICE_OPTIONS:
            raise ValidationError(f"Write at least {MIN_CHOICE_OPTIONS} options.")
        if len(set(texts)) != len(texts):
            raise ValidationError("Every option must be different.")

    def validate_correct(self, field: RadioField) -> None:
        """The right answer must be one of the options written."""
        index = whole_number(field.data, 0, len(self.options.entries) - 1)
        if index is None or not self.options.entries[index].data:
            raise ValidationError("The right answer must be one of the options you wrote.")

    def chosen(self) -> tuple[list[str], int]:
        """Return the written options and the right one's index among them."""
        filled = self.filled_options()
        right = [i for i, _ in filled].index(whole_number(self.correct.data, 0, len(
            self.options.entries) - 1))
        return [text for _, text in filled], right

    def label_choices(self) -> None:
        """Label the right-answer choices with the options' texts, where written."""
        self.correct.choices = [
            SelectChoice(str(i), entry.data or f"Option {i + 1} (not written yet)")
            for i, entry in enumerate(self.options.entries)]


class TimelineEventForm(Form):
    """One event card of a written timeline (a sub-form: the outer form holds the token)."""

    text = StringField("Event", filters=[_strip], validators=[
        Optional(), Length(max=OPTION_MAX_LENGTH, message="Use 500 characters at most.")])
    when = StringField("When (shown after answering)", filters=[_strip], validators=[
        Optional(), Length(max=100, message="Use 100 characters at most.")])
    evidence = SelectField("Evidence paragraph", validate_choice=False)


class TimelineForm(FlaskForm):
    """Write a timeline: four to six events, earliest first."""

    prompt = TextAreaField("Instructions", filters=[_strip], validators=[
        DataRequired(message="Write what students should do."),
        Length(max=PROMPT_MAX_LENGTH, message="Use 1,000 characters at most.")])
    events = FieldList(FormField(TimelineEventForm), min_entries=TIMELINE_MAX,
                       max_entries=TIMELINE_MAX)
    feedback = feedback_field()

    def validate_events(self, field: FieldList) -> None:
        """Require four to six events, filled from the top, all different."""
        texts = [entry.form.text.data for entry in field.entries]
        filled = [t for t in texts if t]
        if len(filled) < TIMELINE_MIN:
            raise ValidationError(f"Write at least {TIMELINE_MIN} events.")
        if any(not t for t in texts[: len(filled)]):
            raise ValidationError("Fill the events from the top, without gaps.")
        if len({t.casefold() for t in filled}) != len(filled):
            raise ValidationError("Every event must be different.")


class SetTitleForm(FlaskForm):
    """Name a question set."""

    title = StringField("Title", filters=[_strip], validators=[
        DataRequired(message="Give the set a title."),
        Length(max=TITLE_MAX_LENGTH, message="Use 200 characters at most.")])


class AssignmentForm(FlaskForm):
    """Publish a set, or change an assignment: title, quiz settings, due time."""

    title = StringField("Title students see", filters=[_strip], validators=[
        DataRequired(message="Give the assignment a title."),
        Length(max=TITLE_MAX_LENGTH, message="Use 200 characters at most.")])
    shuffle = BooleanField("Shuffle the question order for each student")
    shuffle_options = BooleanField("Shuffle the answer options for each student", default=True)
    feedback = RadioField(
        "When students see if they were right",
        choices=[SelectChoice(FeedbackTiming.EACH.value, "After each question"),
                 SelectChoice(FeedbackTiming.END.value, "Only at the end")],
        default=FeedbackTiming.EACH.value,
        validators=[InputRequired(message="Choose when students see feedback.")])
    # The bounds also go to the browser's number input (min, max), from the same constant.
    time_limit = IntegerField("Time limit in minutes (optional)",
                              render_kw={"min": 1, "max": MAX_TIME_LIMIT_MINUTES}, validators=[
        Optional(),
        NumberRange(min=1, max=MAX_TIME_LIMIT_MINUTES,
                    message=f"Enter a number of minutes from 1 to {MAX_TIME_LIMIT_MINUTES}, "
                    "or leave it empty for no limit.")])
    due = DateTimeLocalField("Due (optional)", format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                             validators=[Optional()])
    utc_offset = HiddenField()
    is_open = BooleanField("Open for answers now", default=True)
    attempts_allowed = RadioField(
        "Attempts allowed per nickname",
        choices=[SelectChoice(ATTEMPTS_ONE, "1"),
                 SelectChoice(ATTEMPTS_UNLIMITED,
                              "Unlimited: a student who finished may start again")],
        # Not required: a form posted without it (an older page, a script) means one attempt.
        default=ATTEMPTS_ONE)

    @property
    def offset_minutes(self) -> int | None:
        """Return the browser's offset east of UTC in minutes, if its script sent one."""
        return whole_number(self.utc_offset.data, -14 * 60, 14 * 60)

    def validate_due(self, field: DateTimeLocalField) -> None:
        """Refuse a due time no quiz has: year 1 or 9999 shifted by the offset would overflow."""
        if field.data is not None and not 2000 <= field.data.year <= 2999:
            raise ValidationError("Enter a due date between the years 2000 and 2999.")


class ImportForm(FlaskForm):
    """Import a GIFT or Moodle XML file of questions."""

    file = FileField("Question file (GIFT .txt/.gift or Moodle XML .xml)")
