"""'Read the source' round trip: the article page leads back to the same feedback page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Document


def answer(client: FlaskClient, token: str, position: int) -> str:
    page = client.get(f"/play/{token}/q/{position}").get_data(as_text=True)
    order = re.search(r'name="order" value="([0-9,]+)"', page)
    data = {"order": order.group(1)} if order else {"choice": "0"}
    client.post(f"/play/{token}/q/{position}", data=data)
    return client.get(f"/play/{token}/q/{position}/feedback").get_data(as_text=True)


def test_the_article_opened_from_feedback_has_back_to_the_question(
        client: FlaskClient, join: Callable[..., str]) -> None:
    token = join("Ida")
    for position in (1, 2):
        feedback = answer(client, token, position)
        links = re.findall(r'href="(/articles/[^"]+)">Read the source</a>', feedback)
        assert links, feedback
        for link in links:
            link = link.replace("&amp;", "&")
            assert f"back={position}.{token}" in link
            article = client.get(link).get_data(as_text=True)
            back = f'<a href="/play/{token}/q/{position}/feedback">Back to the question</a>'
            assert article.count(back) == 2  # above and below the article


def test_a_shared_fragment_never_carries_another_students_token(
        app, join: Callable[..., str]) -> None:
    first, second = app.test_client(), app.test_client()
    token1 = first.post("/", data={"join_code": "DEMO", "nickname": "One"}).location[6:]
    token2 = second.post("/", data={"join_code": "DEMO", "nickname": "Two"}).location[6:]
    answer(first, token1, 1)
    page = answer(second, token2, 1)  # rendered from the fragment the first one cached
    assert token1 not in page and f"back=1.{token2}" in page


@pytest.mark.parametrize("back", ["//evil.example/", "https://evil.example/x", "1.short",
                                  "1.aaaaaaaaaaaaaaaaaaaaaaaa/../x", "x.aaaaaaaaaaaaaaaaaaaaaaaa"])
def test_the_article_page_ignores_a_back_value_that_is_not_a_question(
        app, client: FlaskClient, back: str) -> None:
    with app.app_context():
        doc_id = get_session().scalars(select(Document.id)).first()
    page = client.get(f"/articles/{doc_id}", query_string={"back": back})
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Back to the question" not in body and "evil" not in body
