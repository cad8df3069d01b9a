"""Article pages: the full source text, paragraph anchors, clutter behind a toggle."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from markupsafe import escape

import questions
from quizapp.services.corpus import safe_link


@pytest.fixture(scope="module")
def corpus() -> dict[str, questions.Document]:
    return {doc.id: doc for doc in questions.load_documents([questions.DEFAULT_CORPUS])}


def split_page(page: str) -> tuple[str, str]:
    """Return the article body and the clutter toggle's HTML."""
    body = re.search(r'<div class="article-body">(.*?)</div>', page, re.S)
    clutter = re.search(r'<details class="clutter">(.*?)</details>', page, re.S)
    return (body.group(1) if body else "", clutter.group(1) if clutter else "")


def test_article_shows_every_content_paragraph_with_an_anchor(
    client: FlaskClient, corpus: dict[str, questions.Document]
) -> None:
    for doc in corpus.values():
        page = client.get(f"/articles/{doc.id}").get_data(as_text=True)
        body, _ = split_page(page)
        assert f"<h1>{escape(doc.title)}</h1>" in page
        assert escape(doc.outlet) in page
        for paragraph in doc.content_paragraphs():
            anchor = re.search(rf'<p id="p-{paragraph.index}">(.*?)</p>', body, re.S)
            assert anchor, (doc.id, paragraph.index)
            assert str(escape(doc.paragraph_text(paragraph))) in anchor.group(1)


def test_clutter_is_hidden_behind_the_toggle_with_its_reason(
    client: FlaskClient, corpus: dict[str, questions.Document]
) -> None:
    doc = corpus["000_b5f3451da38d467c"]
    clutter = [p for p in doc.paragraphs if p.clutter]
    assert clutter, "the Truthout page carries navigation and a donation appeal"
    page = client.get(f"/articles/{doc.id}").get_data(as_text=True)
    body, toggle = split_page(page)
    assert "<summary>Show page clutter</summary>" in toggle
    for paragraph in clutter:
        text = str(escape(doc.paragraph_text(paragraph)))
        assert text in toggle
        assert text not in body
        assert f"{paragraph.clutter_reason}:" in toggle


def test_article_without_clutter_has_no_toggle(
    client: FlaskClient, corpus: dict[str, questions.Document]
) -> None:
    clean = next(doc for doc in corpus.values() if not any(p.clutter for p in doc.paragraphs))
    page = client.get(f"/articles/{clean.id}").get_data(as_text=True)
    assert "Show page clutter" not in page


def test_article_dates_say_when_they_are_approximate(client: FlaskClient) -> None:
    approximate = client.get("/articles/000_b5f3451da38d467c").get_data(as_text=True)
    assert '<time datetime="2024-06-18">18 June 2024</time> (approximate)' in approximate
    exact = client.get("/articles/001_7ce6f2f6f4a189b4").get_data(as_text=True)
    assert '<time datetime="2024-06-24">24 June 2024</time>' in exact
    assert "(approximate)" not in exact


def test_article_links_to_the_original_when_it_has_a_url(client: FlaskClient) -> None:
    page = client.get("/articles/000_b5f3451da38d467c").get_data(as_text=True)
    assert 'href="https://truthout.org/articles/' in page
    reuters = client.get("/articles/002_e1d73f7ca8f20331").get_data(as_text=True)
    assert "Original article" not in reuters  # the manifest has no URL for it


def test_unknown_article_is_not_found(client: FlaskClient) -> None:
    response = client.get("/articles/no-such-article")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        (" http://example.org/a ", "http://example.org/a"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("//example.org/a", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(url: str | None, expected: str | None) -> None:
    assert safe_link(url) == expected
