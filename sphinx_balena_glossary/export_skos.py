"""Glossary terms → SKOS as JSON-LD, for thesaurus tools, knowledge graphs and search.

A ``skos:ConceptScheme`` holds one ``skos:Concept`` per term, identified by the term's anchor
(``#term-balenaos``, relative to where the file is published). The name is the
``prefLabel``, aliases are ``altLabel``\\ s, and ``avoid`` spellings and ``forms`` are
``hiddenLabel``\\ s: found by search, never shown. Former and deprecated terms are
``owl:deprecated``, with a ``historyNote`` and, when a term of the glossary replaces them,
``dct:isReplacedBy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .data_format import dump_json
from .definitions import definition_text
from .model import Glossary, Status, Term, entry_note
from .terminology import (
    LANGUAGE,
    do_not_translate,
    glossary_title,
    history_note,
    product_note,
    successor,
)

CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
}
SCHEME_ID = "#glossary"


def _label(text: str) -> dict[str, str]:
    return {"@value": text, "@language": LANGUAGE}


def _ref(term: Term) -> dict[str, str]:
    return {"@id": "#" + term.anchor}


def _concept(term: Term, glossary: Glossary) -> dict[str, Any]:
    concept: dict[str, Any] = {
        "@id": "#" + term.anchor,
        "@type": "skos:Concept",
        "skos:inScheme": {"@id": SCHEME_ID},
        "skos:topConceptOf": {"@id": SCHEME_ID},
        "skos:prefLabel": _label(term.term),
    }
    related = [glossary.lookup(name) for name in term.see]
    lists = {
        "skos:altLabel": [_label(alias) for alias in term.aliases],
        "skos:hiddenLabel": [_label(s) for s in dict.fromkeys((*term.avoid, *term.forms))],
        "skos:related": [_ref(other) for other in related if other is not None],
    }
    notes = {
        "skos:definition": definition_text(term.definition),
        "skos:scopeNote": entry_note(term),
        "skos:editorialNote": product_note(term) if do_not_translate(term) else "",
        "skos:historyNote": history_note(term, glossary),
    }
    concept |= {key: values for key, values in lists.items() if values}
    concept |= {key: _label(text) for key, text in notes.items() if text}
    if term.status in (Status.FORMER, Status.DEPRECATED):
        concept["owl:deprecated"] = True
        replacement = glossary.lookup(successor(term, glossary))
        if replacement is not None and replacement is not term:
            concept["dct:isReplacedBy"] = _ref(replacement)
    return concept


def skos_document(terms: Sequence[Term]) -> dict[str, Any]:
    """The JSON-LD document: the scheme first, then the concepts in the terms' order."""
    glossary = Glossary(tuple(terms))
    scheme = {
        "@id": SCHEME_ID,
        "@type": "skos:ConceptScheme",
        "dct:title": _label(glossary_title(terms)),
        "skos:hasTopConcept": [_ref(term) for term in terms],
    }
    return {"@context": CONTEXT, "@graph": [scheme, *(_concept(t, glossary) for t in terms)]}


def to_skos(terms: Sequence[Term]) -> str:
    return dump_json(skos_document(terms))
