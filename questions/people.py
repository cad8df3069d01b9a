"""Stage 2b: merge person mentions into people, within and across documents.

"Antony Blinken", "Anthony Blinken", "Mr. Blinken" and "Secretary Blinken" are one person;
"Blinken" alone resolves to the full name seen in the same article, or else in the corpus.
Anonymous sources stay anonymous and are never merged across articles.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from questions.lexicon import FEMALE_HONORIFICS, MALE_HONORIFICS
from questions.mentions import NounPhrase
from questions.model import Person


@functools.lru_cache(maxsize=65536)  # a corpus compares the same names again and again
def edit_distance(a: str, b: str) -> int:
    """Return the optimal-string-alignment distance (typos and swapped letters count 1)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _first_letter(first_name: str) -> str:
    """Return what two matching first names always share (see _first_names_match)."""
    return first_name.casefold()[:1]


def _first_names_match(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True  # Matt / Matthew
    return a[0] == b[0] and min(len(a), len(b)) >= 4 and edit_distance(a, b) <= 2


def _stem(word: str) -> str:
    word = word.casefold().replace("’", "'").removesuffix("'s").strip(".")
    return word[:5]


@dataclass
class _Group:
    surname: str
    forms: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    roles: dict[str, Counter[str]] = field(default_factory=dict)
    # The stems of each role's words, per document: what "the Israeli prime minister" matches.
    role_stems: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    gender: str | None = None
    first_seen: int = 0
    initials: set[str] = field(default_factory=set)  # first letters of the first names seen
    first_names: set[str] = field(default_factory=set)  # of the forms, in lower case
    # What role_in gives an article that names no role, kept until a role is noted again:
    # merging every article's roles for every article was quadratic in a person's articles.
    corpus_role: tuple[str | None] | None = None

    @property
    def name(self) -> str:
        # Most frequent spelling; on a tie, the one seen first.
        top = max(self.forms.values())
        return next(form for form, count in self.forms.items() if count == top)

    def role_in(self, doc_id: str | None) -> str | None:
        counter = self.roles.get(doc_id or "")
        if counter:
            return _top_role(counter)
        if self.corpus_role is None:
            merged: Counter[str] = Counter()
            for other in self.roles.values():
                merged.update(other)
            self.corpus_role = (_top_role(merged) if merged else None,)
        return self.corpus_role[0]


def _top_role(counter: Counter[str]) -> str:
    """Return the most frequent role; on a tie the longest, then the first seen."""
    return max(counter.items(), key=lambda item: (item[1], len(item[0])))[0]


class PeopleIndex:
    """All named people of a corpus, keyed by their canonical full name."""

    def __init__(self, vocabulary: set[str] | None = None) -> None:
        self._groups: list[_Group] = []
        # Indexes keep look-ups flat as a corpus grows to thousands of names.
        self._by_surname: dict[str, list[_Group]] = {}
        # The same, split by the first letter of the first name: names that match share it.
        self._by_surname_letter: dict[tuple[str, str], list[_Group]] = {}
        self._by_doc: dict[str, list[_Group]] = {}
        # (document, surname in lower case) -> its people, in the order they were first seen.
        self._by_doc_surname: dict[tuple[str, str], list[_Group]] = {}
        self._role_cache: dict[tuple[frozenset[str], str], _Group | None] = {}
        self._find_cache: dict[tuple[str, tuple[str, ...]], _Group | None] = {}
        self._by_role_stem: dict[str, list[_Group]] = {}
        # (group, document) -> (name, role there); quote attribution asks again and again.
        self._name_role_cache: dict[tuple[int, str | None], tuple[str, str | None]] = {}
        # Words the corpus also writes in lower case: a leading one is a role, not a first name.
        self.vocabulary = vocabulary or set()

    def split_role(self, name: list[str]) -> tuple[list[str], list[str]]:
        """Split "Striker Dario Lenz" into (["Striker"], ["Dario", "Lenz"])."""
        k = 0
        while len(name) - k > 2 and name[k].casefold() in self.vocabulary:
            k += 1
        return name[:k], name[k:]

    def add(self, doc_id: str, phrase: NounPhrase) -> None:
        """Record a person phrase; full names make people, single names only add roles."""
        if phrase.kind != "person" or not phrase.name:
            return
        gender = _gender(phrase.honorific)
        role_words, name = self.split_role(phrase.name)
        role = " ".join(filter(None, [phrase.role, *role_words])) or None
        if len(name) == 1:
            group = self.find(doc_id, name)
            if group is not None:
                self._note(group, doc_id, role, gender)
            return
        surname, first = name[-1], name[0]
        letter_key = (surname.casefold(), _first_letter(first))
        for group in self._by_surname_letter.get(letter_key, []):
            if any(_first_names_match(first, form.split()[0]) for form in group.forms):
                break
        else:
            group = _Group(surname=surname, first_seen=len(self._groups))
            self._groups.append(group)
            self._by_surname.setdefault(surname.casefold(), []).append(group)
            self._by_surname_letter.setdefault(letter_key, []).append(group)
            self._find_cache.clear()
        form = " ".join(name)
        group.forms[form] += 1
        group.first_names.add(form.split()[0].casefold())
        group.initials.add(first[0].casefold())
        self._name_role_cache.clear()
        self._note(group, doc_id, role, gender)

    def add_role(self, doc_id: str, name: list[str], role: str) -> None:
        """Record a role found beside a name ("Yoav Gallant, the Israeli Defense Minister,")."""
        group = self.find(doc_id, name)
        if group is not None:
            self._note(group, doc_id, role, None)

    def set_gender(self, doc_id: str, name: list[str], gender: str) -> None:
        """Record a person's gender learnt from the text ("he (Netanyahu)")."""
        group = self.find(doc_id, name)
        if group is not None and group.gender is None:
            group.gender = gender

    def _note(self, group: _Group, doc_id: str, role: str | None, gender: str | None) -> None:
        if doc_id not in group.docs:
            group.docs.add(doc_id)
            self._by_doc.setdefault(doc_id, []).append(group)
            here = self._by_doc_surname.setdefault((doc_id, group.surname.casefold()), [])
            here.append(group)
            here.sort(key=lambda g: g.first_seen)
            self._find_cache.clear()
        if role:
            counter = group.roles.setdefault(doc_id, Counter())
            if role not in counter:
                stems = frozenset(_stem(w) for w in role.split())
                group.role_stems.setdefault(doc_id, []).append(stems)
                for stem in stems:
                    self._by_role_stem.setdefault(stem, []).append(group)
                self._role_cache.clear()
            counter[role] += 1
            group.corpus_role = None
            self._name_role_cache.clear()
        if gender and group.gender is None:
            group.gender = gender

    def find(self, doc_id: str, name: list[str]) -> _Group | None:
        """Find the person a full or partial name refers to, preferring the same article."""
        key = (doc_id, tuple(name))
        if key not in self._find_cache:
            self._find_cache[key] = self._find(doc_id, name)
        return self._find_cache[key]

    def _find(self, doc_id: str, name: list[str]) -> _Group | None:
        name = self.split_role(name)[1]
        if not name:
            return None
        surname = name[-1].casefold()
        first = name[0] if len(name) > 1 else None
        # Matching first names share their first letter ("Antony"/"Anthony", "Matt"/"Matthew").
        initial = first[0].casefold() if first else ""
        if first is None:
            matches = self._by_surname.get(surname, [])
            if matches:
                # Many people of a corpus share a surname: the article's own come first, and
                # the index gives them without going through all the others.
                local = self._by_doc_surname.get((doc_id, surname), [])
                return _most_mentioned(local or matches)
        else:
            matches = [g for g in self._by_surname_letter.get((surname, _first_letter(first)), [])
                       if initial in g.initials and any(
                           _first_names_match(first, f.split()[0]) for f in g.forms)]
        if not matches and first is None:
            # A lone first name ("Karine said") or a typo of a surname in the same article.
            here = self._by_doc.get(doc_id, [])
            matches = [g for g in here if surname in g.first_names]
            if not matches and len(surname) >= 6:
                matches = [g for g in here if abs(len(g.surname) - len(surname)) <= 2
                           and g.surname[:1].casefold() == surname[:1]
                           and edit_distance(g.surname.casefold(), surname) <= 2]
        local = [g for g in matches if doc_id in g.docs]
        return _most_mentioned(local or matches)

    def most_mentioned_in(self, doc_id: str) -> _Group | None:
        """Return the person an article mentions most."""
        return _most_mentioned(self._by_doc.get(doc_id, []))

    def distinct_namesakes(self, doc_id: str, surname: str) -> int:
        """Count the people of one article with this surname and different first names.

        "Hillary Clinton" and "Democrat Hillary Clinton" are one person to a reader.
        """
        groups = self._by_doc_surname.get((doc_id, surname.casefold()), [])
        return len({self.first_name(group) for group in groups})

    @staticmethod
    def first_name(group: object) -> str:
        """Return the first name of a person's most used full form, in lower case."""
        name = group.name.split()  # type: ignore[attr-defined]
        return name[-2].casefold() if len(name) > 1 else ""

    def find_by_role(self, doc_id: str, modifiers: list[str], head: str) -> _Group | None:
        """Resolve "the Israeli prime minister" to the person who holds that role."""
        wanted = {_stem(w) for w in modifiers if w.casefold() not in {"top", "senior", "visiting"}}
        if head.casefold() not in {"chief", "head", "leader", "boss", "official"}:
            wanted.add(_stem(head))
        if not wanted:
            # "the head of the agency" alone names no role that could pick one person out.
            return None

        def fits(group: _Group, docs: list[str]) -> bool:
            return any(wanted <= stems for d in docs for stems in group.role_stems.get(d, []))

        local = [g for g in self._by_doc.get(doc_id, []) if fits(g, [doc_id])
                 and _tenure_agrees(modifiers, g.role_stems.get(doc_id, []))]
        if len(local) == 1:
            return local[0]
        if len(wanted) < 2:
            # "the chair", "the mayor" alone: another article's chair is someone else
            return None
        key = (frozenset(wanted), "")
        if key not in self._role_cache:
            rarest = min(wanted, key=lambda s: len(self._by_role_stem.get(s, [])))
            candidates = {id(g): g for g in self._by_role_stem.get(rarest, [])}.values()
            corpus = [g for g in candidates if fits(g, list(g.role_stems))]
            self._role_cache[key] = corpus[0] if len(corpus) == 1 else None
        return self._role_cache[key]

    def person(self, group: _Group, doc_id: str | None = None) -> Person:
        """Return the Person record for a group, with the role it has in this article."""
        return Person(key=group.name, name=group.name, role=group.role_in(doc_id),
                      variants=set(group.forms))

    def name_and_role(self, group: _Group, doc_id: str | None) -> tuple[str, str | None]:
        """Return what person() gives as name and role, remembered until the index changes."""
        key = (id(group), doc_id)
        found = self._name_role_cache.get(key)
        if found is None:
            found = self._name_role_cache[key] = (group.name, group.role_in(doc_id))
        return found

    def people(self) -> dict[str, Person]:
        """Return every person, keyed by canonical name."""
        return {g.name: self.person(g) for g in self._groups}

    def gender(self, group: _Group) -> str | None:
        """Return "m", "f" or None."""
        return group.gender


def _tenure_agrees(modifiers: list[str], roles: list[frozenset[str]]) -> bool:
    """Tell whether "current" or "former" in a role phrase fits a person's roles here."""
    words = {m.casefold() for m in modifiers}
    former = any(_stem("former") in stems for stems in roles)
    if words & {"current", "new", "incumbent"}:
        return not former
    if "former" in words:
        return former
    return True


def _most_mentioned(pool: list[_Group]) -> _Group | None:
    """Return the one person of a pool, or the most often named (the first on a tie)."""
    if len(pool) == 1:
        return pool[0]
    if pool:
        return max(pool, key=lambda g: sum(g.forms.values()))
    return None


def _gender(honorific: str | None) -> str | None:
    if not honorific:
        return None
    if honorific in FEMALE_HONORIFICS or honorific + "." in FEMALE_HONORIFICS:
        return "f"
    if honorific in MALE_HONORIFICS or honorific + "." in MALE_HONORIFICS:
        return "m"
    return None
