"""Paper Trail's web app: the application factory."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from quizapp import cli, db, errors, jobs
from quizapp.config import (
    Config,
    TestConfig,
    database_url,
    environment_settings,
    load_or_create_secret_key,
)
from quizapp.services import content_cache
from quizapp.services.seed import ensure_demo
from quizapp.views import health, register_blueprints
from quizapp.web import ratelimit, security, sessions

# static/ and templates/ sit at the repository root, next to this package.
ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | type | None = None) -> Flask:
    """Create the app.

    test_config may be a config class, or a mapping applied over TestConfig (as in flaskr);
    a mapping may name INSTANCE_PATH, which Flask needs before any config is read.
    """
    overrides = test_config if isinstance(test_config, Mapping) else {}
    # PAPERTRAIL_INSTANCE_PATH: a process beside the app (the job consumer) uses its folder.
    instance_path = overrides.get("INSTANCE_PATH") or (
        os.environ.get("PAPERTRAIL_INSTANCE_PATH") if test_config is None else None)
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance_path) if instance_path else None,
        instance_relative_config=True,
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )
    if test_config is None:
        app.config.from_object(Config)
        app.config.from_mapping(environment_settings())
        app.config.from_pyfile("config.py", silent=True)
    elif isinstance(test_config, Mapping):
        app.config.from_object(TestConfig)
        app.config.from_mapping(test_config)
    else:
        app.config.from_object(test_config)
    _resolve_settings(app)

    # Every session of the app shares its cache of what students are shown.
    db.init_app(app, {content_cache.CACHE_KEY: content_cache.ContentCache()})
    cli.init_app(app)
    sessions.init_app(app)
    security.init_app(app)
    ratelimit.init_app(app)
    errors.init_app(app)
    register_blueprints(app)
    app.register_blueprint(health.bp)

    if app.config["SEED_ON_START"]:
        with app.app_context():
            db.init_db()
            app.extensions[db.SEED_RESULT] = ensure_demo(db.get_session(), app.config)
        # gunicorn may fork workers from this process (preload_app): a pooled connection
        # must never be shared between processes, so each worker opens its own.
        db.dispose(app)
    jobs.init_app(app)
    return app


def _resolve_settings(app: Flask) -> None:
    """Fill SECRET_KEY and DATABASE_URL from the environment or the instance folder."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or load_or_create_secret_key(
            app.instance_path
        )
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = database_url(app.instance_path)
