"""Error pages: plain explanations in the site layout, never a stack trace."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db import get_session
from quizapp.models import Assignment


def test_unknown_page_gets_the_404_page(app: Flask) -> None:
    response = app.test_client().get("/no/such/page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in page
    assert 'class="skip-link"' in page


def test_wrong_method_gets_a_405_page(app: Flask) -> None:
    response = app.test_client().post("/articles/000_b5f3451da38d467c")
    assert response.status_code == 405
    assert "cannot be used that way" in response.get_data(as_text=True)


@pytest.fixture
def failing_app(app: Flask) -> Flask:
    """Add a route that changes data and then fails, and let errors reach the handlers."""

    @app.get("/fail")
    def fail() -> str:
        get_session().scalars(select(Assignment)).one().is_open = False
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_server_error_rolls_back_and_hides_the_stack_trace(failing_app: Flask) -> None:
    response = failing_app.test_client().get("/fail")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem" in page
    assert "Traceback" not in page and "secret internals" not in page
    with failing_app.app_context():
        assert get_session().scalars(select(Assignment)).one().is_open
