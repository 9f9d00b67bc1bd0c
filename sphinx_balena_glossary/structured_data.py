"""The glossary page's terms as schema.org data (a ``DefinedTermSet`` of ``DefinedTerm``), in a
JSON-LD block, so search engines and other tools read the glossary without scraping it.

The block is data, never run (``type="application/ld+json"``), and every ``<``, ``>`` and
``&`` in it is written as a JSON escape, so no name or definition can end the block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import settings
from .definitions import definition_text
from .domain import get_domain
from .html_output import for_browsers, json_for_script
from .json_output import entry_base

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .model import Glossary


def defined_term_set(glossary: Glossary, name: str, page_url: str | None) -> str:
    """The JSON-LD text of ``glossary`` as published on ``page_url`` (None: anchors only)."""

    def url(anchor: str) -> str:
        return f"{page_url}#{anchor}" if page_url else f"#{anchor}"

    terms: list[dict[str, Any]] = []
    for term in glossary:
        entry: dict[str, Any] = {"@type": "DefinedTerm", "name": term.term}
        if term.aliases:
            entry["alternateName"] = list(term.aliases)
        entry["description"] = definition_text(term.summary or term.definition)
        entry["url"] = url(term.anchor)
        terms.append(entry)
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "DefinedTermSet"}
    data["name"] = name
    if page_url:
        data["url"] = page_url
    data["hasDefinedTerm"] = terms
    return json_for_script(data)


def add_structured_data(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the block goes on the glossary page of HTML builds for browsers."""
    domain = get_domain(app.env)
    if pagename != domain.glossary_page() or not for_browsers(app.builder):
        return
    if not settings(app.config).json or "body" not in context:
        return
    base = entry_base(app)
    absolute = base if base and "://" in base else None
    title = f"{app.config.project} glossary"
    block = defined_term_set(domain.glossary, title, absolute)
    context["body"] += f'<script type="application/ld+json">{block}</script>'


def register(app: Sphinx) -> None:
    app.connect("html-page-context", add_structured_data)
