"""The join address of a live session as a QR code, drawn on the server as inline SVG."""

from __future__ import annotations

import segno
from markupsafe import Markup


def join_qr_svg(address: str) -> Markup:
    """Return an SVG QR code of the address, labelled for screen readers (no script, no CDN)."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=10, border=2, dark="#000", light="#fff",
                          svgclass="live-qr", lineclass=None, omitsize=True)
    # An image with a name: screen readers say what it is rather than reading the paths.
    label = Markup.escape(f"QR code of the join address {address}")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))
