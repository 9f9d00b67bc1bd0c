"""``balena_glossary_check``: terminology warnings at ``FILE:LINE`` while pages are read.

Every text of a page is checked (headings, captions and link texts too), except code, raw
markup, math, URLs and the glossary page itself, on reST and MyST pages alike since the
check reads the parsed page. Each finding is a ``bterm.case``, ``bterm.avoid`` or
``bterm.former`` warning; the command line's ``check`` collects the same records from a
build (:data:`FINDING`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .autolink import opted_out
from .domain import DOMAIN, get_domain
from .spelling import FINDING, Check, Finding
from .warnings_ import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


#: Page metadata that turns the checks off for the page (a changelog that names old names).
PAGE_OPT_OUT = "bterm-check"

#: Where nothing is prose: code, markup for other tools, formulas, link targets.
_NOT_PROSE = (
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.raw,
    nodes.comment,
    nodes.math,
    nodes.math_block,
    nodes.target,
    nodes.substitution_definition,
    nodes.option_string,
    addnodes.desc_signature,
)


def _prose(node: nodes.Element, linked: bool = False) -> Iterator[tuple[nodes.Text, bool]]:
    """The text nodes of ``node`` a reader reads as prose, in order, each with whether it is
    the text of a term link the author made (``:bterm:``)."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            yield child, linked
        elif isinstance(child, _NOT_PROSE) or _is_address(child):
            continue
        elif isinstance(child, nodes.Element):
            yield from _prose(child, linked or _is_term_link(child))


def _is_term_link(node: nodes.Element) -> bool:
    return isinstance(node, addnodes.pending_xref) and node.get("refdomain") == DOMAIN


def _is_address(node: nodes.Node) -> bool:
    """A link that shows its own address ("https://balena-os.io")."""
    if not isinstance(node, nodes.reference):
        return False
    text = node.astext()
    return text == node.get("refuri") or "://" in text or text.startswith("mailto:")


def _location(text: nodes.Text, offset: int, rest: bool) -> tuple[str | None, int | None]:
    """The source file and line of ``offset`` in ``text``: the line of the nearest element that
    knows its line, plus the line breaks before the offset in its text. A reST section title
    knows the line of its underline (``rest``: the page is reST)."""
    holder: nodes.Node | None = text.parent
    while holder is not None and holder.line is None:
        holder = holder.parent
    if holder is None:
        return None, None
    source, line = get_source_line(holder)
    if (
        line
        and rest
        and isinstance(holder, nodes.title)
        and isinstance(holder.parent, nodes.section)
    ):
        line -= 1
    before = 0
    for piece in holder.findall(nodes.Text):
        if piece is text:
            break
        before += str(piece).count("\n")
    return source, (line or 0) + before + str(text)[:offset].count("\n")


class SpellingCheck(SphinxTransform):
    """Warns about each wrong spelling of a page, at its line."""

    # before auto-linking (800) gathers texts into mention nodes
    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        if not domain.spelling or self.env.docname in domain.listings:
            return  # no check asked for; or the glossary page, which names every spelling
        if opted_out(self.document, PAGE_OPT_OUT):
            return
        page = str(self.env.doc2path(self.env.docname))  # a str before Sphinx 8
        rest = self.config.source_suffix.get(Path(page).suffix) == "restructuredtext"
        for text, linked in _prose(self.document):
            for finding in domain.spelling.findings(text.astext()):
                # a link to a former term is the author's choice: "used to be :bterm:`Resin`"
                if not (linked and finding.check is Check.FORMER):
                    _report(finding, text, page, rest)


def _report(finding: Finding, text: nodes.Text, page: str, rest: bool) -> None:
    source, line = _location(text, finding.start, rest)
    path = str(source or page)
    logger.warning(
        finding.message,
        location=f"{path}:{line}" if line else path,
        type=WARNING_TYPE,
        subtype=finding.check.value,
        extra={FINDING: (path, line or 0, finding)},
    )


def register(app: Sphinx) -> None:
    app.add_transform(SpellingCheck)
