"""The only wiring: settings, nodes and their HTML, domain, directive, role, events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (
    autolink,
    backrefs,
    config,
    expansion,
    html_output,
    incremental,
    json_output,
    page_toc,
    print_notes,
    search_card,
    spelling_check,
    structured_data,
)
from .directives import BalenaGlossary, links_from_this_page
from .domain import BtermDomain, load_glossary_data, prepare_reading
from .roles import BtermRole

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_extension(app: Sphinx) -> None:
    config.register(app)
    app.add_domain(BtermDomain)
    app.add_directive("balena-glossary", BalenaGlossary)
    app.connect("doctree-resolved", links_from_this_page)
    app.add_role("bterm", BtermRole())
    app.connect("builder-inited", load_glossary_data)
    app.connect("env-before-read-docs", prepare_reading)
    html_output.register(app)
    json_output.register(app)
    incremental.register(app)
    backrefs.register(app)
    expansion.register(app)
    autolink.register(app)
    print_notes.register(app)
    page_toc.register(app)
    structured_data.register(app)
    search_card.register(app)
    spelling_check.register(app)
