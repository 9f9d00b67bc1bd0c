"""First-use expansion: the first mention of a term by an acronym on a page reads "Host os
UPdater (HUP)", as real text in every builder, for readers no tooltip reaches (print,
e-books, phones, screen readers).

Run once a page is resolved, before the auto-links are chosen: explicit links (``:bterm:``)
and auto-link mentions count alike, in reading order, per page (per section when
auto-linking is per section). Titles, code and links never hold mentions to expand; a
term's own glossary entry is left as written. A page opts out with the metadata
``bterm-expand: off``, a term with ``expand: false``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .autolink import is_off
from .config import AutolinkMode, settings
from .domain import get_domain
from .nodes import MentionSpan, term_link, term_mentions, term_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .model import Glossary, Term

#: An acronym or abbreviation: capitals (and digits, "&", ".", "-"), two capitals at least.
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&.\-]*")
#: Page metadata that turns expansion off for the page.
PAGE_OPT_OUT = "bterm-expand"


def acronym_alias(term: Term, text: str) -> bool:
    """Whether ``text`` is one of ``term``'s aliases that is an acronym ("HUP")."""
    return text in term.aliases and _ACRONYM.fullmatch(text) is not None


def expanded(term: Term, text: str) -> str:
    """What the first mention by ``text`` reads: "Host os UPdater (HUP)", or "HUP (Host os
    UPdater)" for a term with ``acronym_first``."""
    return f"{text} ({term.term})" if term.acronym_first else f"{term.term} ({text})"


def _spelled_out(before: str, after: str) -> bool:
    """Whether the author already spelled the mention out: "host OS updates (HUP)" or
    "HUP (host OS updates)"."""
    return before.rstrip().endswith("(") or after.lstrip().startswith("(")


class _Expansion:
    """Spells out the first acronym mention of each term, in reading order."""

    __slots__ = ("glossary", "per_section")

    def __init__(self, glossary: Glossary, per_section: bool) -> None:
        self.glossary = glossary
        self.per_section = per_section

    def first_use(
        self, key: str, text: str, done: set[str], before: str, after: str
    ) -> Term | None:
        """The term to spell out for this mention (``before`` and ``after`` it: the text
        around it), if it is the first by an acronym and the author has not spelled it out."""
        term = self.glossary.by_key(key)
        if term is None or not term.expand or key in done or not acronym_alias(term, text):
            return None
        done.add(key)
        return None if _spelled_out(before, after) else term

    def mentions(self, node: term_mentions, done: set[str]) -> term_mentions | None:
        """``node`` with its first acronym mentions spelled out; None when it has none."""
        text, spans, shift, changed = str(node), [], 0, False
        pieces: list[str] = []
        position = 0
        for start, end, key in node.spans:
            said = text[start:end]
            term = self.first_use(key, said, done, text[:start], text[end:])
            pieces.append(text[position:start])
            written = expanded(term, said) if term else said
            pieces.append(written)
            span: MentionSpan = (start + shift, start + shift + len(written), key)
            spans.append(span)
            shift += len(written) - len(said)
            position = end
            changed = changed or term is not None
        if not changed:
            return None
        pieces.append(text[position:])
        return term_mentions.with_spans("".join(pieces), tuple(spans))

    def visit(self, node: nodes.Element, done: set[str]) -> None:
        for child in list(node.children):
            if isinstance(child, term_mentions):
                replacement = self.mentions(child, done)
                if replacement is not None:
                    node.replace(child, replacement)
            elif isinstance(child, nodes.Text):
                continue
            elif isinstance(child, (term_link, term_text)):
                self.link(child, done)
            elif isinstance(child, (nodes.title, nodes.term)) or (
                isinstance(child, nodes.definition) and child.get("bterm_entry")
            ):
                continue  # headings, and the glossary's own entries, as written
            elif isinstance(child, addnodes.start_of_file) or (
                self.per_section and isinstance(child, nodes.section)
            ):
                self.visit(child, set())  # a new page (LaTeX, singlehtml) or section
            elif isinstance(child, nodes.Element):
                self.visit(child, done)

    def link(self, link: nodes.Element, done: set[str]) -> None:
        """An explicit term link whose whole text is an acronym alias, spelled out once."""
        if len(link.children) != 1 or not isinstance(link[0], nodes.Text):
            return
        said = link.astext()
        before, after = (
            sibling.astext() if sibling is not None else ""
            for sibling in (link.previous_sibling(), link.next_node(descend=False, siblings=True))
        )
        term = self.first_use(link["bterm"], said, done, before, after)
        if term is not None:
            link.replace(link[0], nodes.Text(expanded(term, said)))


def expand_first_mentions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, before the auto-links are chosen (see :mod:`.autolink`)."""
    project = settings(app.config)
    if not project.expand:
        return
    # resolved pages have their docinfo in the environment's metadata
    if is_off(app.env.metadata.get(docname, {}).get(PAGE_OPT_OUT, "")):
        return
    domain = get_domain(app.env)
    glossary = domain.glossary
    if _one_page_per_tree(app.builder) and not any(
        _spelled_out_once(glossary.by_key(key)) for key in domain.usage.get(docname, ())
    ):
        return  # nothing on the page to spell out: no walk through it
    per_section = project.autolink is AutolinkMode.SECTION
    _Expansion(glossary, per_section).visit(doctree, set())


def _spelled_out_once(term: Term | None) -> bool:
    """Whether a mention of ``term`` may be spelled out: it has an acronym alias."""
    return term is not None and term.expand and any(acronym_alias(term, a) for a in term.aliases)


def _one_page_per_tree(builder: Builder) -> bool:
    """Whether each resolved tree is one page, whose terms the domain knows; LaTeX, texinfo,
    man and singlehtml put several pages in one."""
    return builder.format in ("html", "text") and builder.name != "singlehtml"


def register(app: Sphinx) -> None:
    # before make_auto_links (priority 100), which chooses among the mentions
    app.connect("doctree-resolved", expand_first_mentions, priority=90)
