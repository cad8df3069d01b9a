"""What a view may return: a rendered page, a page with its status, or a redirect."""

from __future__ import annotations

from werkzeug.wrappers import Response as HTTPResponse

Page = str | tuple[str, int] | HTTPResponse
