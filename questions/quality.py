"""The quality gate: named checks every candidate question passes before it enters a bank.

Each check reads one question (and the analysis it came from) and returns why the question
is unfair, unanswerable or ill-formed, or None. The first check that fails rejects the
candidate, and the rejection keeps the check's name and reason, so `generate --explain`
shows teachers and developers why a question is missing. Checks over the whole bank (a
quotation asked twice, timelines that repeat) live in questions.bank_checks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from questions.lexicon import ORG_NAME_SUFFIXES
from questions.model import Analysis, Question

GAP = "_____"
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # "2,000", "7.4"
_NUMBER_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                           r"twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen)\b",
                           re.IGNORECASE)
_CURRENCY = "$£€¥"
# Units that count whole things: a half of one is no answer anyone could give.
_WHOLE_UNITS = frozenset({"year", "day", "week", "month", "hour", "minute", "people", "person",
                          "vote", "seat", "team", "goal", "game", "match", "point", "member",
                          "vulnerability", "student", "child", "resident", "worker"})
# Units of measure: a fraction of one is a fair answer ("7.4 percent", "1.4 metres").
_MEASURES = frozenset({"percent", "million", "billion", "trillion", "metre", "meter", "km",
                       "kilometre", "kilometer", "mile", "pound", "tonne", "ton", "litre",
                       "liter", "cent", "degree", "kg", "kilogram", "gram", "acre", "hectare",
                       "foot", "feet", "inch", "euro", "dollar", "bn", "m", "mph", "celsius",
                       "fahrenheit", "magnitude", "hour", "second", "minute"})
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with",
                             "and", "or", "but", "that", "which", "who", "as", "from", "into",
                             "about", "than", "its", "their", "his", "her"})
# "The US State Department said _____": a speaker and a speech verb, and little else.
_SPEECH_ONLY = re.compile(r"^(?:[\w.'’-]+\s+){1,6}(?:said|says|told|announced|stated|added|"
                          r"confirmed|reported|wrote|noted)(?:\s+[\w'’]+){0,3}$", re.IGNORECASE)
TIMELINE_CARD_WORDS = (4, 20)
MAGNITUDE_SPREAD = 3  # an option is within this factor of the key: the sentence could hold it
_DATE_START = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|"
                         r"March|April|May|June|July|August|September|October|November|"
                         r"December)\s+\d|\d{1,2}\s+(?:January|February|March|April|May|June|"
                         r"July|August|September|October|November|December)\b|\d{4}\b)")
_SUBJECTLESS_START = re.compile(r"^(?:[A-Z][a-z]+ing|When|While|After|Before|As|Since|If|"
                                r"Because|Although)\b")
_VERB_START = re.compile(r"^(?:Said|Says|Told|Announced|Added|Warned|Agreed|Called|Urged)\b")
_PRONOUN_START = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its)\b")
_DATE_INSIDE = re.compile(r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|"
                          r"March|April|June|July|August|September|October|November|December|"
                          r"(?:this|last|next)\s+(?:week|month|year)|yesterday|today|"
                          r"tomorrow|(?:19|20)\d\d)\b")
_COUNT_OF_PEOPLE = re.compile(r"^(?:two|three|four|five|several|many|some|\d+)\b", re.IGNORECASE)
# Last words of a body's name ("Deepline Minerals", "Natural Resources").
_BODY_WORDS = frozenset({"minerals", "resources", "services", "affairs", "works", "health",
                         "education", "transport", "security", "finance", "justice",
                         "defence", "defense", "media", "news", "press", "bank", "fund"})
# Heads of unnamed sources that are companies, not people: "a main contractor".
_COMPANY_HEADS = frozenset({"contractor", "contractors", "company", "firm", "operator",
                            "supplier", "developer", "builder", "manufacturer", "insurer",
                            "partner", "partners", "consortium", "agency", "union"})
# "a senior official at the health": the name of the body was lost
_CUT_BODY = re.compile(r"\b(?:at|of|in|from)\s+the\s+(?:health|education|foreign|interior|"
                       r"defence|defense|justice|finance|state|transport|environment|energy|"
                       r"home|trade)$", re.IGNORECASE)
_NOT_A_PERSON_WORD = re.compile(
    r"\b(?:Republicans|Democrats|Department|Ministry|Committee|Party|Agriculture|Council|"
    r"Association|Fact-Checking|Office|Agency|Administration|Government|University|"
    r"Institute|Foundation|Campaign|Commission|Court|Police|Army|Navy|Union)\b")


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate the gate turned away: the check's name and what it found."""

    question: Question
    rule: str
    reason: str


Check = Callable[[Question, Analysis], str | None]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a per-question check under its name."""

    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


def first_failure(question: Question, analysis: Analysis) -> tuple[str, str] | None:
    """Return (rule, reason) of the first check the question fails, or None."""
    for name, function in CHECKS.items():
        reason = function(question, analysis)
        if reason is not None:
            return name, reason
    return None


def _shown_text(question: Question) -> str:
    return f"{question.prompt} {question.quote or ''}"


def _key(question: Question) -> str | None:
    right = [o.text for o in question.options if o.correct]
    return right[0] if len(right) == 1 and question.answer_order is None else None


@check("gap_boundaries")
def gap_boundaries(question: Question, analysis: Analysis) -> str | None:
    """A gap replaces whole words: never part of a name, a title or a number with its unit."""
    text = question.quote or ""
    at = text.find(GAP)
    if at < 0:
        return None
    before, after = text[:at], text[at + len(GAP):]
    last, first = before[-1:], after[:1]
    if last and (last.isalnum() or last in _CURRENCY or last in "-’'"):
        return f"the gap is glued to what comes before it: …{before[-12:]}{GAP}"
    if first and (first.isalnum() or first in "%-"):
        return f"the gap is glued to what follows it: {GAP}{after[:12]}…"
    word_before = re.search(r"(\S+)\s+$", before)
    word_after = re.match(r"\s+(\S+)", after)
    if (word_before and word_after and word_before.group(1)[:1].isupper()
            and word_after.group(1)[:1].isupper() and not before.rstrip().endswith((".", ":"))
            and word_before.group(1).lower() not in {"on", "in", "since", "by"}):
        return f"the gap sits inside a name: {word_before.group(1)} {GAP} {word_after.group(1)}"
    return None


@functools.lru_cache(maxsize=65536)
def _template(text: str) -> str:
    return NUMBER.sub("#", text.casefold()).replace("%", " percent").replace("  ", " ").strip()


def number_in(text: str) -> float | None:
    """Return the first number written in a label ("2,000-pound" -> 2000.0), or None."""
    match = NUMBER.search(text)
    return float(match.group().replace(",", "")) if match else None


@functools.lru_cache(maxsize=65536)
def option_problem(key: str, option: str) -> str | None:
    """Return what makes a quantity option unlike its key (unit, number style, range)."""
    key_value, value = number_in(key), number_in(option)
    if key_value is None:
        return f"the key {key!r} is written in words; options in figures would give it away"
    if value is None or _template(option) != _template(key):
        return f"{option!r} is not written like the key {key!r}"
    if key_value == int(key_value) and value != int(value) and counts_things(key):
        return f"{option!r} is a fraction where the key counts whole things"
    if _decimals(option) != _decimals(key):
        return f"{option!r} has other decimals than the key {key!r}"
    if key_value > 0 and not 1 / MAGNITUDE_SPREAD <= value / key_value <= MAGNITUDE_SPREAD:
        return f"{option!r} is out of the key's range ({key!r})"
    if "percent" in _template(key) and value > 100 >= key_value:
        return f"{option!r} is more than the whole"
    return None


def _decimals(text: str) -> int:
    match = NUMBER.search(text)
    number = match.group() if match else ""
    return len(number.split(".")[1]) if "." in number else 0


def counts_things(label: str) -> bool:
    """Tell whether a quantity counts whole things ("112 people", "31 years"), not a measure."""
    unit = _unit_word(label)
    return unit in _WHOLE_UNITS or (unit not in _MEASURES and not _template(label).startswith(
        tuple(_CURRENCY)))


@check("gap_not_in_quotation")
def gap_not_in_quotation(question: Question, analysis: Analysis) -> str | None:
    """A figure inside someone's quoted words is theirs to round ("the first 45 minutes"):
    a gap there asks the student to guess speech, not to read a fact."""
    if question.kind != "quantity" or not question.quote:
        return None
    at = question.quote.find(GAP)
    before = question.quote[:at]
    opened = before.count("“") + before.count('"') % 2 - before.count("”")
    if opened > 0 or before.count('"') % 2:
        return "the gap is inside a quotation"
    return None


@check("options_of_one_kind")
def options_of_one_kind(question: Question, analysis: Analysis) -> str | None:
    """Quantity options share the key's unit spelling, number style and possible range."""
    if question.kind != "quantity":
        return None
    key = _key(question)
    if key is None:
        return None
    values = []
    for option in question.options:
        problem = option_problem(key, option.text)
        if problem is not None:
            return problem
        values.append(number_in(option.text))
    if len(set(values)) != len(values):
        return "two options have the same value"
    return None


# A gap that holds someone's age: "over the age of ___", "aged ___", "___ years old".
_AGE_BEFORE = re.compile(r"\b(?:age[sd]?(?:\s+of)?|aged\s+(?:between\s+)?)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^(?:-|\s+)years?[-\s]old\b", re.IGNORECASE)
# A made-up age above this reads as absurd ("over the age of 112"); a key may be older.
OLDEST_AGE = 100


def highest_option(cloze: str) -> float | None:
    """Return the largest value an option of this gap may take, if its sense bounds it.

    A gap that holds someone's age ("over the age of ___") takes ages a person can have.
    """
    if GAP not in cloze:
        return None
    before, after = cloze.split(GAP, 1)
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
        return OLDEST_AGE
    return None


@check("ages_possible")
def ages_possible(question: Question, analysis: Analysis) -> str | None:
    """An age's options are ages a person can have: "over the age of 200" gives it away."""
    if question.kind != "quantity" or not question.quote:
        return None
    highest = highest_option(question.quote)
    if highest is None:
        return None
    for option in question.options:
        value = number_in(option.text)
        if not option.correct and value is not None and value > highest:
            return f"{option.text!r} is no one's age"
    return None


def _unit_word(label: str) -> str:
    words = re.findall(r"[a-z]+", label.casefold())
    return words[-1].rstrip("s") if words else ""


@check("answer_not_shown")
def answer_not_shown(question: Question, analysis: Analysis) -> str | None:
    """No option can be read in the prompt or the text the question shows."""
    shown = _shown_text(question).casefold()
    for option in question.options:
        text = option.text.casefold()
        if question.kind in {"quantity", "when"} and len(text) >= 2 and _stands_in(text, shown):
            return f"the option {option.text!r} stands in the question's own text"
        if question.kind == "who_said" and option.correct and len(text) > 3 and text in shown:
            return f"the speaker {option.text!r} is named in the quotation"
    return None


def _stands_in(text: str, shown: str) -> bool:
    """Tell whether text stands in shown as whole words ("0.2 percent", not "10.2 percent")."""
    at = shown.find(text)
    while at >= 0:
        before = shown[at - 1 : at]
        after = shown[at + len(text) : at + len(text) + 1]
        if not (before.isalnum() or before in "._") and not (after.isalnum() or after == "_"):
            return True
        at = shown.find(text, at + 1)
    return False


@check("when_shows_an_event")
def when_shows_an_event(question: Question, analysis: Analysis) -> str | None:
    """A date question shows what happened, not only who spoke ("The department said ___")."""
    if question.kind != "when":
        return None
    words = [w for w in re.findall(r"[\w’'-]+", (question.quote or "").replace(GAP, " "))]
    if len(words) < 3:
        return f"too few words to tell what happened: {question.quote!r}"
    if _PRONOUN_START.match(question.quote or ""):
        return f"it opens with a pronoun nobody is named for: {question.quote[:40]!r}"
    if _SPEECH_ONLY.match(" ".join((question.quote or "").replace(GAP, " ").split()).strip(" ,.")):
        return f"only a speech tag, no event: {question.quote!r}"
    if _COUNTERFACTUAL.search(question.quote or ""):
        return f"it did not happen, it is what would have: {question.quote[:60]!r}"
    return None


# "the grant would have had to be returned by ___": a date of what did not happen.
# (a past participle after "have": "could have in Gaza" is the verb "have", not a perfect)
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might)(?:\s+not)?\s+have\s+(?:[a-z]+(?:ed|en|wn|ne)|had|made|"
    r"left|kept|lost|won|paid|sent|spent|told|said|held|brought|bought|found|built|met|"
    r"come|become|run|put|set|cut|hit|let)\b", re.IGNORECASE)


@check("quotation_starts_whole")
def quotation_starts_whole(question: Question, analysis: Analysis) -> str | None:
    """A quotation shown for "who said this?" starts a sentence or clause, or says it does not."""
    if question.kind not in {"who_said", "which_source"} or not question.quote:
        return None
    first = question.quote.lstrip("“\"‘' ")[:1]
    if question.quote.startswith(("…", "...")) or not first.isalpha() or first.isupper():
        return None
    return f"the quotation starts mid-sentence: {question.quote[:40]!r}"


@functools.lru_cache(maxsize=65536)  # distractor draws ask about the same labels again and again
def plural_speaker(label: str) -> bool:
    """Tell whether a speaker label names several people ("U.S. officials", "two aides")."""
    if label.casefold().startswith(("one ", "a ", "an ", "the ")) and " of " not in label:
        return False
    if label.casefold().startswith("one of "):
        return False
    head = re.sub(r"\s*\(.*\)$", "", label).split()
    last = head[-1].casefold() if head else ""
    return bool(_COUNT_OF_PEOPLE.match(label)) or (
        last.endswith("s") and not last.endswith(("ss", "us", "is")) and label[:1].islower())


@check("speakers_alike")
def speakers_alike(question: Question, analysis: Analysis) -> str | None:
    """Speaker options are people of one kind and number: nothing gives the key away."""
    if question.kind != "who_said":
        return None
    numbers = {plural_speaker(o.text) for o in question.options}
    if len(numbers) > 1:
        return "singular and plural speakers side by side"
    for option in question.options:
        problem = speaker_problem(option.text)
        if problem is not None:
            return problem
    return None


@functools.lru_cache(maxsize=65536)
def speaker_problem(label: str) -> str | None:
    """Return why a speaker label does not read as a person, or None."""
    name = re.sub(r"\s*\(.*\)$", "", label)
    if name[:1].islower() and name.split()[-1].casefold() in _COMPANY_HEADS:
        return f"{label!r} is a company, not a person"
    last = name.split()[-1].casefold().strip(".") if name.split() else ""
    if _CUT_BODY.search(name):
        return f"{label!r} is cut off before the body it names"
    if name[:1].isupper() and (len(name.split()) < 2 or _NOT_A_PERSON_WORD.search(name)
                               or last in ORG_NAME_SUFFIXES or last in _BODY_WORDS):
        return f"{label!r} does not read as a person's name"
    return None


def card_problem(text: str) -> str | None:
    """Return what keeps a timeline card from being a whole clause, or None."""
    low, high = TIMELINE_CARD_WORDS
    text = text.strip()
    words = text.split()
    if not low <= len(words) <= high:
        return f"a card of {len(words)} words: {text!r}"
    if text.endswith(("…", "...")) or words[-1].casefold().strip(",;:") in _FUNCTION_WORDS:
        return f"a card cut short: {text!r}"
    if _DATE_START.match(text):
        return f"a card opens with its date: {text!r}"
    if not text[:1].isupper() or _SUBJECTLESS_START.match(text) or _VERB_START.match(text):
        return f"a card without its subject: {text!r}"
    if "…" in text or "..." in text:
        return f"a card with words left out: {text!r}"
    if words[-1].casefold().strip(".") in {"said", "says", "told", "added", "announced"}:
        return f"a card that only says someone spoke: {text!r}"
    if _DATE_INSIDE.search(text):
        return f"a card that names a date, a hint for its place: {text!r}"
    return None


@check("timeline_cards_whole")
def timeline_cards_whole(question: Question, analysis: Analysis) -> str | None:
    """Cards are whole clauses: 4 to 20 words, a subject first, no date glued on, no cut."""
    if question.kind != "timeline":
        return None
    for option in question.options:
        problem = card_problem(option.text)
        if problem is not None:
            return problem
    return None
