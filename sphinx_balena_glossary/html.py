"""HTML only: the extension's CSS and scripts, added to the pages that need them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .nodes import glossary_filter, term_link, term_text

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "bterm.css"
GLOSSARY_JS = "bterm-glossary.js"


def add_static_path(app: Sphinx) -> None:
    """Ship the assets with HTML builders only (no stray files in LaTeX or man output)."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))


def _has(doctree: nodes.document, kind: type[nodes.Node] | tuple[type[nodes.Node], ...]) -> bool:
    return next(iter(doctree.findall(lambda n: isinstance(n, kind))), None) is not None


def add_page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Link the CSS on pages with term links or a glossary; the filter script on glossary pages."""
    if doctree is None or app.builder.format != "html":
        return
    if _has(doctree, glossary_filter):
        app.add_css_file(CSS_FILE)
        app.add_js_file(GLOSSARY_JS, loading_method="defer")
    elif _has(doctree, (term_link, term_text)):
        app.add_css_file(CSS_FILE)


def register(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_page_assets)
