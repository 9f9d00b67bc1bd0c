"""Definitions in the plain subset of their Markdown, read without markdown-it.

Most definitions that carry markup at all carry a little of it, none nested: a
*term* in emphasis, a `name` in code, a [link](https://...) on plain words,
line breaks. For those, :func:`plain_pieces` gives the very tokens that
markdown-it gives (``tests/test_plain_markup.py`` compares the two on
generated texts and on real glossaries), without importing markdown-it or
running its rule chains: a large glossary's definitions are parsed in a sixth
of the time, and a build whose definitions are all plain never loads the parser.
Anything outside the subset (nesting, escapes, entities, raw HTML, images,
titles, unusual delimiters) gets None: :mod:`.definitions` hands it to
markdown-it.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: One token's fields, as :func:`.definitions._parsed` keeps them: type, content, href.
Fields = tuple[str, str, str]

#: A character of text that starts no inline markup (and that markdown-it's normalising
#: leaves alone: no carriage return, no NUL).
_TEXT = r"[^*_`\[\]<>&\\!~\n\r\x00]"
#: Emphasis or strong of plain ASCII words: opened at the start or after a space, a tab, a
#: line break or "(", closed at the end or before a space, a line break or common
#: punctuation, so that the delimiters flank as CommonMark requires for "*" and "_" alike.
_MARKED = (
    r"(?<![^ \t\n(])(?P<mark>\*\*|__|\*|_)"
    r"(?P<marked>[A-Za-z0-9](?:[A-Za-z0-9 ,.'-]*[A-Za-z0-9])?)"
    r"(?P=mark)(?=[ \t\n.,;:!?)'\"/-]|\Z)"
)
#: A code span between single backticks, its content neither starting nor ending in a space.
_CODE = r"(?<!`)`(?P<code>[^`\s](?:[^`\n\r\x00]*[^`\s])?)`(?!`)"
#: A link on plain text to a target without title, escapes, entities or parentheses.
_LINK = (
    rf"\[(?P<label>{_TEXT}+)\]"
    r"\((?:<(?P<angled>[^<>\\&\n\r\x00]+)>|(?P<bare>[^\s()<>\\&\x00-\x1f\x7f]+))\)"
)
#: A line break and the spaces or tabs that start the next line.
_BREAK = r"\n[ \t]*"


@lru_cache(maxsize=1)
def _pieces() -> re.Pattern[str]:
    """The pieces' regex, compiled on first use: a rebuild that reads no definition skips it."""
    return re.compile(
        rf"(?P<text>{_TEXT}+)|{_MARKED}|{_CODE}|{_LINK}|(?P<break>{_BREAK})|(?P<other>.)",
        re.DOTALL,
    )


_OPEN = {"*": "em_open", "_": "em_open", "**": "strong_open", "__": "strong_open"}
_CLOSE = {"*": "em_close", "_": "em_close", "**": "strong_close", "__": "strong_close"}


def plain_pieces(text: str) -> tuple[Fields, ...] | None:
    """markdown-it's inline tokens of ``text`` (type, content, href), or None when ``text``
    holds more than the plain subset."""
    pieces: list[Fields] = []
    after_text = False  # whether the last piece is text read as text (not a delimiter's)
    for match in _pieces().finditer(text):
        kind = match.lastgroup
        if kind == "text":
            pieces.append(("text", match[0], ""))
        elif kind == "marked":
            pieces += _marked(match["mark"], match["marked"])
        elif kind == "code":
            pieces.append(("code_inline", match["code"], ""))
        elif kind in ("angled", "bare"):
            pieces += (
                ("link_open", "", link_href(match[kind])),
                ("text", match["label"], ""),
                ("link_close", "", ""),
            )
        elif kind == "break":
            pieces.append(_line_break(pieces, after_text))
        else:
            return None
        after_text = kind == "text"
    return tuple(_joined(pieces))


def _marked(mark: str, content: str) -> list[Fields]:
    """Emphasis or strong: strong keeps the outer delimiter of each side as an empty text."""
    if len(mark) == 1:
        return [("em_open", "", ""), ("text", content, ""), ("em_close", "", "")]
    empty = ("text", "", "")
    return [empty, ("strong_open", "", ""), ("text", content, ""), ("strong_close", "", ""), empty]


def _line_break(pieces: list[Fields], after_text: bool) -> Fields:
    """The break token of a newline, after trimming the text just before it as markdown-it
    does: two or more spaces make a hard break and go, one space goes."""
    if not after_text or not pieces[-1][1].endswith(" "):
        return ("softbreak", "", "")
    before = pieces.pop()[1]
    hard = before.endswith("  ")
    before = before.rstrip(" ") if hard else before[:-1]
    if before:
        pieces.append(("text", before, ""))
    return ("hardbreak" if hard else "softbreak", "", "")


def _joined(pieces: list[Fields]) -> list[Fields]:
    """Adjacent texts made one, as markdown-it joins them after reading delimiters."""
    joined: list[Fields] = []
    for piece in pieces:
        if piece[0] == "text" and joined and joined[-1][0] == "text":
            joined[-1] = ("text", joined[-1][1] + piece[1], "")
        else:
            joined.append(piece)
    return joined


def link_href(target: str) -> str:
    """A link's ``href``: percent-encoded as markdown-it does, without its punycode step for
    host names (which costs more than the rest of a parse on large glossaries); markdown-it
    is set to do the same (:func:`.definitions._parser`)."""
    import mdurl  # markdown-it's own URL encoder, a small module

    return str(mdurl.encode(target))
