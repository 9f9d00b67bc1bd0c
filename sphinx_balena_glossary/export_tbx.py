"""Glossary terms → TBX-Basic (ISO 30042:2019, DCA style), for translation memories and CAT tools.

One ``conceptEntry`` per term (its anchor as id), the definition as plain text in its English
``langSec``, and a ``termSec`` per spelling with its administrative status and term type, as
:mod:`.terminology` reads them. TBX-Basic has no "do not translate" data category, so product
names carry a ``note`` saying so (``note`` is allowed wherever TBX-Basic allows auxiliary
information). The XML is built with ElementTree, which escapes every text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import urljoin

from .definitions import definition_text
from .model import Glossary, Term, entry_note, is_all_caps
from .terminology import (
    LANGUAGE,
    UsageStatus,
    designations,
    do_not_translate,
    glossary_title,
    history_note,
    product_note,
)
from .urls import url_scheme

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
#: How ElementTree names ``xml:lang``.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMINISTRATIVE_STATUS = {
    UsageStatus.PREFERRED: "preferredTerm-admn-sts",
    UsageStatus.ADMITTED: "admittedTerm-admn-sts",
    UsageStatus.DEPRECATED: "deprecatedTerm-admn-sts",
    UsageStatus.SUPERSEDED: "supersededTerm-admn-sts",
}
#: Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """``value`` without what no XML parser would read back (control characters)."""
    return _NOT_XML.sub("", value)


def _child(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text:
        element.text = _text(text)
    return element


def term_type(text: str, term: Term) -> str:
    """TBX-Basic's ``termType``: ``acronym`` for all-caps spellings (HUP), ``fullForm`` for the
    name, ``variant`` for the other spellings."""
    if is_all_caps(text):
        return "acronym"
    return "fullForm" if text == term.term else "variant"


def _more_url(term: Term) -> str:
    """The ``more`` URL made absolute, when it is http(s) (TBX-Basic wants no other)."""
    url = urljoin(term.base, term.more) if term.more else ""
    return url if url_scheme(url) in ("http", "https") else ""


def _concept(body: ET.Element, term: Term, glossary: Glossary) -> None:
    entry = _child(body, "conceptEntry", id=term.anchor)
    status = history_note(term, glossary)
    if status:
        _child(entry, "note", status)
    if term.see:
        _child(entry, "note", "See: " + ", ".join(term.see))
    more = _more_url(term)
    if more:
        _child(entry, "xref", "more", type="externalCrossReference", target=more)
    language = _child(entry, "langSec", **{XML_LANG: LANGUAGE})
    if term.definition:
        _child(language, "descrip", definition_text(term.definition), type="definition")
    note = entry_note(term)
    if note:
        _child(language, "note", note)
    untranslated = do_not_translate(term)
    for text, usage in designations(term):
        section = _child(language, "termSec")
        _child(section, "term", text)
        _child(section, "termNote", ADMINISTRATIVE_STATUS[usage], type="administrativeStatus")
        _child(section, "termNote", term_type(text, term), type="termType")
        if untranslated and usage is not UsageStatus.DEPRECATED:
            _child(section, "note", product_note(term))


def to_tbx(terms: Sequence[Term]) -> str:
    """A TBX-Basic document of the terms, in their order."""
    glossary = Glossary(tuple(terms))
    root = ET.Element(
        "tbx",
        {"type": "TBX-Basic", "style": "dca", XML_LANG: LANGUAGE, "xmlns": NAMESPACE},
    )
    file_desc = _child(_child(root, "tbxHeader"), "fileDesc")
    _child(_child(file_desc, "titleStmt"), "title", glossary_title(terms))
    _child(
        _child(file_desc, "sourceDesc"),
        "p",
        "Written by sphinx-balena-glossary from the glossary's data files.",
    )
    body = _child(_child(root, "text"), "body")
    for term in terms:
        _concept(body, term, glossary)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
