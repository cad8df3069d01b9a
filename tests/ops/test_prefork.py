"""gunicorn's master readies the preloaded app before forking (gunicorn.conf.py hooks)."""

from __future__ import annotations

import gc
import runpy
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gunicorn_settings() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _master(app: object, preload: bool) -> SimpleNamespace:
    return SimpleNamespace(cfg=SimpleNamespace(preload_app=preload),
                           app=SimpleNamespace(wsgi=lambda: app))


def _compiled(app: Flask) -> set[str]:
    return {name for (_loader, name) in app.jinja_env.cache}


def test_when_ready_compiles_every_template(app: Flask,
                                            gunicorn_settings: dict[str, Any]) -> None:
    templates = set(app.jinja_env.list_templates(extensions=["html"]))
    assert {"play/question.html", "play/feedback.html", "base.html"} <= templates
    app.jinja_env.cache.clear()
    gunicorn_settings["when_ready"](_master(app, preload=True))
    assert _compiled(app) == templates


def test_when_ready_leaves_a_master_without_preloaded_app_alone(
        app: Flask, gunicorn_settings: dict[str, Any]) -> None:
    app.jinja_env.cache.clear()
    gunicorn_settings["when_ready"](_master(app, preload=False))
    assert _compiled(app) == set()


def test_when_ready_leaves_a_wrapped_app_alone(app: Flask,
                                             gunicorn_settings: dict[str, Any]) -> None:
    def wrapped(environ: Any, start_response: Any) -> Any:  # middleware around the app
        return app(environ, start_response)

    app.jinja_env.cache.clear()
    gunicorn_settings["when_ready"](_master(wrapped, preload=True))  # type: ignore[arg-type]
    assert _compiled(app) == set()


def test_pre_fork_hides_the_heap_from_the_collector(gunicorn_settings: dict[str, Any],
                                                   unfrozen: None) -> None:
    assert gc.get_freeze_count() == 0
    gunicorn_settings["pre_fork"](None, None)
    assert gc.get_freeze_count() > 1000
