"""The "Mentioned in" line under each glossary entry: the pages that link to the term.

Which pages link where is only known once every page is read, so the
directive leaves a placeholder and this fills it when the page is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .domain import get_domain
from .entry_nodes import joined
from .nodes import backrefs
from .translations import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fill_backrefs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with links to the pages mentioning its term, or remove it."""
    domain = get_domain(app.env)
    if not domain.listings:  # no balena-glossary directive anywhere: nothing to look for
        return
    placeholders = list(doctree.findall(backrefs))
    if not placeholders:
        return
    mentions = domain.mentions(app.builder.tags)
    for placeholder in placeholders:
        pages = [page for page in mentions.get(placeholder["bterm"], []) if page != docname]
        if not pages:
            placeholder.parent.remove(placeholder)
            continue
        line = nodes.paragraph(classes=["bterm-backrefs"])
        line += nodes.Text(_("Mentioned in:") + " ")
        line.extend(joined(_page_link(app, docname, page) for page in pages))
        placeholder.replace_self(line)


def _page_link(app: Sphinx, docname: str, page: str) -> nodes.reference:
    title = app.env.titles[page].astext() if page in app.env.titles else page
    uri = app.builder.get_relative_uri(docname, page)
    return nodes.reference(title, title, internal=True, refuri=uri)


def register(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_backrefs)
