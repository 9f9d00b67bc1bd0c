"""Every piece of HTML the extension writes: term link tags, its nodes' visitors, what a page
needs, tooltips and assets.

* **One tag**: :func:`term_tag` makes the opening tag of every term link —
  role links, auto links, and mentions with nowhere to link (a focusable
  ``<span>``) — with the hooks of the HTML contract (``data-bterm``,
  ``aria-describedby``).
* **One check**: :func:`writes_html` says whether a builder's translator
  writes HTML (the builders Sphinx gives the ``html`` visitors of
  ``add_node``); :func:`for_browsers` narrows it to pages for browsers
  (not e-books), which get scripts, styles and tooltips.
* **One channel**: as Sphinx's own translator flags a page's maths for the
  page-context handler, the visitors note in a :class:`PageState` kept on
  the document being written what the page needs (the terms its links use,
  a filter box); :meth:`HtmlOutput.add_page_assets` takes it at
  ``html-page-context``. Nothing per page is kept anywhere else.

Tooltips are added to the page body at ``html-page-context``, after the
search index has read the doctree, so definitions never leak into search
results of pages that merely mention a term. Each term's tooltip is rendered
once per application: its paragraphs as an HTML translator of the builder's own
class writes them (so every text is escaped; :mod:`.fast_html` skips its tree
walk), in an element written here; it is embedded once per page that uses the
term.
"""

from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import new_document

from .config import settings
from .domain import TermLinker, get_domain
from .entry_nodes import tooltip_nodes
from .fast_html import DirectWriter, stock_text_visitor, writes_text_directly
from .nodes import (
    AUTO_CLASS,
    LINK_CLASS,
    badge,
    glossary_filter,
    letter_bar,
    skip_node,
    split_mentions,
    term_link,
    term_mentions,
    term_text,
    tooltip,
)
from .translations import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.writers.html5 import HTML5Translator

    from .model import Glossary

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "bterm.css"
TOOLTIP_JS = "bterm.js"
GLOSSARY_JS = "bterm-glossary.js"


#: Compact JSON with the text as it is; one encoder for every call (the search card's
#: terms make thousands), where ``json.dumps`` with these options makes one per call.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_for_script(data: object) -> str:
    """``data`` as JSON that can stand inside a ``<script>`` element: no ``<``, ``>`` or
    ``&`` in it (JSON escapes instead), so no text of the data can end the element.
    (``str.replace`` three times: several times faster than ``str.translate`` with a table.)"""
    text = _COMPACT_JSON.encode(data)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def writes_html(builder: Builder) -> bool:
    """Whether the builder's translator writes HTML, with this module's visitors.

    Sphinx gives a node's ``html`` visitors to the translators of every
    builder whose format is ``html`` (html, dirhtml, singlehtml, epub, json …).
    """
    return builder.format == "html"


def for_browsers(builder: Builder) -> bool:
    """HTML pages meant for browsers: scripts, styles and tooltips go there, not into e-books."""
    return writes_html(builder) and not builder.name.startswith("epub")


def tooltips_on(builder: Builder) -> bool:
    return for_browsers(builder) and settings(builder.config).tooltips


def tooltip_id(key: str) -> str:
    """The id of a term's tooltip: one per term and page, shared by all its links."""
    return f"bterm-tip-{key}"


# -- what a page needs -------------------------------------------------------------------


class PageState:
    """What the page being written needs, noted by the visitors as they write it.

    Kept on the document being written (and taken off it at
    ``html-page-context``), so it lives exactly as long as the page's
    writing. It must not hold the document or the translator.
    """

    __slots__ = ("auto_links", "has_filter", "keys")

    def __init__(self) -> None:
        #: Keys of the terms the page's links use, in order of first use.
        self.keys: dict[str, None] = {}
        #: Whether the page has a glossary filter box.
        self.has_filter = False
        #: The page's auto-link tags, made when its first auto link is written.
        self.auto_links: AutoLinkTags | None = None


_STATE = "_bterm_page_state"


def page_state(document: nodes.document) -> PageState:
    """The state of the page ``document`` is written as (made on first use)."""
    state: PageState | None = getattr(document, _STATE, None)
    if state is None:
        state = PageState()
        setattr(document, _STATE, state)
    return state


def take_page_state(document: nodes.document) -> PageState:
    """The page's state, taken off the document (an empty one if nothing was noted)."""
    state: PageState = getattr(document, _STATE, None) or PageState()
    if hasattr(document, _STATE):
        delattr(document, _STATE)
    return state


# -- term link tags ------------------------------------------------------------------------


def term_tag(
    translator: HTML5Translator,
    key: str,
    classes: list[str],
    href: str | None,
    internal: bool,
    tooltips: bool | None = None,
) -> str:
    """The opening tag of a link to the term ``key``; a focusable ``<span>`` when ``href`` is None.

    Notes that the page uses the term (its tooltip goes into the page). ``tooltips``: whether
    the build has tooltips, when the caller knows already.
    """
    page_state(translator.document).keys.setdefault(key, None)
    return _opening_tag(translator, key, classes, href, internal, tooltips)


def _opening_tag(
    translator: HTML5Translator,
    key: str,
    classes: list[str],
    href: str | None,
    internal: bool,
    tooltips: bool | None,
) -> str:
    attval = translator.attval
    attributes = f' data-bterm="{attval(key)}"'
    if tooltips_on(translator.builder) if tooltips is None else tooltips:
        attributes += f' aria-describedby="{attval(tooltip_id(key))}"'
        if href is None:
            attributes += ' tabindex="0"'  # keyboard users reach the tooltip too
    if href is None:
        return f'<span{attributes} class="{" ".join(classes)}">'
    names = " ".join((*classes, "reference", "internal" if internal else "external"))
    return f'<a{attributes} class="{names}" href="{translator.attval(href)}">'


def visit_term_link(translator: HTML5Translator, node: term_link) -> None:
    href = node["refuri"] if "refuri" in node else "#" + node["refid"]
    internal = node.get("internal", "refuri" not in node)
    translator.body.append(term_tag(translator, node["bterm"], node["classes"], href, internal))


def depart_term_link(translator: HTML5Translator, node: term_link) -> None:
    translator.body.append("</a>")


def visit_term_text(translator: HTML5Translator, node: term_text) -> None:
    translator.body.append(term_tag(translator, node["bterm"], node["classes"], None, True))


def depart_term_text(translator: HTML5Translator, node: term_text) -> None:
    translator.body.append("</span>")


class AutoLinkTags:
    """The opening and closing tags of one page's auto links.

    A page can have hundreds of auto links, and pages that link from the same
    place (the same glossary page URI) have the same tags: they are made once
    per build and place (:attr:`.domain.BtermDomain.link_tags`). Kept in the
    page's :class:`PageState`, so it must not hold the document (nor the
    translator, which does).
    """

    __slots__ = ("_glossary", "_keys", "_link_to", "_made", "_tooltips", "stock_text")

    def __init__(self, translator: HTML5Translator, keys: dict[str, None]) -> None:
        builder: StandaloneHTMLBuilder = translator.builder
        domain = get_domain(builder.env)
        self._glossary = domain.glossary
        self._link_to = TermLinker(domain, builder, builder.current_docname)
        self._tooltips = tooltips_on(builder)
        #: The page's term keys (its :attr:`PageState.keys`), noted as links are written.
        self._keys = keys
        #: (opening, closing) per term key; None for a term gone from the data since reading
        self._made = domain.link_tags.setdefault(
            (type(translator), *self._link_to.origin, self._tooltips), {}
        )
        #: Whether the translator's text visitor is Sphinx's own (:mod:`.fast_html`).
        self.stock_text = stock_text_visitor(translator)

    def tags(self, translator: HTML5Translator, key: str) -> tuple[str, str] | None:
        try:
            found = self._made[key]
        except KeyError:
            found = self._make(translator, key)
        if found is not None:
            self._keys.setdefault(key, None)
        return found

    def _make(self, translator: HTML5Translator, key: str) -> tuple[str, str] | None:
        term = self._glossary.by_key(key)
        found = None
        if term is not None:
            href, internal = self._link_to.target(term)
            opening = _opening_tag(
                translator, key, [LINK_CLASS, AUTO_CLASS], href, internal, self._tooltips
            )
            found = (opening, "</span>" if href is None else "</a>")
        self._made[key] = found
        return found


def visit_term_mentions(translator: HTML5Translator, node: term_mentions) -> None:
    """Write a text's mentions as term links, with no link nodes.

    Writing each tag directly costs a fraction of making and visiting a
    node, and link nodes made for the whole page before it is written would
    live through its writing and reach the garbage collector's oldest
    generation.
    """
    state = page_state(translator.document)
    if state.auto_links is None:
        state.auto_links = AutoLinkTags(translator, state.keys)
    auto_links = state.auto_links
    body = translator.body
    directly = writes_text_directly(translator, auto_links.stock_text)
    parent = node.parent
    # its text came from astext(): no escape markers left to drop
    for piece, key in split_mentions(str(node), node.spans):
        tags = None if key is None else auto_links.tags(translator, key)
        if tags is not None:
            body.append(tags[0])
        if directly:
            body.append(translator.encode(piece))
        else:
            text = nodes.Text(piece)
            text.parent = parent  # the text visitor looks at the enclosing element
            translator.visit_Text(text)
        if tags is not None:
            body.append(tags[1])
    raise nodes.SkipNode


def visit_badge(translator: HTML5Translator, node: badge) -> None:
    """A styled span for browsers; in brackets in e-books, which get no style sheet."""
    translator.body.append(translator.starttag(node, "span", ""))
    if not for_browsers(translator.builder):
        translator.body.append("[")


def depart_badge(translator: HTML5Translator, node: badge) -> None:
    translator.body.append("</span>" if for_browsers(translator.builder) else "]</span>")


def visit_glossary_filter(translator: HTML5Translator, node: glossary_filter) -> None:
    """A search box, hidden until the page's script shows it (useless without JS)."""
    page_state(translator.document).has_filter = True
    none = translator.attval(_("No term matches “%s”."))
    translator.body.append(
        f'<p class="bterm-filter" data-none="{none}" hidden><label>'
        f"{translator.encode(node['label'])} "
        f'<input type="search" class="bterm-filter-input" autocomplete="off" '
        f'placeholder="{translator.attval(node["placeholder"])}"></label>'
        '<span class="bterm-filter-count" aria-live="polite"></span></p>'
    )
    raise nodes.SkipNode


# -- tooltips and assets -----------------------------------------------------------------


def _render_tooltip(writer: DirectWriter, glossary: Glossary, key: str) -> str:
    """A term's tooltip element: its paragraphs as the translator writes them, in an element
    of the extension's own, written here."""
    term = glossary.by_key(key)
    tip = tooltip()
    tip.extend(tooltip_nodes(term, glossary) if term else [])
    identifier = writer.translator.attval(tooltip_id(key))
    return (
        f'<div class="bterm-tip" hidden="hidden" id="{identifier}" role="tooltip">'
        f"{writer.write_children(tip)}</div>"
    )


class HtmlOutput:
    """The page-level HTML of one application: its tooltips (rendered once each) and assets.

    The glossary is loaded once per application, so a tooltip rendered once
    stays right for the application's life.
    """

    def __init__(self) -> None:
        #: Rendered tooltip HTML per term key (a tooltip holds no link: the same on every page).
        self._tooltips: dict[str, str] = {}
        #: Writes the tooltips: made once, since making a translator costs about a millisecond.
        self._writer: DirectWriter | None = None

    def _tooltips_html(self, builder: StandaloneHTMLBuilder, keys: list[str]) -> str:
        """The tooltip elements of ``keys``: each rendered once, then reused.

        The ones not rendered yet go through one translator of the builder's
        own class, made for them; ``render_partial`` would also set up a
        document and run three sets of transforms for every call, which
        costs more than the tooltips themselves on large glossaries.
        """
        missing = [key for key in keys if key not in self._tooltips]
        if missing:
            glossary = get_domain(builder.env).glossary
            if self._writer is None:
                document = new_document("<bterm tooltips>", builder.docsettings)
                translator: HTML5Translator = builder.create_translator(document, builder)  # type: ignore[assignment]
                self._writer = DirectWriter(translator)
            for key in missing:
                self._tooltips[key] = _render_tooltip(self._writer, glossary, key)
        return "".join(self._tooltips[key] for key in keys)

    def add_page_assets(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        """Embed the page's tooltips and link the CSS/JS, on pages that need them only."""
        if doctree is None:
            return
        needs = take_page_state(doctree)
        if not for_browsers(app.builder) or _assets_always(app):
            assets = False  # none, or on every page already
        else:
            assets = bool(needs.keys or needs.has_filter)
        # the builder's own methods: ``app.add_css_file`` would also add the file
        # to the registry's list for every page, which only builder set-up reads
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        if assets:
            builder.add_css_file(CSS_FILE)
        if assets and needs.has_filter:
            builder.add_js_file(GLOSSARY_JS, defer="defer")
        keys = list(needs.keys)
        if keys and tooltips_on(builder) and "body" in context:
            tips = self._tooltips_html(builder, keys)
            # a labelled region: the shown tooltip is inside a landmark wherever it is moved
            label = escape(_("Term definitions"))
            context["body"] += (
                f'<div class="bterm-tips" role="region" aria-label="{label}">{tips}</div>'
            )
            if assets:
                builder.add_js_file(TOOLTIP_JS, defer="defer")


def _assets_always(app: Sphinx) -> bool:
    """``app.set_html_assets_policy("always")``: the assets go on every page."""
    return app.registry.html_assets_policy == "always"


def add_static_files(app: Sphinx) -> None:
    """Under the ``always`` assets policy, link the assets from every page (HTML builders
    for browsers only)."""
    if for_browsers(app.builder) and _assets_always(app):
        app.add_css_file(CSS_FILE)
        app.add_js_file(GLOSSARY_JS, defer="defer")
        if tooltips_on(app.builder):
            app.add_js_file(TOOLTIP_JS, defer="defer")


def copy_static_files(app: Sphinx) -> None:
    """``builder-inited``: put the assets in ``_static`` of HTML builds for browsers (no stray
    files elsewhere), before any page is written, so the pages' links carry Sphinx's
    ``?v=`` checksum. Copied rather than added to ``html_static_path``: a setting changed
    by an extension reads as "the configuration has changed" at every next build."""
    if not for_browsers(app.builder):
        return
    target = Path(app.outdir, "_static")
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC_DIR.iterdir()):
        shutil.copyfile(source, target / source.name)


def register(app: Sphinx) -> None:
    """The nodes' HTML visitors (and what other writers do with the HTML-only filter box),
    the static files and the page-level output."""
    app.add_node(term_link, html=(visit_term_link, depart_term_link))
    app.add_node(term_text, html=(visit_term_text, depart_term_text))
    app.add_node(badge, html=(visit_badge, depart_badge))
    # a text node: Sphinx registers visitors for any node class, though typed for elements
    app.add_node(term_mentions, html=(visit_term_mentions, None))  # type: ignore[arg-type]
    skip = (skip_node, None)
    app.add_node(
        glossary_filter,
        html=(visit_glossary_filter, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    # a paragraph in HTML
    app.add_node(letter_bar, latex=skip, text=skip, man=skip, texinfo=skip)
    app.connect("builder-inited", add_static_files)
    app.connect("builder-inited", copy_static_files)
    app.connect("html-page-context", HtmlOutput().add_page_assets)
