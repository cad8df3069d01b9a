"""Stage 2a: find noun phrases that name people, anonymous sources and organisations.

Works on text with quotations masked, so names inside quoted words are never taken
as the speaker or as an antecedent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from questions.lexicon import (
    ANON_HEADS,
    BETWEEN_SUBJECT_AND_VERB,
    HONORIFICS,
    NOT_NAME_WORDS,
    ORG_HEADS,
    ORG_NAME_SUFFIXES,
    PRONOUNS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SPEECH_VERBS,
    TWO_WORD_SPEECH_VERBS,
)

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z][\w’'\-]*\.?|\x00+|[“”\"«»]|[,;:()—–]|\d+(?:[,.]\d+)*"
)
_KEEP_DOT = re.compile(r"^(?:[A-Za-z]\.)+$")
_PREPOSITIONS = {
    "about", "with", "of", "to", "from", "by", "for", "in", "on", "at", "into", "against",
    "between", "among", "toward", "towards", "than", "like", "over", "under", "without",
    "including", "after", "before", "during", "regarding", "via", "per", "upon",
}
_CLAUSE_STARTERS = {
    "but", "and", "yet", "so", "while", "although", "though", "because", "when", "if", "as",
    "that", "whether", "where", "since", "after", "before", "unless", "however", "meanwhile",
    "asked", "then", "also", "now", "still", "instead", "later", "earlier", "today",
}
_POSTMODIFIERS = {("familiar", "with"), ("close", "to"), ("involved", "in"), ("briefed", "on"),
                  ("knowledge", "of"), ("speaking", "on")}
_HEAD_PREPOSITIONS = {"at", "from", "in", "with", "of", "inside", "within"}
_ARTICLES = {"a", "an", "the", "one", "two", "three", "four", "several", "some", "other",
             "another", "many", "both", "few", "its", "his", "her", "their"}


class Token:
    """A word or punctuation mark with its offsets in the paragraph.

    The derived forms are computed once: the rules read them hundreds of thousands of times.
    They depend on the text alone, so they are worked out once per distinct word (see
    _forms) and shared by every occurrence.
    """

    __slots__ = ("bare", "capitalised", "end", "is_word", "low", "name_word", "opens",
                 "org_word", "possessive", "start", "text", "verb")

    def __init__(self, text: str, start: int, end: int) -> None:
        (self.text, self.low, self.bare, self.possessive, self.is_word, self.capitalised,
         self.name_word, self.opens, self.verb, self.org_word) = _forms(text)
        self.start, self.end = start, end

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


# text, low, bare, possessive, is_word, capitalised, name_word, opens, verb, org_word
_Forms = tuple[str, str, str, bool, bool, bool, bool, int, int, bool]
# What a token can open, for person_mentions: nothing, a pronoun, or a phrase naming someone.
_OPENS_NOTHING, _OPENS_PRONOUN, _OPENS_PHRASE = 0, 1, 2
# Whether a token is a speech verb: no; yes ("said"); if the next word fits ("pointed" out).
NOT_VERB, SPEECH_VERB, FIRST_OF_TWO_WORD_VERB = 0, 1, 2
_FIRST_OF_TWO_WORD_VERBS = {first for first, _ in TWO_WORD_SPEECH_VERBS}
_FORMS: dict[str, _Forms] = {}
_SPLITS: dict[str, tuple[_Forms, int]] = {}  # a regex match -> its token's forms, dot cut off
_MEMO_MAX = 200_000  # distinct words remembered; past that a memo starts again


def _forms(text: str) -> _Forms:
    """Return a token text's derived forms, computed once per distinct text."""
    forms = _FORMS.get(text)
    if forms is None:
        if len(_FORMS) >= _MEMO_MAX:
            _FORMS.clear()
        forms = _FORMS[text] = _derive(text)
    return forms


def _derive(text: str) -> _Forms:
    low = text.casefold()
    bare = text
    if text[-1] in "’'s":
        for ending in ("’s", "'s", "’", "'"):
            if text.endswith(ending) and len(text) > len(ending) + 1:
                bare = text[: -len(ending)]  # the word without a possessive ending
                break
    is_word = text[0].isalpha()
    capitalised = text[0].isupper()
    name_word = is_word and capitalised and _name_word(text, bare)
    opens = _OPENS_NOTHING
    if low in PRONOUNS and low in {"he", "she", "they"}:
        opens = _OPENS_PRONOUN
    elif name_word or (text[0].islower() and (low in ANON_HEADS or low in ROLE_HEADS
                                              or low.rstrip("s") in ANON_HEADS)):
        opens = _OPENS_PHRASE
    verb = NOT_VERB  # a capitalised "Says" in a headline is no verb
    if text[0].islower():
        if low in SPEECH_VERBS:
            verb = SPEECH_VERB
        elif low in _FIRST_OF_TWO_WORD_VERBS:
            verb = FIRST_OF_TWO_WORD_VERB
    # A capitalised word that can make a run of them the name of a body ("... Ministry").
    org_word = is_word and capitalised and (bare.casefold() in ORG_HEADS
                                            or bare.casefold() in ORG_NAME_SUFFIXES)
    return text, low, bare, bare != text, is_word, capitalised, name_word, opens, verb, org_word


def _split(word: str) -> tuple[_Forms, int]:
    """Return the forms of the token a regex match makes, and how many dots it leaves out."""
    # A full stop ends the sentence unless it belongs to "U.S." or "Mr.".
    cut = int(word.endswith(".") and len(word) > 1 and not _KEEP_DOT.match(word)
              and word[:-1].casefold() not in HONORIFICS and word.casefold() not in ROLE_HEADS)
    return _forms(word[:-1] if cut else word), cut


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split a stretch of (masked) text into tokens with offsets."""
    stop = len(text) if end is None else end
    tokens: list[Token] = []
    append = tokens.append
    split = _SPLITS.get
    new = Token.__new__
    for match in _TOKEN.finditer(text, start, stop):
        word = match.group()
        found = split(word)
        if found is None:
            if len(_SPLITS) >= _MEMO_MAX:
                _SPLITS.clear()
            found = _SPLITS[word] = _split(word)
        forms, cut = found
        token = new(Token)
        (token.text, token.low, token.bare, token.possessive, token.is_word, token.capitalised,
         token.name_word, token.opens, token.verb, token.org_word) = forms
        token.start, token.end = match.span()
        if cut:
            token.end -= cut
        append(token)
    return tokens


@dataclass(slots=True)
class NounPhrase:
    """A phrase that can be a speaker: a pronoun, a person, an anonymous source, an organisation."""

    kind: str  # pronoun | person | anonymous | organisation | description
    text: str
    start: int
    end: int
    name: list[str] = field(default_factory=list)  # a person's name tokens
    role: str | None = None
    head: str | None = None  # anonymous / description head word, or the pronoun
    modifiers: list[str] = field(default_factory=list)
    definite: bool = False
    possessive: bool = False
    after_preposition: bool = False
    owner: NounPhrase | None = None  # "Gallant's office": the owner phrase
    postmodifier: str | None = None  # "familiar with the talks"
    honorific: str | None = None


_NOT_IN_NAMES = NOT_NAME_WORDS | ORG_HEADS | set(ORG_NAME_SUFFIXES) | HONORIFICS | ROLE_HEADS


def _name_word(text: str, bare: str) -> bool:
    return (text[0].isupper() and bare.casefold() not in _NOT_IN_NAMES
            and not _KEEP_DOT.match(text))


def _is_role_part(token: Token) -> bool:
    low = token.low
    return (low in ROLE_HEADS or low in ROLE_MODIFIERS or low in HONORIFICS
            or ("." in token.text and bool(_KEEP_DOT.match(token.text)))
            or (token.is_word and token.capitalised and low in NOT_NAME_WORDS))


def _is_role_word(token: Token) -> bool:
    low = token.low
    return token.is_word and (low in ROLE_HEADS or low in ROLE_MODIFIERS
                              or (token.capitalised and low not in _CLAUSE_STARTERS))


# Days and months: capitalised, yet never a person or a body.
CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
    "today", "yesterday", "tomorrow", "tonight",
})
# A party and state, or a state, in parentheses after a name: "Harry Reid (D-Nev.)",
# "Susan Collins (Maine)". Blanked before reading names, so the name ends where it should.
_AFFILIATION = re.compile(
    r"(?<=[A-Za-z.])\s\((?:[DRI]-[A-Z][A-Za-z. ]{0,16}|[DRI]|Ala\.|Alaska|Ariz\.|Ark\.|"
    r"Calif\.|Colo\.|Conn\.|Del\.|Fla\.|Ga\.|Hawaii|Idaho|Ill\.|Ind\.|Iowa|Kan\.|Ky\.|"
    r"La\.|Maine|Md\.|Mass\.|Mich\.|Minn\.|Miss\.|Mo\.|Mont\.|Neb\.|Nev\.|N\.H\.|N\.J\.|"
    r"N\.M\.|N\.Y\.|N\.C\.|N\.D\.|Ohio|Okla\.|Ore\.|Pa\.|R\.I\.|S\.C\.|S\.D\.|Tenn\.|"
    r"Texas|Utah|Vt\.|Va\.|Wash\.|W\.Va\.|Wis\.|Wyo\.)\)")


def blank_affiliations(text: str) -> str:
    """Return text with "(D-Nev.)" after a name blanked by spaces (offsets unchanged)."""
    if "(" not in text:
        return text
    return _AFFILIATION.sub(lambda m: " " * len(m.group()), text)


def classify_phrase(tokens: list[Token]) -> NounPhrase | None:
    """Classify a short run of tokens ending where a speech verb starts (or after it)."""
    words = [t for t in tokens if t.text not in {"(", ")"}]
    if not words:
        return None
    text_span = (tokens[0].start, tokens[-1].end)
    joined = " ".join([t.text for t in tokens])
    last = words[-1]
    # "he (Netanyahu)": the parenthesis names the pronoun's person.
    if len(words) >= 2 and words[0].low in PRONOUNS and all(t.name_word for t in words[1:]):
        return NounPhrase("person", joined, *text_span, name=[t.bare for t in words[1:]])
    if len(words) == 1 and last.low in PRONOUNS:
        return NounPhrase("pronoun", joined, *text_span, head=last.low)
    lows = [t.low for t in words]
    definite = lows[0] == "the"
    body = words[1:] if lows[0] in _ARTICLES else words
    if not body:
        return None
    # Possessive owner: "Gallant's office", "the Israeli defense chief's office".
    offset = len(words) - len(body)
    for i, token in enumerate(body[:-1] if body[-1].low in ORG_HEADS else ()):
        if token.possessive:
            owner_tokens = [*words[: offset + i], Token(token.bare, token.start, token.end)]
            owner = classify_phrase(owner_tokens)
            if owner is not None:
                return NounPhrase("organisation", joined, *text_span, head=body[-1].low,
                                  owner=owner, definite=definite)
    head = body[-1].bare
    if all(t.bare.lower() in CALENDAR_WORDS for t in body):
        return None  # "Wednesday", "May": a day or a month never speaks
    if body[-1].name_word:
        name: list[Token] = []
        i = len(body) - 1
        while i >= 0 and body[i].name_word and len(name) < 4:
            name.insert(0, body[i])
            i -= 1
        role_tokens = body[: i + 1]
        k = len(role_tokens)
        while k > 0 and _is_role_part(role_tokens[k - 1]):
            k -= 1
        role_tokens = role_tokens[k:]
        honorific = None
        if role_tokens and role_tokens[-1].low in HONORIFICS:
            honorific = role_tokens[-1].low.rstrip(".")
            role_tokens = role_tokens[:-1]
        role = " ".join(t.text for t in role_tokens) or None
        if role and not any(t.low in ROLE_HEADS for t in role_tokens):
            if len(name) == 1 and role_tokens and all(t.capitalised for t in role_tokens):
                return NounPhrase("organisation", joined, *text_span, head=head,
                                  definite=definite)
            role = None
        return NounPhrase("person", joined, *text_span, name=[t.bare for t in name], role=role,
                          honorific=honorific, possessive=body[-1].possessive)
    low_head = head.casefold()
    modifiers = [t.bare for t in body[:-1]]
    if low_head in ROLE_HEADS and (definite or body[-1].capitalised):
        return NounPhrase("description", joined, *text_span, head=low_head, modifiers=modifiers,
                          definite=True)
    if low_head in ROLE_HEADS and low_head not in ANON_HEADS and lows[0] not in _ARTICLES:
        # A bare title ("Israeli defense chief") names whoever holds it.
        return NounPhrase("description", joined, *text_span, head=low_head, modifiers=modifiers)
    if (low_head in ANON_HEADS or low_head in ROLE_HEADS) and not body[-1].capitalised:
        return NounPhrase("anonymous", joined, *text_span, head=low_head, modifiers=modifiers,
                          definite=definite)
    if low_head in ORG_HEADS or (body[-1].capitalised and body[-1].is_word):
        return NounPhrase("organisation", joined, *text_span, head=low_head, definite=definite)
    return None


_APPOSITION_TOKENS = 14  # the longest apposition skipped between a name and its verb


_PARTY_STATE = re.compile(r"^[DRI]-[A-Z]")  # "McConnell, R-Ky., said"


def _opens_apposition(token: Token) -> bool:
    """Tell whether a word can open an apposition: "a close adviser", "58", "executive ..."."""
    return (token.low in _ARTICLES or token.text[:1].isdigit() or not token.text[:1].isupper()
            or token.possessive or _PARTY_STATE.match(token.text) is not None)


def phrase_before(tokens: list[Token], index: int) -> NounPhrase | None:
    """Return the subject phrase that ends just before tokens[index] (a speech verb)."""
    apposition: list[Token] = []
    i = index - 1
    while i >= 0 and tokens[i].low in BETWEEN_SUBJECT_AND_VERB:
        i -= 1
    # "Beck on Wednesday called", "Trump Monday said": a day between subject and verb.
    while i >= 0 and tokens[i].bare.lower() in CALENDAR_WORDS:
        i -= 2 if i >= 1 and tokens[i - 1].low in {"on", "last", "this", "next"} else 1
        while i >= 0 and tokens[i].low in BETWEEN_SUBJECT_AND_VERB:
            i -= 1
    # "he (Netanyahu), who is facing pressure, pointed out": skip the relative clause.
    if i >= 0 and tokens[i].text == ",":
        j = i - 1
        while j >= 0 and tokens[j].text != ",":
            j -= 1
        # "Sessions, a close adviser to Trump, told", "Ramos, 58, told": skip an apposition.
        if j >= 1 and (tokens[j + 1].low in {"who", "which"} or (
                i - j <= _APPOSITION_TOKENS and _opens_apposition(tokens[j + 1]))):
            apposition = tokens[j + 1 : i]
            i = j - 1
        else:
            return None
    end = i
    while i >= 0 and _phrase_word(tokens[i]) and end - i < 9:
        i -= 1
    postmodifier: list[Token] = []
    if (i >= 1 and tokens[i].low in _HEAD_PREPOSITIONS and tokens[i - 1].low in ANON_HEADS
            and end > i):
        # "an official at the embassy said"
        postmodifier = tokens[i : end + 1]
        end = i = i - 1
        while i >= 0 and _phrase_word(tokens[i]) and end - i < 9:
            i -= 1
    elif i >= 2 and (tokens[i - 1].low, tokens[i].low) in _POSTMODIFIERS:
        # "two people familiar with the talks said": the head sits before "familiar with".
        postmodifier = tokens[i - 1 : end + 1]
        end = i = i - 2
        while i >= 0 and _phrase_word(tokens[i]) and end - i < 9:
            i -= 1
    if end > i and tokens[end].text[0].islower():
        i = _extend_to_article(tokens, i)
    run = tokens[i + 1 : end + 1]
    after_preposition = i >= 0 and tokens[i].low in _PREPOSITIONS
    while len(run) > 1 and run[0].low in _PREPOSITIONS:
        run = run[1:]
        after_preposition = True
    while run and (run[0].low in _CLAUSE_STARTERS or run[0].text in {")", "("}) and len(run) > 1:
        if run[0].text == "(":
            break
        run = run[1:]
    if not run or (run[0].low in _CLAUSE_STARTERS and len(run) == 1):
        return None
    phrase = classify_phrase(run)
    if (phrase is None or phrase.kind in {"description", "anonymous"}) and apposition \
            and not apposition[-1].possessive and (apposition[0].low in _ARTICLES
                                                   or apposition[0].text[:1].isupper()):
        # (not "the delegation, led by Samira Qadri,": the leader is not the delegation)
        # "The chair of the judges, the poet Miriam Ashdown, announced": a role whose
        # apposition names the person is that person
        named = classify_phrase(apposition)
        if named is not None and named.kind == "person" and len(named.name) > 1:
            return named
    if phrase is not None:
        phrase.after_preposition = after_preposition
        if postmodifier and phrase.kind == "anonymous":
            phrase.postmodifier = " ".join(t.text for t in postmodifier)
            phrase.end = postmodifier[-1].end
    return phrase


def _extend_to_article(tokens: list[Token], i: int) -> int:
    """Take in plain lower-case words back to an article: "the port authority"."""
    for k in range(i, max(i - 4, -1), -1):
        low = tokens[k].low
        if low in _ARTICLES:
            return k - 1
        if (not tokens[k].is_word or tokens[k].capitalised or low in _PREPOSITIONS
                or low in _CLAUSE_STARTERS or low in PRONOUNS or low in SPEECH_VERBS
                or low in BETWEEN_SUBJECT_AND_VERB):
            return i
    return i


def phrase_after(tokens: list[Token], index: int) -> NounPhrase | None:
    """Return the phrase that follows tokens[index] ("said Miller", "said the official")."""
    run: list[Token] = []
    i = index + 1
    if i < len(tokens) and tokens[i].low in _PREPOSITIONS and tokens[i].low != "by":
        return None  # "said in a statement", "told on Monday": no speaker follows
    while i < len(tokens) and tokens[i].is_word and len(run) < 8:
        low = tokens[i].low
        if run and (low in _PREPOSITIONS or low in SPEECH_VERBS or low in _CLAUSE_STARTERS):
            break
        run.append(tokens[i])
        i += 1
    # "according to a person close to the talks": drop words until a phrase stands.
    while run:
        phrase = classify_phrase(run)
        if phrase is not None:
            if phrase.kind == "anonymous":
                _take_postmodifier(tokens, index + len(run), phrase)
            elif phrase.head == "statement" and index + len(run) + 2 < len(tokens):
                # "a statement from Norvik Steel": the body that issued it.
                after = index + len(run) + 1
                if tokens[after].low in {"from", "by"}:
                    return phrase_after(tokens, after) or phrase
            return phrase
        run = run[:-1]
    return None


def _phrase_word(token: Token) -> bool:
    if token.text in {"(", ")"}:
        return True
    if not token.is_word:
        return False
    low = token.low
    if (low in PRONOUNS or low in _ARTICLES or token.capitalised
            or ("." in token.text and _KEEP_DOT.match(token.text))):
        return True
    return (low in ROLE_HEADS or low in ROLE_MODIFIERS or low in ANON_HEADS or low in ORG_HEADS
            or low.rstrip("s") in ANON_HEADS or low in {"senior", "top", "familiar", "biden"}
            or low.endswith("’s") or low.endswith("'s"))


def person_mentions(tokens: list[Token]) -> list[NounPhrase]:
    """Return every person-like and source-like phrase in a sentence, in order."""
    found: list[NounPhrase] = []
    resume = 0  # a phrase's tokens open nothing more
    # Only the tokens that can open something are visited: most words open nothing.
    for i in [k for k, token in enumerate(tokens) if token.opens]:
        if i < resume:
            continue
        token = tokens[i]
        if token.opens == _OPENS_PRONOUN:  # "he", "she", "they"
            found.append(NounPhrase("pronoun", token.text, token.start, token.end, head=token.low))
            continue
        # A name word; "officials", "spokesperson"
        j = i
        while (not tokens[j].possessive and j + 1 < len(tokens)
               and tokens[j + 1].is_word and tokens[j + 1].capitalised
               and tokens[j + 1].low not in _CLAUSE_STARTERS):
            j += 1
        phrase = phrase_before(tokens, j + 1)
        if phrase is not None and phrase.kind == "anonymous":
            j = _take_postmodifier(tokens, j, phrase)
        if phrase is not None and phrase.kind in {"person", "anonymous", "description"}:
            phrase.possessive = phrase.possessive or tokens[j].possessive
            found.append(phrase)
        resume = j + 1
    return _merge_overlapping(found)


def _take_postmodifier(tokens: list[Token], j: int, phrase: NounPhrase) -> int:
    """Extend "two people" with "familiar with the talks"; return the last token used."""
    if j + 2 < len(tokens) and (tokens[j + 1].low, tokens[j + 2].low) in _POSTMODIFIERS:
        k, words = j + 3, [tokens[j + 1], tokens[j + 2]]
    elif j + 2 < len(tokens) and tokens[j + 1].low in _HEAD_PREPOSITIONS and tokens[
            j + 2].low in {"the", "a", "an"}:
        k, words = j + 2, [tokens[j + 1]]
    else:
        return j
    while k < len(tokens) and tokens[k].is_word and len(words) < 6 and (
        tokens[k].low in _ARTICLES or tokens[k].low not in SPEECH_VERBS | _CLAUSE_STARTERS
    ):
        words.append(tokens[k])
        k += 1
        if tokens[k - 1].low not in _ARTICLES and tokens[k - 1].low not in {"the", "a"}:
            break
    phrase.postmodifier = " ".join(t.text for t in words)
    phrase.end = words[-1].end
    return k - 1


def organisation_names(tokens: list[Token]) -> list[tuple[int, int]]:
    """Return spans of capitalised names of bodies: "Hartwell Chamber of Commerce"."""
    spans: list[tuple[int, int]] = []
    # A name of a body holds a capitalised head or suffix word ("Ministry", "Steel"): most
    # sentences have none, and are done without walking their runs of capitalised words.
    if not any(token.org_word for token in tokens):
        return spans
    i = 0
    while i < len(tokens):
        if not (tokens[i].is_word and tokens[i].capitalised) or tokens[i].low in _CLAUSE_STARTERS:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (
            (tokens[j + 1].is_word and tokens[j + 1].capitalised)
            or (tokens[j + 1].low == "of" and j + 2 < len(tokens) and tokens[j + 2].capitalised)
        ):
            j += 1
        run = tokens[i : j + 1]
        if len(run) > 1 and (any(t.bare.casefold() in ORG_HEADS for t in run[1:])
                             or run[-1].bare.casefold() in ORG_NAME_SUFFIXES):
            spans.append((run[0].start, run[-1].end))
        i = j + 1
    return spans


def _merge_overlapping(phrases: list[NounPhrase]) -> list[NounPhrase]:
    kept: list[NounPhrase] = []
    for phrase in phrases:
        if kept and phrase.start < kept[-1].end:
            if phrase.end - phrase.start > kept[-1].end - kept[-1].start:
                kept[-1] = phrase
            continue
        kept.append(phrase)
    return kept


def appositive_role(tokens: list[Token], index: int) -> str | None:
    """Return the role in "Name, Israel's Prime Minister," that follows tokens[index - 1]."""
    if index >= len(tokens) or tokens[index].text != ",":
        return None
    j = index + 1
    role: list[Token] = []
    while j < len(tokens) and tokens[j].is_word and len(role) < 8:
        if not (_is_role_word(tokens[j]) or tokens[j].possessive or tokens[j].low in _ARTICLES):
            return None
        role.append(tokens[j])
        j += 1
    closed = j >= len(tokens) or tokens[j].text in {",", ";", ")", "—", "–"}
    while role and role[0].low in _ARTICLES:
        role = role[1:]
    if closed and role and role[-1].low in ROLE_HEADS:
        return " ".join(t.text for t in role)
    return None
