"""Resolve a speaker phrase to a person, an anonymous source or an organisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from questions.lexicon import GENERIC_ORG_NOUNS, ORG_NAME_SUFFIXES
from questions.mentions import NounPhrase
from questions.people import PeopleIndex
from questions.textspan import singular


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said something, as shown to students."""

    key: str
    name: str
    kind: str  # person | anonymous | organisation
    role: str | None = None
    gender: str | None = None
    category: str | None = None  # for organisations: "company", "club" or None


@dataclass
class _Anonymous:
    head: str
    modifiers: set[str]
    speaker: Speaker


_COUNTING = {"one", "two", "three", "four", "five", "several", "some", "many", "both"}


def _org_key(name: str) -> str:
    words = name.replace("’", "'").casefold().split()
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def _article(phrase: NounPhrase, descriptor: str) -> str:
    first = phrase.text.split()[0].casefold()
    if first in {"a", "an"}:
        return first
    vowel = descriptor[0].lower() in "aeio" and not descriptor.lower().startswith(("one", "eu"))
    return "an" if vowel else "a"


@dataclass
class SpeakerResolver:
    """Resolves phrases within one document; remembers its anonymous sources in order."""

    index: PeopleIndex
    doc_id: str
    anonymous: list[_Anonymous] = field(default_factory=list)
    organisations: list[Speaker] = field(default_factory=list)
    # surname -> (sentence number, person) of each full-name mention read so far
    named: dict[str, list[tuple[int, object]]] = field(default_factory=dict)
    sentence_number: int = 0

    def register_organisation(self, name: str) -> Speaker:
        """Remember a named body ("the Housing Ministry") so "the ministry" can refer to it."""
        name = " ".join(name.split())
        if name.split()[0].casefold() == "the":
            name = "the " + name.split(" ", 1)[1]
        key = f"org:{_org_key(name)}"
        for known in self.organisations:
            if known.key == key:
                self.organisations.remove(known)
                self.organisations.append(known)
                return known
        category = ORG_NAME_SUFFIXES.get(name.split()[-1].casefold().strip("."))
        speaker = Speaker(key=key, name=name, kind="organisation", category=category)
        self.organisations.append(speaker)
        return speaker

    def resolve(self, phrase: NounPhrase) -> Speaker | None:
        """Return the speaker a non-pronoun phrase names, or None."""
        if phrase.kind == "person":
            return self._person(phrase)
        if phrase.kind == "description":
            known = self._known_anonymous(phrase) if phrase.definite else None
            if known is not None:
                return known
            group = self.index.find_by_role(self.doc_id, phrase.modifiers, phrase.head or "")
            if group is not None:
                return self._speaker_for(group)
            return self._anonymous_source(phrase) if phrase.head else None
        if phrase.kind == "anonymous":
            return self._anonymous_source(phrase)
        if phrase.kind == "organisation":
            return self._organisation(phrase)
        return None

    def next_sentence(self) -> None:
        """Move on to the next sentence of the document (for "the nearest named mention")."""
        self.sentence_number += 1

    def _person(self, phrase: NounPhrase) -> Speaker | None:
        if len(phrase.name) == 1 and self.index.distinct_namesakes(self.doc_id,
                                                                   phrase.name[0]) > 1:
            # Two people of the article share this surname: the one named in full most
            # recently, and nobody when the last full mentions of both stand together.
            return self._nearest_named(phrase.name[0].casefold())
        group = self.index.find(self.doc_id, phrase.name)
        if group is not None and len(phrase.name) > 1:
            self.named.setdefault(phrase.name[-1].casefold(), []).append(
                (self.sentence_number, group))
        if group is not None:
            return self._speaker_for(group, phrase.role)
        name = " ".join(phrase.name)
        if len(phrase.name) == 1:
            # A single capitalised word that names no known person: a country, a body.
            return Speaker(key=f"org:{name.casefold()}", name=name, kind="organisation")
        return Speaker(key=name, name=name, kind="person", role=phrase.role)

    def _nearest_named(self, surname: str) -> Speaker | None:
        seen = self.named.get(surname, [])
        if not seen:
            return None
        last = seen[-1][0]
        if len({self.index.first_name(group) for number, group in seen if number == last}) > 1:
            return None
        return self._speaker_for(seen[-1][1])

    def speaker_for(self, group: object) -> Speaker:
        """Return the speaker record of a known person, with their role in this article."""
        return self._speaker_for(group)

    def _speaker_for(self, group: object, role: str | None = None) -> Speaker:
        name, role_here = self.index.name_and_role(group, self.doc_id)  # type: ignore[arg-type]
        return Speaker(key=name, name=name, kind="person", role=role or role_here,
                       gender=self.index.gender(group))  # type: ignore[arg-type]

    def _known_anonymous(self, phrase: NounPhrase) -> Speaker | None:
        head = (phrase.head or "").casefold()
        modifiers = {m.casefold() for m in phrase.modifiers}
        for known in reversed(self.anonymous):
            if known.head == head and modifiers <= known.modifiers:
                return known.speaker
        return None

    def _anonymous_source(self, phrase: NounPhrase) -> Speaker:
        head = (phrase.head or "source").casefold()
        modifiers = {m.casefold() for m in phrase.modifiers}
        plural = (head.endswith("s") and singular(head) != head) or head == "people"
        if phrase.definite or not modifiers:
            for known in reversed(self.anonymous):
                if known.head == head and modifiers <= known.modifiers:
                    return known.speaker
        for known in self.anonymous:
            if known.head == head and known.modifiers == modifiers:
                return known.speaker
        words = [*phrase.modifiers, phrase.head or "source"]
        if phrase.postmodifier:
            words.append(phrase.postmodifier)
        descriptor = " ".join(words)
        first = phrase.text.split()[0].casefold()
        if first in _COUNTING:
            descriptor = f"{first} {descriptor}"
        elif not plural:
            descriptor = f"{_article(phrase, descriptor)} {descriptor}"
        speaker = Speaker(key=f"anon:{self.doc_id}:{descriptor.casefold()}", name=descriptor,
                          kind="anonymous")
        self.anonymous.append(_Anonymous(head, modifiers, speaker))
        return speaker

    def _organisation(self, phrase: NounPhrase) -> Speaker | None:
        if phrase.owner is not None:
            owner = self.resolve(phrase.owner)
            if owner is None:
                return None
            name = f"{owner.name}’s {phrase.head}"
            return Speaker(key=f"org:{owner.key}:{phrase.head}", name=name, kind="organisation")
        words = phrase.text.split()
        head = (phrase.head or "").casefold()
        if phrase.definite and len(words) <= 3:
            # "the ministry", "the court": the body of that kind named most recently.
            for known in reversed(self.organisations):
                if head and head in _org_key(known.name).split():
                    return known
            category = GENERIC_ORG_NOUNS.get(head)
            for known in reversed(self.organisations):
                if category and known.category == category:
                    return known
        return self.register_organisation(phrase.text)
