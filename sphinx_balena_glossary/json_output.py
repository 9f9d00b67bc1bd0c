"""HTML builds also write ``glossary.json``: every term with the URL of its entry.

Search tools, chat bots and other sites can then use the glossary without
parsing HTML or reading the data files: the document is the JSON export
(:func:`.exporters.json_document`) plus each term's ``anchor`` and ``url``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx.util import logging

from .config import settings
from .data_format import dump_json, json_document
from .domain import get_domain
from .files import FileError, write_atomic
from .html_output import for_browsers
from .warnings_ import WARNING_TYPE, BtermWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .model import Term

logger = logging.getLogger(__name__)
FILE_NAME = "glossary.json"


def _entry_base(app: Sphinx) -> str | None:
    """Where entries live: the glossary page in this output, else the configured published page."""
    page = get_domain(app.env).glossary_page()
    if page is not None:
        # singlehtml answers "#document-glossary": every page is in the root document's file
        uri = app.builder.get_target_uri(page).split("#", 1)[0] or (
            app.config.root_doc + str(getattr(app.builder, "out_suffix", ".html"))
        )
        baseurl = str(getattr(app.config, "html_baseurl", "") or "")
        return urljoin(baseurl.rstrip("/") + "/", uri) if baseurl else uri
    published = settings(app.config).url
    return published.split("#", 1)[0] or None


def write_glossary_json(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the file after a successful HTML build (not e-books)."""
    if exception is not None or app.builder is None or not for_browsers(app.builder):
        return
    if not settings(app.config).json:
        return
    base = _entry_base(app)

    def location(term: Term) -> dict[str, Any]:
        return {"anchor": term.anchor, "url": f"{base}#{term.anchor}" if base is not None else None}

    document = json_document(get_domain(app.env).glossary, location)
    try:
        write_atomic(Path(app.outdir, FILE_NAME), dump_json(document))
    except FileError as exc:
        logger.warning(
            exc.message, location=exc.path, type=WARNING_TYPE, subtype=BtermWarning.FILE.value
        )


def register(app: Sphinx) -> None:
    app.connect("build-finished", write_glossary_json)
