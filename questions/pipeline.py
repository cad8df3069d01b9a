"""Run the engine's stages in order over a set of documents."""

from __future__ import annotations

from questions.align import group_events, group_facts, related_documents
from questions.dates import find_dates
from questions.events import find_events
from questions.facts import find_facts
from questions.failures import (
    ArticleError,
    ArticleFailure,
    article_stage,
    log,
    log_failure,
)
from questions.gcpause import without_collector
from questions.model import Analysis, DateMention, Document, Event, Fact, FactGroup, Person
from questions.quotes import ParagraphParse, attribute_quotes, build_people_index
from questions.textspan import lowercase_words, sentence_spans


@without_collector
def analyse(documents: list[Document]) -> Analysis:
    """Run every stage: people and quotations, dates, events, quantities, alignment.

    An article on which a stage fails unexpectedly is logged, set aside with the stage named
    in `Analysis.failures`, and the others are analysed again without it: one bad article
    never costs the others their questions.
    """
    failures: list[ArticleFailure] = []
    remaining = list(documents)
    while True:
        try:
            analysis = _analyse(remaining)
        except ArticleError as error:
            log_failure(error.failure, error)
            failures.append(error.failure)
            remaining = [doc for doc in remaining if doc.id != error.failure.document]
            continue
        analysis.failures = failures
        return analysis


def _analyse(documents: list[Document]) -> Analysis:
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
    for doc in documents:
        with article_stage(doc.id, "dates, events and quantities"):
            _dated_and_counted(doc, parses, dates, events, facts)
    related, groups = _cross_source(documents, vocabulary, facts, events)
    return Analysis(documents=documents, people=people, quotes=quotes, dates=dates,
                    events=events, facts=facts, groups=groups, related=related)


def _cross_source(documents: list[Document], vocabulary: set[str], facts: list[Fact],
                  events: list[Event]) -> tuple[dict[str, set[str]], list[FactGroup]]:
    """Group what several articles say about one fact; on an unexpected error, no groups.

    Source comparison belongs to no one article, so its failure is not an article's: the
    articles keep their own questions and lose only the cross-source ones.
    """
    try:
        related = related_documents(documents, vocabulary)
        return related, group_facts(documents, facts, related) + group_events(documents, events)
    except Exception as error:  # the boundary that keeps the bank alive
        log.warning("source comparison failed; no cross-source groups", exc_info=error)
        return {}, []


def _dated_and_counted(doc: Document, parses: dict[tuple[str, int], ParagraphParse],
                       dates: list[DateMention], events: list[Event], facts: list[Fact]) -> None:
    """Add one document's dates, dated events and quantities to the lists."""
    # The quote stage's reading of each paragraph: its masked text and sentences.
    own = {p.index: parses[(doc.id, p.index)] for p in doc.content_paragraphs()}
    masked = {index: parse.masked for index, parse in own.items()}
    masked_sentences = {index: parse.spans for index, parse in own.items()}
    sentences = _sentences_as_written(doc, own)
    found = find_dates(doc, sentences)
    dates.extend(found)
    events.extend(find_events(doc, found, masked, masked_sentences, sentences))
    facts.extend(find_facts(doc, found, sentences))


def _sentences_as_written(doc: Document, parses: dict[int, ParagraphParse],
                          ) -> dict[int, tuple[tuple[int, int], ...]]:
    """Return each content paragraph's sentence spans, as the later stages split them.

    A paragraph without quotations reads the same masked: the quote stage's split is
    the same, and only paragraphs with quotations are split again.
    """
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for paragraph in doc.content_paragraphs():
        text = doc.paragraph_text(paragraph)
        parse = parses[paragraph.index]
        spans[paragraph.index] = parse.spans if parse.masked == text else sentence_spans(text)
    return spans


def analyse_document(document: Document) -> Analysis:
    """Run the stages over one article alone: what questions.stored keeps per article.

    Its people are merged within the article only, and it has no cross-source groups;
    questions.library merges and groups stored analyses across articles.
    """
    return analyse([document])
