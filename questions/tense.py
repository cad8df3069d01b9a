"""Which way a date points: the tense of the verb a temporal expression hangs on.

A relative date ("on Thursday", "May 16", "in March") is resolved against the publication
date, forwards or backwards. The verb that governs it decides: in the clause before the
date, the tense marker nearest to it ("they said they would appeal the decision, announced
Wednesday": "announced" is nearer than "would", so past); a date that opens its clause looks
at the verb that follows. With no marker at all the caller chooses its default (a weekday in
news is the last one; a month and day is the nearest one).
"""

from __future__ import annotations

import re
from enum import Enum

from questions.textspan import may_contain


class Tense(Enum):
    """What the governing verb says of a date: before or after the publication, or nothing."""

    PAST = "past"
    FUTURE = "future"
    PRESENT = "present"  # a present tense: the nearest such day, as with no marker
    NONE = "none"


# Every match of _FUTURE holds one of these words (lower case).
_FUTURE_NEEDS = ("will", "would", "could", "might", "next", "due", "set", "going", "plan",
                 "intend", "expected", "scheduled", "upcoming", "meet", "forecast", "shall",
                 "'ll", "is to", "are to", "was to", "were to", "ahead", "soon", "held", "slated",
                 "put off", "pushed", "begins",
                 "starts", "opens", "closes", "ends", "runs", "resumes", "kicks off", "expire",
                 "leaves", "departs",
                 "convenes", "meets", "takes effect", "goes into", "comes into", "payable",
                 "effective", "starting", "beginning", "must", "should", "has to", "have to",
                 "need", "expect", "forecast", "predict",
                 "defer", "postpone", "delay", "adjourn", "extend", "supposed")
# Verbs that move a date on: what they move it to lies ahead ("extended the offer to Nov. 20").
_PUT_OFF = (r"(?:postponed|delayed|adjourned|put\s+off|pushed\s+back|deferred|extended|extends|"
            r"extending)")
_FUTURE = re.compile(
    r"\b(?:will|shall|is|are|was|were)\s+(?:\w+\s+)?(?:scheduled|due|set|expected|planning|"
    r"going|slated)\s+to\b|\bwill\b|\bshall\b|'ll\b|\bupcoming\b|"
    r"\b(?:plans|planned|planning|intends|intend|intended)\s+(?:\w+\s+)?to\b|"
    r"\b(?:we|they|i|you|not|n't|never) plan to\b|\bnext\b|\bto meet\b|\bto be held\b|"
    r"\b(?:planned|scheduled|slated)\b|\b(?:scheduled|due|set|expected|slated)\s+to\b|"
    r"\b(?:is|are|was|were)\s+to\s+(?!have\b)\w+|"
    r"\b(?:is|are)\s+supposed\s+to\b|"
    r"\bexpected\b|\b(?:is|are|was|were)\s+forecast\b|\bahead of\b|\bas soon as\b|"
    rf"\b{_PUT_OFF}\s+(?:[\w'’$.-]+\s+){{0,6}}?(?:until|till|to|through)\b|"
    r"\b(?:would|might)\b(?!\s+(?:not\s+)?have\b)|"
    # "could not be reached Tuesday" is what failed then, not a plan
    r"\bcould\b(?!\s+(?:not|never|no longer)\b)(?!\s+have\b)|"
    # The present of a timetable: "the trial begins Monday", "the offer expires Nov. 6".
    r"\b(?:begins|starts|opens|closes|ends|runs|resumes|kicks off|expires|convenes|leaves|departs|"
    r"reconvenes|meets|takes effect|goes into effect|comes into force|is due|are due|"
    r"payable|effective|to expire|expiring)\b|"
    # a forecast or an expectation points ahead: "forecasters expect 38C on Thursday"
    r"\b(?:expects?|forecasts?|forecasters?|predicts?)\b|"
    # a date set for something: "set sentencing for May 10", "scheduled for Tuesday"
    r"\b(?:set|scheduled|slated|planned|due)\s+(?:[\w'’]+\s+){0,2}?for\b|"
    # the start of what was agreed points ahead: "a truce starting at dawn on Thursday"
    r"\b(?:starting|beginning|effective from)\b|"
    # an obligation points ahead: "must be returned by December 31"
    r"\b(?:must|should|has to|have to|needs to|need to)\b",
    re.IGNORECASE)
# Past forms: "said", "was", common irregular pasts, and "-ed" words that stand as a finite
# verb (see _past_matches). Read word by word: a regex of them all is slow on long clauses.
_IRREGULAR_PASTS = frozenset({
    "said", "told", "was", "were", "had", "did", "went", "met", "came", "saw", "made", "took",
    "gave", "tore", "fell", "began", "broke", "brought", "built", "bought", "caught", "chose",
    "drew", "drove", "ate", "fought", "found", "fled", "flew", "forgot", "froze", "got", "grew",
    "held", "hid", "kept", "knew", "led", "left", "lost", "meant", "paid", "ran", "rode", "rose",
    "sang", "sank", "sat", "sent", "shook", "shot", "slept", "sold", "spent", "spoke", "stood",
    "stole", "struck", "swore", "taught", "thought", "threw", "understood", "woke", "won",
    "wore", "wrote", "became", "sought", "heard", "felt", "dealt", "withdrew", "overtook",
    "undertook", "upheld", "swept", "wept", "quit",
})
# Pasts spelt like the present: finite after a subject ("the mayor cast the deciding vote"),
# not after a modal or "to" ("will cut", "to hit").
_SAME_AS_PRESENT = frozenset({"cast", "cut", "hit", "put", "let", "beat", "hurt", "shut",
                              "spread", "bid", "split", "burst"})
_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "do", "does",
                     "did", "not", "never"})
# Irregular pasts that are participles after a form of "be" ("when the case is heard"):
# a passive of the present, not a past.
_BE_FORMS = frozenset({"is", "are", "am", "be", "being", "been"})
_PARTICIPLES = _IRREGULAR_PASTS - {"was", "were", "had", "did", "went", "came", "began", "ate",
                                   "drew", "drove", "fell", "flew", "froze", "grew", "knew",
                                   "ran", "rode", "rose", "sang", "sank", "saw", "shook",
                                   "spoke", "stole", "swore", "threw", "woke", "wore", "wrote",
                                   "tore", "withdrew", "overtook", "undertook", "became",
                                   "chose", "broke", "forgot", "took", "gave"}
_WORD_RUN = re.compile(r"[A-Za-z']+")
_NOT_VERBS = frozenset({"hundred", "indeed", "united", "naked", "wicked", "sacred", "beloved",
                        "needed", "speed", "breed", "creed", "proceed", "exceed", "succeed"})
# Before an "-ed" word these make it an adjective or a present passive, not a past verb:
# "the reduced dividend", "is expected", "to be named".
_NOT_FINITE_BEFORE = frozenset({
    "a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "this", "that",
    "these", "those", "is", "are", "am", "be", "being", "been", "will", "would", "to", "more",
    "most", "very", "newly", "well", "fully", "any", "no", "some", "every", "each", "of",
    "for", "with", "by", "not", "less", "so", "too", "widely", "long", "much",
})
_WORD_BEFORE = re.compile(r"([A-Za-z']+)\W*$")


def _past_matches(text: str) -> list[re.Match[str]]:
    """Return the past verbs of a text: "-ed" words count only where they can be verbs."""
    found = []
    previous = ""
    for match in _WORD_RUN.finditer(text):
        word = match.group().lower()
        if (word in _IRREGULAR_PASTS and not (word in _PARTICIPLES and previous in _BE_FORMS)
                ) or (word in _SAME_AS_PRESENT and previous not in
                                        _NOT_FINITE_BEFORE | _MODALS) or (
                word.endswith("ed") and len(word) > 3 and (
                len(word) <= 5 or (word not in _NOT_VERBS
                                   and previous not in _NOT_FINITE_BEFORE))):
            found.append(match)
        previous = word
    return found


# Words between a future marker and a past participle that keep it future: "will be
# announced", "is to be held", "would have been".
_FUTURE_AUXILIARIES = re.compile(r"\s*(?:(?:\w+ly|still|also|then|now|soon|only|again|already)"
                                 r"\s+)?(?:not\s+)?(?:be|have|have been|get|"
                                 r"be\s+\w+ly)\s+(?:\w+ly\s+)?", re.IGNORECASE)
# Clause breaks: ";", a dash, ", but", "while" ... Each alternative opens with a plain
# character (the word boundary is checked just after it), so the regex engine can skip
# straight to the candidates instead of trying every offset.
_CLAUSE_BREAK = re.compile(r";|—|–|,\s+(?:but|while|whereas|although|though|and)\b|"
                           r"b(?<=\bb)ut\b|w(?<=\bw)h(?:ile|ereas)\b")
# Where the clause after a date ends: "that", "which", "who", "because", "if", "when".
_CLAUSE_AFTER_ENDS = re.compile(r"(?:t(?<=\bt)hat|w(?<=\bw)h(?:ich|o|en)|b(?<=\bb)ecause|"
                                r"i(?<=\bi)f)\b")
# Past reporting verbs: the moment of speaking, before the publication date.
_PAST_REPORTING = re.compile(
    r"\b(?:said|told|added|warned|announced|stated|explained|noted|insisted|claimed|argued|"
    r"predicted|reported|wrote|acknowledged|confirmed|conceded|promised|vowed|suggested|"
    r"cautioned|indicated|signalled|signaled|declared|estimated|replied|admitted|"
    r"recalled|asserted|maintained|pledged|threatened|hinted|revealed)\b",
    re.IGNORECASE)


_READ_BACK = 160  # characters of the clause read before (and after) a date


def tense_of(sentence: str, position: int) -> Tense:
    """Return the tense of the clause holding `position`, as its governing verb tells."""
    return governing_tense(sentence, position)[0]


# Between a verb and a date it governs directly: a few words, no comma ("took place on").
_CLOSE_GAP = re.compile(r"(?:\s+[\w'’-]+){0,4}\s*$")


def governing_tense(sentence: str, position: int) -> tuple[Tense, bool]:
    """Return the clause's tense and whether its verb stands right before the date.

    A verb a few words before the date ("took place on May 16") governs it for sure; one
    further away ("authorized a split of the common, payable Dec. 7") may not.
    """
    start, end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() > position:
            end = match.start()
            break
    # The governing verb stands near the date: a long clause is read only that far.
    start = max(start, position - _READ_BACK)
    before, marker_end = _nearest_marker(sentence[start:position])
    if before is not Tense.NONE:
        close = _CLOSE_GAP.fullmatch(sentence, start + marker_end, position) is not None
        return before, close
    after = sentence[position:min(end, position + _READ_BACK)]
    ends = _CLAUSE_AFTER_ENDS.search(after)
    if ends is not None:
        after = after[: ends.start()]
    # A date that opens its clause (or sits in a leading participial clause: "While
    # speaking to reporters on Friday, X said ...") attaches to the main clause's verb: when
    # that is a past reporting verb, the date is when it was said, and a "would" or "will"
    # in the reported words is the future of that moment, not of the publication date.
    # (A date after the reported verb, "said he would introduce it on Thursday", hangs on
    # that verb and stays ahead.)
    reporting = _PAST_REPORTING.search(after)
    if reporting is None:
        return _first_marker(after), False
    found = _first_marker(after[: reporting.start()])
    return (Tense.PAST if found is Tense.NONE else found), False


def looks_ahead(sentence: str, position: int) -> bool:
    """Tell whether the clause holding `position` speaks of the future ("will meet on Thursday")."""
    return tense_of(sentence, position) is Tense.FUTURE


def _future_matches(text: str) -> list[re.Match[str]]:
    if not may_contain(text, _FUTURE_NEEDS):
        return []
    return list(_FUTURE.finditer(text))


def _nearest_marker(before: str) -> tuple[Tense, int]:
    """Return the tense of the marker nearest the end of the text before a date, and its end."""
    futures = [m for m in _future_matches(before) if _governs_from(m, before)]
    extended = _EXTENDED_TO_DATE.search(before)
    if extended is not None:  # "extended the offer Nov. 20": the new end lies ahead
        futures = sorted([*futures, extended], key=lambda m: m.end())
    pasts = _past_matches(before)
    if futures and pasts:
        # An "-ed" word after a modal in one clause is an adjective, not a past verb:
        # "will redeem the Series H preferred shares on Oct. 31".
        last_future = futures[-1]
        pasts = [p for p in pasts if p.start() < last_future.end()
                 or not _MODAL_FUTURE.match(last_future.group()) or p.group().lower()
                 in _IRREGULAR_PASTS or _CLAUSE_OPENER.search(before, last_future.end(),
                                                               p.start())]
    present = _PRESENT.search(before, pasts[-1].end()) if pasts else None
    if present is not None and (not futures or futures[-1].end() <= present.start()):
        # "said it is calling for the redemption on Dec. 7": the present is nearer
        return Tense.PRESENT, present.end()
    if not futures and not pasts:
        return Tense.NONE, 0
    if not pasts:
        return _unless_perfect(futures[-1], before)
    last_past = pasts[-1]
    if not futures:
        return Tense.PAST, last_past.end()
    last_future = futures[-1]
    if last_future.end() >= last_past.end():
        return _unless_perfect(last_future, before)
    between = before[last_future.end():last_past.start()]
    if _FUTURE_AUXILIARIES.fullmatch(between) or not between.strip():
        return Tense.FUTURE, last_past.end()  # "will be announced", "was to be held"
    return Tense.PAST, last_past.end()


# Future markers that take a verb: after them an "-ed" word in the same clause is no verb.
_MODAL_FUTURE = re.compile(r"(?:will|would|shall|could|might|must|should|'ll)\b",
                           re.IGNORECASE)
_EXTENDED_TO_DATE = re.compile(rf"\b{_PUT_OFF}\s+(?:[\w'’$.,-]+\s+){{0,6}}?$", re.IGNORECASE)
# Markers that are prepositions rather than verbs govern only a date right after them:
# "ahead of Monday's vote" looks ahead, "Ahead of the trip, the ministry on Sunday issued"
# does not.
_PREPOSITIONAL_FUTURE = re.compile(r"(?:ahead of|as soon as|upcoming|starting|beginning|"
                                   r"effective from)$", re.IGNORECASE)
_NEAR_END = re.compile(r"(?:\s+[\w'’-]+){0,3}\s*$")
# Words that open a new clause between a modal and a later "-ed" verb ("will meet the man
# who attacked ...").
_CLAUSE_OPENER = re.compile(r",|\b(?:who|which|that|and|after|when|because|since|as|where|"
                            r"while|before|until)\b", re.IGNORECASE)
# A present tense nearer the date than a past one: "is calling", "are holding", "has set".
_PRESENT = re.compile(r"\b(?:is|are|am)\s+(?:now\s+|still\s+)?[a-z]+ing\b")
# A plan in the past perfect is over: "the offer had been due to expire Friday evening".
_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:been\s+)?$", re.IGNORECASE)


def _governs_from(match: re.Match[str], before: str) -> bool:
    """Tell whether a future marker may govern a date at the end of `before`."""
    if _PREPOSITIONAL_FUTURE.search(match.group()) is None:
        return True
    return _NEAR_END.fullmatch(before, match.end()) is not None


def _unless_perfect(future: re.Match[str], before: str) -> tuple[Tense, int]:
    if _PERFECT_BEFORE.search(before, 0, future.start()):
        # the plan is over, the day it named may still be ahead: the nearest such day
        return Tense.PRESENT, future.end()
    return Tense.FUTURE, future.end()


def _first_marker(after: str) -> Tense:
    """Return the tense of the first marker after a date that opens its clause."""
    futures = _future_matches(after)
    pasts = _past_matches(after)
    past = pasts[0] if pasts else None
    if futures and (past is None or futures[0].start() <= past.start()):
        return Tense.FUTURE
    return Tense.PAST if past is not None else Tense.NONE
