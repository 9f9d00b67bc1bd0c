"""The glossary page's letters in the page's table of contents ("On this page").

The letters are headings of the directive, not document sections (a
directive cannot end the section it stands in), so Sphinx's table of
contents does not know them. Once Sphinx has made the page's table of
contents, the letters are added under the section that holds the glossary,
as the handbook lists them, so every theme's "On this page" shows A–Z.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The class of the container of an unfiltered glossary (excerpts add no letters).
FULL_PAGE_CLASS = "bterm-full-glossary"
#: The class of a letter heading.
LETTER_CLASS = "bterm-letter"


def _entry(docname: str, title: str, anchor: str) -> nodes.list_item:
    reference = nodes.reference("", title, internal=True, refuri=docname, anchorname=f"#{anchor}")
    return nodes.list_item("", addnodes.compact_paragraph("", "", reference))


def _item_of(toc: nodes.Node, anchor: str) -> nodes.list_item | None:
    """The table-of-contents item of the section ``anchor`` names (``""``: the page)."""
    for reference in toc.findall(nodes.reference):
        if reference.get("anchorname") == anchor and isinstance(
            reference.parent.parent, nodes.list_item
        ):
            return reference.parent.parent
    return None


def add_letters(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's own collector: list each glossary's letters."""
    env = app.env
    toc = env.tocs.get(env.docname)
    if toc is None or env.docname not in get_domain(env).listings:
        return  # no glossary on the page
    for container in doctree.findall(nodes.container):
        if FULL_PAGE_CLASS not in container["classes"]:
            continue
        letters = [
            (heading.astext(), heading["ids"][0])
            for heading in container.findall(nodes.rubric)
            if LETTER_CLASS in heading["classes"] and heading["ids"]
        ]
        section = next(
            (node for node in _ancestors(container) if isinstance(node, nodes.section)), None
        )
        # the page's first section is the page itself in its table of contents: no anchor
        first = next(iter(doctree.findall(nodes.section)), None)
        anchor = "" if section is None or section is first else f"#{section['ids'][0]}"
        item = _item_of(toc, anchor)
        if item is None:
            continue
        entries = next((c for c in item.children if isinstance(c, nodes.bullet_list)), None)
        if entries is None:
            entries = nodes.bullet_list()
            item += entries
        entries.extend(_entry(env.docname, letter, ident) for letter, ident in letters)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def register(app: Sphinx) -> None:
    # after Sphinx's TocTreeCollector (priority 500) has made the page's table of contents
    app.connect("doctree-read", add_letters, priority=600)
