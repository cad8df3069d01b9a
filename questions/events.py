"""Stage 5a: dated clauses become events: who did what, when, with the clause as evidence."""

from __future__ import annotations

import re

from questions.model import DateMention, Document, Event
from questions.tense import looks_ahead
from questions.textspan import (
    MASK,
    find_quotations,
    mask_quotations,
    may_contain,
    sentence_at,
    sentence_spans,
)
from questions.timex import precision_of

_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|,\s+(?:but|while|whereas|although|and)\s|\s+but\s|"
                           r"\s(?=(?:after|before|when|because|until)\s+(?:[A-Z]|the\s|talks\s|"
                           r"\w+\s+(?:was|were|had|has)\b))")
_SUBORDINATE = re.compile(r"^(?:as|while|when|after|before|since|because|although|though|if)\s",
                          re.IGNORECASE)
_DATE_PREFIX = re.compile(r"(?:\b(?:set|scheduled|planned|slated|due)\s+for\s*$)|"
                          r"(?:\b(?:earlier|later|late|early)\s+)?\b(?:on|in|at|during|since|"
                          r"by|until|from|last|this|over|for)\s*$", re.IGNORECASE)
# "since the outbreak of the war last October": the event is the noun phrase.
_NOMINAL_EVENT = re.compile(r"\b(?:since|after|before|following|until|amid)\s+(?P<np>the\s+[a-z]+"
                            r"\s+of\s+[^,;]{3,60}?)\s*$")
# "the October 1 ballistic missile attack on Iran": the date modifies a noun phrase.
_DATED_NOUN = re.compile(r"^\s*(?P<np>(?:[a-z-]+\s+){0,3}?(?:attack|strike|strikes|meeting|vote|"
                         r"election|ruling|decision|deadline|announcement|visit|talks|summit|"
                         r"agreement|deal|ceasefire|invasion|raid|speech|statement|letter|"
                         r"report|hearing|trial|protest|strike|explosion|fire|flood|storm|"
                         r"crash|launch|release)\b[^,;.]{0,50})")
_LEADING = re.compile(r"^(?:(?:but|and|so|yet|however|meanwhile|also|then|as|while|when|after|"
                      r"before|since|because|although|though|that)\b[\s,]*)+",
                      re.IGNORECASE)
_ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:[^,]{0,80}?\s)?(?:said|says|told reporters|reported|according to [^,]+)"
    r"(?:\s+[^,]{0,40})?$", re.IGNORECASE)
# Every match of _ATTRIBUTION_TAIL holds a comma and one of these (lower case).
_ATTRIBUTION_WORDS = ("said", "says", "told reporters", "reported", "according to")
_CAPTION_MARKERS = re.compile(
    r"\b(?:REUTERS/|AP Photo|AFP|Getty Images|File Photo|Photograph:|Photo:|\(not pictured\)|"
    r"Purchase Licensing Rights|Image:)", re.IGNORECASE)
# Every match of _CAPTION_MARKERS holds one of these (lower case): a paragraph without any
# skips the regex, which is slow on long paragraphs.
_CAPTION_MARKER_WORDS = ("reuters/", "ap photo", "afp", "getty images", "file photo",
                         "photograph:", "photo:", "(not pictured)", "purchase licensing rights",
                         "image:")
_CAPTION_VERB = re.compile(
    r"\b(?:arrives|arrive|speaks|attends|meets|meet|is received|are received|gestures|walks|"
    r"looks on|poses|pose|listens|waves|holds|sits|stands|is seen|are seen|delivers|addresses|"
    r"shake hands|shakes hands|leaves|departs|visits|talks)\b")
_FULL_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\s+\d{1,2},\s+\d{4}\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s*$")
_RELATIVE = re.compile(r",\s*(?:who|whose|which)\b[^,]*,")
MAX_DESCRIPTION_WORDS = 20  # a timeline card's most words
# A leading subordinate clause with no subject of its own ("When asked about the plan on
# Tuesday, the mayor ..."): its subject is the main clause's.
_SUBJECTLESS = re.compile(r"^(?:when|while|after|before|once|until|if|though|although)\s+"
                          r"(?:being\s+)?(?:[a-z]+(?:ed|ing)|told|shown|given|seen|known|held)\b",
                          re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s*$", re.IGNORECASE)


def is_caption(text: str, sentences: tuple[tuple[int, int], ...] | None = None) -> bool:
    """Tell whether a paragraph reads as a photo caption rather than as the story.

    `sentences` may pass the paragraph's sentence spans when they are known already.
    """
    if may_contain(text, _CAPTION_MARKER_WORDS) and _CAPTION_MARKERS.search(text):
        return True
    single_sentence = len(sentences if sentences is not None else sentence_spans(text)) <= 1
    return single_sentence and bool(_CAPTION_VERB.search(text[:160])) and (
        bool(_FULL_DATE.search(text)) or not text.rstrip().endswith("."))


# A year alone after a determiner names a thing ("the 1978 embankment", "a 1996 law"), not
# when the clause happened.
_MODIFIER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|our|this|that)\s+$",
                              re.IGNORECASE)


def find_events(doc: Document, dates: list[DateMention],
                masked_paragraphs: dict[int, str] | None = None,
                masked_sentences: dict[int, tuple[tuple[int, int], ...]] | None = None,
                sentences_by_paragraph: dict[int, tuple[tuple[int, int], ...]] | None = None,
                ) -> list[Event]:
    """Return one event per dated clause of the document's content paragraphs.

    `masked_paragraphs` (paragraph index to text with quotations masked) and
    `masked_sentences` (to the sentence spans of that text) save reading the quotations and
    splitting the sentences again when the quote stage has already done it;
    `sentences_by_paragraph` gives the sentence spans of the paragraphs as written.
    """
    events: list[Event] = []
    by_paragraph: dict[int, list[DateMention]] = {}
    for mention in dates:
        paragraph = doc.paragraph_at(mention.start)
        if paragraph is not None:
            by_paragraph.setdefault(paragraph.index, []).append(mention)
    for paragraph in doc.content_paragraphs():
        if paragraph.index not in by_paragraph or paragraph.role is not None:
            continue  # a dateline's or a caption's date is not the story's
        text = doc.text[paragraph.start : paragraph.end]
        masked = (masked_paragraphs or {}).get(paragraph.index) or mask_quotations(
            text, find_quotations(text))
        caption = is_caption(text, (sentences_by_paragraph or {}).get(paragraph.index))
        sentences = (masked_sentences or {}).get(paragraph.index) or sentence_spans(masked)
        for mention in by_paragraph[paragraph.index]:
            precision = precision_of(mention.value)
            rel = mention.start - paragraph.start
            # An unresolved date (no publication date to anchor it) still dates its clause.
            unresolved = mention.value is None and mention.type == "DATE"
            if ((precision is None and not unresolved) or masked[rel] == MASK
                    or _is_dateline(text, rel, mention)):
                continue
            if mention.text.lower().startswith("since") or _SINCE_BEFORE.search(
                    text[max(0, rel - 12) : rel]):
                continue  # "the worst since 1978": the start of a period, not an event
            if mention.text.isdigit() and _MODIFIER_BEFORE.search(text, max(0, rel - 12), rel):
                continue  # "the 1978 embankment": a thing named by its year, not an event
            sentence = sentence_at(sentences, rel)
            if sentence is None:
                continue
            start, end = _clause(masked, sentence, rel)
            main = _main_clause(masked, sentence, start, end)
            if main is None:
                description = describe(text, start, end, rel, rel + len(mention.text))
            else:
                description = _describe_with_main(text, (start, end), main, rel,
                                                  rel + len(mention.text))
                end = main[1]  # the evidence holds both clauses, the date stays inside
            if not description:
                continue
            events.append(Event(
                document=doc.id, start=paragraph.start + start, end=paragraph.start + end,
                text=text[start:end], date=_day_only(mention.value, precision),
                paragraph=paragraph.index,
                description=description, precision=precision, date_start=mention.start,
                date_end=mention.end, date_text=mention.text, caption=caption,
                planned=looks_ahead(masked[sentence[0] : sentence[1]], rel - sentence[0]),
            ))
    return events


def _main_clause(masked: str, sentence: tuple[int, int], start: int,
                 end: int) -> tuple[int, int] | None:
    """Return the main clause after a subjectless leading clause [start, end), or None.

    "When asked about the plan on Tuesday, the mayor was evasive": the dated clause has no
    subject; the main clause after its comma says who.
    """
    if masked[end : end + 2] != ", " or not _SUBJECTLESS.match(masked[start:end]):
        return None
    main = _clause(masked, sentence, end + 2)
    return main if main[0] == end + 2 and main[1] > main[0] else None


def _describe_with_main(text: str, clause: tuple[int, int], main: tuple[int, int],
                        date_start: int, date_end: int) -> str:
    """Describe a subjectless clause after its main clause ("The mayor was evasive when ...")."""
    head = text[main[0] : main[1]]
    tail = text[clause[0] : clause[1]]
    first, _, rest = tail.partition(" ")
    composed = f"{head} {first.lower()} {rest}"
    shift = len(head) + 1 - clause[0]
    return describe(composed, 0, len(composed), date_start + shift, date_end + shift)


def _is_dateline(text: str, rel: int, mention: DateMention) -> bool:
    after = text[rel + len(mention.text) : rel + len(mention.text) + 40]
    if text.strip() == mention.text or re.match(r"\s*\([A-Z][\w .&-]*\)", after):
        return True
    zone = re.match(r"\s*[-–—]\s*\w+\s+Time\b", after)  # "10:53 pm - Jerusalem Time"
    return bool(_DATELINE.match(text[:rel])) or zone is not None


def _clause(masked: str, sentence: tuple[int, int], rel: int) -> tuple[int, int]:
    start, end = sentence
    for match in _CLAUSE_BREAK.finditer(masked, start, end):
        if match.end() <= rel:
            start = match.end()
        elif match.start() > rel:
            end = match.start()
            break
    # "As talks went on last week, Blinken assured ...": a leading subordinate clause ends
    # at its comma; a date after that comma belongs to the main clause.
    if _SUBORDINATE.match(masked[start:end]):
        comma = masked.find(", ", start, end)
        if comma != -1:
            if rel < comma:
                end = comma
            else:
                start = comma + 2
    while end > start and masked[end - 1] in " ,.;:":
        end -= 1
    while start < end and masked[start] in " ,":
        start += 1
    return start, end


def describe(text: str, start: int, end: int, date_start: int, date_end: int) -> str:
    """Build a short "who did what" from the clause, without its date and attribution tag."""
    before = text[start:date_start]
    nominal = _NOMINAL_EVENT.search(before) if "of" in before and "the" in before else None
    if nominal:
        return _sentence_case(nominal.group("np"))
    after = text[date_end:end]
    if after.startswith(("’s ", "'s ")):
        # "Thursday’s city council vote": the event is the noun phrase the date owns.
        phrase = re.match(r"[’']s\s+([^,;.]{3,60})", after)
        if phrase and len(phrase.group(1).split()) >= 2:
            return _sentence_case(phrase.group(1).strip())
    if before.rstrip().endswith((" the", " The")) or before.strip() in {"the", "The"}:
        noun = _DATED_NOUN.match(after)
        if noun and len(noun.group("np").split()) >= 2:
            return _sentence_case(noun.group("np").strip())
    prefix = _date_prefix(before)
    if prefix:
        before = before[: prefix.start()]
    clause = f"{before.rstrip(' ,')} {text[date_end:end].lstrip(' ,')}".strip()
    attributed = "," in clause and may_contain(clause, _ATTRIBUTION_WORDS)
    tail = _ATTRIBUTION_TAIL.search(clause) if attributed else None
    if tail and tail.start() <= len(before.rstrip(" ,")) <= tail.end():
        # The date dates the saying: "..., the prime minister said in a statement Tuesday".
        head = _LEADING.sub("", clause[: tail.start()]).strip(" ,”\"")
        said = tail.group().strip(" ,”\"")
        if head[:1] in "“\"":
            clause = f"{said}: {head}”"
        else:
            first, _, rest = head.partition(" ")
            first = first.lower() if first.isalpha() and first.istitle() and first.lower() in {
                "the", "a", "an", "there", "it", "this", "that"} else first
            clause = f"{said} that {first} {rest}".strip()
    elif attributed:
        clause = _ATTRIBUTION_TAIL.sub("", clause)
    clause = _LEADING.sub("", clause).strip(" ,")
    clause = _RELATIVE.sub("", clause)
    clause = re.sub(r"\s{2,}", " ", clause)
    words = clause.split()
    if len(words) < 2:
        return ""
    if len(words) > MAX_DESCRIPTION_WORDS:
        clause = _whole_clause(words)
    return _sentence_case(clause)


_CLAUSE_END_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "by",
                               "with", "and", "or", "but", "that", "which", "who", "as"})
_MIN_CLAUSE_WORDS = 4
_ADJUNCT_OPENERS = frozenset({"that", "in", "on", "at", "during", "with", "from", "for", "over",
                              "after", "before", "amid", "despite"})
# A head that opens with a participle or a subordinator has no subject of its own.
_NO_SUBJECT = re.compile(r"^(?:\w+ing|when|while|after|before|as|since|if|because|although)\b",
                         re.IGNORECASE)


def _whole_clause(words: list[str]) -> str:
    """Shorten a long description at a clause break, whole ("X met Y, who said ..." -> "X met
    Y"); only where no break will do, cut it and say so with "…"."""
    def strong(end: int) -> bool:  # before a relative clause, a dash or after ";" / ":"
        return (words[end - 1].endswith((";", ":")) or words[end].startswith(("—", "–"))
                or words[end].casefold() in {"who", "which", "while", "whose", "as"})

    def weak(end: int) -> bool:  # ", and ...": a comma before a lower-case word
        return words[end - 1].endswith(",") and words[end][:1].islower()

    def adjunct(end: int) -> bool:  # before "that ..." or a phrase of place or time
        return end >= 6 and words[end].casefold() in _ADJUNCT_OPENERS and (
            words[end - 1][:1].isupper() or words[end - 1].casefold() not in _CLAUSE_END_WORDS)

    for breaks in (strong, weak, adjunct):
        for end in range(MAX_DESCRIPTION_WORDS, _MIN_CLAUSE_WORDS - 1, -1):
            if not breaks(end):
                continue
            head = " ".join(words[:end]).rstrip(" ,;:")
            if head.split()[-1].casefold() not in _CLAUSE_END_WORDS and not _NO_SUBJECT.match(
                    head):
                return head
    cut = " ".join(words[:MAX_DESCRIPTION_WORDS])
    return cut.rstrip(" ,") + "…"


_QUOTATION_ONLY = re.compile(r"^[^“\"]{0,120}: [“\"]")


def is_quotation_only(description: str) -> bool:
    """Tell whether a description is only a quotation and its speaker ("X said: “…”").

    describe() gives that form when the clause holds nothing but the quoted words and their
    attribution: it says who spoke, not what happened, so it makes a poor timeline card.
    """
    return _QUOTATION_ONLY.match(description) is not None


def _date_prefix(before: str) -> re.Match[str] | None:
    """Return _DATE_PREFIX.search(before), searching only the last two words.

    Every match ends the text and spans at most two words ("scheduled for", "earlier on"),
    so it starts within the last two runs of non-space characters; cutting the text at a
    space keeps \\b as it was. Searching the whole clause from every offset was slow.
    """
    head = before.rstrip()
    words = head.rsplit(None, 2)
    if len(words) < 3:
        return _DATE_PREFIX.search(before)
    cut = len(head) - len(words[2])
    cut = len(head[:cut].rstrip()) - len(words[1])
    return _DATE_PREFIX.search(before, cut)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day_only(value: str | None, precision: str | None) -> str | None:
    """Return a day's value without its part of the day or time: events are ordered by day."""
    return value[:10] if value and precision == "day" else value
