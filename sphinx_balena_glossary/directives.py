"""The ``balena-glossary`` directive: the glossary page, A–Z, from the data file.

Entries are real Sphinx glossary terms (``addnodes.glossary`` built with
``make_glossary_term``), so ``:term:``, the general index, ``objects.inv``
and intersphinx work with no extra code, and every builder renders a proper
description list. Only the unfiltered directive registers the terms: it is
*the* glossary page; filtered ones (``:terms:``, ``:scope:``, ``:letters:``)
are excerpts.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .config import settings
from .domain import TermLinker, get_domain, pending_term_link
from .entry_nodes import RELATIVE, entry_body, joined, name_extras, relative_to_page
from .model import Scope, Term, letter_of
from .nodes import backrefs, glossary_filter, letter_bar
from .page_toc import FULL_PAGE_CLASS, LETTER_CLASS
from .problems import did_you_mean
from .translations import _
from .warnings_ import WARNING_TYPE, BtermWarning

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

LETTERS = [*string.ascii_uppercase, "#"]


def _split(argument: str) -> list[str]:
    """Items of a list option: separated by commas or new lines."""
    return [item.strip() for item in re.split(r"[,\n]", argument) if item.strip()]


def _letters(argument: str) -> list[str]:
    """``A-C, X`` → ``[A, B, C, X]``."""
    letters: list[str] = []
    for item in _split(argument.replace(" ", ",")):
        if re.fullmatch(r"[A-Za-z]-[A-Za-z]", item):
            first, last = ord(item[0].upper()), ord(item[2].upper())
            letters.extend(chr(c) for c in range(first, last + 1))
        else:
            letters.append(item.upper())
    return letters


class BalenaGlossary(SphinxDirective):
    """Render the glossary (or an excerpt of it) from the loaded data."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "empty-letters": directives.flag,
        "scope": directives.unchanged_required,
        "terms": directives.unchanged_required,
        "letters": directives.unchanged_required,
        "backrefs": lambda value: directives.choice(value, ("on", "off")),
    }

    @property
    def filtered(self) -> bool:
        return any(key in self.options for key in ("scope", "terms", "letters"))

    def option_warning(self, message: str, *args: object) -> None:
        logger.warning(
            message,
            *args,
            location=(self.env.docname, self.lineno),
            type=WARNING_TYPE,
            subtype=BtermWarning.OPTION.value,
        )

    def selected_terms(self) -> list[Term]:
        glossary = get_domain(self.env).glossary
        terms = list(glossary)
        if "terms" in self.options:
            wanted = []
            for name in _split(self.options["terms"]):
                term = glossary.lookup(name)
                if term is None:
                    hint = did_you_mean(glossary.suggest(name))
                    hint = f"; {hint}" if hint else ""
                    self.option_warning(":terms: names unknown term %r%s", name, hint)
                else:
                    wanted.append(term.key)
            terms = [t for t in terms if t.key in wanted]
        if "scope" in self.options:
            scopes = set(_split(self.options["scope"]))
            for bad in sorted(scopes - {s.value for s in Scope}):
                self.option_warning(":scope: %r is not one of balena, balena-usage, general", bad)
            terms = [t for t in terms if t.scope.value in scopes]
        if "letters" in self.options:
            letters = _letters(self.options["letters"])
            for bad in [x for x in letters if x not in LETTERS]:
                self.option_warning(":letters: %r is not a letter A-Z or #", bad)
            terms = [t for t in terms if letter_of(t.term) in letters]
        return terms

    def run(self) -> list[Node]:
        domain = get_domain(self.env)
        if not self.filtered:
            domain.note_page(self.env.docname, self.lineno)
        #: Only the glossary page registers std:term targets (one target per term).
        self.registers_terms = not self.filtered and domain.is_glossary_page(self.env.docname)
        default = "on" if settings(self.config).backrefs else "off"
        self.backrefs = self.options.get("backrefs", default) == "on"
        selected = self.selected_terms()
        domain.note_listing(self.env.docname, (term.key for term in selected))
        groups = domain.glossary.by_letter(selected)
        letters = list(groups)
        if "empty-letters" in self.options:
            letters = sorted(set(string.ascii_uppercase) | set(groups), key=LETTERS.index)
        if "letters" in self.options:
            letters = [x for x in letters if x in _letters(self.options["letters"])]
        letter_ids = {
            x: make_id(
                self.env, self.state.document, "bterm-letter", x.lower() if x != "#" else "other"
            )
            for x in letters
        }

        container = nodes.container(classes=["bterm-glossary-page"])
        if not self.filtered:
            container["classes"].append(FULL_PAGE_CLASS)
        container += glossary_filter(label=_("Filter terms:"), placeholder=_("name, alias or word"))
        container += self.jump_bar(letters, groups, letter_ids)
        for letter in letters:
            heading = nodes.rubric(letter, letter, ids=[letter_ids[letter]], classes=[LETTER_CLASS])
            heading["heading-level"] = 2
            container += heading
            if letter in groups:
                container += self.letter_list(groups[letter])
        for node in container.findall(nodes.Element):
            # gettext extracts (and translation replaces) only text with a source
            self.set_source_info(node)
        return [container]

    def jump_bar(
        self, letters: list[str], groups: dict[str, list[Term]], ids: dict[str, str]
    ) -> letter_bar:
        links = (
            nodes.reference(letter, letter, refid=ids[letter], internal=True)
            if letter in groups
            else nodes.inline(letter, letter, classes=["bterm-letter-empty"])
            for letter in letters
        )
        bar = letter_bar(classes=["bterm-jumpbar"])
        bar.extend(joined(links, separator=" "))
        return bar

    def letter_list(self, terms: list[Term]) -> addnodes.glossary:
        glossary = addnodes.glossary(classes=["bterm-glossary"], sorted=False)
        entries = nodes.definition_list(classes=["glossary", "bterm-entries"])
        glossary += entries
        for term in terms:
            item = nodes.definition_list_item(classes=["bterm-entry"])
            item += self.entry_term(term)
            item += self.entry_definition(term)
            entries += item
        return glossary

    def entry_term(self, term: Term) -> nodes.term:
        source, line = self.get_source_info()
        document = self.state.document
        if not self.registers_terms:
            node = nodes.term(
                term.term, term.term, ids=[make_id(self.env, document, "bterm", term.key)]
            )
        else:
            node = make_glossary_term(
                self.env, [nodes.Text(term.term)], None, source, line, term.anchor, document
            )
            document.note_explicit_target(node)
            for alias in term.aliases:
                # registered as Sphinx registers a glossary term (a target for :term:, an
                # index entry), pointing to the entry; only the index entry is kept
                alias_term = make_glossary_term(
                    self.env, [nodes.Text(alias)], None, source, line, term.anchor, document
                )
                node += alias_term.pop()
        node["classes"].append("bterm-name")
        node["bterm"] = term.key
        node.extend(name_extras(term))
        return node

    def entry_definition(self, term: Term) -> nodes.definition:
        docname = self.env.docname

        def link(target: Term, text: nodes.Node) -> nodes.Node:
            return pending_term_link(target.key, text, docname, explicit=True)

        definition = nodes.definition(bterm_entry=term.key)  # auto-linking skips the term here
        definition.extend(entry_body(term, get_domain(self.env).glossary, link))
        if self.backrefs:
            definition += backrefs(bterm=term.key)
        return definition


def links_from_this_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: an excerpt's relative links (written for the glossary page) as
    seen from the page it is on; without a glossary page, they are text."""
    domain = get_domain(app.env)
    if docname == domain.glossary_page() or not domain.listings.keys() - {domain.glossary_page()}:
        return  # on the glossary page, or no excerpt anywhere: nothing to walk the page for
    found = [r for r in doctree.findall(nodes.reference) if r.get(RELATIVE)]
    if not found:
        return
    page = TermLinker(domain, app.builder, docname).glossary_uri
    for reference in found:
        href = relative_to_page(reference["refuri"], page)
        if href is None:
            reference.replace_self(reference.children)
        else:
            reference["refuri"] = href
