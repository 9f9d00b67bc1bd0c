"""The extension's doctree nodes, and the safe defaults non-HTML builders write for them.

``term_link`` subclasses ``nodes.reference``: Sphinx's translators dispatch
on the class hierarchy, so LaTeX, text, man, texinfo and every other builder
render it as the hyperlink it is. How HTML writes each node lives in
:mod:`.html_output`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from docutils import nodes

#: The class every term link carries, in every output.
LINK_CLASS = "bterm"
#: Extra class of links made by auto-linking.
AUTO_CLASS = "bterm-auto"


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
    spans (:mod:`.html_output`); for other builders :func:`.autolink.make_auto_links`
    makes link nodes once the doctree is resolved. Being text, it reads as
    text to anything else.
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


def split_mentions(value: str, spans: Iterable[MentionSpan]) -> Iterator[tuple[str, str | None]]:
    """``value`` cut at the ``(start, end, key)`` spans: each mention with its key, the rest with None."""
    position = 0
    for start, end, key in spans:
        if start > position:
            yield value[position:start], None
        yield value[start:end], key
        position = end
    if position < len(value):
        yield value[position:], None


class term_text(nodes.inline):  # noqa: N801
    """A term mention with nowhere to link to (no glossary page, no URL)."""


class glossary_filter(nodes.General, nodes.Element):  # noqa: N801
    """Where the HTML glossary page gets its filter box; nothing elsewhere."""


class letter_bar(nodes.paragraph):  # noqa: N801
    """The glossary page's A–Z jump links: for screens only (print has page numbers)."""


class backrefs(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for an entry's "mentioned in" links; filled once every page is read."""


class tooltip(nodes.General, nodes.Element):  # noqa: N801
    """What holds a tooltip's paragraphs while they are written (the tooltip's element is
    written around them); HTML only, never in a doctree, never visited."""


def skip_node(translator: object, node: nodes.Element) -> None:
    """The visitor of a node that has nothing to write in this output."""
    raise nodes.SkipNode


class badge(nodes.inline):  # noqa: N801
    """A badge after an entry's name ("balena specific term", "deprecated"): styled in HTML for
    browsers and in LaTeX, in brackets where there is no style (plain text, e-books)."""


class glossary_pageref(nodes.Inline, nodes.Element):  # noqa: N801
    """ "Glossary, p. 12" in LaTeX: the page of the entry whose label is ``node["label"]``.
    Only LaTeX builds get one."""
