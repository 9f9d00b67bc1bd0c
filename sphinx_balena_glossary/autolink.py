"""Auto-linking: plain mentions of glossary terms become term links.

Mentions are found at read time (the glossary is loaded before any document
is read), so parallel builds share the matching, and each text with mentions
becomes one :class:`.nodes.term_mentions` text node that remembers where
they are. As each page is written, they become the same term links the
``:bterm:`` role makes (plus class ``bterm-auto``): HTML translators write
them straight from the spans (:func:`visit_term_mentions_html`), other
builders get link nodes (:func:`make_auto_links`).

Precision comes from what is never linked: titles and captions, literal and
code text, raw and math, comments and other invisible nodes, text already in
a reference or target, index entries, option lists, field names, definition
list terms, text that inline raw HTML wraps in ``<code>``, ``<a>``, ``<kbd>``
or a heading, and a term inside its own glossary entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher as GlobMatcher

from .domain import DOMAIN, TermLinker, get_domain
from .matcher import Matcher, Mention, NamePattern
from .model import is_all_caps
from .nodes import MentionSpan, term_link_tag_html, term_mentions

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .domain import BtermDomain
    from .model import Glossary

#: Subtrees whose text is never linked.
SKIPPED: tuple[type, ...] = (
    nodes.Invisible,  # comments, targets, substitution definitions, pending nodes
    nodes.FixedTextElement,  # literal, doctest and math blocks, addresses
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.caption,
    nodes.term,
    nodes.field_name,
    nodes.option_list,
    nodes.literal,
    nodes.raw,
    nodes.math,
    nodes.reference,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.label,
    nodes.abbreviation,
    nodes.problematic,
    nodes.system_message,
    nodes.image,
    addnodes.pending_xref,
    addnodes.index,
    addnodes.toctree,
    addnodes.desc_signature,
    addnodes.productionlist,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
)
#: Inline raw HTML tags whose content is code, a link or a heading.
_RAW_TAG = re.compile(r"<(/?)(code|a|kbd|samp|tt|var|pre|h[1-6])\b[^>]*?(/?)>", re.IGNORECASE)

MODES = ("first", "all", "off")
METADATA_FIELD = "bterm-autolink"
#: Extra class of links made by auto-linking.
AUTO_CLASS = "bterm-auto"


def build_matcher(glossary: Glossary) -> Matcher:
    """One matcher per build, over every name and alias of the terms that allow autolinking."""
    return Matcher(
        NamePattern(name, term.key, term.is_case_sensitive(name))
        for term in glossary
        if term.autolink
        for name in term.names
    )


def _raw_html_depth(node: nodes.raw, depth: int) -> int:
    """Depth of open code/link/heading tags after an inline raw HTML node."""
    if "html" not in node.get("format", "").split():
        return depth
    for closing, _tag, self_closing in _RAW_TAG.findall(node.astext()):
        if self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
    return depth


def text_nodes(
    node: nodes.Element, excluded: frozenset[str] = frozenset()
) -> list[tuple[nodes.Text, frozenset[str]]]:
    """Linkable text nodes, in document order, with the term keys excluded there.

    Texts already found to hold mentions are not linkable again.
    """
    found: list[tuple[nodes.Text, frozenset[str]]] = []
    _collect_text_nodes(node, excluded, found)
    return found


def _collect_text_nodes(
    node: nodes.Element, excluded: frozenset[str], found: list[tuple[nodes.Text, frozenset[str]]]
) -> None:
    # a list filled by plain recursion: every page's every element comes through here,
    # and a chain of generators would pass each text up through all its ancestors
    entry = node.attributes.get("bterm_entry")
    if entry is not None:  # a definition on the glossary page: not its own term
        excluded = excluded | {entry}
    raw_depth = 0
    for child in node.children:
        if isinstance(child, nodes.Text):
            if not raw_depth and not isinstance(child, term_mentions):
                found.append((child, excluded))
        elif isinstance(child, nodes.raw):
            raw_depth = _raw_html_depth(child, raw_depth)
        elif not isinstance(child, SKIPPED):
            _collect_text_nodes(child, excluded, found)  # type: ignore[arg-type]


def _shouted(mention: str, key: str, glossary: Glossary) -> bool:
    """An all-caps mention of a term none of whose names is all-caps ("FIN" for "Fin").

    Such a mention is almost always another acronym (a TCP "FIN packet"), so
    it is not linked; "HUP" for the all-caps alias HUP still is.
    """
    if not is_all_caps(mention):
        return False
    term = glossary.by_key(key)
    return term is not None and not any(is_all_caps(name) for name in term.names)


def _autolink_off_in_metadata(document: nodes.document) -> bool:
    """``bterm-autolink: off`` in the reST docinfo or the MyST front matter.

    Both put the docinfo at the top level of the document, so only there is it looked for.
    """
    docinfo = next((c for c in document.children if isinstance(c, nodes.docinfo)), None)
    if docinfo is None:
        return False
    for field in docinfo.findall(nodes.field):
        name, body = field[0].astext().strip().lower(), field[1].astext().strip().lower()
        if name == METADATA_FIELD:
            return body in ("off", "false", "no", "0")
    return False


def _visible_text(text: nodes.Text) -> str:
    """What ``text.astext()`` gives, without its cost when there is no escape marker to drop."""
    value = str(text)
    return text.astext() if "\x00" in value else value


def _mentions(
    domain: BtermDomain,
    value: str,
    found: list[Mention],
    excluded: frozenset[str],
    linked: set[str] | None,
) -> list[Mention]:
    """The ``found`` mentions to link: not excluded, not shouted, and (with ``linked``) new."""
    result = []
    for mention in found:
        if mention.key in excluded or (linked is not None and mention.key in linked):
            continue
        if _shouted(value[mention.start : mention.end], mention.key, domain.glossary):
            continue
        if linked is not None:
            linked.add(mention.key)
        result.append(mention)
    return result


#: Makes the link of one mention from its text and its term key.
LinkMaker = Callable[[str, str], nodes.Node]


def split_mentions(value: str, spans: Iterable[MentionSpan]) -> Iterator[tuple[str, str | None]]:
    """``value`` cut at the ``(start, end, key)`` spans: each mention with its key, the rest with None.

    A :class:`.Mention` is such a span too.
    """
    position = 0
    for start, end, key in spans:
        if start > position:
            yield value[position:start], None
        yield value[start:end], key
        position = end
    if position < len(value):
        yield value[position:], None


def link_mentions(text: nodes.Text, spans: Iterable[MentionSpan], make_link: LinkMaker) -> None:
    """Replace ``text`` in its parent by its pieces, each mention made a link by ``make_link``."""
    _replace_text(
        text,
        [
            nodes.Text(piece) if key is None else make_link(piece, key)
            for piece, key in split_mentions(text.astext(), spans)
        ],
    )


def _replace_text(text: nodes.Text, replacement: list[nodes.Node]) -> None:
    """Put ``replacement`` where ``text`` is in its parent."""
    parent = text.parent
    # Text nodes compare by value (``parent.replace`` could pick a twin): go by identity
    index = next(i for i, child in enumerate(parent.children) if child is text)
    parent[index : index + 1] = replacement


def _linked_already(document: nodes.document) -> set[str]:
    """Keys of the terms a document links to already: explicit ``:bterm:`` links, found mentions."""
    linked: set[str] = set()
    for node in document.findall(_is_link_or_mentions):
        if isinstance(node, term_mentions):
            linked.update(key for _start, _end, key in node.spans)
        elif isinstance(node, addnodes.pending_xref) and node.get("refdomain") == DOMAIN:
            linked.add(node["reftarget"])
    return linked


def _is_link_or_mentions(node: nodes.Node) -> bool:
    return isinstance(node, (addnodes.pending_xref, term_mentions))


class AutoLink(SphinxTransform):
    """Find plain mentions of terms; each text holding some becomes a ``term_mentions`` node."""

    # after smart quotes (750), which replaces every text node it looks at,
    # and before the doctree-read event (880)
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        config = self.config
        mode = config.balena_glossary_autolink
        domain = get_domain(self.env)
        docname = self.env.docname
        if mode == "off" or not domain.matcher:
            return
        if GlobMatcher(config.balena_glossary_autolink_exclude)(docname):
            return
        if _autolink_off_in_metadata(self.document):
            return
        # in "first" mode, explicit :bterm: links count as the first mention
        linked = _linked_already(self.document) if mode == "first" else None
        changes = []
        find = domain.matcher.find
        for text, excluded in text_nodes(self.document):
            value = _visible_text(text)
            found = find(value)
            mentions = _mentions(domain, value, found, excluded, linked) if found else found
            if mentions:
                changes.append((text, value, mentions))
        for text, value, mentions in changes:
            for mention in mentions:
                term = domain.glossary.by_key(mention.key)
                if term is not None:
                    domain.note_mention(docname, term, text.parent)
            # plain tuples of ints and strings, which the garbage collector stops tracking
            spans = tuple((start, end, key) for start, end, key in mentions)
            _replace_text(text, [term_mentions.with_spans(value, spans)])


def _auto_link_maker(link_to: TermLinker, glossary: Glossary) -> LinkMaker:
    """Makes the link nodes of one page's auto links."""

    def auto_link(title: str, key: str) -> nodes.Node:
        term = glossary.by_key(key)
        if term is None:  # gone from the data since the page was read
            return nodes.Text(title)
        return link_to(term, nodes.Text(title), AUTO_CLASS)

    return auto_link


def make_auto_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn the mentions found at read time into link nodes, once the doctree is resolved.

    HTML builders skip this: their translator writes the links itself (see
    :func:`visit_term_mentions_html`).
    """
    if isinstance(app.builder, StandaloneHTMLBuilder):
        return
    found = list(doctree.findall(term_mentions))
    if found:
        domain = get_domain(app.env)
        auto_link = _auto_link_maker(TermLinker(domain, app.builder, docname), domain.glossary)
        for text in found:
            link_mentions(text, text.spans, auto_link)


class _HTMLAutoLinks:
    """Writes the auto links of one page.

    The opening tag of each term's links is made once per page (where the
    glossary is seen from the page, the term hooks), then each link costs
    three strings. Kept per document being written, so it must not hold
    the document (nor the translator, which does).
    """

    __slots__ = ("_auto_link", "_glossary", "_link_to", "_tags")

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        domain = get_domain(builder.env)
        self._glossary = domain.glossary
        self._link_to = TermLinker(domain, builder, builder.current_docname)
        self._auto_link = _auto_link_maker(self._link_to, self._glossary)
        #: Opening tag per term key; None: no tag (no such term, or nowhere to link)
        self._tags: dict[str, str | None] = {}

    def _tag(self, translator: HTML5Translator, key: str) -> str | None:
        term = self._glossary.by_key(key)
        href = None if term is None else self._link_to.href(term)
        if href is None:
            return None
        return term_link_tag_html(translator, key, href, self._link_to.internal, AUTO_CLASS)

    def write(
        self, translator: HTML5Translator, title: str, key: str, parent: nodes.Element | None
    ) -> None:
        """Write the link of one mention; one with no tag goes through its node."""
        try:
            tag = self._tags[key]
        except KeyError:
            tag = self._tags[key] = self._tag(translator, key)
        if tag is None:
            link = self._auto_link(title, key)
            link.parent = parent  # the link visitors look at the enclosing element
            link.walkabout(translator)
        else:
            text = nodes.Text(title)
            text.parent = parent
            translator.body.append(tag)
            translator.visit_Text(text)
            translator.body.append("</a>")


#: The auto-link writer of each page being written.
_page_writers: WeakKeyDictionary[nodes.document, _HTMLAutoLinks] = WeakKeyDictionary()


def visit_term_mentions_html(translator: HTML5Translator, node: term_mentions) -> None:
    """Write a text's mentions as term links, with no link nodes.

    A page can have hundreds of auto links: writing each tag directly costs
    a fraction of making and visiting a node, and link nodes made for the
    whole page before it is written would live through its writing and reach
    the garbage collector's oldest generation.
    """
    links = _page_writers.get(translator.document)
    if links is None:
        links = _page_writers[translator.document] = _HTMLAutoLinks(translator.builder)
    parent = node.parent
    # its text came from astext(): no escape markers left to drop
    for piece, key in split_mentions(str(node), node.spans):
        if key is None:
            text = nodes.Text(piece)
            text.parent = parent
            translator.visit_Text(text)
        else:
            links.write(translator, piece, key, parent)
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    app.add_transform(AutoLink)
    # early, so that other extensions' handlers see the finished links (non-HTML builders)
    app.connect("doctree-resolved", make_auto_links, priority=100)
    # a text node: Sphinx registers visitors for any node class, though typed for elements
    app.add_node(term_mentions, html=(visit_term_mentions_html, None))  # type: ignore[arg-type]
