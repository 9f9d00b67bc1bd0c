"""Definition text (inline Markdown) → docutils nodes.

Definitions allow *emphasis*, **strong**, ``code`` and [links](https://...),
nothing else: raw HTML is shown as text, images show their alt text, and links
with unsafe schemes keep their text but lose the link. Parsing uses
markdown-it-py, which MyST-Parser already brings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import mdurl
from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .urls import is_safe_url

#: Called with each link target that was dropped because its scheme is unsafe.
OnUnsafeUrl = Callable[[str], None]

_CONTAINERS: dict[str, type[nodes.TextElement]] = {
    "em_open": nodes.emphasis,
    "strong_open": nodes.strong,
    "s_open": nodes.inline,
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
    # Accept every link target here: our own check below warns about the
    # unsafe ones instead of silently leaving "[text](javascript:...)" as text.
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


def _inline_tokens(text: str) -> list[Token]:
    if not _MARKUP.search(text):
        return [Token("text", "", 0, content=text)] if text else []
    tokens = _parser().parseInline(text)
    return list(tokens[0].children or []) if tokens else []


def unsafe_urls(text: str) -> list[str]:
    """Link targets in ``text`` that would be dropped (``javascript:`` and friends)."""
    targets = _LINK_TARGET.findall(text) + _AUTOLINK.findall(text)
    if all(is_safe_url(target) for target in targets):
        return []  # nothing that could be unsafe: skip the parse (large glossaries load faster)
    return [
        str(token.attrs.get("href", ""))
        for token in _inline_tokens(text)
        if token.type == "link_open" and not is_safe_url(str(token.attrs.get("href", "")))
    ]


def definition_nodes(text: str, on_unsafe: OnUnsafeUrl | None = None) -> list[nodes.Node]:
    """The inline nodes of a definition, ready to go in a paragraph."""
    root = nodes.inline()
    stack: list[nodes.Element] = [root]
    for token in _inline_tokens(text):
        parent = stack[-1]
        kind = token.type
        if kind == "text":
            parent += nodes.Text(token.content)
        elif kind == "code_inline":
            parent += nodes.literal(token.content, token.content)
        elif kind == "image":
            parent += nodes.Text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            parent += nodes.Text(" ")
        elif kind in _CONTAINERS:
            child = _CONTAINERS[kind]()
            parent += child
            stack.append(child)
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if is_safe_url(href):
                link: nodes.Element = nodes.reference("", "", refuri=href)
            else:
                if on_unsafe is not None:
                    on_unsafe(href)
                link = nodes.inline()
            parent += link
            stack.append(link)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif token.content:
            parent += nodes.Text(token.content)
    return list(root.children)


def definition_text(text: str) -> str:
    """The definition as a reader sees it, without markup (for JSON, CSV, search)."""
    return "".join(node.astext() for node in definition_nodes(text))
