"""Security basics: CSRF on every form, response headers, and trusting a reverse proxy."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, current_app, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wrappers import Response

csrf = CSRFProtect()

# Scripts and styles come only from our own static files: no inline code, no CDN.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
# Browsers keep to HTTPS for a year once they have seen the site over HTTPS.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


class DatabaseIntConverter(IntegerConverter):
    """<int:...> in routes: ASCII digits, at most what a BIGINT column holds (else 404).

    Werkzeug's own would pass 2**64 to the database, which raises (a 500).
    """

    regex = r"[0-9]{1,19}"

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Turn on CSRF protection for every POST, add the headers, trust configured proxies.

    Runs before the blueprints are registered: their rules take the int converter set here.
    """
    app.url_map.converters["int"] = DatabaseIntConverter
    # Before CSRFProtect's own check, which reads the form: a body that is not text is
    # refused whatever else is wrong with it (before_request functions run in this order).
    app.before_request(refuse_undecodable_form)
    csrf.init_app(app)
    app.after_request(add_security_headers)
    app.after_request(forbid_storing_private_pages)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # Each trusted proxy appends one X-Forwarded-* value; believe only that many, so a
        # client cannot forge its address (which the login rate limit counts by).
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )


def refuse_undecodable_form() -> None:
    """Raise UnicodeDecodeError (a 400 page) for a form field that is not text.

    Werkzeug would quietly keep such bytes as "%FF" (urlencoded) or U+FFFD (multipart, or
    a part declared in another charset), so a nickname or an answer could be stored as
    something the student never typed; NUL is valid UTF-8 but no text field holds it
    (PostgreSQL refuses it, and it would reach the CSV exports).
    """
    if request.method != "POST":
        return
    if request.mimetype == "application/x-www-form-urlencoded":
        body = request.get_data(cache=True)  # the form parser reads the cached copy later
        for pair in body.split(b"&"):
            _refuse_unless_text(unquote_to_bytes(pair.replace(b"+", b" ")))
    elif request.mimetype == "multipart/form-data":
        # Werkzeug has decoded each part already ("replace" for undecodable bytes).
        for name, value in request.form.items(multi=True):
            _refuse_unless_text(name.encode("utf-8", "replace"))
            _refuse_unless_text(value.encode("utf-8", "replace"))
        for name, upload in request.files.items(multi=True):
            _refuse_unless_text(f"{name}{upload.filename or ''}".encode("utf-8", "replace"))


def _refuse_unless_text(raw: bytes) -> None:
    text = raw.decode("utf-8")  # raises UnicodeDecodeError for bytes that are not UTF-8
    for bad in ("\x00", "\ufffd"):
        if bad in text:
            at = raw.index(bad.encode("utf-8"))
            raise UnicodeDecodeError("utf-8", raw, at, at + 1, "not text")


def add_security_headers(response: Response) -> Response:
    """Forbid inline code and framing, stop MIME sniffing, keep resume links out of referrers."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response


# Pages that show a teacher's own data, and the files exported from them, must not be kept
# by a shared computer's browser or a proxy: a classroom PC's next user could read them.
PRIVATE_PREFIXES = ("/teacher",)


def forbid_storing_private_pages(response: Response) -> Response:
    """Send Cache-Control: no-store on teacher pages and exports."""
    if request.path.startswith(PRIVATE_PREFIXES):
        response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Pragma", "no-cache")
    return response
