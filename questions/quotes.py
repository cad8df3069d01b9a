"""Stage 3: direct quotations and who said them.

Rules, in the order they are tried for each quotation:
1. a tag right after it: “...,” Miller said. / “...,” said Miller. / “...” he added.
2. a tag right before it: Miller said, “...” / They added: “...”
3. the nearest speech verb before it in its clause: Blinken told leaders “...”
   (a participle such as "adding" takes the subject of the sentence's other speech verb);
4. a speech verb later in the sentence: ..., the prime minister said in a statement.
5. "according to X" in the sentence;
6. a continuation: an earlier quotation in the paragraph, the speaker of the previous sentence,
   or a quotation left open at the end of the previous paragraph.
One or two quoted words with none of these, or after "so-called", are scare quotes, not speech.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from questions.failures import article_stage
from questions.lexicon import PARTICIPLES, SCARE_MARKERS, TWO_WORD_SPEECH_VERBS
from questions.mentions import (
    SPEECH_VERB,
    NounPhrase,
    Token,
    appositive_role,
    blank_affiliations,
    organisation_names,
    person_mentions,
    phrase_after,
    phrase_before,
    tokenize,
)
from questions.model import Document, Quote
from questions.people import PeopleIndex
from questions.speakers import Speaker, SpeakerResolver
from questions.textspan import (
    MASK,
    QuoteMarks,
    find_quotations,
    lowercase_words,
    mask_quotations,
    sentence_spans,
    trim_quote_span,
)
from questions.transcripts import Turn, transcript_turn

_CLAUSE_STOPS = {";"}
_DASHES = {"—", "–"}
_HISTORY = 8  # sentences kept for pronoun antecedents


@dataclass
class _Sentence:
    start: int
    end: int
    tokens: list[Token]
    phrases: list[NounPhrase]
    candidates: list[Speaker] = field(default_factory=list)
    speaker: Speaker | None = None  # subject of the sentence's speech verb, if any


def _is_verb(tokens: list[Token], i: int) -> bool:
    verb = tokens[i].verb  # "the United States", "Says" in a headline: no verb
    if verb == SPEECH_VERB:
        return True
    return bool(verb) and i + 1 < len(tokens) and (
        tokens[i].low, tokens[i + 1].low) in TWO_WORD_SPEECH_VERBS


def _word_count(text: str) -> int:
    """Count the words with a letter or digit ("—" alone is no word)."""
    words = text.split()
    return len(words) - sum(1 for w in words if not w.isalnum()
                            and not any(c.isalnum() for c in w))


class QuoteAttributor:
    """Walks one document paragraph by paragraph, keeping the context pronouns need."""

    def __init__(self, doc: Document, index: PeopleIndex,
                 parses: dict[tuple[str, int], ParagraphParse] | None = None) -> None:
        self.doc = doc
        self.index = index
        self.parses = parses or {}
        self.resolver = SpeakerResolver(index, doc.id)
        self.history: list[_Sentence] = []
        self.open_speaker: Speaker | None = None
        self.open_pending: list[Quote] = []
        self.introducer: Speaker | None = None
        self.asked = False  # a "Q:" turn was read: "A:" turns answer it

    def run(self) -> list[Quote]:
        """Return every direct quotation in the document's content paragraphs."""
        quotes: list[Quote] = []
        for paragraph in self.doc.content_paragraphs():
            quotes.extend(self._paragraph(paragraph.index, paragraph.start, paragraph.end))
        return quotes

    def _paragraph(self, index: int, p_start: int, p_end: int) -> list[Quote]:
        text = self.doc.text[p_start:p_end]
        parse = self.parses.get((self.doc.id, index)) or parse_paragraph(text)
        marks, masked = parse.marks, parse.masked
        sentences = [_Sentence(s, e, tokens, phrases) for s, e, tokens, phrases in parse.sentences]
        continuing = self.open_pending if marks and marks[0].open_mark == 0 else []
        # A paragraph that is all quotation, after one that ends with a colon ("Trump issued
        # the following statement:"), is that speaker's.
        introduced = self.introducer if marks and marks[0].open_mark == 0 else None
        self.introducer = None
        if not continuing:
            self.open_speaker, self.open_pending = None, []
        found: list[Quote] = []
        last_speaker: Speaker | None = self.open_speaker if continuing else None
        mark_iter = iter(marks)
        pending = next(mark_iter, None)
        for k, sentence in enumerate(sentences):
            self._note_candidates(sentence, masked)
            following = sentences[k + 1] if k + 1 < len(sentences) else None
            while pending is not None and pending.open_mark < sentence.end:
                quote = self._quote(pending, sentence, text, masked, p_start, index, last_speaker,
                                    following, introduced if not found else None)
                if quote is not None:
                    found.append(quote)
                    if quote.speaker:
                        last_speaker = Speaker(quote.speaker, quote.speaker_name or "",
                                               "anonymous" if quote.anonymous else "person",
                                               quote.speaker_role)
                pending = next(mark_iter, None)
            self.history.append(sentence)
        self.history = self.history[-_HISTORY:]
        if not marks and (turn := transcript_turn(text)) is not None:
            found.extend(self._turn(turn, text, p_start, index))
        self._link_open_quotes(found, continuing, marks)
        if sentences and masked[sentences[-1].start:sentences[-1].end].rstrip().endswith(":"):
            self.introducer = self._subject(sentences[-1], len(sentences[-1].tokens))
        return found

    def _turn(self, turn: Turn, text: str, p_start: int, p_index: int) -> list[Quote]:
        """Return a transcript turn as a quotation of the person its label names."""
        if turn.question:
            self.asked = True
            return []
        speaker = None
        if turn.answer and self.asked:
            interviewee = self.index.most_mentioned_in(self.doc.id)
            speaker = self.resolver.speaker_for(interviewee) if interviewee else None
        elif not turn.answer and (group := self.index.find(self.doc.id, turn.label)):
            speaker = self.resolver.speaker_for(group)
        if speaker is None:
            return []
        return [Quote(document=self.doc.id, start=p_start + turn.start, end=p_start + turn.end,
                      text=text[turn.start:turn.end], paragraph=p_index, speaker=speaker.key,
                      speaker_name=speaker.name, speaker_role=speaker.role,
                      attribution="transcript turn")]

    def _subject(self, sentence: _Sentence, before: int) -> Speaker | None:
        """Return the speaker a sentence's speech verb names, else its first person or body."""
        if sentence.speaker is not None:
            return sentence.speaker
        limit = sentence.tokens[before - 1].end if before else sentence.start
        firsts = [p for p in sentence.phrases if p.end <= limit and not p.possessive
                  and not p.after_preposition and p.kind in {"person", "anonymous"}]
        return self._resolve(firsts[0], sentence, firsts[0].start) if firsts else None

    def _link_open_quotes(self, found: list[Quote], continuing: list[Quote],
                          marks: list[QuoteMarks]) -> None:
        """Give every part of a quotation that runs over paragraphs one speaker."""
        if continuing and found:
            first = found[0]
            source = next((q for q in [*continuing, first] if q.speaker), None)
            if source is not None:
                for quote in [*continuing, first]:
                    _copy_speaker(source, quote)
        runs_on = bool(marks) and marks[-1].close_mark is None
        if runs_on and found:
            self.open_pending = [found[-1]]
            last = found[-1]
            self.open_speaker = (Speaker(last.speaker, last.speaker_name or "", "person",
                                         last.speaker_role) if last.speaker else None)
        else:
            self.open_pending, self.open_speaker = [], None

    def _note_candidates(self, sentence: _Sentence, masked: str) -> None:
        self.resolver.next_sentence()
        phrases = sentence.phrases
        for start, end in organisation_names(sentence.tokens):
            if any(p.start <= start and end <= p.end and p.kind != "person" for p in phrases):
                continue  # "a senior State Department official" is a source, not a body
            phrases = [p for p in phrases if not (start <= p.start and p.end <= end)]
            org = self.resolver.register_organisation(masked[start:end])
            if org not in sentence.candidates:
                sentence.candidates.append(org)
        # "Millbrook's current mayor, Sandra Oyelaran, said": the role is the named person
        named_after = {p.start for p in phrases if p.kind == "person" and len(p.name) > 1}
        phrases = [p for p in phrases if p.kind != "description"
                   or not any(0 < start - p.end <= 3 for start in named_after)]
        subjects = [p for p in phrases if not p.possessive and not p.after_preposition]
        others = [p for p in phrases if p.possessive or p.after_preposition]
        for phrase in subjects + others:
            speaker = self._resolve(phrase, sentence, phrase.start)
            if speaker is not None and speaker not in sentence.candidates:
                sentence.candidates.append(speaker)
        sentence.speaker = self._sentence_speaker(sentence)

    def _sentence_speaker(self, sentence: _Sentence) -> Speaker | None:
        tokens = sentence.tokens
        for i in [k for k, token in enumerate(tokens) if token.verb]:
            if _is_verb(tokens, i) and tokens[i].low not in PARTICIPLES:
                phrase = phrase_before(tokens, i) or phrase_after(tokens, i)
                if phrase is not None:
                    speaker = self._resolve(phrase, sentence, phrase.start)
                    if speaker is not None:
                        return speaker
        return None

    def _resolve(self, phrase: NounPhrase, sentence: _Sentence, position: int) -> Speaker | None:
        if phrase.kind != "pronoun":
            return self.resolver.resolve(phrase)
        return self._antecedent(phrase.head or "", sentence, position)

    def _antecedent(self, pronoun: str, sentence: _Sentence, position: int) -> Speaker | None:
        """Find what "he", "she" or "they" refers to: subjects first, nearest sentence first."""
        current = list(sentence.candidates)
        if not current:  # the sentence is still being read: its phrases before the pronoun
            earlier = [p for p in sentence.phrases if p.end <= position and p.kind != "pronoun"]
            current = [s for p in earlier if (s := self.resolver.resolve(p)) is not None]
        for candidates in [current, *(s.candidates for s in reversed(self.history))]:
            # "they" means a group or a body before it means one person.
            ordered = sorted(candidates, key=lambda s: pronoun == "they" and s.kind == "person")
            for speaker in ordered:
                if _agrees(pronoun, speaker):
                    return speaker
        return None

    def _quote(self, mark: QuoteMarks, sentence: _Sentence, text: str, masked: str,
               p_start: int, p_index: int, last_speaker: Speaker | None,
               following: _Sentence | None = None,
               introduced: Speaker | None = None) -> Quote | None:
        start, end = trim_quote_span(text, mark.inner_start, mark.inner_end)
        if end <= start:
            return None
        words = _word_count(text[start:end])
        tokens = sentence.tokens
        open_i = next((i for i, t in enumerate(tokens) if t.start >= mark.open_mark), len(tokens))
        close_i = len(tokens)
        if mark.close_mark is not None:
            close_i = next((i for i, t in enumerate(tokens) if t.start >= mark.close_mark),
                           len(tokens))
        short = words <= 2
        if short and SCARE_MARKERS.search(masked[sentence.start : mark.open_mark]):
            return None
        speaker, rule = self._attribute(sentence, open_i, close_i, short)
        if speaker is None and not short:
            speaker, rule = self._around(sentence, open_i, close_i, following, introduced)
        if speaker is None and not short:
            speaker, rule = self._continuation(last_speaker, mark)
        if speaker is None and short:
            return None  # scare quotes
        return Quote(
            document=self.doc.id, start=p_start + start, end=p_start + end,
            text=text[start:end], paragraph=p_index,
            speaker=speaker.key if speaker else None,
            speaker_name=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None,
            anonymous=bool(speaker and speaker.kind == "anonymous"),
            attribution=rule, continues=mark.close_mark is None,
        )

    def _attribute(self, sentence: _Sentence, open_i: int, close_i: int,
                   short: bool) -> tuple[Speaker | None, str | None]:
        for rule, finder in (
            ("tag after", lambda: self._tag_after(sentence, close_i)),
            ("tag before", lambda: self._tag_before(sentence, open_i)),
            ("speech verb before", lambda: self._verb_before(sentence, open_i, short)),
            ("speech verb later", lambda: self._verb_later(sentence, close_i)),
            ("according to", lambda: self._according_to(sentence)),
        ):
            speaker = finder()
            if speaker is not None:
                return speaker, rule
        return None, None

    def _tag_after(self, sentence: _Sentence, close_i: int) -> Speaker | None:
        tokens = sentence.tokens
        i = close_i + 1
        while i < len(tokens) and tokens[i].text in {",", "”", '"'}:
            i += 1
        if i < len(tokens) and _is_verb(tokens, i):
            phrase = phrase_after(tokens, i)
            return self._resolve(phrase, sentence, tokens[i].start) if phrase else None
        for j in range(i, min(i + 10, len(tokens))):
            if tokens[j].text == "," and j > i:
                # "Senator Jeff Sessions, a close adviser to Trump, told AFP"
                k = next((k for k in range(j + 1, min(j + 15, len(tokens)))
                          if tokens[k].text == ","), None)
                if k is not None and k + 1 < len(tokens) and _is_verb(tokens, k + 1):
                    phrase = phrase_before(tokens, k + 1)
                    if phrase is not None and phrase.start == tokens[i].start:
                        return self._resolve(phrase, sentence, tokens[k + 1].start)
                return None
            if not tokens[j].is_word and tokens[j].text not in {"(", ")"}:
                return None
            if _is_verb(tokens, j):
                phrase = phrase_before(tokens, j)
                if phrase is not None and phrase.start == tokens[i].start:
                    return self._resolve(phrase, sentence, tokens[j].start)
                return None
        return None

    def _tag_before(self, sentence: _Sentence, open_i: int) -> Speaker | None:
        tokens = sentence.tokens
        if open_i < 2 or tokens[open_i - 1].text not in {",", ":"}:
            return None
        for j in range(open_i - 2, max(open_i - 9, -1), -1):
            if _is_verb(tokens, j):
                # "Miller said, “...”" or, after a first part, ", said race director Wrona, “...”"
                phrase = phrase_before(tokens, j) or phrase_after(tokens, j)
                return self._resolve(phrase, sentence, tokens[j].start) if phrase else None
        return None

    def _verb_before(self, sentence: _Sentence, open_i: int, short: bool) -> Speaker | None:
        tokens = sentence.tokens
        j = open_i
        while j > 0:
            j -= 1
            text = tokens[j].text
            if text in _CLAUSE_STOPS:
                return None
            if text in _DASHES:
                # Skip a parenthetical set off by dashes; never reach out of one.
                opening = next((k for k in range(j - 1, -1, -1) if tokens[k].text in _DASHES), None)
                if opening is None:
                    if short:
                        return None
                    continue
                j = opening
                continue
            if not _is_verb(tokens, j):
                continue
            phrase = phrase_before(tokens, j)
            if phrase is not None:
                speaker = self._resolve(phrase, sentence, tokens[j].start)
                if speaker is not None:
                    return speaker
            if tokens[j].low in PARTICIPLES or phrase is None:
                return self._main_speaker(sentence, j)
        return None

    def _main_speaker(self, sentence: _Sentence, skip: int) -> Speaker | None:
        """Return the subject an "adding that" or "saying" clause belongs to."""
        tokens = sentence.tokens
        for j in [*range(skip - 1, -1, -1), *range(skip + 1, len(tokens))]:
            if _is_verb(tokens, j) and tokens[j].low not in PARTICIPLES:
                phrase = phrase_before(tokens, j) or phrase_after(tokens, j)
                if phrase is not None:
                    return self._resolve(phrase, sentence, tokens[j].start)
        # No other speech verb: the subject of the sentence ("Pike defended the tax, adding").
        before = [c for c in sentence.candidates if c.kind != "organisation"]
        return before[0] if before else None

    def _verb_later(self, sentence: _Sentence, close_i: int) -> Speaker | None:
        tokens = sentence.tokens
        for j in range(close_i + 1, len(tokens)):
            if MASK in tokens[j].text:
                return None
            if _is_verb(tokens, j) and tokens[j - 1].low not in {"which", "that", "who"}:
                phrase = phrase_before(tokens, j)
                if phrase is not None:
                    return self._resolve(phrase, sentence, tokens[j].start)
                if tokens[j - 1].text == ",":  # "... about the decision, said RoseAnn DeMoro"
                    phrase = phrase_after(tokens, j)
                    return self._resolve(phrase, sentence, tokens[j].start) if phrase else None
        return None

    def _according_to(self, sentence: _Sentence) -> Speaker | None:
        tokens = sentence.tokens
        for j in range(len(tokens) - 1):
            if tokens[j].low == "according" and tokens[j + 1].low == "to":
                phrase = phrase_after(tokens, j + 1)
                if phrase is not None:
                    return self._resolve(phrase, sentence, tokens[j].start)
        return None

    def _around(self, sentence: _Sentence, open_i: int, close_i: int,
                following: _Sentence | None, introduced: Speaker | None,
                ) -> tuple[Speaker | None, str | None]:
        """Find a speaker outside the quotation's own sentence, or before its colon."""
        tokens = sentence.tokens
        ends_sentence = all(not t.is_word for t in tokens[close_i + 1:])
        if ends_sentence and following is not None and following.tokens:
            # "“... angry?” Clinton asked.": the splitter ends the sentence at "?" or "!"
            speaker = self._tag_after(following, -1)
            if speaker is not None:
                return speaker, "tag after"
        if open_i >= 1 and tokens[open_i - 1].text == ":":
            # "Clinton has since apologized: “...”": the subject before the colon
            speaker = self._subject(sentence, open_i - 1)
            if speaker is not None:
                return speaker, "before colon"
        if introduced is not None and open_i == 0:
            return introduced, "introduced by the paragraph before"
        return None, None

    def _continuation(self, last_speaker: Speaker | None,
                      mark: QuoteMarks) -> tuple[Speaker | None, str | None]:
        if last_speaker is not None:
            return last_speaker, "continues earlier quotation"
        previous = self.history[-1] if self.history else None
        if previous is not None and previous.speaker is not None:
            return previous.speaker, "speaker of previous sentence"
        return None, None


def _agrees(pronoun: str, speaker: Speaker) -> bool:
    if pronoun == "they":
        return True
    if pronoun == "it":
        return speaker.kind == "organisation"
    if speaker.kind == "organisation":
        return False
    if pronoun == "she":
        return speaker.gender != "m"
    if pronoun == "he":
        return speaker.gender != "f"
    return True


def _copy_speaker(source: Quote, target: Quote) -> None:
    target.speaker = source.speaker
    target.speaker_name = source.speaker_name
    target.speaker_role = source.speaker_role
    target.anonymous = source.anonymous
    if target.attribution is None:
        target.attribution = "quotation over several paragraphs"


@dataclass(frozen=True, slots=True)
class ParagraphParse:
    """A paragraph read once for both passes: quotations, masked text, sentences, phrases."""

    marks: list[QuoteMarks]
    masked: str
    sentences: list[tuple[int, int, list[Token], list[NounPhrase]]]
    spans: tuple[tuple[int, int], ...]  # the sentences' (start, end) in masked


def parse_paragraph(text: str) -> ParagraphParse:
    """Find quotations, mask them, split sentences and find the phrases naming people."""
    marks = find_quotations(text)
    masked = blank_affiliations(mask_quotations(text, marks))
    spans = sentence_spans(masked)
    sentences = []
    for s, e in spans:
        tokens = tokenize(masked, s, e)
        sentences.append((s, e, tokens, person_mentions(tokens)))
    return ParagraphParse(marks, masked, sentences, spans)


def build_people_index(documents: list[Document], vocabulary: set[str] | None = None,
                       ) -> tuple[PeopleIndex, dict[tuple[str, int], ParagraphParse]]:
    """Collect every full name with its role from all documents (first pass).

    Returns the parses too, so the second pass does not read the paragraphs again.
    """
    if vocabulary is None:
        vocabulary = lowercase_words(doc.text for doc in documents)
    index = PeopleIndex(vocabulary)
    parses: dict[tuple[str, int], ParagraphParse] = {}
    for doc in documents:
        with article_stage(doc.id, "people"):
            _index_document(index, doc, parses)
    return index, parses


def _index_document(index: PeopleIndex, doc: Document,
                    parses: dict[tuple[str, int], ParagraphParse]) -> None:
    """Add one document's full names and roles to the index, keeping its parses."""
    for paragraph in doc.content_paragraphs():
        parse = parse_paragraph(doc.text[paragraph.start : paragraph.end])
        parses[(doc.id, paragraph.index)] = parse
        parenthesis = "(" in parse.masked  # "he (Netanyahu)" needs one
        for _, _, tokens, phrases in parse.sentences:
            for phrase in phrases:
                if phrase.kind == "person" and len(phrase.name) > 1:
                    index.add(doc.id, phrase)
            # "Name, Israel's Prime Minister,": a role only ever follows a word and a comma.
            for i in [k for k, token in enumerate(tokens) if token.text == ","]:
                if i and tokens[i - 1].is_word and (role := appositive_role(tokens, i)):
                    before = phrase_before(tokens, i)
                    if before is not None and before.kind == "person":
                        index.add_role(doc.id, before.name, role)
            if parenthesis:
                _note_pronoun_names(index, doc.id, tokens)


def _note_pronoun_names(index: PeopleIndex, doc_id: str, tokens: list[Token]) -> None:
    """Learn a gender from "he (Netanyahu)" or "she (Okafor)"."""
    for i in range(len(tokens) - 3):
        pronoun = tokens[i].low
        if pronoun in {"he", "she"} and tokens[i + 1].text == "(" and tokens[i + 3].text == ")":
            index.set_gender(doc_id, [tokens[i + 2].bare], "m" if tokens[i].low == "he" else "f")


def attribute_quotes(documents: list[Document], index: PeopleIndex,
                     parses: dict[tuple[str, int], ParagraphParse] | None = None) -> list[Quote]:
    """Find every quotation in the documents and resolve its speaker."""
    quotes: list[Quote] = []
    for doc in documents:
        with article_stage(doc.id, "quotes"):
            quotes.extend(QuoteAttributor(doc, index, parses).run())
    return quotes
