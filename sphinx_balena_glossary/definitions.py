"""Definition text: the inline Markdown a data file allows, read without Sphinx or docutils.

Definitions allow *emphasis*, **strong**, ``code`` and [links](https://...),
nothing else: raw HTML is text, images are their alt text, and links with
unsafe schemes keep their text but lose the link. Parsing uses
markdown-it-py, which MyST-Parser already brings. The loader checks links
here and exports take the plain text from here; the build turns the same
tokens into docutils nodes (:func:`.entry_nodes.definition_nodes`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import mdurl
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .urls import is_safe_url

#: Opening tokens of the containers a definition may hold (emphasis, strong, strike-through).
CONTAINERS = frozenset(("em_open", "strong_open", "s_open"))
#: Tokens that end a line inside a definition: read as one space.
BREAKS = frozenset(("softbreak", "hardbreak"))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
    # Accept every link target here: our own check warns about the unsafe ones
    # instead of silently leaving "[text](javascript:...)" as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    # Percent-encode as usual, but skip the punycode step for host names,
    # which costs more than the rest of the parse on large glossaries.
    parser.normalizeLink = lambda url: mdurl.encode(url)  # type: ignore[method-assign]
    return parser


#: What follows "](" (an inline link's target) and what an autolink holds: cheap candidates.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\s]*)>")
#: Characters that can start inline Markdown; text without any is plain text.
_MARKUP = re.compile(r"[*_`\[\]<>&\\!~\n]")


def inline_tokens(text: str) -> list[Token]:
    """The inline tokens of a definition (one text token when there is no markup)."""
    if not _MARKUP.search(text):
        return [Token("text", "", 0, content=text)] if text else []
    tokens = _parser().parseInline(text)
    return list(tokens[0].children or []) if tokens else []


def link_target(token: Token) -> str:
    return str(token.attrs.get("href", ""))


def unsafe_urls(text: str) -> list[str]:
    """Link targets in ``text`` that would be dropped (``javascript:`` and friends)."""
    targets = _LINK_TARGET.findall(text) + _AUTOLINK.findall(text)
    if all(is_safe_url(target) for target in targets):
        return []  # nothing that could be unsafe: skip the parse (large glossaries load faster)
    return [
        link_target(token)
        for token in inline_tokens(text)
        if token.type == "link_open" and not is_safe_url(link_target(token))
    ]


def token_text(token: Token) -> str:
    """What a reader sees of one token: its content, a space for a line break, nothing for
    the opening and closing of containers and links."""
    if token.type in BREAKS:
        return " "
    return token.content


def definition_text(text: str) -> str:
    """The definition as a reader sees it, without markup (for JSON, CSV, search)."""
    return "".join(map(token_text, inline_tokens(text)))
