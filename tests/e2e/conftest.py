"""A live server on a free port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def live_app(
    tmp_path_factory: pytest.TempPathFactory, make_database: Callable[[Path], str]
) -> Iterator[Flask]:
    """Return the app the live server serves, on its own copy of the demo data.

    make_database gives a SQLite copy or a PostgreSQL database, whichever the run tests.
    """
    from quizapp import create_app
    from quizapp.db import dispose

    folder = tmp_path_factory.mktemp("live")
    app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": make_database(folder),
                      "WTF_CSRF_ENABLED": True})
    yield app
    dispose(app)


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """Serve the app with the demo data on 127.0.0.1 and return its base URL."""
    server = make_server("127.0.0.1", 0, _whole_responses(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def _whole_responses(app: Flask) -> Callable[[dict[str, Any], Any], list[bytes]]:
    """Wrap the app so each response is read whole, and closed, before the server sends it.

    Werkzeug's development server closes a response (a static file is an open file) only
    after reading what is left of the request; when the browser has dropped the connection
    mid-send, that read fails first and the file stays open. The suite turns the resulting
    ResourceWarning into an error in whichever test runs next (seen once in a CI run).
    """

    def wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()

    return wsgi


@pytest.fixture(scope="session")
def make_quiz(live_app: Flask) -> Callable[..., str]:
    """Return make(kinds, settings=None, **columns) -> the join code of a new assignment.

    The assignment is stored straight through the models in the live server's database;
    its questions are the demo set's first question of each kind asked for.
    """
    from sqlalchemy import select

    from quizapp.db import get_session
    from quizapp.models import Assignment, QuestionSet, QuestionSetItem
    from quizapp.services.quiz_settings import QuizSettings

    codes = itertools.count(1)

    def make(kinds: tuple[str, ...], settings: QuizSettings | None = None,
             **columns: Any) -> str:
        code = f"E2E{next(codes)}"
        with live_app.app_context():
            db = get_session()
            demo = db.scalars(select(Assignment).where(Assignment.join_code == "DEMO")).one()
            pool = demo.question_set.questions
            chosen = [next(q for q in pool if q.kind == kind) for kind in kinds]
            question_set = QuestionSet(
                title=code,
                items=[QuestionSetItem(question=q, position=i) for i, q in enumerate(chosen)],
            )
            db.add(Assignment(title=f"Quiz {code}", join_code=code, question_set=question_set,
                              settings=(settings or QuizSettings()).to_json(), **columns))
            db.commit()
        return code

    return make


@pytest.fixture(scope="session")
def answer_order(live_app: Flask) -> Callable[[list[str]], list[str]]:
    """Return a function giving a timeline's card texts (as shown) in the right order."""
    from sqlalchemy import select

    from quizapp.db import get_session
    from quizapp.models import Question

    def order(shown: list[str]) -> list[str]:
        with live_app.app_context():
            for question in get_session().scalars(select(Question).where(
                    Question.kind == "timeline")):
                texts = [o["text"] for o in question.options]
                if sorted(texts) == sorted(shown):  # cards recur across timelines: all of them
                    return [texts[i] for i in question.answer_order]
        raise AssertionError(f"no timeline holds exactly the cards {shown!r}")

    return order


@pytest.fixture(scope="session")
def right_option(live_app: Flask) -> Callable[[str], str]:
    """Return a function giving the right option's text of the question page at a URL.

    Options are shown in a per-attempt order, so a test picks an answer by its text; the
    question is the one the server asks at that attempt's position (prompts recur).
    """
    from quizapp.db import get_session
    from quizapp.services import play

    def right(url: str) -> str:
        found = re.search(r"/play/([A-Za-z0-9_-]+)/q/([0-9]+)", url)
        assert found, url
        with live_app.app_context():
            db = get_session()
            attempt = play.find_attempt(db, found.group(1))
            assert attempt is not None, url
            question = play.progress(db, attempt).question_at(int(found.group(2)))
            assert question is not None and question.answer is not None, url
            return str(question.answer["text"])

    return right


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Launch Chromium; a missing browser is a failure, never a skip (CI must run these)."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup test (apt-get "
                    "install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """Return a fresh page in its own browser context (its own cookies)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """Return a page 360 px wide with touch, like a small phone."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True,
        device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return the folder for screenshots that a person looks at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def join_quiz(page: Any, base: str, code: str, nickname: str) -> None:
    """Join a quiz through the form (with the mouse: tests of the keyboard do their own)."""
    page.goto(base + "/")
    page.get_by_label("Join code").fill(code)
    page.get_by_label("Nickname").fill(nickname)
    page.get_by_role("button", name="Join").click()


def option_texts(page: Any) -> list[str]:
    """Return a choice question's option texts in the order the page shows them."""
    return [text.strip() for text in page.locator(".option label").all_inner_texts()]


def card_texts(page: Any) -> list[str]:
    """Return the timeline cards' texts in the order the page shows them."""
    return [text.strip() for text in page.locator("[data-card] .timeline-card__text")
            .all_inner_texts()]


def pairs_right(order: list[str], answer: list[str]) -> tuple[int, int]:
    """Return (pairs in the right relative order, all pairs), as the server scores them."""
    rank = {text: i for i, text in enumerate(answer)}
    ranks = [rank[text] for text in order]
    total = len(ranks) * (len(ranks) - 1) // 2
    right = sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks))
                if ranks[i] < ranks[j])
    return right, total
