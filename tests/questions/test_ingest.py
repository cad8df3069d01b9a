"""Ingestion: exact paragraph spans, and page clutter marked by general rules."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from questions import DEFAULT_CORPUS, load_documents, load_text_document
from questions.clutter import classify_line, footer_reason
from questions.ingest import split_paragraphs

# SHA-256 of the corpus files as received (from the project's shared corpus folder, 2026-12):
# the repository's copy must stay byte-for-byte the same, and the test needs nothing outside it.
RECEIVED_SHA256 = {
    "000_b5f3451da38d467c.txt": "dd528fdda330500ed626ea1f07c219a05b7977e693e7450d5593a60f43791418",
    "001_7ce6f2f6f4a189b4.txt": "bf6aa21286dccad4910ac16863a05e63bce7180c1e2a41fcd08a08acba73586d",
    "002_e1d73f7ca8f20331.txt": "1cf6ca9430e077b91c31cb5e8ee52e71c45deddf7540d2e5cc35afbaf71133a0",
    "003_f5d90c1bd2116943.txt": "9d47087df2cedf6eb89ec04cd782aed5f19f5b7258e91e0d49e0c6342874531a",
    "004_816a538e2e2ec7f8.txt": "3ab009af5ed03463e2221d298e5d33fb77c6c1a2aea046d517c1b26e749142a9",
    "manifest.json": "6e18ed0550e1d46bc85459065de335aa12e71a18349e4aa966964bf9d6902eba",
}

# For every article of the default corpus: the opening words of each clutter paragraph.
# Every other paragraph must be kept as content.
CORPUS_CLUTTER = {
    "000_b5f3451da38d467c": [
        "Skip to content Skip to footer",
        "Angry, shocked, overwhelmed? Take action",
        "We’ve borne witness to a chaotic",
        "Over the last months, each executive order",
        "Indeed, the Trump administration is pushing",
        "It will be a long fight ahead.",
        "As we undertake this life-sustaining work",
    ],
    "001_7ce6f2f6f4a189b4": [
        "Share your opinion",
        "Blinken assures Gallant of the administration's full support",  # repeated headline
    ],
    "002_e1d73f7ca8f20331": [
        "israeli-defense-chief-says-progress-made",
        "Sign up here.",
        "Reporting By Matt Spetalnick",
        "Our Standards: The Thomson Reuters Trust Principles",
    ],
    "003_f5d90c1bd2116943": [],
    "004_816a538e2e2ec7f8": [
        "TOP 10 TRENDING ON NEWSINTERPRETATION",
        *["The Best Time of the Year", "The beauty of the Milky Way", "Koo: The Rise and Fall",
          "In a significant development, social media", "Decline in National Armed Forces",
          "For the first time since it was started", "Antarctic Ice Sheets Face Melting",
          "A new study has found that Antarctica", "CJI Chandrachud Highlights",
          "In a recent address, Chief Justice", "Is War with Hezbollah a Political",
          "That relation between Israel and Hezbollah", "US Aid Package to Ukraine",
          "In Eastern Europe, the United States promised", "China Warns Against Online",
          "Major internet companies in China", "Russian Spy Satellite Suspicious",
          "As a number of recent developments", "SpaceX Unveils Starlink Mini",
          "From boats and planes to vanlifers"],
        *["The Best Time of the Year", "The beauty of the Milky Way", "Koo: The Rise and Fall",
          "In a significant development, social media", "Antarctic Ice Sheets Face Melting",
          "A new study has found that Antarctica", "CJI Chandrachud Highlights",
          "In a recent address, Chief Justice", "Is War with Hezbollah a Political",
          "That relation between Israel and Hezbollah", "US Aid Package to Ukraine",
          "In Eastern Europe, the United States promised", "China Warns Against Online",
          "Major internet companies in China"],
        "Related Articles",
        "Popular Categories",
        "error: Content is protected !!",
    ],
}

# Paragraphs that look like page furniture but are article text, and must stay.
CORPUS_KEPT = [
    ("000_b5f3451da38d467c", "Netanyahu: Blinken Vowed US Is Removing Restrictions"),
    ("000_b5f3451da38d467c", "Israel’s invasion has been anything but limited."),
    ("001_7ce6f2f6f4a189b4", "Mon 24 Jun 2024 10:53 pm - Jerusalem Time"),
    ("001_7ce6f2f6f4a189b4", "But he (Netanyahu), who is facing a lot of pressure"),
    ("002_e1d73f7ca8f20331", "ISRAEL-LEBANON BORDER"),
    ("002_e1d73f7ca8f20331", "Iran says its nuclear program is solely for peaceful purposes."),
    ("004_816a538e2e2ec7f8", "Netanyahu’s Arms Shipment Allegations"),
    ("004_816a538e2e2ec7f8", "the recent confrontation over arms deliveries"),
]


@pytest.fixture(scope="module")
def corpus():
    return {doc.id: doc for doc in load_documents([DEFAULT_CORPUS])}


def test_default_corpus_is_the_received_files_byte_for_byte():
    names = sorted(p.name for p in DEFAULT_CORPUS.iterdir() if p.name != "__pycache__")
    assert names == sorted(RECEIVED_SHA256)
    for name in names:
        digest = hashlib.sha256((DEFAULT_CORPUS / name).read_bytes()).hexdigest()
        assert digest == RECEIVED_SHA256[name], name


def test_manifest_metadata_is_attached(corpus):
    manifest = json.loads((DEFAULT_CORPUS / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        doc = corpus[Path(entry["file"]).stem]
        assert doc.outlet == entry["outlet"]
        assert doc.title == entry["title"]
        assert (doc.published.isoformat() if doc.published else None) == entry["published"]
        assert doc.approximate == entry["approximate"]
        assert doc.extra["date_basis"] == entry["date_basis"]  # extra keys are kept


@pytest.mark.parametrize("doc_id", sorted(CORPUS_CLUTTER))
def test_clutter_in_default_corpus_is_exactly_the_table(corpus, doc_id):
    doc = corpus[doc_id]
    clutter = [doc.paragraph_text(p) for p in doc.paragraphs if p.clutter]
    expected = CORPUS_CLUTTER[doc_id]
    assert len(clutter) == len(expected), clutter
    for text, start in zip(clutter, expected, strict=True):
        assert text.startswith(start)


@pytest.mark.parametrize(("doc_id", "start"), CORPUS_KEPT)
def test_real_paragraphs_are_kept_as_content(corpus, doc_id, start):
    doc = corpus[doc_id]
    matches = [p for p in doc.paragraphs if doc.paragraph_text(p).startswith(start)]
    assert matches and not matches[0].clutter


def test_no_text_is_lost_between_paragraphs(corpus):
    for doc in corpus.values():
        covered = "".join(doc.paragraph_text(p) for p in doc.paragraphs)
        assert "".join(doc.text.split()) == "".join(covered.split())
        for paragraph in doc.paragraphs:
            assert doc.text[paragraph.start : paragraph.end] == doc.paragraph_text(paragraph)
            assert doc.paragraph_text(paragraph) == doc.paragraph_text(paragraph).strip()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Skip to main content", "navigation"),
        ("Related Stories", "navigation"),
        ("Read more", "navigation"),
        ("Sign up here.", "newsletter prompt"),
        ("Sign up for our daily newsletter to get the news first.", "newsletter prompt"),
        ("Share this article", "share prompt"),
        ("Share your thoughts", "share prompt"),
        ("Share this article: Facebook | X | Email", "share prompt"),
        ("Get the morning briefing in your inbox. Sign up here.", "newsletter prompt"),
        ("© 2025 The Valley Courier. All rights reserved.", "copyright or protection notice"),
        ("Copyright 2024 Harbor News Network", "copyright or protection notice"),
        ("error: Content is protected !!", "copyright or protection notice"),
        ("council-votes-to-close-three-libraries", "url slug"),
        ("Reporting by Ana Lopez; Editing by Tom Hill", "credit line"),
        ("The council voted 7-2 to close three branch libraries on Thursday.", None),
        ("Share prices fell 3% on Monday after the announcement.", None),
        ("Read the full statement below, the minister said.", None),
        ("“Sign up here,” the organiser shouted at the crowd.", None),
        ("CITY HALL", None),
    ],
)
def test_classify_line(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    ("line", "starts_footer"),
    [
        ("Support independent journalism: donate today.", True),
        ("We still need 200 new monthly donors to reach our goal.", True),
        ("TRENDING NOW", True),
        ("Most Read", True),
        ("The charity said donations had fallen by a third since March.", False),
        ("Please make a one-time gift to keep our reporting free.", True),
        ("The mayor said the fund would support local businesses.", False),
    ],
)
def test_footer_starts(line, starts_footer):
    assert (footer_reason(line) is not None) == starts_footer


def test_footer_rule_needs_the_later_part_of_the_page():
    # A donation mentioned in the first paragraphs is news, not an appeal.
    text = ("Charity appeal raises record sum\n\nDonations to the flood appeal reached $2 million, "
            "the charity said.\n\n"
            + "".join(f"Paragraph {n} of the article follows here.\n\n" for n in range(8))
            + "The charity said donations had fallen by a third since March.\n\nThe end.\n")
    doc = load_text_document(text, doc_id="t")
    assert not any(p.clutter for p in doc.paragraphs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.\n", ["One.", "Two."]),
        ("One.\nTwo.\n", ["One.", "Two."]),
        ("  Indented.\r\n\r\nNext.\r\n", ["Indented.", "Next."]),
        ("A hard-wrapped paragraph that goes on for a good many words\n"
         "and continues here on a second line of similar length ok\nend.\n\nNext.",
         ["A hard-wrapped paragraph that goes on for a good many words\n"
          "and continues here on a second line of similar length ok\nend.", "Next."]),
        ("", []),
        ("\n\n\n", []),
    ],
)
def test_split_paragraphs(text, expected):
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == expected
    assert [p.index for p in paragraphs] == list(range(len(expected)))


def test_html_page_is_reduced_to_text_and_metadata(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Ferry halted</title><meta property='og:site_name' content='Bay News'>"
        "<meta property='article:published_time' content='2025-05-02T08:00:00Z'>"
        "<script>var x = '<p>not text</p>';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Ferry halted</h1><p>The ferry stopped on Friday, the operator said.</p>"
        "<p>“We are sorry,” said captain Ola Berg.</p></article></body></html>",
        encoding="utf-8",
    )
    doc = load_documents([page])[0]
    texts = [doc.paragraph_text(p) for p in doc.paragraphs]
    assert texts == ["Ferry halted", "The ferry stopped on Friday, the operator said.",
                     "“We are sorry,” said captain Ola Berg."]
    assert doc.outlet == "Bay News" and doc.published.isoformat() == "2025-05-02"
