"""Flask's signed-cookie session, read only when a request asks for it.

Flask opens the session of every request before the view runs: it builds a serializer,
checks the cookie's signature and parses its JSON, about a tenth of a student's answer
request, which never needs the session (the student pages are reached by the attempt's
resume token and carry their own signed values: quizapp.web.attempt_signing). Here the cookie
is decoded the first time something reads or writes the session, and a request that never
touched it leaves the cookie as it was (no Set-Cookie, no Vary: Cookie). What a session
holds, how it is signed and when it is saved are Flask's, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response


class LazySession(SessionMixin):
    """A session whose contents are read from the cookie on first use."""

    def __init__(self, load: Callable[[], dict[str, Any]]) -> None:
        self._load: Callable[[], dict[str, Any]] | None = load
        self._data: dict[str, Any] = {}
        self.modified = False  # Flask saves the cookie when this is set
        self.accessed = False  # Flask adds Vary: Cookie when this is set

    @property
    def loaded(self) -> bool:
        """Return whether anything has read or written the session yet."""
        return self._load is None

    def _contents(self) -> dict[str, Any]:
        if self._load is not None:
            self._data, self._load = self._load(), None
        self.accessed = True
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._contents()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._contents()[key] = value
        self.modified = True

    def __delitem__(self, key: str) -> None:
        del self._contents()[key]
        self.modified = True

    def __iter__(self) -> Iterator[str]:
        return iter(self._contents())

    def __len__(self) -> int:
        return len(self._contents())

    def __repr__(self) -> str:
        return f"<LazySession {self._data!r}>" if self.loaded else "<LazySession (not read)>"


class LazyCookieSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie sessions, decoded on first use, with the serializer built once."""

    def __init__(self) -> None:
        self._built: tuple[tuple[Any, ...], URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        # The serializer holds no per-request state; building it costs as much as using it.
        # It is built again only when the keys change.
        keys = (app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if self._built is None or self._built[0] != keys:
            self._built = (keys, super().get_signing_serializer(app))
        return self._built[1]

    def open_session(self, app: Flask, request: Request) -> LazySession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None  # no secret key: Flask's null session explains what is missing
        cookie = request.cookies.get(self.get_cookie_name(app))
        max_age = int(app.permanent_session_lifetime.total_seconds())

        def load() -> dict[str, Any]:
            if not cookie:
                return {}
            try:
                return dict(serializer.loads(cookie, max_age=max_age))
            except BadSignature:  # tampered with, or signed with another key: start afresh
                return {}

        return LazySession(load)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if isinstance(session, LazySession) and not session.loaded:
            return  # never read nor written: the browser's cookie is still right
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """Use lazily read cookie sessions for the app."""
    app.session_interface = LazyCookieSessionInterface()
