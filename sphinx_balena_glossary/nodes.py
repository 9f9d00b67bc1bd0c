"""The term-link nodes and their HTML rendering.

``term_link`` subclasses ``nodes.reference``: Sphinx's translators dispatch
on the class hierarchy, so LaTeX, text, man, texinfo and every other builder
render it as the hyperlink it is. Only HTML adds the hooks of the HTML
contract: ``data-bterm`` (the term key) and, with tooltips on,
``aria-describedby`` pointing to the term's tooltip on the same page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

#: The class every term link carries, in every output.
LINK_CLASS = "bterm"


class term_link(nodes.reference):  # noqa: N801  (docutils node naming)
    """A resolved link to a glossary entry; ``node["bterm"]`` is the term key."""


#: A mention to link: (start, end, term key) in the text of a ``term_mentions`` node.
MentionSpan = tuple[int, int, str]


class term_mentions(nodes.Text):  # noqa: N801
    """Text with term mentions to link, found at read time; the links are made at write time.

    Between reading and writing, Sphinx keeps every doctree of the build in
    memory, and each extra object there slows every full garbage collection
    of the build. So a text with mentions stays one text node, carrying
    plain tuples (which the collector stops tracking) instead of a link
    element per mention. HTML translators write the links straight from the
    spans (:func:`.autolink.visit_term_mentions_html`); for other builders
    :func:`.autolink.make_auto_links` makes link nodes once the doctree is
    resolved. Being text, it reads as text to anything else.
    """

    #: The mentions, in order, not overlapping; empty on a copy made without them.
    spans: tuple[MentionSpan, ...] = ()

    @classmethod
    def with_spans(cls, text: str, spans: tuple[MentionSpan, ...]) -> term_mentions:
        node = cls(text)
        node.spans = spans
        return node

    def copy(self) -> term_mentions:
        return self.with_spans(str(self), self.spans)

    def deepcopy(self) -> term_mentions:
        return self.copy()


class term_text(nodes.inline):  # noqa: N801
    """A term mention with nowhere to link to (no glossary page, no URL)."""


class glossary_filter(nodes.General, nodes.Element):  # noqa: N801
    """Where the HTML glossary page gets its filter box; nothing elsewhere."""


class backrefs(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for an entry's "mentioned in" links; filled once every page is read."""


class tooltip(nodes.General, nodes.Element):  # noqa: N801
    """A term's tooltip (``role="tooltip"``, hidden until shown); HTML only, never in a doctree."""


@dataclass
class PageNeeds:
    """What a page being written needs from the HTML side: tooltips, the filter script.

    The visitors note it as they write the page, so nothing walks the
    doctree a second time to find out.
    """

    #: Keys of the terms the page's links use, in order of first use.
    keys: dict[str, None] = field(default_factory=dict)
    #: Whether the page has a glossary filter box.
    has_filter: bool = False


_needs: WeakKeyDictionary[nodes.document, PageNeeds] = WeakKeyDictionary()


def page_needs(document: nodes.document) -> PageNeeds:
    """What the page of ``document`` (the doctree its translator writes) needs."""
    needs = _needs.get(document)
    if needs is None:
        needs = _needs[document] = PageNeeds()
    return needs


def tooltip_id(key: str) -> str:
    """The id of a term's tooltip: one per term and page, shared by all its links."""
    return f"bterm-tip-{key}"


def for_browsers(builder: Builder) -> bool:
    """HTML pages meant for browsers: scripts, styles and tooltips go there, not into e-books."""
    return builder.format == "html" and not builder.name.startswith("epub")


def tooltips_on(builder: Builder) -> bool:
    return for_browsers(builder) and bool(builder.config.balena_glossary_tooltips)


def _hooks(translator: HTML5Translator, key: str, focusable: bool) -> str:
    """The term hooks of a tag, as attribute text; notes that the page uses the term."""
    page_needs(translator.document).keys.setdefault(key, None)
    attributes = {"data-bterm": key}
    if tooltips_on(translator.builder):
        attributes["aria-describedby"] = tooltip_id(key)
        if focusable:
            attributes["tabindex"] = "0"  # keyboard users reach the tooltip too
    return "".join(f' {attr}="{translator.attval(value)}"' for attr, value in attributes.items())


def _add_attributes(translator: HTML5Translator, node: nodes.Element, focusable: bool) -> None:
    """Put the term hooks on the tag the standard visitor just opened."""
    tag = translator.body[-1]
    name = tag[1 : tag.index(" ")]
    hooks = _hooks(translator, node["bterm"], focusable)
    translator.body[-1] = tag.replace(f"<{name} ", f"<{name}{hooks} ", 1)


def term_link_tag_html(
    translator: HTML5Translator, key: str, href: str, internal: bool, *classes: str
) -> str:
    """The opening tag that visiting a ``term_link`` to ``href`` writes, without making the node.

    For auto links, of which a page can have hundreds: the tag of each term
    is made once per page (see :func:`.autolink.visit_term_mentions_html`).
    """
    kind = "internal" if internal else "external"
    names = " ".join((LINK_CLASS, *classes, "reference", kind))
    return f'<a{_hooks(translator, key, False)} class="{names}" href="{translator.attval(href)}">'


def visit_term_link_html(translator: HTML5Translator, node: term_link) -> None:
    translator.visit_reference(node)
    _add_attributes(translator, node, focusable=False)


def depart_term_link_html(translator: HTML5Translator, node: term_link) -> None:
    translator.depart_reference(node)


def visit_term_text_html(translator: HTML5Translator, node: term_text) -> None:
    translator.visit_inline(node)
    _add_attributes(translator, node, focusable=True)


def depart_term_text_html(translator: HTML5Translator, node: term_text) -> None:
    translator.depart_inline(node)


def visit_tooltip_html(translator: HTML5Translator, node: tooltip) -> None:
    translator.body.append(translator.starttag(node, "div", "", role="tooltip", hidden="hidden"))


def depart_tooltip_html(translator: HTML5Translator, node: tooltip) -> None:
    translator.body.append("</div>")


def visit_glossary_filter_html(translator: HTML5Translator, node: glossary_filter) -> None:
    """A search box, hidden until the page's script shows it (useless without JS)."""
    page_needs(translator.document).has_filter = True
    translator.body.append(
        '<p class="bterm-filter" hidden><label>'
        f"{translator.encode(node['label'])} "
        f'<input type="search" class="bterm-filter-input" autocomplete="off" '
        f'placeholder="{translator.attval(node["placeholder"])}"></label>'
        '<span class="bterm-filter-count" aria-live="polite"></span></p>'
    )
    raise nodes.SkipNode


def skip_node(translator: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """Register the nodes with their HTML visitors and safe defaults elsewhere."""
    app.add_node(term_link, html=(visit_term_link_html, depart_term_link_html))
    app.add_node(term_text, html=(visit_term_text_html, depart_term_text_html))
    app.add_node(tooltip, html=(visit_tooltip_html, depart_tooltip_html))
    skip = (skip_node, None)
    app.add_node(
        glossary_filter,
        html=(visit_glossary_filter_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
