"""HTML only: tooltip bodies embedded in the pages, and the CSS and scripts they need.

Tooltips are added to the page body at ``html-page-context``, after the
search index has read the doctree, so definitions never leak into search
results of pages that merely mention a term. Each term's tooltip is rendered
once per build (through an HTML translator of the builder's own class, so
every text is escaped) and embedded once per page that uses the term.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.locale import get_translation
from sphinx.util.docutils import new_document

from .domain import get_domain
from .nodes import for_browsers, page_needs, tooltip, tooltip_id, tooltips_on
from .render import tooltip_nodes

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinx_balena_glossary")
STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "bterm.css"
TOOLTIP_JS = "bterm.js"
GLOSSARY_JS = "bterm-glossary.js"


class _Tooltips:
    """The rendered tooltips of one build, and the translator that renders them.

    One translator serves the whole build: ``render_partial`` would set up a
    document, its transforms and a translator for every call, which costs
    more than the tooltips themselves.
    """

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.html: dict[str, str] = {}
        self._translator: HTML5Translator | None = None

    def _get_translator(self) -> HTML5Translator:
        """Made at first use: the builder's settings for writing exist only by then."""
        if self._translator is None:
            builder: StandaloneHTMLBuilder = self.app.builder  # type: ignore[assignment]
            document = new_document("<bterm tooltips>", builder.docsettings)
            self._translator = builder.create_translator(document, builder)  # type: ignore[assignment]
        assert self._translator is not None
        return self._translator

    def _render(self, key: str) -> str:
        glossary = get_domain(self.app.env).glossary
        term = glossary.by_key(key)
        tip = tooltip(ids=[tooltip_id(key)], classes=["bterm-tip"])
        tip.extend(tooltip_nodes(term, glossary) if term else [])
        translator = self._get_translator()
        translator.body = []
        tip.walkabout(translator)
        return "".join(translator.body)

    def __call__(self, keys: list[str]) -> str:
        """The tooltip elements of ``keys``, each rendered the first time it is needed."""
        html = self.html
        for key in keys:
            if key not in html:
                html[key] = self._render(key)
        return "".join(html[key] for key in keys)


_tooltips: WeakKeyDictionary[Sphinx, _Tooltips] = WeakKeyDictionary()


def add_static_path(app: Sphinx) -> None:
    """Ship the assets with HTML builders only (no stray files in LaTeX or man output)."""
    _tooltips[app] = _Tooltips(app)
    if for_browsers(app.builder):
        app.config.html_static_path.append(str(STATIC_DIR))


def add_page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Embed the page's tooltips and link the CSS/JS, on pages that need them only."""
    if doctree is None or not for_browsers(app.builder):
        return
    needs = page_needs(doctree)
    keys = list(needs.keys)
    if keys or needs.has_filter:
        app.add_css_file(CSS_FILE)
    if needs.has_filter:
        app.add_js_file(GLOSSARY_JS, loading_method="defer")
    if keys and tooltips_on(app.builder) and "body" in context:
        tips = _tooltips[app](keys)
        # the touch-only "open in glossary" link is made once per tooltip by the script
        go = escape(_("Open in glossary →"))
        context["body"] += f'<div class="bterm-tips" data-go="{go}">{tips}</div>'
        app.add_js_file(TOOLTIP_JS, loading_method="defer")


def register(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_page_assets)
