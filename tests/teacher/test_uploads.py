"""Uploads: files and pasted text, the confirm step, generation, and bad uploads refused."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask

from quizapp.db import get_session
from quizapp.models import Document, Question, UploadDraft
from quizapp.services.uploads import MAX_UPLOAD_BYTES
from tests.teacher.conftest import TeacherClient, article_bytes, confirm_draft, upload_file


def field_value(page: str, name: str) -> str | None:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return found.group(1) if found else None


def test_a_text_upload_is_confirmed_then_saved_with_its_questions(
        alice: TeacherClient, app: Flask) -> None:
    first = upload_file(alice.client, "ferry_fares.txt", title="Island ferry fares to rise")
    assert first.status_code == 303
    confirm_page = alice.client.get(first.location).get_data(as_text=True)
    assert field_value(confirm_page, "title") == "Island ferry fares to rise"
    assert "Islanders reacted with dismay." in confirm_page  # the preview of the text
    saved = confirm_draft(alice.client, first.location, title="Island ferry fares to rise",
                          outlet="Coastline Herald", url="https://herald.example/ferry",
                          published="2024-04-09", approximate="y")
    assert saved.status_code == 303
    doc_id = re.search(r"/teacher/articles/([a-z0-9-]+)\?new=", saved.location).group(1)
    assert doc_id == "island-ferry-fares-to-rise"
    page = alice.client.get(saved.location).get_data(as_text=True)
    with app.app_context():
        db = get_session()
        document = db.get(Document, doc_id)
        assert document.owner_id == alice.id and document.approximate
        assert str(document.published) == "2024-04-09"
        assert document.text == article_bytes("ferry_fares.txt").decode("utf-8")
        made = db.query(Question).filter(Question.evidence_document_id == doc_id).all()
        assert len(made) >= 3 and {q.status.value for q in made} == {"generated"}
        assert db.query(UploadDraft).count() == 0
    assert f"The engine made {len(made)} new questions for review." in page
    assert "New questions from this upload" in page
    for question in made:
        assert question.prompt.replace("'", "&#39;").replace('"', "&#34;")[:40] in page


def test_a_second_upload_with_the_same_title_gets_its_own_id(
        alice: TeacherClient, upload_article: Callable[..., str]) -> None:
    first = upload_article(alice, title="Ferry fares")
    second = upload_article(alice, title="Ferry fares")
    assert first == "ferry-fares" and second == "ferry-fares-2"


def test_an_html_page_is_reduced_to_its_article_and_prefills_the_form(
        alice: TeacherClient, app: Flask) -> None:
    first = upload_file(alice.client, "orchard_festival.html")
    assert first.status_code == 303
    page = alice.client.get(first.location).get_data(as_text=True)
    assert field_value(page, "title") == "Orchard festival returns after two-year break"
    assert field_value(page, "outlet") == "Valley Times"
    assert field_value(page, "url") == "https://valleytimes.example/news/orchard-festival-returns"
    assert field_value(page, "published") == "2023-09-18"
    saved = confirm_draft(alice.client, first.location,
                          title="Orchard festival returns after two-year break",
                          outlet="Valley Times", published="2023-09-18")
    assert saved.status_code == 303
    with app.app_context():
        document = get_session().get(Document, "orchard-festival-returns-after-two-year-break")
        assert "The festival was cancelled in 2021 and 2022" in document.text
        for clutter in ("Subscribe", "Trending", "window.analytics", "All rights reserved"):
            assert clutter not in document.text


def test_what_the_teacher_typed_wins_over_what_the_page_says(alice: TeacherClient) -> None:
    first = upload_file(alice.client, "orchard_festival.html", outlet="The Valley Times (print)")
    page = alice.client.get(first.location).get_data(as_text=True)
    assert field_value(page, "outlet") == "The Valley Times (print)"


def test_an_html_page_in_a_declared_legacy_charset_is_read(alice: TeacherClient) -> None:
    first = upload_file(alice.client, "cafe_pavements_cp1252.html")
    assert first.status_code == 303, first.get_data(as_text=True)
    page = alice.client.get(first.location).get_data(as_text=True)
    assert field_value(page, "title") == "Café owners protest new pavement rules"
    assert "“We pay rent for that space" in page


def test_utf8_with_a_byte_order_mark_is_read_without_it(alice: TeacherClient, app: Flask) -> None:
    data = b"\xef\xbb\xbf" + article_bytes("ferry_fares.txt")
    first = upload_file(alice.client, "ferry_fares.txt", data=data)
    assert first.status_code == 303
    confirm_draft(alice.client, first.location, title="BOM test")
    with app.app_context():
        assert get_session().get(Document, "bom-test").text.startswith("Island ferry fares")


def test_pasted_text_becomes_an_article(alice: TeacherClient, app: Flask) -> None:
    text = article_bytes("ferry_fares.txt").decode("utf-8").replace("\n", "\r\n")
    first = alice.client.post("/teacher/articles/upload", data={"text": text})
    assert first.status_code == 303
    saved = confirm_draft(alice.client, first.location, title="Pasted ferry story")
    assert saved.status_code == 303
    with app.app_context():
        stored = get_session().get(Document, "pasted-ferry-story").text
        assert "\r" not in stored and stored.startswith("Island ferry fares")


BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


@pytest.mark.parametrize("name, data, status, message", [
    ("empty.txt", b"", 400, "is empty"),
    ("blank.txt", b"  \n\n \t\n", 400, "is empty"),
    ("picture.txt", BINARY, 400, "not text"),
    ("latin1_no_declaration.txt", None, 400, "not in UTF-8"),
    ("menus_only.html", None, 400, "No article text was found"),
    ("short.txt", b"Only a few words here.", 400, "only 5 words"),
    ("notes.docx", b"PK\x03\x04 a word file", 415, "is not a .txt or .html file"),
    ("huge.txt", b"word " * (MAX_UPLOAD_BYTES // 5 + 1), 413, "Articles can be at most 2 MB"),
])
def test_bad_uploads_get_a_clear_message_and_change_nothing(
        alice: TeacherClient, count_rows: Callable[[type], int], name: str,
        data: bytes | None, status: int, message: str) -> None:
    before = (count_rows(Document), count_rows(Question), count_rows(UploadDraft))
    response = upload_file(alice.client, name, data=data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert (count_rows(Document), count_rows(Question), count_rows(UploadDraft)) == before


def test_an_upload_needs_one_source(alice: TeacherClient) -> None:
    neither = alice.client.post("/teacher/articles/upload", data={"title": "Nothing"})
    assert neither.status_code == 400
    assert ("Choose a file to upload, give the article&#39;s web address, or paste the "
            "article" in neither.get_data(as_text=True))
    both = upload_file(alice.client, "a.txt", data=b"x", text="some text")
    assert both.status_code == 400
    assert "one of the three, not several" in both.get_data(as_text=True)
    address_and_text = alice.client.post("/teacher/articles/upload", data={
        "text": "some text", "address": "https://example.org/story"})
    assert address_and_text.status_code == 400
    assert "one of the three, not several" in address_and_text.get_data(as_text=True)


def test_pasted_control_characters_are_refused(alice: TeacherClient) -> None:
    response = alice.client.post("/teacher/articles/upload",
                                 data={"text": "word " * 30 + "\x07\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("fields, message", [
    ({"title": ""}, "Give the article a title."),
    ({"url": "javascript:alert(1)"}, "starting with http:// or https://"),
    ({"published": "18/06/2024"}, "Enter the date as year-month-day"),
])
def test_the_confirm_form_refuses_bad_details_and_keeps_the_draft(
        alice: TeacherClient, count_rows: Callable[[type], int], fields: dict[str, str],
        message: str) -> None:
    first = upload_file(alice.client, "ferry_fares.txt")
    response = confirm_draft(alice.client, first.location, **{"title": "Ferry", **fields})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count_rows(Document) == 5 and count_rows(UploadDraft) == 1


def test_a_draft_can_be_discarded(alice: TeacherClient, count_rows: Callable[[type], int]
                                  ) -> None:
    first = upload_file(alice.client, "ferry_fares.txt")
    response = alice.client.post(first.location + "/discard")
    assert response.status_code == 303
    assert count_rows(UploadDraft) == 0
    assert alice.client.get(first.location).status_code == 404
