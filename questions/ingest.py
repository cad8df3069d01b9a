"""Stage 1, ingest: read articles and their manifest, split paragraphs, mark page clutter."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from questions.clutter import mark_clutter
from questions.gcpause import without_collector
from questions.htmltext import html_to_text
from questions.model import Document, Paragraph
from questions.roles import line_role, mark_roles

DEFAULT_CORPUS = Path(__file__).parent / "corpus"
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}

# A block of lines this long, every line but the last, looks hard-wrapped: keep it whole.
_WRAP_MIN, _WRAP_MAX = 40, 100


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split text into paragraphs with exact character spans.

    Blank lines separate blocks. Inside a block every line is its own paragraph
    (news pages put one paragraph per line), unless the block looks hard-wrapped.
    """
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start = offset
        offset += len(raw)
        stripped = line.strip()
        if not stripped:
            spans.extend(_block_spans(text, block))
            block = []
            continue
        lead = len(line) - len(line.lstrip())
        block.append((start + lead, start + lead + len(stripped)))
    spans.extend(_block_spans(text, block))
    return [Paragraph(index=i, start=s, end=e) for i, (s, e) in enumerate(spans)]


def _block_spans(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # A caption, byline or credit line on top of a hard-wrapped paragraph stays its own
    # paragraph, never glued into the story's first sentence.
    head = 0
    while head < len(block) - 1 and line_role(text[block[head][0] : block[head][1]]):
        head += 1
    rest = block[head:]
    if len(rest) > 1 and all(_WRAP_MIN <= e - s <= _WRAP_MAX for s, e in rest[:-1]):
        rest = [(rest[0][0], rest[-1][1])]
    return [*block[:head], *rest]


def document_id(name: str, text: str) -> str:
    """Return a short stable id from a file's stem, or from the text's hash."""
    stem = Path(name).stem if name else ""
    if stem:
        return stem
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_text_document(
    text: str,
    *,
    doc_id: str | None = None,
    path: str | None = None,
    metadata: dict[str, object] | None = None,
) -> Document:
    """Build a Document from text already in memory (an upload, a test string)."""
    meta = dict(metadata or {})
    doc = Document(
        id=doc_id or document_id(path or "", text),
        text=text,
        path=path,
        title=_str_or_none(meta.pop("title", None)),
        outlet=_str_or_none(meta.pop("outlet", None)),
        url=_str_or_none(meta.pop("url", None)),
        published=_parse_date(meta.pop("published", None)),
        approximate=bool(meta.pop("approximate", False)),
    )
    meta.pop("file", None)
    doc.extra = meta
    doc.paragraphs = mark_roles(text, mark_clutter(text, split_paragraphs(text), title=doc.title))
    if doc.title is None:
        doc.title = _first_heading(doc)
    return doc


@without_collector  # thousands of documents and paragraphs, no garbage to find
def load_documents(paths: list[str | Path]) -> list[Document]:
    """Read text and HTML files, or folders of them with an optional manifest.json."""
    documents: list[Document] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            manifest = _read_manifest(path / "manifest.json")
            for file in sorted(path.iterdir()):
                if file.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
                    documents.append(_load_file(file, manifest.get(file.name, {})))
        else:
            manifest = _read_manifest(path.parent / "manifest.json")
            documents.append(_load_file(path, manifest.get(path.name, {})))
    return documents


def _load_file(path: Path, metadata: dict[str, object]) -> Document:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    if path.suffix.lower() in HTML_SUFFIXES:
        page = html_to_text(text)
        metadata = {**page.metadata, **metadata}
        text = page.text
    return load_text_document(text, doc_id=path.stem, path=str(path), metadata=metadata)


def _read_manifest(path: Path) -> dict[str, dict[str, object]]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data.get("documents", []) if isinstance(data, dict) else []
    return {str(e["file"]): dict(e) for e in entries if isinstance(e, dict) and "file" in e}


def _parse_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _first_heading(doc: Document) -> str | None:
    for paragraph in doc.content_paragraphs():
        text = doc.paragraph_text(paragraph)
        if len(text) <= 160 and not text.endswith("."):
            return text
    return None
