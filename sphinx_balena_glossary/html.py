"""HTML only: tooltip bodies embedded in the pages, and the CSS and scripts they need.

Tooltips are added to the page body at ``html-page-context``, after the
search index has read the doctree, so definitions never leak into search
results of pages that merely mention a term. Each term's tooltip is rendered
once per build (through the builder's own HTML translator, so every text is
escaped) and embedded once per page that uses the term.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.locale import get_translation

from .domain import get_domain
from .nodes import (
    TOOLTIP_END,
    for_browsers,
    glossary_filter,
    term_link,
    term_text,
    tooltip,
    tooltip_batch,
    tooltip_id,
    tooltips_on,
)
from .render import tooltip_nodes

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

_ = get_translation("sphinx_balena_glossary")
STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "bterm.css"
TOOLTIP_JS = "bterm.js"
GLOSSARY_JS = "bterm-glossary.js"

#: Rendered tooltip HTML per term key, for the current build of each app.
_rendered: WeakKeyDictionary[Sphinx, dict[str, str]] = WeakKeyDictionary()


def add_static_path(app: Sphinx) -> None:
    """Ship the assets with HTML builders only (no stray files in LaTeX or man output)."""
    _rendered.pop(app, None)
    if for_browsers(app.builder):
        app.config.html_static_path.append(str(STATIC_DIR))


def _scan(doctree: nodes.document) -> tuple[list[str], bool]:
    """Term keys linked from the page, in order of first use, and whether it has a glossary."""
    keys: dict[str, None] = {}
    has_glossary = False
    for node in doctree.findall(lambda n: isinstance(n, (term_link, term_text, glossary_filter))):
        if isinstance(node, glossary_filter):
            has_glossary = True
        elif isinstance(node, (term_link, term_text)):
            keys.setdefault(node["bterm"], None)
    return list(keys), has_glossary


def _tooltips_html(app: Sphinx, keys: list[str]) -> str:
    """The tooltip elements of ``keys``: each rendered once per build, then reused.

    The ones not rendered yet go through the builder's translator in one batch
    (one render per page, not per term). Their text is escaped, so the only
    ``</div>`` in the output closes a tooltip: that is where the batch splits.
    """
    cache = _rendered.setdefault(app, {})
    missing = [key for key in keys if key not in cache]
    if missing:
        glossary = get_domain(app.env).glossary
        batch = tooltip_batch()
        for key in missing:
            term = glossary.by_key(key)
            tip = tooltip(ids=[tooltip_id(key)], classes=["bterm-tip"])
            tip.extend(tooltip_nodes(term, glossary) if term else [])
            batch += tip
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        rendered = builder.render_partial(batch)["fragment"].split(TOOLTIP_END)
        for key, html in zip(missing, rendered, strict=False):
            cache[key] = html.strip() + TOOLTIP_END
    return "".join(cache[key] for key in keys)


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
    keys, has_glossary = _scan(doctree)
    if keys or has_glossary:
        app.add_css_file(CSS_FILE)
    if has_glossary:
        app.add_js_file(GLOSSARY_JS, loading_method="defer")
    if keys and tooltips_on(app.builder) and "body" in context:
        tips = _tooltips_html(app, keys)
        # the touch-only "open in glossary" link is made once per tooltip by the script
        go = escape(_("Open in glossary →"))
        context["body"] += f'<div class="bterm-tips" data-go="{go}">{tips}</div>'
        app.add_js_file(TOOLTIP_JS, loading_method="defer")


def register(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_page_assets)
