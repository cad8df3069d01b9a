"""Run the engine's stages in order over a set of documents."""

from __future__ import annotations

from questions.align import group_events, group_facts, related_documents
from questions.dates import find_dates
from questions.events import find_events
from questions.facts import find_facts
from questions.gcpause import without_collector
from questions.model import Analysis, DateMention, Document, Event, Fact, Person
from questions.quotes import attribute_quotes, build_people_index
from questions.textspan import lowercase_words, sentence_spans


@without_collector
def analyse(documents: list[Document]) -> Analysis:
    """Run every stage: people and quotations, dates, events, quantities, alignment."""
    vocabulary = lowercase_words(doc.text for doc in documents)
    index, parses = build_people_index(documents, vocabulary)
    quotes = attribute_quotes(documents, index, parses)
    people: dict[str, Person] = index.people()
    for quote in quotes:
        if quote.speaker and quote.speaker not in people:
            people[quote.speaker] = Person(key=quote.speaker, name=quote.speaker_name or "",
                                           role=quote.speaker_role, anonymous=quote.anonymous)
    dates: list[DateMention] = []
    events: list[Event] = []
    facts: list[Fact] = []
    masked: dict[str, dict[int, str]] = {}
    masked_sentences: dict[str, dict[int, tuple[tuple[int, int], ...]]] = {}
    for (doc_id, index_in_doc), parse in parses.items():
        masked.setdefault(doc_id, {})[index_in_doc] = parse.masked
        masked_sentences.setdefault(doc_id, {})[index_in_doc] = tuple(
            (start, end) for start, end, _, _ in parse.sentences)
    for doc in documents:
        sentences = _sentences_as_written(doc, masked.get(doc.id, {}),
                                          masked_sentences.get(doc.id, {}))
        found = find_dates(doc, sentences)
        dates.extend(found)
        events.extend(find_events(doc, found, masked.get(doc.id), masked_sentences.get(doc.id),
                                  sentences))
        facts.extend(find_facts(doc, found, sentences))
    related = related_documents(documents, vocabulary)
    groups = group_facts(documents, facts, related) + group_events(documents, events)
    return Analysis(documents=documents, people=people, quotes=quotes, dates=dates,
                    events=events, facts=facts, groups=groups, related=related)


def _sentences_as_written(doc: Document, masked: dict[int, str],
                          masked_sentences: dict[int, tuple[tuple[int, int], ...]],
                          ) -> dict[int, tuple[tuple[int, int], ...]]:
    """Return each content paragraph's sentence spans, as the later stages split them.

    A paragraph without quotations reads the same masked: the quote stage's split is
    the same, and only paragraphs with quotations are split again.
    """
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for paragraph in doc.content_paragraphs():
        text = doc.paragraph_text(paragraph)
        known = masked_sentences.get(paragraph.index)
        same = known is not None and masked.get(paragraph.index) == text
        spans[paragraph.index] = known if same and known is not None else sentence_spans(text)
    return spans
