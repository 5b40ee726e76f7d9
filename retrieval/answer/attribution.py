"""Who is speaking in a passage: the article, its editor's note, or a named reader."""

from __future__ import annotations

from retrieval.search import Hit


def speaker(hit: Hit) -> str:
    """A sentence opening that says who said it, e.g. "Commenter Ilya (reply 7.4.1) argues"."""
    if hit.kind == "comment":
        where = (
            f"comment {hit.thread_path}"
            if hit.thread_path and "." not in hit.thread_path
            else f"reply {hit.thread_path}"
            + (f" to {hit.parent_author}" if hit.parent_author else "")
        )
        who = f"Commenter {hit.author}" if hit.author else "An anonymous commenter"
        return f"{who} ({where}) claims"
    if hit.kind == "facts":
        return "The article's details say"
    if hit.section == "editor_note":
        who = f"{hit.author}'s editor's note" if hit.author else "The editor's note"
        return f"{who} argues"
    return "The article reports"


OPINION_NOTE = "Reader comments are opinions, not checked facts."
