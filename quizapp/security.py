"""Security basics: CSRF on every form, response headers, and trusting a reverse proxy."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, current_app, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
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


def init_app(app: Flask) -> None:
    """Turn on CSRF protection for every POST, add the headers, trust configured proxies."""
    csrf.init_app(app)
    app.before_request(refuse_undecodable_form)
    app.after_request(add_security_headers)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # Each trusted proxy appends one X-Forwarded-* value; believe only that many, so a
        # client cannot forge its address (which the login rate limit counts by).
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )


def refuse_undecodable_form() -> None:
    """Raise UnicodeDecodeError (a 400 page) for a urlencoded form that is not UTF-8 text.

    Werkzeug would quietly turn such bytes into U+FFFD, or drop the whole form, so a
    nickname or an answer could be stored as something the student never typed.
    """
    if request.method != "POST" or request.mimetype != "application/x-www-form-urlencoded":
        return
    body = request.get_data(cache=True)  # the form parser reads the cached copy later
    for pair in body.split(b"&"):
        raw = unquote_to_bytes(pair.replace(b"+", b" "))
        raw.decode("utf-8")
        if b"\x00" in raw:  # valid UTF-8, but no text field holds it (PostgreSQL refuses it)
            raise UnicodeDecodeError("utf-8", raw, raw.index(b"\x00"), raw.index(b"\x00") + 1,
                                     "NUL is not text")


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
