"""The reader comments of a saved web page, as the same comment tree the scraped layout yields.

A comment section is an element with the id ``comments`` (or a class such as ``comments``,
``comments-area``, ``comment-list``): the markup WordPress and most server-rendered sites use.
Inside it, each comment is an element with the class ``comment`` (or an id ``comment-123``, or
schema.org ``Comment`` microdata); a comment inside another is a reply to it. The author is the
``fn`` / ``comment-author`` / ``itemprop=author`` element ("says:" dropped), the text the
``comment-content`` (``itemprop=text``) element, else the comment's own paragraphs without its
metadata, avatar and reply links. Comments loaded by JavaScript (Disqus and the like) are not
in the page and cannot be kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retrieval.documents import Comment
from retrieval.parsing.html_tree import VOID, Element, parse_tree, text_blocks

SECTION_IDS = frozenset({"comments", "comments-section", "comment-section", "comment-list"})
SECTION_CLASSES = frozenset(
    {"comments", "comments-area", "comment-list", "commentlist", "comments-list"}
    | {"comment-section", "comments-section"}
)
_ITEM_CLASSES = frozenset({"comment", "comment-item"})
_ITEM_ID = re.compile(r"^comment-\d+$")
_AUTHOR_CLASSES = ("fn", "comment-author-name", "comment-author", "author", "username")
_TEXT_CLASSES = frozenset({"comment-content", "comment-text", "comment-body-text"})
_LEFT_OUT = frozenset(
    {"script", "style", "noscript", "template", "svg", "form", "button", "img", "time"}
    | {"comment-meta", "comment-metadata", "reply", "comment-reply-link", "comment-author"}
    | {"vcard", "says", "avatar", "comment-awaiting-moderation", "edit-link", "children"}
    | _ITEM_CLASSES
)
_SAYS = re.compile(r"\s*(?:says|wrote|said)?\s*:?\s*$", re.IGNORECASE)


def is_comment_section(tag: str, attrs: dict[str, str]) -> bool:
    """True for the element that holds a page's comments (its start tag is enough)."""
    if tag in VOID:
        return False
    classes = frozenset(attrs.get("class", "").lower().split())
    return attrs.get("id", "").lower() in SECTION_IDS or bool(classes & SECTION_CLASSES)


def parse_html_comments(text: str) -> tuple[Comment, ...]:
    """Every comment of the page's comment sections, in reading order (replies numbered as
    in the scraped layout: "7.1" is the first reply to comment 7)."""
    comments: list[Comment] = []
    top_level = 0
    for section in _sections(parse_tree(text)):
        for item, replies in _items(section):
            top_level += 1
            _flatten(item, replies, str(top_level), None, comments)
    return tuple(comments)


def _sections(root: Element) -> Iterator[Element]:
    """The outermost comment sections."""
    for child in root.children:
        if isinstance(child, Element):
            if is_comment_section(child.tag, child.attrs):
                yield child
            else:
                yield from _sections(child)


Tree = list[tuple[Element, "Tree"]]


def _items(node: Element) -> Tree:
    found: Tree = []
    for child in node.children:
        if isinstance(child, Element):
            if _is_item(child):
                found.append((child, _items(child)))
            else:
                found.extend(_items(child))
    return found


def _is_item(element: Element) -> bool:
    if element.tag in VOID:
        return False
    itemtype = element.attrs.get("itemtype", "").lower()
    return (
        bool(element.classes & _ITEM_CLASSES)
        or bool(_ITEM_ID.match(element.id))
        or itemtype.endswith(("schema.org/comment", "schema.org/usercomments"))
    )


def _flatten(
    item: Element, replies: Tree, path: str, parent: Comment | None, out: list[Comment]
) -> None:
    own = list(_own_elements(item))
    comment = Comment(
        thread_path=path,
        author=_author(own),
        text=_text(item, own),
        parent_path=parent.thread_path if parent else None,
        parent_author=parent.author if parent else None,
    )
    if comment.text:
        out.append(comment)
    for number, (reply, its_replies) in enumerate(replies, start=1):
        _flatten(reply, its_replies, f"{path}.{number}", comment, out)


def _own_elements(item: Element) -> Iterator[Element]:
    """The descendants of a comment that are not part of a reply to it."""
    for child in item.children:
        if isinstance(child, Element) and not _is_item(child):
            yield child
            yield from _own_elements(child)


def _author(own: list[Element]) -> str | None:
    named = [e for e in own if e.attrs.get("itemprop") == "author"]
    for element in named:
        name = next((e for e in element.elements() if e.attrs.get("itemprop") == "name"), None)
        author = _clean_name(name or element)
        if author:
            return author
    for wanted in _AUTHOR_CLASSES:
        for element in own:
            if wanted in element.classes:
                author = _clean_name(element)
                if author:
                    return author
    return None


def _clean_name(element: Element) -> str | None:
    text = " ".join(text_blocks(element, frozenset({"says", "avatar", "img", "time"})))
    name = _SAYS.sub("", text).strip()
    return name[:100] or None


def _text(item: Element, own: list[Element]) -> str:
    bodies = [e for e in own if e.classes & _TEXT_CLASSES or e.attrs.get("itemprop") == "text"]
    if bodies:
        blocks = [block for body in bodies[:1] for block in text_blocks(body, _LEFT_OUT)]
    else:
        blocks = text_blocks(item, _LEFT_OUT)
    return "\n\n".join(blocks)
