"""Definitions for readers no tooltip reaches: PDF, e-books, plain text.

With ``balena_glossary_print = "footnote"`` the first term link of each term on a page (a
chapter in LaTeX) gets a footnote with the term's name and short definition; with
``"list"`` the page ends with "Terms used in this document", each term with its full
definition. In LaTeX both give the page of the entry in the glossary ("Glossary, p. 12")
when the book has the glossary page. HTML for browsers has tooltips instead and gets
neither.

Run once the auto links are link nodes (after :func:`.autolink.make_auto_links`). In
LaTeX, Sphinx has already turned the page's own footnotes into the inline form its writer
expects by then, so the notes are made in that form there, and in docutils' usual form
(a reference, the footnote at the end of the page) everywhere else.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .config import PrintNotes, settings
from .domain import BtermDomain, TermLinker, get_domain
from .entry_nodes import definition_nodes, tooltip_definition
from .html_output import tooltips_on
from .nodes import badge, glossary_pageref, term_link, term_text
from .translations import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

    from .model import Term

#: The LaTeX package that styles badges and aliases for print (added to every LaTeX build).
LATEX_PACKAGE = "sphinxbalenaglossary"
LATEX_DIR = Path(__file__).parent / "latex"


#: Formats whose output people read (not gettext catalogs, link checks, XML dumps).
_READ_FORMATS = ("html", "latex", "text", "man", "texinfo")


def notes_for(builder: Builder) -> PrintNotes:
    """What the builder's pages get: nothing where tooltips show the definitions, or where
    nobody reads the output as a document."""
    if tooltips_on(builder) or builder.format not in _READ_FORMATS:
        return PrintNotes.PLAIN
    return settings(builder.config).print_notes


#: Where a footnote cannot go (LaTeX forbids it or the reader would not see it): the first
#: link outside them gets the note.
_NO_NOTE_IN = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.caption,
    nodes.term,
    nodes.table,
    nodes.footnote,
    nodes.citation,
    nodes.literal_block,
    nodes.field_name,
    addnodes.desc_signature,
    nodes.Admonition,
)


def _pages(doctree: nodes.document, docname: str) -> Iterator[tuple[str, nodes.Element]]:
    """Each page of the tree with its name: the document, and in LaTeX (and singlehtml) each
    document included in it (a chapter)."""
    yield docname, doctree
    for included in doctree.findall(addnodes.start_of_file):
        yield included["docname"], included


def _links(page: nodes.Element) -> Iterator[nodes.Element]:
    """The page's term links in reading order, not those of pages included in it."""
    for child in page.children:
        if isinstance(child, (term_link, term_text)):
            yield child
        elif isinstance(child, nodes.Element) and not isinstance(child, addnodes.start_of_file):
            yield from _links(child)


def _notable(link: nodes.Element) -> bool:
    """Whether a footnote may follow ``link`` (not in a heading, a table, a footnote …)."""
    parent = link.parent
    while parent is not None:
        if isinstance(parent, _NO_NOTE_IN) or parent.get("bterm_entry"):
            return False
        parent = parent.parent
    return True


class _Notes:
    """Adds the footnotes or the list of one resolved tree."""

    def __init__(self, domain: BtermDomain, builder: Builder, doctree: nodes.document) -> None:
        self.domain = domain
        self.builder = builder
        self.doctree = doctree
        self.latex = builder.format == "latex"
        page = domain.glossary_page()
        listed = domain.listings.get(page, set()) if page is not None else set()
        #: Where each listed term's entry is, for LaTeX page references.
        self.labels = {key: f"{page}:term-{key}" for key in listed} if self.latex else {}

    def pageref(self, term: Term) -> list[nodes.Node]:
        """In LaTeX, " (Glossary, p. 12)" when the entry is in the book; else nothing."""
        label = self.labels.get(term.key)
        if label is None:
            return []
        return [nodes.Text(" ("), glossary_pageref("", label=label), nodes.Text(")")]

    def footnotes(self, page: nodes.Element, docname: str) -> None:
        """A footnote after the first link of each term, outside headings and tables."""
        noted: set[str] = set()
        notes: list[nodes.footnote] = []
        number = max((_number(f) for f in page.findall(nodes.footnote)), default=0)
        for link in list(_links(page)):
            term = self.domain.glossary.by_key(link["bterm"])
            if term is None or term.key in noted or not _notable(link):
                continue
            noted.add(term.key)
            number += 1
            notes.append(self.footnote(link, term, str(number), docname))
        if notes and not self.latex:
            page.extend(notes)

    def footnote(self, link: nodes.Element, term: Term, label: str, docname: str) -> nodes.footnote:
        """The footnote of ``term`` after ``link``: inline in LaTeX (as Sphinx leaves its own
        there), else a reference there and the footnote to put at the end of the page."""
        body = nodes.paragraph("", "", nodes.strong(term.term, term.term), nodes.Text(": "))
        short = tooltip_definition(term)
        body.extend(short.children if short is not None else [])
        body.extend(self.pageref(term))
        note = nodes.footnote("", nodes.label(label, label), body, auto=1, docname=docname)
        self.doctree.set_id(note)
        position = link.parent.index(link) + 1
        if self.latex:
            link.parent.insert(position, note)
            return note
        reference = nodes.footnote_reference(label, label, refid=note["ids"][0], auto=1)
        reference["docname"] = docname
        self.doctree.set_id(reference)
        note["backrefs"] = [reference["ids"][0]]
        link.parent.insert(position, reference)
        return note

    def term_list(self, page: nodes.Element, docname: str) -> None:
        """The "Terms used in this document" list at the end of the page: each linked term,
        A–Z, with its full definition, its name linking to its entry."""
        keys = {link["bterm"] for link in _links(page)}
        terms = sorted(filter(None, map(self.domain.glossary.by_key, keys)), key=_order)
        if not terms:
            return
        link_to = TermLinker(self.domain, self.builder, docname)
        items = nodes.definition_list(classes=["bterm-terms-used"])
        for term in terms:
            name = nodes.term("", "", link_to(term, nodes.Text(term.term)))
            if term.aliases:
                name += nodes.Text(f" ({', '.join(term.aliases)})")
            text = nodes.paragraph("", "", *definition_nodes(term.definition or term.summary))
            text.extend(self.pageref(term))
            items += nodes.definition_list_item("", name, nodes.definition("", text))
        heading = _("Terms used in this document")
        page.extend([nodes.rubric(heading, heading, classes=["bterm-terms-used"]), items])


def _number(footnote: nodes.footnote) -> int:
    label = footnote.next_node(nodes.label)
    text = label.astext() if label is not None else ""
    return int(text) if text.isdigit() else 0


def _order(term: Term) -> str:
    return term.term.casefold()


def add_print_notes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after the auto links are made: footnotes or term lists on every
    page but the glossary pages."""
    mode = notes_for(app.builder)
    if mode is PrintNotes.PLAIN:
        return
    domain = get_domain(app.env)
    notes = _Notes(domain, app.builder, doctree)
    for name, page in list(_pages(doctree, docname)):
        if name in domain.listings:
            continue
        if mode is PrintNotes.FOOTNOTE:
            notes.footnotes(page, name)
        else:
            notes.term_list(page, name)


def visit_glossary_pageref(translator: LaTeXTranslator, node: glossary_pageref) -> None:
    label = translator.idescape(node["label"])
    glossary = translator.encode(_("Glossary"))
    translator.body.append(rf"{glossary}, p.~\pageref{{{label}}}")
    raise nodes.SkipNode


def visit_text_badge(translator: TextTranslator, node: badge) -> None:
    translator.add_text("[")


def depart_text_badge(translator: TextTranslator, node: badge) -> None:
    translator.add_text("]")


def copy_latex_package(app: Sphinx) -> None:
    """``builder-inited``: the package next to the ``.tex`` files, where LaTeX finds it."""
    if app.builder.format == "latex":
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(
            LATEX_DIR / f"{LATEX_PACKAGE}.sty", Path(app.outdir, f"{LATEX_PACKAGE}.sty")
        )


def register(app: Sphinx) -> None:
    app.add_node(glossary_pageref, latex=(visit_glossary_pageref, None))
    app.add_node(badge, override=True, text=(visit_text_badge, depart_text_badge))
    app.add_latex_package(LATEX_PACKAGE)
    app.connect("builder-inited", copy_latex_package)
    # after make_auto_links (100), which makes the links the notes follow
    app.connect("doctree-resolved", add_print_notes, priority=110)
