"""Question builders: four options, one right, same kind, no duplicates, seeded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from questions import DEFAULT_CORPUS, analyse, build_questions, load_documents
from questions.builders import BUILDERS
from questions.builders.quotes import shown_quotation
from questions.export import bank_gift, gift_escape
from questions.timex import first_day, format_timex, precision_of

CHOICE_KINDS = {"who_said", "said_what", "when", "quantity", "which_source"}

OWN_TEXTS = Path(__file__).parent / "texts"


@pytest.fixture(scope="module", params=[DEFAULT_CORPUS, OWN_TEXTS], ids=["corpus", "own"])
def analysis(request):
    return analyse(load_documents([request.param]))


def _speaker_kinds(analysis):
    kinds = {}
    for quote in analysis.quotes:
        if quote.speaker:
            kind = "anonymous" if quote.anonymous else (
                "organisation" if quote.speaker.startswith("org:") else "person")
            kinds[quote.speaker] = kind
    return kinds


def test_bank_has_every_kind(analysis):
    bank = build_questions(analysis, seed=7)
    assert {q.kind for q in bank} == set(BUILDERS) == CHOICE_KINDS | {"timeline"}


def test_every_question_records_the_rule_that_built_it(analysis):
    for question in build_questions(analysis, seed=7):
        assert question.generator.startswith(question.kind + ".")


def test_every_choice_question_has_four_distinct_options_and_one_answer(analysis):
    for question in build_questions(analysis, seed=7, kinds=sorted(CHOICE_KINDS)):
        texts = [o.text.casefold() for o in question.options]
        assert len(texts) == 4 and len(set(texts)) == 4
        assert sum(o.correct for o in question.options) == 1
        if question.kind in {"who_said", "said_what"}:
            assert all(o.evidence is not None for o in question.options)
        assert question.options[question.answer_index].evidence is not None


def test_who_said_answer_is_the_attributed_speaker_and_distractors_match_its_kind(analysis):
    by_span = {(q.document, q.start): q for q in analysis.quotes}
    kinds = _speaker_kinds(analysis)
    for question in build_questions(analysis, seed=11, kinds=["who_said"]):
        ev = question.evidence
        quote = by_span[(ev.document, ev.start)]
        answer = question.options[question.answer_index]
        assert answer.evidence.document == ev.document or not quote.anonymous
        option_speakers = []
        for option in question.options:
            source = by_span[(option.evidence.document, option.evidence.start)]
            option_speakers.append(source.speaker)
            assert kinds[source.speaker] == kinds[quote.speaker]
        assert option_speakers[question.answer_index] == quote.speaker
        assert option_speakers.count(quote.speaker) == 1
        assert question.quote == shown_quotation(quote.text)


def test_anonymous_options_come_from_different_articles():
    analysis = analyse(load_documents([DEFAULT_CORPUS]))
    anonymous = [q for q in build_questions(analysis, seed=5, kinds=["who_said"])
                 if q.generator == "who_said.anonymous.v1"]
    assert anonymous, "the corpus quotes unnamed officials in several outlets"
    for question in anonymous:
        assert len({o.evidence.document for o in question.options}) == 4
        assert all("(quoted by " in o.text for o in question.options)


def test_said_what_options_are_quotes_of_other_people(analysis):
    by_span = {(q.document, q.start): q for q in analysis.quotes}
    for question in build_questions(analysis, seed=3, kinds=["said_what"]):
        speakers = [by_span[(o.evidence.document, o.evidence.start)].speaker
                    for o in question.options]
        answer = speakers[question.answer_index]
        assert speakers.count(answer) == 1
        assert len(set(speakers)) == 4


def test_same_seed_same_bank_other_seed_other_order(analysis):
    first = build_questions(analysis, seed=42)
    again = build_questions(analysis, seed=42)
    other = build_questions(analysis, seed=43)
    assert first == again
    assert [[o.text for o in q.options] for q in first] != [
        [o.text for o in q.options] for q in other]


def test_gift_escaping():
    assert gift_escape("a=b ~c #d {e} f:g \\h\nnext") == (
        "a\\=b \\~c \\#d \\{e\\} f\\:g \\\\h\\nnext")


_SPECIAL = re.compile(r"(?<!\\)[~=#{}:]")
_BLOCK = re.compile(r"^// .+\n::(?P<name>[^:]+)::(?P<stem>.+?)"
                    r"(?: \{|\{>(?P<count>\d) [A-Z_ ]+none)\n"
                    r"(?P<body>(?:.*\n)*?)\}$", re.MULTILINE)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def test_gift_export_follows_moodles_grammar(analysis):
    bank = build_questions(analysis, seed=1)
    gift = bank_gift(bank)
    blocks = list(_BLOCK.finditer(gift))
    assert len(blocks) == len(bank) == gift.count("\n}\n")
    for block, question in zip(blocks, bank, strict=True):
        stem = block.group("stem")
        assert not _SPECIAL.search(stem), stem
        assert _unescape(stem).startswith(question.prompt)
        lines = block.group("body").splitlines()
        if question.kind == "timeline":
            assert int(block.group("count")) == len(lines) == len(question.options)
            assert [_unescape(x) for x in lines] == [
                question.options[i].text for i in question.answer_order]
        else:
            assert [x[1] for x in lines].count("=") == 1 and len(lines) == 4
            assert all(x.startswith(("\t=", "\t~")) for x in lines)
            assert [_unescape(x[2:]) for x in lines] == [o.text for o in question.options]
            assert not any(_SPECIAL.search(x[2:]) for x in lines)


def test_when_options_are_dates_at_the_events_precision(analysis):
    questions = build_questions(analysis, seed=2, kinds=["when"])
    assert questions
    by_date = {(e.document, e.date_start): e for e in analysis.events}
    for question in questions:
        document, date_start = question.key.split(":")[1:]
        event = by_date[(document, int(date_start))]
        assert not event.caption, "a caption's date is not the story's"
        assert "_____" in question.quote
        # One blank, over the event's own date; the rest is the sentence's own words, the
        # span the question shows as its evidence (a sentence naming the same date twice is
        # cut between the mentions).
        assert question.quote.count("_____") == 1
        shown = analysis.document(event.document).text[question.evidence.start :
                                                       question.evidence.end]
        assert question.quote.replace("_____", event.date_text) == shown
        assert question.evidence.start <= event.date_start < question.evidence.end
        answer = question.options[question.answer_index]
        assert answer.text == format_timex(event.date)
        assert {precision_of(o.value) for o in question.options} == {event.precision}
        for option in question.options:
            if option.evidence is not None:  # a date the corpus really mentions
                source = by_date[(option.evidence.document, option.evidence.start)]
                assert format_timex(source.date) == option.text
                assert option.evidence.end == source.date_end


def test_quantity_cloze_hides_the_number_and_distractors_share_its_unit(analysis):
    facts = {(f.document, f.start): f for f in analysis.facts}
    questions = build_questions(analysis, seed=2, kinds=["quantity"])
    assert questions
    for question in questions:
        fact = facts[(question.evidence.document, question.evidence.start)]
        answer = question.options[question.answer_index].text
        assert "_____" in question.quote and answer not in question.quote
        for option in question.options:
            if option.evidence is not None:
                other = facts[(option.evidence.document, option.evidence.start)]
                assert other.unit == fact.unit


def test_timeline_has_four_to_six_events_on_distinct_days_in_order(analysis):
    questions = build_questions(analysis, seed=4, kinds=["timeline"])
    assert questions
    for question in questions:
        values = [o.value for o in question.options]
        assert 4 <= len(values) <= 6 and len(set(values)) == len(values)
        assert {precision_of(v) for v in values} == {"day"}
        ordered = [values[i] for i in question.answer_order]
        assert ordered == sorted(values, key=first_day)
        assert sorted(question.answer_order) == list(range(len(values)))
        assert all(o.evidence is not None and o.detail for o in question.options)


def test_which_source_never_offers_an_outlet_that_carries_the_same_words():
    analysis = analyse(load_documents([DEFAULT_CORPUS]))
    outlets = {d.id: d.outlet for d in analysis.documents}
    quotes = build_questions(analysis, seed=9, kinds=["which_source"])
    assert any(q.generator == "which_source.quote.v1" for q in quotes)
    for question in quotes:
        if question.generator != "which_source.quote.v1":
            continue
        for option in question.options:
            if not option.correct:
                doc = next(d for d in analysis.documents if outlets[d.id] == option.text)
                assert question.quote not in doc.text


def test_paused_bombs_form_one_group_with_outlets_accounts():
    analysis = analyse(load_documents([DEFAULT_CORPUS]))
    groups = [g for g in analysis.groups if g.key == "quantity:pound:bomb"]
    assert len(groups) == 1
    group = groups[0]
    by_outlet = {analysis.document(d).outlet: v for d, v in group.values_by_document.items()}
    assert by_outlet == {
        "Truthout": ["500-pound", "2,000-pound"],
        "Al-Quds (English edition)": ["2,000-pound"],
        "Reuters": ["500-pound", "2,000-pound"],
        "NewsInterpretation": ["2,000-pound"],
    }
    assert group.disagreement
    # "just a single shipment of 2,000-pound bombs" excludes the others; "including
    # 2,000-pound bombs" does not, so Al-Quds agrees with the fuller reports
    assert "NewsInterpretation reports only 2,000-pound bombs" in group.summary
    assert "reports 2,000-pound bombs, without ruling out others" in group.summary
    assert all("001_7ce6f2f6f4a189b4" not in pair for pair in group.conflicts)
    agreement = [q for q in build_questions(analysis, seed=1, kinds=["which_source"])
                 if q.generator == "which_source.agreement.v1"]
    assert [q for q in agreement if q.group == group.key]
    assert not any(g.disagreement for g in analysis.groups if g is not group)


def test_the_command_lines_gift_writes_timeline_cards_as_moodle_shows_them():
    """Ordering items carry GIFT's special characters as numeric references, not escapes
    (qtype_ordering would show Moodle's placeholders, "&&058;")."""
    from questions.model import Evidence, Option, Question

    cards = ["Talks: Gallant meets Austin", "A {draft} = #1 ~ plan", "/ a slash first",
             "Tom & “Jerry” < 3"]
    timeline = Question(kind="timeline", prompt="Order these.", generator="t", seed=0, key="k",
                        options=[Option(text, True) for text in cards],
                        evidence=Evidence("d", 0, 0, 1), answer_order=[0, 1, 2, 3])
    gift = bank_gift([timeline])
    assert "Talks&#58; Gallant meets Austin" in gift
    assert "A &#123;draft&#125; &#61; &#35;1 &#126; plan" in gift
    assert "&#47; a slash first" in gift and "Tom &amp; “Jerry” &lt; 3" in gift
    assert "\\:" not in gift
