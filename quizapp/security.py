"""Security basics: CSRF on every form and a few response headers."""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    """Turn on CSRF protection for every POST and add the headers to every response."""
    csrf.init_app(app)
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    """Keep pages out of frames, stop MIME sniffing and keep resume links out of referrers."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
