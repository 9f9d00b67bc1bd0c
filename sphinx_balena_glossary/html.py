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
from .entry_nodes import tooltip_nodes
from .nodes import for_browsers, page_needs, tooltip, tooltip_id, tooltips_on

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.writers.html5 import HTML5Translator

    from .model import Glossary

_ = get_translation("sphinx_balena_glossary")
STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "bterm.css"
TOOLTIP_JS = "bterm.js"
GLOSSARY_JS = "bterm-glossary.js"


#: Rendered tooltip HTML per term key, for the current build of each app.
_rendered: WeakKeyDictionary[Sphinx, dict[str, str]] = WeakKeyDictionary()


def add_static_path(app: Sphinx) -> None:
    """Ship the assets with HTML builders only (no stray files in LaTeX or man output)."""
    _rendered[app] = {}
    if for_browsers(app.builder):
        app.config.html_static_path.append(str(STATIC_DIR))


def _render(translator: HTML5Translator, glossary: Glossary, key: str) -> str:
    term = glossary.by_key(key)
    tip = tooltip(ids=[tooltip_id(key)], classes=["bterm-tip"])
    tip.extend(tooltip_nodes(term, glossary) if term else [])
    translator.body = []
    tip.walkabout(translator)
    return "".join(translator.body)


def _tooltips_html(app: Sphinx, keys: list[str]) -> str:
    """The tooltip elements of ``keys``: each rendered once per build, then reused.

    The ones not rendered yet go through one translator of the builder's own
    class, made for them; ``render_partial`` would also set up a document and
    run three sets of transforms for every call, which costs more than the
    tooltips themselves on large glossaries.
    """
    rendered = _rendered.setdefault(app, {})
    missing = [key for key in keys if key not in rendered]
    if missing:
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        document = new_document("<bterm tooltips>", builder.docsettings)
        translator: HTML5Translator = builder.create_translator(document, builder)  # type: ignore[assignment]
        glossary = get_domain(app.env).glossary
        for key in missing:
            rendered[key] = _render(translator, glossary, key)
    return "".join(rendered[key] for key in keys)


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
    # the builder's own methods: ``app.add_css_file`` would also add the file
    # to the registry's list for every page, which only builder set-up reads
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    needs = page_needs(doctree)
    keys = list(needs.keys)
    if keys or needs.has_filter:
        builder.add_css_file(CSS_FILE)
    if needs.has_filter:
        builder.add_js_file(GLOSSARY_JS, defer="defer")
    if keys and tooltips_on(builder) and "body" in context:
        tips = _tooltips_html(app, keys)
        # the touch-only "open in glossary" link is made once per tooltip by the script
        go = escape(_("Open in glossary →"))
        context["body"] += f'<div class="bterm-tips" data-go="{go}">{tips}</div>'
        builder.add_js_file(TOOLTIP_JS, defer="defer")


def register(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_page_assets)
