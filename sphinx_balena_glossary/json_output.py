"""HTML builds also write ``glossary.json``, the glossary's interchange format (version 1.2,
described by ``data/glossary-json.schema.json``).

Other sites list its URL in ``balena_glossary_file`` and link each term to this
site's entry; search tools and bots read it without parsing HTML. Each term
carries the data file's fields plus where its entry lives (``anchor``,
``url``), what its relative links are relative to (``base_url``, when not the
glossary page) and its definition as plain text and as safe HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx.util import logging

from .config import settings
from .data_format import (
    JsonExtra,
    json_entries,
    json_pieces,
    json_version_text,
)
from .definitions import definition_html, definition_text, resolve, term_name
from .domain import entry_url, get_domain
from .files import FileError
from .html_output import for_browsers
from .outputs import write_when_changed
from .warnings_ import WARNING_TYPE, BtermWarning

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from .model import Glossary, Term

logger = logging.getLogger(__name__)
FILE_NAME = "glossary.json"


def entry_base(app: Sphinx) -> str | None:
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


def _entry_fields(glossary: Glossary, page: str | None, local: bool) -> JsonExtra:
    """What each term's entry has besides its data fields, its entries being on ``page``
    (the site's own glossary page when ``local``, else the published one; None: nowhere)."""

    def url_of(term: Term) -> str | None:
        return entry_url(term, page, local)

    def fields(term: Term) -> dict[str, Any]:
        def href_for(target: str) -> str | None:
            named = term_name(target)
            if named is None:
                return resolve(target, term.base or page or "")
            other = glossary.lookup(named)
            return url_of(other) if other is not None else None

        extra: dict[str, Any] = {"anchor": term.anchor, "url": url_of(term)}
        if term.base:
            extra["base_url"] = term.base
        if term.organisation:
            extra["organisation"] = term.organisation
        return extra | {
            "definition_text": definition_text(term.definition),
            "definition_html": definition_html(term.definition, href_for),
        }

    return fields


def _head(page: str | None, name: str) -> dict[str, Any]:
    return {"version": json_version_text(), "site": {"name": name, "glossary_url": page}}


def glossary_json_pieces(
    glossary: Glossary, page: str | None, local: bool, name: str
) -> Iterator[str]:
    """The text of the ``glossary.json`` of a site named ``name`` whose entries are on
    ``page`` (its own glossary page when ``local``, else the published one; None: nowhere),
    written a term at a time."""
    return json_pieces(
        json_entries(glossary, _entry_fields(glossary, page, local)), _head(page, name)
    )


def write_glossary_json(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the file after a successful HTML build (not e-books)."""
    if exception is not None or app.builder is None or not for_browsers(app.builder):
        return
    if not settings(app.config).json:
        return
    domain = get_domain(app.env)
    local = domain.glossary_page() is not None
    base, name = entry_base(app), app.config.project

    def render() -> Iterator[str]:
        return glossary_json_pieces(domain.glossary, base, local, name)

    try:
        write_when_changed(app, Path(app.outdir, FILE_NAME), (base, local, name), render)
    except FileError as exc:
        logger.warning(
            exc.message, location=exc.path, type=WARNING_TYPE, subtype=BtermWarning.FILE.value
        )


def register(app: Sphinx) -> None:
    app.connect("build-finished", write_glossary_json)
