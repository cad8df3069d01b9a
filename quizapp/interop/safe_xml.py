"""A small XML reader that refuses DTDs and entities: no entity bombs, no external files.

Python's expat neither fetches external entities nor (since 2.4) lets a billion laughs
expand unchecked, but a question file has no business declaring either, so any DOCTYPE or
entity declaration is rejected outright, as defusedxml does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from quizapp.interop.model import InteropError


@dataclass
class Node:
    """An element: its tag, attributes, children, text content and the line it starts on."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the element's own text (CDATA included), without its children's."""
        return "".join(self.chunks)

    def find(self, tag: str) -> Node | None:
        """Return the first child with this tag."""
        return next((child for child in self.children if child.tag == tag), None)

    def find_all(self, tag: str) -> list[Node]:
        """Return every child with this tag, in document order."""
        return [child for child in self.children if child.tag == tag]


class _Refused(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def parse_xml(data: bytes) -> Node:
    """Return the root element; raise InteropError for anything that is not plain XML."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    roots: list[Node] = []

    def refuse(*_args: Any) -> None:
        raise _Refused(
            "the file declares a DOCTYPE or entities, which question files never need; "
            "it was not read, for safety.",
            parser.CurrentLineNumber,
        )

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def data_(text: str) -> None:
        if stack:
            stack[-1].chunks.append(text)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data_
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        raise InteropError(str(refused), refused.line) from None
    except (ValueError, LookupError, UnicodeError):
        # Expat reads only single-byte encodings through Python's codecs: a file declared
        # shift_jis or utf-7 (or in an encoding Python does not know) stops here.
        raise InteropError(
            "the file declares a text encoding that cannot be read; save it as UTF-8 "
            "(Moodle's own exports are UTF-8).",
            1,
        ) from None
    except expat.ExpatError as error:
        message = expat.errors.messages.get(error.code, "not well-formed")
        raise InteropError(
            f"this is not a well-formed XML file ({message}, column {error.offset + 1}).",
            error.lineno,
        ) from None
    return roots[0]
