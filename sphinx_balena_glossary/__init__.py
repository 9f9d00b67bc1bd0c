"""A shared glossary for Sphinx: a glossary page, term links with tooltips, auto-linking."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: Bumped whenever the shape of what the extension keeps in the environment changes.
ENV_VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    """Sphinx entry point; the wiring lives in ``_setup`` so importing the package stays cheap."""
    from ._setup import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
