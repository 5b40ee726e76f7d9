"""A small, forgiving element tree of an HTML page (stdlib ``html.parser``), for the parts of a
page that need structure: the reader-comment section."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_INLINE = frozenset({"a", "abbr", "b", "cite", "code", "em", "i", "q", "small", "span", "strong"})
# A new <p> or <li> ends an open one (HTML's optional end tags), looking through these.
_CLOSES_THROUGH = {"p": _INLINE, "li": _INLINE | {"p"}}
_WHITESPACE = re.compile(r"\s+")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").lower().split())

    @property
    def id(self) -> str:
        return self.attrs.get("id", "").lower()

    def elements(self) -> Iterator[Element]:
        """Every descendant element, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.elements()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self._open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        through = _CLOSES_THROUGH.get(tag)
        if through is not None:
            self._close_implicitly(tag, through)
        element = Element(tag, {k.lower(): v or "" for k, v in attrs})
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k.lower(): v or "" for k, v in attrs})
        self._open[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return  # an end tag nothing opened is ignored

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)

    def _close_implicitly(self, tag: str, through: frozenset[str]) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            open_tag = self._open[depth].tag
            if open_tag == tag:
                del self._open[depth:]
                return
            if open_tag not in through:
                return  # e.g. a <li> inside a nested list stays open


def parse_tree(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def text_blocks(element: Element, skip: frozenset[str] = frozenset()) -> list[str]:
    """The text of ``element`` as paragraphs (<p>, <div>, <blockquote>, … start new ones; <br>
    is a line break); elements whose tag or class is in ``skip`` are left out."""
    blocks: list[str] = []
    current: list[str] = []

    def end_block() -> None:
        lines = (_WHITESPACE.sub(" ", part).strip() for part in "".join(current).split("\n"))
        text = "\n".join(line for line in lines if line)
        current.clear()
        if text:
            blocks.append(text)

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                current.append(child.replace("\n", " "))
                continue
            if child.tag in skip or child.classes & skip:
                continue
            if child.tag == "br":
                current.append("\n")
            elif child.tag in _BLOCK_TAGS:
                end_block()
                walk(child)
                end_block()
            else:
                walk(child)

    walk(element)
    end_block()
    return blocks


_BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"section", "article", "header", "footer", "table", "tr", "dd", "dt", "figure"}
)
