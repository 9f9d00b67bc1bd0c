"""A definition card above the results of Sphinx's search page: searching "HUP" shows what
HUP is, with a link to its entry, before the pages that mention it.

The terms travel as a static script (``_static/bterm-terms.js``), written when the search
page is, with each entry's address as seen from that page, and loaded on the search page
only. A script file, not a fetched JSON file, so the card also works from ``file://``,
where browsers refuse fetches; the page's script builds the card from text, never HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import settings
from .definitions import definition_text
from .domain import TermLinker, get_domain
from .files import FileError
from .html_output import CSS_FILE, for_browsers, json_for_script
from .outputs import write_when_changed
from .translations import _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

DATA_FILE = "bterm-terms.js"
SEARCH_JS = "bterm-search.js"


def terms_script(app: Sphinx, pagename: str) -> Iterator[str]:
    """``window.btermTerms = {...};``: every term's names, definition text and entry URL as
    seen from ``pagename``, and the card's labels; written a term at a time (thousands of
    terms are never held as one text)."""
    domain = get_domain(app.env)
    linker = TermLinker(domain, app.builder, pagename)
    labels = {"kicker": _("Glossary"), "aka": _("aka."), "go": _("Read the entry")}
    yield f'window.btermTerms = {{"labels":{json_for_script(labels)},"terms":['
    separator = ""
    for term in domain.glossary:
        entry = {
            "name": term.term,
            "aliases": list(term.aliases),
            "text": definition_text(term.summary or term.definition),
            "url": linker.target(term)[0],
        }
        yield separator + json_for_script(entry)
        separator = ","
    yield "]};\n"


def add_search_card(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: on the search page, write the terms and load the card's script."""
    if templatename != "search.html" or not for_browsers(app.builder):
        return
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    inputs = (pagename, app.builder.name, get_domain(app.env).glossary_page(), app.config.language)
    try:
        write_when_changed(
            app,
            Path(app.outdir, "_static", DATA_FILE),
            (*inputs, settings(app.config).url),
            lambda: terms_script(app, pagename),
        )
    except FileError:
        return  # no card: the search page works as before
    builder.add_css_file(CSS_FILE)
    builder.add_js_file(DATA_FILE, defer="defer")
    builder.add_js_file(SEARCH_JS, defer="defer")


def register(app: Sphinx) -> None:
    app.connect("html-page-context", add_search_card)
