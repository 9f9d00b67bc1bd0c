"""The only wiring: settings, nodes, domain, directive, role, events."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from . import autolink, backlinks, config, html, incremental, json_output, nodes
from .context import MentionRules
from .directives import BalenaGlossary
from .domain import BtermDomain, get_domain
from .loader import data_paths, load_glossary
from .matcher import build_matcher
from .roles import BtermRole
from .warnings_ import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
LOCALE_DIR = Path(__file__).parent / "locales"


def load_data(app: Sphinx) -> None:
    """Load the glossary once per build, before any document is read; report every problem."""
    files = data_paths(config.data_files(app.config), app.confdir)
    glossary, problems = load_glossary(files)
    for problem in problems:
        logger.warning(
            problem.message,
            location=problem.location,
            type=WARNING_TYPE,
            subtype=problem.subtype_name,
        )
    domain = get_domain(app.env)
    domain.glossary = glossary
    domain.matcher = build_matcher(glossary)
    domain.rules = MentionRules(glossary)


def setup_extension(app: Sphinx) -> None:
    config.register(app)
    nodes.register(app)
    html.register(app)
    json_output.register(app)
    incremental.register(app)
    backlinks.register(app)
    app.add_domain(BtermDomain)
    app.add_directive("balena-glossary", BalenaGlossary)
    app.add_role("bterm", BtermRole())
    autolink.register(app)
    app.add_message_catalog("sphinx_balena_glossary", str(LOCALE_DIR))
    app.connect("builder-inited", load_data)
