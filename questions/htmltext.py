"""Reduce an HTML page to plain text, one paragraph per block, and read its metadata.

The app has a second HTML reader, quizapp/interop/text.py, for Moodle question texts; the
two differ on purpose (a newline here is a space and <br> ends a block, there it is a line
break; this one drops page chrome, keeps paragraphs whose offsets the gold files and stored
evidence index, and reads metadata): quizapp/interop/text.py's docstring says more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCK_TAGS = {
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "figcaption", "figure", "br", "tr", "table", "pre", "dd", "dt", "main",
}
# Whole subtrees that never hold article text.
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "iframe", "form", "button"}
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


@dataclass
class PageText:
    """The text of a page and the metadata found in its head."""

    text: str
    metadata: dict[str, object] = field(default_factory=dict)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            values = {k: v or "" for k, v in attrs}
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link":
            values = {k: v or "" for k, v in attrs}
            if values.get("rel", "").lower() == "canonical" and values.get("href"):
                self.meta.setdefault("canonical", values["href"])
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.current.append(data)

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []


def html_to_text(html: str) -> PageText:
    """Return the page's visible text, blocks separated by blank lines, and its metadata."""
    parser = _TextCollector()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    parser._flush()
    meta = parser.meta
    metadata: dict[str, object] = {}
    title = meta.get("og:title") or parser.title.strip()
    if title:
        metadata["title"] = _SPACES.sub(" ", title).strip()
    if meta.get("og:site_name"):
        metadata["outlet"] = meta["og:site_name"]
    url = meta.get("og:url") or meta.get("canonical")
    if url:
        metadata["url"] = url
    published = meta.get("article:published_time") or meta.get("datepublished") or meta.get("date")
    if published and re.match(r"\d{4}-\d{2}-\d{2}", published):
        metadata["published"] = published[:10]
    return PageText(text="\n\n".join(parser.blocks) + ("\n" if parser.blocks else ""),
                    metadata=metadata)
