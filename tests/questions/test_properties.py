"""Property tests: any text or HTML page goes through the engine without an error, and every
span the engine reports is exact, inside one content paragraph.

The text strategy mixes news-like sentences (names with titles, speech verbs, curly and
straight quotes, dates, weekdays, quantities, clutter lines) with arbitrary characters and
line breaks, so that the rules fire on odd input. Runs are derandomized, so CI sees the same
examples every time; set PAPERTRAIL_PROPERTY_EXAMPLES to explore more locally. A passing run
takes a few seconds; a failing one takes a minute or two more while Hypothesis shrinks the
example to the smallest it can find.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions import analyse, build_questions, load_documents, load_text_document

EXAMPLES = int(os.environ.get("PAPERTRAIL_PROPERTY_EXAMPLES", "100"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------- vocabulary

FIRST = ["Karine", "Antony", "Anthony", "Yoav", "Maria", "Dario", "Ines", "Joe", "May", "June"]
SURNAMES = ["Jean-Pierre", "Blinken", "Gallant", "Okafor", "Lenz", "Albrecht", "Biden",
            "O’Neill", "McGurk", "Tuesday"]
TITLES = ["", "", "Secretary of State ", "White House Press Secretary ", "Mayor ", "Mr. ",
          "Ms. ", "Dr. ", "union president ", "Israeli Prime Minister ", "Defense Minister ",
          "Councilman ", "Striker "]
SPEAKERS_ANON = ["a senior U.S. official", "the official", "two people familiar with the talks",
                 "officials", "a spokesperson", "the ministry", "the White House",
                 "the club", "Hartwell Chamber of Commerce", "the administration",
                 "the head of the agency", "Then the head", "the chief", "the top official",
                 "the leader of the group", "a senior official"]
PRONOUNS = ["he", "she", "they", "He", "She", "They", "it"]
VERBS = ["said", "told reporters", "added", "continued", "wrote", "warned", "says",
         "went on to pledge", "pointed out", "insisted", "claimed", "assured", "reiterated",
         "is scheduled to meet", "met", "will vote", "paused", "arrived"]
WORDS = ["the", "a", "we", "are", "not", "going", "to", "talk", "about", "bombs", "shipment",
         "ceasefire", "council", "vote", "is", "was", "there", "no", "other", "pauses", "none",
         "red", "line", "limited", "day", "and", "night", "finish", "job", "so-called",
         "dubbed", "according", "that", "I", "you", "But", "And", "It", "This", "We", "Israel",
         "Gaza", "U.S.", "Washington", "Rafah", "Hamas", "Reuters", "percent", "million",
         "pound", "St.", "No.", "etc.", "e.g.", "Inc.", "…", "...", "!", "?", ";", ":", "—",
         "–", "-", ",", ".", "(", ")", "’s", "'s", "’", "‘", "'"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan.", "Feb", "Sept.", "Oct", "Dec",
          "june", "march", "may"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Mon", "Tue", "Thurs", "Sun", "sat", "tuesday"]
DATE_PHRASES = ["on Tuesday", "Monday of last week", "last week", "over the weekend",
                "last October", "about 4 months ago", "earlier this month", "this week",
                "next week", "the previous day", "yesterday", "today", "tomorrow", "tonight",
                "recently", "now", "in the past", "since 1978", "in 2011", "every Tuesday",
                "every other week", "for 30 days", "for weeks", "daily", "at 6 a.m.",
                "at noon", "at midnight", "two years ago", "a day earlier", "10:53 pm",
                "later this year", "early June", "mid-October", "the following week",
                "Thursday’s city council vote", "the October 1 ballistic missile attack",
                "2024-06-18", "2024-02-30", "Mon 24 Jun 2024 10:53 pm - Jerusalem Time",
                "WASHINGTON, June 26 (Reuters) –", "HARTWELL —", "1 p.m. (local time"]
QUANTITIES = ["2,000-pound bombs", "500-pound unguided bombs", "65,000 Palestinians",
              "1.4 million", "60 to 70 percent", "$4.5 million", "30 days", "12 million euros",
              "40,000 litres", "9 percent", "4.5 percent", "1,450 nurses", "a 5-2 decision",
              "No. 9", "0 people", "1e9 bombs", "12,34,5 tons", "99.9%", "-3 percent",
              "one shipment", "tens of thousands of people", "half a metre"]
CLUTTER = ["Skip to content", "Sign up here.", "Share this article: Facebook | X | Email",
           "© 2025 Meridian Wire. All rights reserved.", "TRENDING NOW", "Donate now",
           "Support independent journalism. Donate now!", "Read more", "Advertisement",
           "Share your opinion", "related-stories-about-the-war-in-gaza",
           "Reporting by A; editing by B", "Top 10 trending on Example",
           "Get the morning briefing in your inbox. Sign up here."]
OPEN = ["“", "“", '"', "‘", "'", "„", "«", ""]
CLOSE = ["”", "”", '"', "’", "'", "“", "»", ""]
BREAKS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\n\n\n", " \n", "\r", "\u2028",
          "\x0b", "\x85", "\t\n"]
FUZZ_ALPHABET = st.characters(codec="utf-8")

# ---------------------------------------------------------------- strategies


def _from_parts(template: str) -> st.SearchStrategy[str]:
    parts = {"month": st.sampled_from(MONTHS), "weekday": st.sampled_from(WEEKDAYS),
             "day": st.integers(0, 39), "year": st.integers(1890, 2110)}
    names = [n for n in parts if "{" + n in template]
    return st.builds(lambda *values: template.format(**dict(zip(names, values, strict=True))),
                     *(parts[n] for n in names))


# A temporal expression: a stock phrase, or one built from parts (some impossible: "June 39").
dates_in_text = st.one_of(st.sampled_from(DATE_PHRASES), *(_from_parts(t) for t in [
    "{month} {day}", "{month} {day}, {year}", "{day} {month} {year}", "in {month}",
    "last {month}", "on {weekday}", "{weekday} morning", "{month} {year}",
    "{weekday}, {day} {month} {year}", "about {day} months ago", "{day} weeks ago",
    "{month} {day}th", "since {year}", "{year}-{day:02d}-{day:02d}",
]))

_person = st.one_of(
    st.builds(lambda t, f, s: f"{t}{f} {s}", st.sampled_from(TITLES), st.sampled_from(FIRST),
              st.sampled_from(SURNAMES)),
    st.sampled_from(SURNAMES), st.sampled_from(SPEAKERS_ANON))
_speaker = st.one_of(_person, _person, st.sampled_from(PRONOUNS))
_fuzz = st.text(FUZZ_ALPHABET, max_size=12)
_word = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), dates_in_text,
                  st.sampled_from(QUANTITIES), st.sampled_from(SURNAMES), _fuzz)
_words = st.lists(_word, max_size=8).map(" ".join)
_open, _close = st.sampled_from(OPEN), st.sampled_from(CLOSE)
_verb, _amount = st.sampled_from(VERBS), st.sampled_from(QUANTITIES)


def _template(text: str, **parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.fixed_dictionaries(parts).map(lambda values: text.format(**values))


# One sentence shaped like news: quotations with speech tags, dated clauses, quantities,
# page clutter, or arbitrary characters. Templates are drawn lazily, so shrinking is quick.
sentence = st.one_of(
    _template("{who} {verb}, {o}{words}.{c}", who=_speaker, verb=_verb, o=_open, words=_words,
              c=_close),
    _template("{o}{words},{c} {who} {verb}.", o=_open, words=_words, c=_close, who=_speaker,
              verb=_verb),
    _template("{o}{words},{c} {verb} {who}. {o2}{more}{c2}", o=_open, words=_words, c=_close,
              verb=_verb, who=_speaker, o2=_open, more=_words, c2=_close),
    _template("{o}{words}{c}", o=_open, words=_words, c=_close),
    _template("According to {who}, the plan is {o}{words}{c}.", who=_speaker, o=_open,
              words=_words, c=_close),
    _template("{who} {verb} {when} that {words}.", who=_speaker, verb=_verb,
              when=dates_in_text, words=_words),
    _template("{when}, {who} {verb} {amount} {words}.", when=dates_in_text, who=_speaker,
              verb=_verb, amount=_amount, words=_words),
    _template("{who} {verb} a shipment of {amount} {when}.", who=_speaker, verb=_verb,
              amount=_amount, when=dates_in_text),
    _template("The so-called {o}{words}{c} {verb} {when}.", o=_open, words=_words, c=_close,
              verb=_verb, when=dates_in_text),
    _template("{words} {when} {more}", words=_words, when=dates_in_text, more=_words),
    _template("{o}{words}", o=_open, words=_words),
    st.sampled_from(CLUTTER),
    _fuzz,
)
_paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """Paragraphs joined by assorted line breaks, with optional leading and trailing space."""
    paragraphs = draw(st.lists(st.tuples(_paragraph, st.sampled_from(BREAKS)), max_size=7))
    head = draw(st.sampled_from(["", "", " ", "\n", "\ufeff", "\r\n"]))
    tail = draw(st.sampled_from(["", "", "\n", " ", "\r"]))
    return head + "".join(p + b for p, b in paragraphs) + tail


_texts = st.one_of(article_text(), article_text(), st.text(max_size=200))
_published = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2035, 12, 31)), st.dates())
_label = st.one_of(st.none(), st.just(""), st.sampled_from(CLUTTER), _words)


def _document(text: str, published: date | None, title: str | None, outlet: str | None,
              doc_id: str = "doc"):
    metadata = {"published": published.isoformat() if published else None, "title": title,
                "outlet": outlet}
    return load_text_document(text, doc_id=doc_id, metadata=metadata)


# ---------------------------------------------------------------- checks


def check_paragraphs(doc) -> None:
    """Paragraph spans are numbered in order, do not overlap, lie in the text, hold text."""
    previous_end = 0
    for i, paragraph in enumerate(doc.paragraphs):
        assert paragraph.index == i
        assert previous_end <= paragraph.start < paragraph.end <= len(doc.text), paragraph
        body = doc.text[paragraph.start : paragraph.end]
        assert body == doc.paragraph_text(paragraph)
        assert body.strip(), (paragraph, body)
        previous_end = paragraph.end


def check_no_text_lost(doc) -> None:
    """Every visible character of the text lies in some paragraph."""
    covered = bytearray(len(doc.text))
    for paragraph in doc.paragraphs:
        covered[paragraph.start : paragraph.end] = b"\x01" * (paragraph.end - paragraph.start)
    lost = [i for i, ch in enumerate(doc.text) if not covered[i] and not ch.isspace()]
    assert not lost, (lost[:5], [doc.text[i] for i in lost[:5]])


def _items(analysis):
    for name in ("quotes", "dates", "events", "facts"):
        for item in getattr(analysis, name, []):
            yield name, item


def check_spans(analysis) -> None:
    """Every item's span is exact, non-empty and inside one paragraph that is not clutter."""
    documents = {doc.id: doc for doc in analysis.documents}
    for name, item in _items(analysis):
        doc = documents[item.document]
        assert 0 <= item.start < item.end <= len(doc.text), (name, item)
        assert doc.text[item.start : item.end] == item.text, (name, item)
        holders = [p for p in doc.paragraphs if p.start <= item.start and item.end <= p.end]
        assert len(holders) == 1, (name, item, doc.paragraphs)
        assert not holders[0].clutter, (name, item, holders[0])
        if hasattr(item, "paragraph"):
            assert item.paragraph == holders[0].index, (name, item, holders[0])


def check_bank(analysis, bank) -> None:
    """One right answer (timelines: an order over all cards), distinct options, sound evidence."""
    documents = {doc.id: doc for doc in analysis.documents}
    for question in bank:
        texts = [" ".join(o.text.split()).casefold() for o in question.options]
        assert len(texts) == len(set(texts)), question
        assert all(texts), question
        if question.answer_order is not None:
            assert sorted(question.answer_order) == list(range(len(question.options))), question
        else:
            assert sum(o.correct for o in question.options) == 1, question
        for evidence in [question.evidence, *(o.evidence for o in question.options)]:
            if evidence is None:
                continue
            doc = documents[evidence.document]
            assert 0 <= evidence.paragraph < len(doc.paragraphs), (question, evidence)
            paragraph = doc.paragraphs[evidence.paragraph]
            assert paragraph.start <= evidence.start < evidence.end <= paragraph.end, (
                question, evidence)
            assert not paragraph.clutter, (question, evidence)


# ---------------------------------------------------------------- (a) plain text


@SETTINGS
@given(text=_texts, published=_published, title=_label, outlet=_label)
def test_paragraph_spans_are_ordered_exact_and_disjoint(text, published, title, outlet):
    doc = _document(text, published, title, outlet)
    assert doc.text == text
    check_paragraphs(doc)
    check_no_text_lost(doc)


@SETTINGS
@given(text=_texts, published=_published, title=_label, outlet=_label)
def test_analyse_gives_exact_spans_in_content_paragraphs(text, published, title, outlet):
    doc = _document(text, published, title, outlet)
    analysis = analyse([doc])
    assert analysis.documents[0].text == text
    check_spans(analysis)


@SETTINGS
@given(articles=st.lists(st.tuples(_texts, _published, _label, _label), min_size=1,
                         max_size=3),
       seed=st.integers(0, 2**32 - 1))
def test_build_questions_gives_one_answer_and_distinct_options(articles, seed):
    documents = [_document(text, published, title, outlet, doc_id=f"doc{i}")
                 for i, (text, published, title, outlet) in enumerate(articles)]
    analysis = analyse(documents)
    check_spans(analysis)
    check_bank(analysis, build_questions(analysis, seed=seed))


_edge_dates = st.one_of(
    st.sampled_from([date.min, date(1, 1, 31), date(1, 2, 1), date(9999, 12, 1), date.max]),
    st.dates(max_value=date(2, 12, 31)), st.dates(min_value=date(9998, 1, 1)))


@SETTINGS
@given(text=article_text(), published=_edge_dates, seed=st.integers(0, 9))
def test_publication_dates_at_the_ends_of_the_calendar_never_raise(text, published, seed):
    analysis = analyse([_document(text, published, None, None)])
    check_spans(analysis)
    check_bank(analysis, build_questions(analysis, seed=seed))


# ---------------------------------------------------------------- (b) HTML pages

_ENTITIES = ["&amp;", "&#8220;", "&#8221;", "&ldquo;", "&rdquo;", "&quot;", "&#x201C;",
             "&nbsp;", "&lt;", "&gt;", "&#39;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;",
             "&", "&#", "&#x;", "&amp", "&#8217;s"]
_STRAYS = ["<br>", "<br/>", "</p>", "</div>", "</script>", "<p>", "<div>", "<h1>", "<a>",
           "<!-- comment -->", "<!--", "<!DOCTYPE html>", "<![CDATA[x]]>", "<?php echo 1 ?>",
           "<", ">", "</", "<div", "<p class=\"x", "<img src=x onerror=y>", "<hr>"]
_HEAD = ['<meta property="og:title" content="A title &amp; more">',
         '<meta property="og:site_name" content="Meridian Wire">',
         '<meta property="article:published_time" content="2024-06-18T10:00:00Z">',
         '<meta name="date" content="2024-13-45">', '<meta name="date">',
         '<link rel="canonical" href="https://example.org/a">', "<title>Page &#8220;title",
         "<title>Headline</title>"]
_BLOCKS = ["p", "div", "h1", "h2", "li", "ul", "blockquote", "figure", "figcaption", "article",
           "section", "td", "tr", "table", "pre", "main"]
_INLINE = ["a", "span", "em", "strong", "b", "i", "time", "q", "small"]
_SKIPPED = ["script", "style", "nav", "noscript", "template", "svg", "form", "button", "iframe"]


def _escape_some(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


_html_text = st.one_of(sentence.map(_escape_some), sentence, st.sampled_from(_ENTITIES),
                       st.sampled_from(_STRAYS), _fuzz)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    inner = st.lists(children, max_size=4).map("".join)
    return st.one_of(
        st.builds(lambda t, c, close: f"<{t}>{c}" + (f"</{t}>" if close else ""),
                  st.sampled_from(_BLOCKS + _INLINE), inner, st.booleans()),
        st.builds(lambda t, c: f'<{t} class="x">{c}</{t}>', st.sampled_from(_SKIPPED), inner),
        st.builds(lambda c: f'<a href="/x?a=1&b=2">{c}</a>', inner),
        st.builds(lambda t, c: f"<{t}>{c}", st.sampled_from(_SKIPPED), inner),  # never closed
    )


_html_body = st.recursive(_html_text, _element, max_leaves=25)


@st.composite
def html_page(draw: st.DrawFn) -> str:
    head = "".join(draw(st.lists(st.sampled_from(_HEAD), max_size=3)))
    body = "".join(draw(st.lists(_html_body, max_size=6)))
    return draw(st.sampled_from([
        f"<!doctype html><html><head>{head}</head><body>{body}</body></html>",
        f"<html><head>{head}<body>{body}",
        f"{head}{body}",
        body,
    ]))


@SETTINGS
@given(page=html_page(), suffix=st.sampled_from([".html", ".htm", ".HTML"]))
def test_html_pages_load_with_exact_spans(page, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_text(page, encoding="utf-8")
        documents = load_documents([path])
    assert len(documents) == 1
    check_paragraphs(documents[0])
    analysis = analyse(documents)
    check_spans(analysis)
    check_bank(analysis, build_questions(analysis, seed=1))
