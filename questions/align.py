"""Stage 6: group what different articles say about the same fact, and mark disagreements.

Quantities group when they measure the same thing in the same unit ("N-pound bombs"): each
article's values form its account, and accounts that differ make a disagreement
("Reuters reports 500-pound and 2,000-pound bombs; NewsInterpretation 2,000-pound bombs only").
Events group when two articles date clauses that share named people or key words to one day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import compress

from questions.facts import quantity_label
from questions.model import Document, Event, Fact, FactGroup, Statement
from questions.textspan import lowercase_words, singular

# \b[A-Z]..., written to open with the capital so the regex engine skips to the capitals.
_NAME = re.compile(r"[A-Z](?<=\b[A-Z])[a-z]{2,}(?:[-’'][A-Z]?[a-z]+)?\b")
_COMMON_CAPITALISED = {
    "The", "This", "That", "There", "They", "These", "Those", "She", "Her", "His", "Its", "Our",
    "But", "And", "When", "While", "After", "Before", "According", "Department", "State", "House",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Wire", "News", "Daily", "Times", "Post", "Press", "Mr", "Ms", "Mrs",
}


def _values_label(values: list[str], counted: str) -> str:
    if len(values) == 1:
        return f"{values[0]} {counted}"
    return f"{' and '.join(values)} {counted}"


def _sorted_values(labels: set[str], size: dict[str, float]) -> list[str]:
    return sorted(labels, key=lambda label: size.get(label, 0))


MIN_SHARED_NAMES = 3  # articles on one story share people and places


def related_documents(documents: list[Document],
                      vocabulary: set[str] | None = None) -> dict[str, set[str]]:
    """Return, for each document, the documents that report the same story (shared names)."""
    # A capitalised word the corpus also writes in lower case ("Minister", "Nobody") is no name.
    lower = vocabulary if vocabulary is not None else lowercase_words(d.text for d in documents)
    names = {
        doc.id: {w for p in doc.content_paragraphs() for w in _NAME.findall(doc.paragraph_text(p))
                 if w not in _COMMON_CAPITALISED and w.casefold() not in lower}
        for doc in documents
    }
    # Each name's documents as the bits of an integer; for each document, count per other
    # document how many of its names they share, up to MIN_SHARED_NAMES, with bitwise adders:
    # far cheaper than comparing every pair of name sets.
    ids = list(names)
    holders: dict[str, int] = {}
    for position, found in enumerate(names.values()):
        for name in found:
            holders[name] = holders.get(name, 0) | 1 << position
    related: dict[str, set[str]] = {}
    for position, (doc_id, found) in enumerate(names.items()):
        sharing = [0] * MIN_SHARED_NAMES  # sharing[k]: documents sharing more than k names
        for name in found:
            docs = holders[name]
            for k in range(MIN_SHARED_NAMES - 1, 0, -1):
                sharing[k] |= sharing[k - 1] & docs
            sharing[0] |= docs
        enough = sharing[-1] & ~(1 << position)
        related[doc_id] = set(compress(ids, _bits(enough)))
    return related


_BIT_VALUES = bytes.maketrans(b"01", b"\x00\x01")


def _bits(mask: int) -> bytes:
    """Return a non-negative integer's bits, lowest first, as bytes of 0 and 1."""
    return bin(mask)[:1:-1].encode("ascii").translate(_BIT_VALUES)


def stories(doc_ids: list[str], related: dict[str, set[str]]) -> list[list[str]]:
    """Split documents into groups connected by shared names."""
    left, stories = set(doc_ids), []
    # Each story starts from the smallest document id not yet placed: walking the ids in
    # order finds it without searching what is left again (min(left) per story was
    # quadratic on a corpus of many small stories).
    for seed in sorted(left):
        if seed not in left:
            continue
        story, frontier = {seed}, [seed]
        while frontier:
            for other in related.get(frontier.pop(), set()) & left:
                if other not in story:
                    story.add(other)
                    frontier.append(other)
        left -= story
        stories.append(sorted(story))
    return stories


# After a counted noun, the second term of a ratio.
_RATIO_AFTER = re.compile(r"\s+(?:for\s+every|to\s+every|in\s+every|per|for\s+each)\b",
                          re.IGNORECASE)


def group_facts(documents: list[Document], facts: list[Fact],
                related: dict[str, set[str]]) -> list[FactGroup]:
    """Group quantities of the same unit and noun that two or more articles on one story give."""
    outlets = {doc.id: doc.outlet or doc.title or doc.id for doc in documents}
    texts = {doc.id: doc.text for doc in documents}
    by_key: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        if not fact.counted or _RATIO_AFTER.match(texts[fact.document], fact.end):
            continue  # "one nurse for every five patients" is a ratio, not a count of nurses
        counted = singular(fact.counted)
        if counted.casefold() in _GENERIC_COUNTED:
            # "38 people" killed and "1,500 people" homeless are two facts: a generic noun
            # is compared only with the same thing happening to it, else not at all.
            text = texts[fact.document]
            window = (max(fact.sentence_start, fact.start - 30),
                      min(fact.sentence_end, fact.end + 30))
            found = list(_WHAT_HAPPENED.finditer(text, *window))
            if not found or _OTHER_YEAR.search(text, *window):
                continue  # nothing happened to them, or it happened in another year
            # The verb just before the count governs it ("killing 38 people and injuring
            # 200"); else the word nearest to it ("38 people dead").
            right_after = [m for m in found if m.start() == fact.end + 1
                           and text[fact.end] == " "]  # "about 230 injured"
            before = [m for m in found if 0 <= fact.start - m.end() <= 20]
            nearest = right_after[0] if right_after else before[-1] if before else min(
                found, key=lambda m: min(abs(m.start() - fact.end), abs(fact.start - m.end())))
            counted = f"{counted} {_happening(nearest.group().casefold())}"
        by_key[(fact.unit or "count", counted)].append(fact)
    groups: list[FactGroup] = []
    for (unit, counted), found in sorted(by_key.items()):
        for documents_seen in stories(sorted({f.document for f in found}), related):
            if len(documents_seen) >= 2:
                members = [f for f in found if f.document in documents_seen]
                groups.append(_quantity_group(unit, counted, members, documents_seen, outlets,
                                              texts))
    return groups


_OTHER_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # "the 1980 quake, which killed 112 people"
_GENERIC_COUNTED = frozenset({"people", "person", "resident", "other", "member", "staff",
                              "worker", "civilian", "time", "child", "adult"})
_HAPPENINGS = {
    **dict.fromkeys(["killed", "killing", "kills", "dead", "died", "deaths", "death toll"],
                    "killed"),
    **dict.fromkeys(["injured", "injuring", "wounded", "hurt"], "injured"),
    **dict.fromkeys(["displaced", "homeless"], "displaced"),
    **dict.fromkeys(["arrested", "detained"], "arrested"),
    **dict.fromkeys(["released", "freed"], "released"),
    "missing": "missing", "evacuated": "evacuated", "rescued": "rescued",
}
_WHAT_HAPPENED = re.compile(r"\b(?:" + "|".join(sorted(_HAPPENINGS, key=len, reverse=True))
                            + r")\b", re.IGNORECASE)


def _happening(word: str) -> str:
    return _HAPPENINGS[word]


def _quantity_group(unit: str, counted: str, members: list[Fact], documents_seen: list[str],
                    outlets: dict[str, str], texts: dict[str, str]) -> FactGroup:
    """Build one group: each article's values, its sentences, and whether accounts differ."""
    noun = members[0].counted or counted
    group = FactGroup(key=f"quantity:{unit}:{counted}", label=f"{noun} ({unit})")
    size = {quantity_label(f): f.value for f in members}
    by_document: dict[str, list[Fact]] = defaultdict(list)
    for fact in members:
        by_document[fact.document].append(fact)
    for doc_id in documents_seen:
        own = by_document[doc_id]
        labels = _sorted_values({quantity_label(f) for f in own}, size)
        group.values_by_document[doc_id] = labels
        for fact in own:
            group.statements.append(Statement(
                document=doc_id, paragraph=fact.paragraph, start=fact.sentence_start,
                end=fact.sentence_end, fact_start=fact.start, fact_end=fact.end,
                values=[quantity_label(fact)]))
    accounts = {d: frozenset(f.value for f in by_document[d]) for d in documents_seen}
    exclusive = {d for d in documents_seen
                 if any(_says_only(texts[d], f) for f in by_document[d])}
    group.exclusive = exclusive
    group.conflicts = _conflicts(documents_seen, accounts, exclusive)
    group.disagreement = bool(group.conflicts)
    group.summary = _summary(group, outlets, noun)
    return group


# "only 500-pound bombs", "just 40 people": a report that excludes the other figures.
_ONLY_BEFORE = re.compile(r"\b(?:only|just|solely|exclusively|nothing but|no more than)\b"
                          r"[^.;]{0,30}$", re.IGNORECASE)


def _says_only(text: str, fact: Fact) -> bool:
    """Tell whether an article words its figure as the whole story ("only 500-pound bombs")."""
    return _ONLY_BEFORE.search(text, max(fact.sentence_start, fact.start - 40), fact.start) \
        is not None


def _accounts_conflict(a: frozenset[float], b: frozenset[float], a_only: bool,
                       b_only: bool) -> bool:
    """Tell whether two articles' figures exclude each other.

    A report that names fewer figures ("including 2,000-pound bombs") does not contradict
    one that names more, unless it says those are all there is ("only").
    """
    if a == b:
        return False
    if a < b:
        return a_only
    if b < a:
        return b_only
    return True


MAX_CONFLICTS = 24  # pairs kept per group: questions ask about a few, the rest add nothing


def _conflicts(documents: list[str], accounts: dict[str, frozenset[float]],
               exclusive: set[str]) -> list[tuple[str, str]]:
    """Return the first pairs of documents whose accounts exclude each other, in order."""
    found: list[tuple[str, str]] = []
    for i, a in enumerate(documents):
        for b in documents[i + 1:]:
            if _accounts_conflict(accounts[a], accounts[b], a in exclusive, b in exclusive):
                found.append((a, b))
                if len(found) == MAX_CONFLICTS:
                    return found
    return found


def _summary(group: FactGroup, outlets: dict[str, str], noun: str) -> str:
    parts = []
    accounts = {frozenset(values) for values in group.values_by_document.values()}
    for doc_id, values in group.values_by_document.items():
        said = _values_label(values, noun)
        narrower = any(frozenset(values) < other for other in accounts)
        if doc_id in group.exclusive and narrower:
            said = f"only {said}"
        elif narrower:
            said = f"{said}, without ruling out others"
        parts.append(f"{outlets[doc_id]} reports {said}")
    if group.disagreement:
        return "Sources disagree: " + "; ".join(parts) + "."
    return "Sources agree: " + "; ".join(parts) + "."


def _key_words(event: Event) -> set[str]:
    return {w for w in _NAME.findall(event.text) if w not in _COMMON_CAPITALISED}


def group_events(documents: list[Document], events: list[Event]) -> list[FactGroup]:
    """Group events of different documents dated to the same day that share two names."""
    outlets = {doc.id: doc.outlet or doc.title or doc.id for doc in documents}
    by_day: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.precision == "day" and not event.caption and event.date:
            by_day[event.date].append(event)
    groups: list[FactGroup] = []
    used: set[int] = set()
    # Once per event: each is compared with its whole day.
    key_words = {id(e): _key_words(e) for day in by_day.values() for e in day}
    for event in (e for day in sorted(by_day) for e in by_day[day]):
        if id(event) in used:
            continue
        words = key_words[id(event)]
        members = [event]
        for other in by_day[event.date or ""]:
            if (id(other) not in used and other.document not in {m.document for m in members}
                    and len(words & key_words[id(other)]) >= 2):
                members.append(other)
                used.add(id(other))
        if len(members) < 2:
            continue
        group = FactGroup(key=f"event:{event.date}:{event.document}:{event.start}",
                          label=event.description)
        for member in members:
            group.statements.append(Statement(
                document=member.document, paragraph=member.paragraph, start=member.start,
                end=member.end, fact_start=member.date_start, fact_end=member.date_end,
                values=[member.date or ""]))
            group.values_by_document[member.document] = [member.date or ""]
        names = ", ".join(outlets[m.document] for m in members)
        group.summary = f"Sources agree: {names} date this to {event.date}."
        groups.append(group)
    return groups
