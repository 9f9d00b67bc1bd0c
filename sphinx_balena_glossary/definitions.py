"""Definition text: the inline Markdown a data file allows, read without Sphinx or docutils.

Definitions allow *emphasis*, **strong**, ``code`` and [links](https://...),
nothing else: raw HTML is text, images are their alt text, and links with
unsafe schemes keep their text but lose the link. Parsing uses
markdown-it-py, which MyST-Parser already brings, for any definition beyond the
plain subset that :mod:`.plain_markup` reads with the same result. The loader checks links
here and exports take the plain text from here; the build turns the same
tokens into docutils nodes (:func:`.entry_nodes.definition_nodes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote, urljoin

from .plain_markup import link_href, plain_pieces
from .urls import is_safe_url, url_scheme

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Opening tokens of the containers a definition may hold (emphasis, strong, strike-through).
CONTAINERS = frozenset(("em_open", "strong_open", "s_open"))
#: Tokens that end a line inside a definition: read as one space.
BREAKS = frozenset(("softbreak", "hardbreak"))
#: The link target scheme of a link to another term: ``[Docker images](<term:Docker image>)``.
TERM_SCHEME = "term:"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The definitions' parser, imported on first use: a rebuild that parses no definition
    (the data and the pages unchanged) and the command line's ``validate`` skip importing it."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
    # Accept every link target here: our own check warns about the unsafe ones
    # instead of silently leaving "[text](javascript:...)" as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.normalizeLink = link_href  # type: ignore[method-assign,assignment]
    return parser


#: What follows "](" (an inline link's target) and what an autolink holds: cheap candidates.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\s]*)>")
#: Characters that can start inline Markdown; text without any is plain text.
_MARKUP = re.compile(r"[*_`\[\]<>&\\!~\n]")


class Piece(NamedTuple):
    """One inline token of a definition, as much of it as anything reads."""

    type: str
    #: The text (an image's: its alt text).
    content: str = ""
    #: A link's target (``link_open``).
    href: str = ""


#: Definitions kept parsed: a tooltip, ``glossary.json`` and the search card each read every
#: definition they show; parsed once, read by all.
_PARSED_DEFINITIONS = 1 << 14


def inline_tokens(text: str) -> Iterator[Piece]:
    """The inline tokens of a definition (one text token when there is no markup)."""
    return map(Piece._make, _parsed(text))


@lru_cache(maxsize=_PARSED_DEFINITIONS)
def _parsed(text: str) -> tuple[tuple[str, str, str], ...]:
    """The fields of each :class:`Piece` of a definition, kept as plain tuples of strings:
    the garbage collector stops looking at those, whereas it would scan every kept piece
    (a tuple subclass) at each full collection for the rest of the build."""
    if not _MARKUP.search(text):
        return (("text", text, ""),) if text else ()
    plain = plain_pieces(text)
    return markdown_it_pieces(text) if plain is None else plain


def markdown_it_pieces(text: str) -> tuple[tuple[str, str, str], ...]:
    """The fields of each inline token markdown-it reads in ``text``."""
    tokens = _parser().parseInline(text)
    children = (tokens[0].children or []) if tokens else []
    return tuple(_fields(token) for token in children)


def _fields(token: Token) -> tuple[str, str, str]:
    return token.type, token.content, str(token.attrs.get("href", ""))


def link_target(token: Piece) -> str:
    return token.href


def term_name(href: str) -> str | None:
    """The term a ``term:`` link names (``[Docker images](<term:Docker image>)``), else None."""
    if href[: len(TERM_SCHEME)].lower() != TERM_SCHEME:
        return None
    return unquote(href[len(TERM_SCHEME) :]).strip()


def acceptable(href: str) -> bool:
    """Whether a link of a definition may stay a link: a ``term:`` link or a safe URL."""
    return term_name(href) is not None or is_safe_url(href)


def unsafe_urls(text: str) -> list[str]:
    """Link targets in ``text`` that would be dropped (``javascript:`` and friends)."""
    targets = _LINK_TARGET.findall(text) + _AUTOLINK.findall(text)
    if all(map(acceptable, targets)):
        return []  # nothing that could be unsafe: skip the parse (large glossaries load faster)
    return [href for href in link_targets(text) if not acceptable(href)]


def link_targets(text: str) -> list[str]:
    """The target of every link in ``text``, in order."""
    if "](" not in text and "<" not in text:
        return []
    return [link_target(token) for token in inline_tokens(text) if token.type == "link_open"]


def term_links(text: str) -> list[str]:
    """The terms the ``term:`` links of ``text`` name."""
    if TERM_SCHEME not in text.lower():
        return []
    return [name for name in map(term_name, link_targets(text)) if name is not None]


_TERM_DESTINATION = re.compile(r"(?<=\]\()(\s*)(<term:[^<>\n]*>|term:[^\s()<>]*)", re.IGNORECASE)


def replace_term_links(text: str, href_for: Callable[[str], str | None]) -> str:
    """``text`` with the destination of each ``term:`` link replaced by ``href_for`` its term
    name (a page that cannot use ``term:`` links); links it answers None for stay."""

    def replaced(match: re.Match[str]) -> str:
        name = term_name(match[2].strip("<>"))
        href = href_for(name) if name is not None else None
        return match[0] if href is None else match[1] + href

    return _TERM_DESTINATION.sub(replaced, text) if TERM_SCHEME in text.lower() else text


def resolve(href: str, base: str) -> str:
    """``href`` made absolute against ``base`` (a relative link of a definition); as it is
    without a base or when it is absolute already."""
    return urljoin(base, href) if base and not url_scheme(href) else href


def token_text(token: Piece) -> str:
    """What a reader sees of one token: its content, a space for a line break, nothing for
    the opening and closing of containers and links."""
    if token.type in BREAKS:
        return " "
    return token.content


@lru_cache(maxsize=_PARSED_DEFINITIONS)
def definition_text(text: str) -> str:
    """The definition as a reader sees it, without markup (for JSON, CSV, search)."""
    return "".join(map(token_text, inline_tokens(text)))


#: Gives the ``href`` a link of a definition gets where it is shown, or None for text only.
HrefFor = Callable[[str], "str | None"]

_HTML_TAGS = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>"}
_HTML_TAGS |= {"strong_close": "</strong>", "s_open": "<s>", "s_close": "</s>"}


def definition_html(text: str, href_for: HrefFor) -> str:
    """The definition as safe HTML, every text escaped; links get ``href_for``'s target."""
    out: list[str] = []
    closing: list[str] = []
    for token in inline_tokens(text):
        kind = token.type
        if kind == "code_inline":
            out.append(f"<code>{escape(token.content)}</code>")
        elif kind in _HTML_TAGS:
            out.append(_HTML_TAGS[kind])
        elif kind == "link_open":
            target = link_target(token)
            href = href_for(target) if acceptable(target) else None
            out.append(f'<a href="{escape(href)}">' if href is not None else "")
            closing.append("</a>" if href is not None else "")
        elif kind == "link_close" and closing:
            out.append(closing.pop())
        else:
            out.append(escape(token_text(token)))
    return "".join(out)
