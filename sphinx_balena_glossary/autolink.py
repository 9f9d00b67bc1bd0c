"""Auto-linking: plain mentions of glossary terms become term links.

It happens in two steps, because which mentions link depends on what the
current builder writes:

* **Reading** (:class:`AutoLink`, a transform, so parallel builds share it):
  each run of prose text is searched with the build's matcher; the mentions
  that the rules of :mod:`.context` and the structural rules below keep are
  remembered as spans in one :class:`.nodes.term_mentions` text node per run.
  Every such mention is kept; the walk also notes which pages link which
  terms (explicitly or not), under which ``.. only::`` condition, for the
  glossary's back-references.
* **Resolving** (:func:`make_auto_links`, at ``doctree-resolved``, when
  ``only`` content is settled for the builder and explicit links are
  resolved): the page is read in order and the mode chooses which mentions
  link — ``first`` per page, ``section`` per section, or ``all``; an
  explicit link to an entry (``:bterm:``, ``:term:``, any link to its
  anchor) counts as a mention where it stands. HTML translators then write
  the links straight from the spans (:func:`visit_term_mentions_html`);
  other builders get link nodes here.

Structural rules — never linked: titles and captions, table headers,
literal and code text, raw and math, comments and other invisible nodes,
reST docinfo and MyST front matter, text already in a reference or target,
index entries, option lists, field names, definition list terms, GUI
labels (``:guilabel:``, ``:menuselection:``), text that inline raw HTML wraps
in ``<code>``, ``<a>``, ``<kbd>`` or a heading, a term inside its own
glossary entry, and a mention inside short emphasis that says more than the
term ("click **Add device**", "**ASUS Tinker Edge T**"). A run of text is
searched whole, so a name wrapped over two lines of Markdown is found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher as GlobMatcher

from .config import AutolinkMode, PrintNotes, settings
from .context import SHORT_PHRASE, WINDOW, says_more
from .domain import DOMAIN, TermLinker, get_domain
from .html_output import writes_html
from .matcher import Mention
from .nodes import AUTO_CLASS, MentionSpan, split_mentions, term_link, term_mentions, term_text
from .print_notes import notes_for

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

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
    nodes.thead,
    nodes.term,
    nodes.field_name,
    nodes.docinfo,  # reST bibliographic fields, MyST front matter
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
#: Classes of inline text that names a control of a user interface.
LABEL_CLASSES = frozenset(("guilabel", "menuselection"))
#: Inline raw HTML tags whose content is code, a link or a heading.
_RAW_TAG = re.compile(r"<(/?)(code|a|kbd|samp|tt|var|pre|h[1-6])\b[^>]*?(/?)>", re.IGNORECASE)
_EMPHASIS = (nodes.emphasis, nodes.strong)

METADATA_FIELD = "bterm-autolink"


def _raw_html_depth(node: nodes.raw, depth: int) -> int:
    """Depth of open code/link/heading tags after an inline raw HTML node."""
    if "html" not in node.get("format", "").split():
        return depth
    for closing, _tag, self_closing in _RAW_TAG.findall(node.astext()):
        if self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
    return depth


#: Adjacent text nodes read as one text, the term keys excluded there, and the
#: ``only`` condition they are under ("" for none).
TextRun = tuple[list[nodes.Text], frozenset[str], str]
#: A term an explicit link (``:bterm:``, ``:term:``) points to, with its condition.
ExplicitLink = tuple[str, str]


class _Walk:
    """The prose of a document, in document order: text runs and explicit links."""

    __slots__ = ("explicit", "glossary", "runs")

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.runs: list[TextRun] = []
        self.explicit: list[ExplicitLink] = []

    def visit(self, node: nodes.Element, excluded: frozenset[str], condition: str) -> None:
        # plain recursion filling lists: every element of every page comes through here
        entry = node.attributes.get("bterm_entry")
        if entry is not None:  # a definition on the glossary page: not its own term
            excluded = excluded | {entry}
        if isinstance(node, addnodes.only):
            condition = f"({condition}) and ({node['expr']})" if condition else node["expr"]
        raw_depth = 0
        run: list[nodes.Text] | None = None
        for child in node.children:
            if isinstance(child, nodes.Text):
                if raw_depth or isinstance(child, term_mentions):
                    run = None
                elif run is None:
                    run = [child]
                    self.runs.append((run, excluded, condition))
                else:
                    run.append(child)
                continue
            run = None
            if isinstance(child, nodes.raw):
                raw_depth = _raw_html_depth(child, raw_depth)
            elif isinstance(child, addnodes.pending_xref):
                key = self._explicit_key(child)
                if key is not None:
                    self.explicit.append((key, condition))
            elif not isinstance(child, SKIPPED) and not (
                type(child) is nodes.inline and LABEL_CLASSES.intersection(child["classes"])
            ):
                self.visit(child, excluded, condition)  # type: ignore[arg-type]

    def _explicit_key(self, xref: addnodes.pending_xref) -> str | None:
        """The term a ``:bterm:`` or ``:term:`` reference links to, if it is one of ours."""
        domain, kind = xref.get("refdomain"), xref.get("reftype")
        if domain == DOMAIN:
            return str(xref["reftarget"])
        if domain == "std" and kind == "term":
            term = self.glossary.lookup(xref["reftarget"])
            return term.key if term is not None else None
        return None


def text_runs(document: nodes.document, glossary: Glossary) -> list[TextRun]:
    """The linkable text of ``document``, as runs of adjacent text nodes, in document order.

    Texts already found to hold mentions are not linkable again.
    """
    walk = _Walk(glossary)
    walk.visit(document, frozenset(), "")
    return walk.runs


def is_off(value: object) -> bool:
    """Whether a page's metadata value turns something off: ``off``, ``false`` (what YAML
    front matter makes of ``off``), ``no`` or ``0``."""
    return str(value).strip().lower() in ("off", "false", "no", "0")


def opted_out(document: nodes.document, field_name: str = METADATA_FIELD) -> bool:
    """``bterm-autolink: off`` (or ``field_name``) in the reST docinfo or the MyST front matter.

    Both put the docinfo at the top level of the document, so only there is it looked for.
    """
    docinfo = next((c for c in document.children if isinstance(c, nodes.docinfo)), None)
    if docinfo is None:
        return False
    for field in docinfo.findall(nodes.field):
        if field[0].astext().strip().lower() == field_name:
            return is_off(field[1].astext())
    return False


def _visible_text(text: nodes.Text) -> str:
    """What ``text.astext()`` gives, without its cost when there is no escape marker to drop."""
    value = str(text)
    return text.astext() if "\x00" in value else value


def _around(texts: list[nodes.Text]) -> tuple[str, str]:
    """The end of the text before a run and the start of the text after it.

    At an edge of inline markup (``*module* files``), the text outside the markup counts.
    """
    return _beside(texts[0], -1), _beside(texts[-1], 1)


def _beside(node: nodes.Node, step: int) -> str:
    """Up to :data:`.context.WINDOW` characters of text next to ``node``: before it (``step``
    -1) or after it (1), climbing out of inline markup when ``node`` is at its edge."""
    parent: nodes.Element | None = node.parent
    while parent is not None:
        siblings = parent.children
        index = next(i for i, child in enumerate(siblings) if child is node) + step
        if 0 <= index < len(siblings):
            text = siblings[index].astext()
            return text[-WINDOW:] if step < 0 else text[:WINDOW]
        if not isinstance(parent, nodes.Inline):
            break
        node, parent = parent, parent.parent
    return ""


def _short_emphasis(texts: list[nodes.Text]) -> str | None:
    """The phrase of the short emphasis (``**Add device**``) the run is in, if it is in one."""
    parent = texts[0].parent
    if not isinstance(parent, _EMPHASIS):
        return None
    phrase = parent.astext()
    return phrase if len(phrase.split()) <= SHORT_PHRASE else None


def _find_in_run(domain: BtermDomain, run: TextRun) -> tuple[str, list[Mention]]:
    """The text of a run and the mentions in it that may link."""
    texts, excluded, _condition = run
    value = _visible_text(texts[0]) if len(texts) == 1 else "".join(map(_visible_text, texts))
    found = domain.matcher.find(value)
    if not found:
        return value, found
    kept = domain.rules.keep(value, found, *_around(texts))
    phrase = _short_emphasis(texts) if kept else None
    return value, [
        mention
        for mention in kept
        if mention.key not in excluded
        and (phrase is None or not says_more(phrase, value[mention.start : mention.end]))
    ]


#: Makes the link of one mention from its text and its term key.
MentionLinker = Callable[[str, str], nodes.Node]


def link_mentions(text: nodes.Text, spans: Iterable[MentionSpan], make_link: MentionLinker) -> None:
    """Replace ``text`` in its parent by its pieces, each mention made a link by ``make_link``."""
    _replace_texts(
        [text],
        [
            nodes.Text(piece) if key is None else make_link(piece, key)
            for piece, key in split_mentions(text.astext(), spans)
        ],
    )


def _replace_texts(texts: list[nodes.Text], replacement: list[nodes.Node]) -> None:
    """Put ``replacement`` where the adjacent ``texts`` are in their parent."""
    parent = texts[0].parent
    first = texts[0]
    # Text nodes compare by value (``parent.index`` could pick a twin): go by identity
    index = next(i for i, child in enumerate(parent.children) if child is first)
    parent[index : index + len(texts)] = replacement


class AutoLink(SphinxTransform):
    """Find plain mentions of terms; each run of text holding some becomes a ``term_mentions`` node.

    Also notes, for every page, the terms it links to (explicitly or not).
    """

    # after smart quotes (750), which replaces every text node it looks at,
    # and before the doctree-read event (880)
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        walk = _Walk(domain.glossary)
        walk.visit(self.document, frozenset(), "")
        for key, condition in walk.explicit:
            domain.note_usage(docname, key, condition)
        if not self._autolinks():
            return
        changes = []
        for run in walk.runs:
            value, mentions = _find_in_run(domain, run)
            if mentions:
                changes.append((run, value, mentions))
        glossary = domain.glossary
        for (texts, _excluded, condition), value, mentions in changes:
            for mention in mentions:
                term = glossary.by_key(mention.key)
                if term is not None:
                    domain.note_usage(docname, term.key, condition)
            # plain tuples of ints and strings, which the garbage collector stops tracking
            spans = tuple((start, end, key) for start, end, key in mentions)
            _replace_texts(texts, [term_mentions.with_spans(value, spans)])

    def _autolinks(self) -> bool:
        """Whether this page's plain mentions may be linked."""
        project = settings(self.config)
        return (
            project.autolink is not AutolinkMode.OFF
            and bool(get_domain(self.env).matcher)
            and not GlobMatcher(project.autolink_exclude)(self.env.docname)
            and not opted_out(self.document)
        )


def _linked_entry(reference: nodes.reference, glossary: Glossary) -> str | None:
    """The term an author's link points to: a link to its entry's anchor, or a ``:term:`` link."""
    anchor = reference.get("refid") or reference.get("refuri", "").rpartition("#")[2]
    if anchor.startswith("term-") and glossary.by_key(anchor[5:]) is not None:
        return anchor[5:]
    first = reference.children[0] if reference.children else None
    if isinstance(first, nodes.Element) and "std-term" in first["classes"]:
        term = glossary.lookup(reference.astext())
        return term.key if term is not None else None
    return None


class _Choice:
    """Which mentions of a resolved page link: the first of each term per page or per section."""

    __slots__ = ("glossary", "per_section")

    def __init__(self, glossary: Glossary, per_section: bool) -> None:
        self.glossary = glossary
        self.per_section = per_section

    def visit(self, node: nodes.Element, linked: set[str]) -> None:
        for child in node.children:
            if isinstance(child, term_mentions):
                spans = []
                for span in child.spans:
                    if span[2] not in linked:
                        linked.add(span[2])
                        spans.append(span)
                child.spans = tuple(spans)
            elif isinstance(child, nodes.Text):
                continue
            elif isinstance(child, (term_link, term_text)):
                linked.add(child["bterm"])
            elif isinstance(child, nodes.reference):
                key = _linked_entry(child, self.glossary)
                if key is not None:
                    linked.add(key)
            elif isinstance(child, addnodes.start_of_file) or (
                self.per_section and isinstance(child, nodes.section)
            ):
                self.visit(child, set())  # a new page (LaTeX, singlehtml) or section
            else:
                self.visit(child, linked)  # type: ignore[arg-type]


def _auto_link_maker(link_to: TermLinker, glossary: Glossary) -> MentionLinker:
    """Makes the link nodes of one page's auto links."""

    def auto_link(title: str, key: str) -> nodes.Node:
        term = glossary.by_key(key)
        if term is None:  # gone from the data since the page was read
            return nodes.Text(title)
        return link_to(term, nodes.Text(title), AUTO_CLASS)

    return auto_link


def make_auto_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Choose the mentions that link, by the mode, once ``only`` content and explicit links are
    resolved; for builders other than HTML, turn them into link nodes.

    HTML translators write the links themselves (see :mod:`.html_output`).
    """
    domain = get_domain(app.env)
    mode = settings(app.config).autolink
    if mode in (AutolinkMode.FIRST, AutolinkMode.SECTION):
        _Choice(domain.glossary, per_section=mode is AutolinkMode.SECTION).visit(doctree, set())
    if writes_html(app.builder) and notes_for(app.builder) is PrintNotes.PLAIN:
        return  # HTML translators write the links from the spans; print notes need the nodes
    found = list(doctree.findall(term_mentions))
    if found:
        auto_link = _auto_link_maker(TermLinker(domain, app.builder, docname), domain.glossary)
        for text in found:
            link_mentions(text, text.spans, auto_link)


def register(app: Sphinx) -> None:
    app.add_transform(AutoLink)
    # early, so that other extensions' handlers see the finished links (non-HTML builders)
    app.connect("doctree-resolved", make_auto_links, priority=100)
