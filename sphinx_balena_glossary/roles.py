"""The ``:bterm:`` role: ``:bterm:`HUP``` or ``:bterm:`the updater <HUP>```.

The term is looked up at read time (the data file is loaded before any
document), so an unknown term is reported at its ``FILE:LINE`` with close
matches; the link target is resolved later, once every page is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import ReferenceRole

from .domain import get_domain, pending_term_link
from .problems import did_you_mean
from .warnings_ import WARNING_TYPE, BtermWarning

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message

logger = logging.getLogger(__name__)


class BtermRole(ReferenceRole):
    """Link a term (by name or alias) to its glossary entry."""

    def own_line(self) -> int:
        """The line of the role itself: docutils gives reST roles their paragraph's first
        line, so the role's text is looked for in the source from there (only when a
        warning needs it)."""
        first = self.rawtext.splitlines()[0] if self.rawtext else ""
        try:
            source = Path(self.env.doc2path(self.env.docname)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return self.lineno
        lines = source.splitlines()
        for index in range(max(self.lineno - 1, 0), min(len(lines), self.lineno + 200)):
            if first and first in lines[index]:
                return index + 1
        return self.lineno

    def run(self) -> tuple[list[Node], list[system_message]]:
        domain = get_domain(self.env)
        term = domain.glossary.lookup(self.target)
        if term is None:
            hint = did_you_mean(domain.glossary.suggest(self.target))
            hint = f"; {hint}" if hint else ""
            logger.warning(
                "unknown glossary term %r%s",
                self.target,
                hint,
                location=(self.env.docname, self.own_line()),
                type=WARNING_TYPE,
                subtype=BtermWarning.UNKNOWN_TERM.value,
            )
            return [nodes.Text(self.title)], []
        # which pages link where is noted by the auto-link walk, which sees ``only`` conditions
        xref = pending_term_link(
            term.key, nodes.Text(self.title), self.env.docname, self.has_explicit_title
        )
        self.set_source_info(xref)
        return [xref], []
