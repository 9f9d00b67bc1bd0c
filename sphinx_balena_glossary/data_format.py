"""The data format: its fields, their kinds and order, and a term as a plain field mapping.

The loader reads YAML into terms by these kinds, the importer checks the
fields of a ``<!-- bterm: {...} -->`` comment with :func:`value_problem`,
and every export (YAML, JSON, CSV, Markdown comments, ``glossary.json``)
writes :func:`term_dict`, so all of them agree on names, order and defaults.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from enum import Enum
from json.encoder import encode_basestring
from typing import Any

from .model import Match, Scope, Spelling, Status, Term

FORMAT_VERSION = 1
#: Top-level keys of a data file.
TOP_LEVEL = ("version", "organisation", "base_url", "terms")
#: The version of the ``glossary.json`` a build publishes: any 1.x is read.
JSON_VERSION = (1, 2)
#: Keys of a ``glossary.json`` term besides the data fields: where it lives and how it reads.
JSON_TERM_EXTRAS = (
    "anchor",
    "url",
    "base_url",
    "organisation",
    "definition_text",
    "definition_html",
)

#: Text fields (``term`` must not be empty).
STRING_FIELDS = ("term", "qualifier", "note", "definition", "summary", "more", "replaced_by")
#: Lists of names or words.
LIST_FIELDS = ("aliases", "see", "forms", "not_after", "not_before", "avoid")
BOOL_FIELDS = ("autolink", "expand", "acronym_first", "case_sensitive")
ENUM_TYPES: dict[str, type[Scope | Status | Match | Spelling]] = {
    "scope": Scope,
    "status": Status,
    "match": Match,
    "spelling": Spelling,
}
ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(member.value for member in enum) for name, enum in ENUM_TYPES.items()
}
#: Field order of the format; exports write keys in this order.
FIELDS = (
    "term",
    "aliases",
    "qualifier",
    "scope",
    "note",
    "status",
    "replaced_by",
    "definition",
    "summary",
    "more",
    "see",
    "autolink",
    "expand",
    "acronym_first",
    "case_sensitive",
    "forms",
    "match",
    "not_after",
    "not_before",
    "spelling",
    "avoid",
)


def expectation(key: str) -> str:
    """What a field's value must be, as messages say it."""
    if key in LIST_FIELDS:
        return "must be a list"
    if key in BOOL_FIELDS:
        return "must be true or false"
    if key in ENUM_FIELDS:
        return f"must be one of {', '.join(ENUM_FIELDS[key])}"
    return "must be a string"


def value_problem(key: str, value: Any) -> str:
    """Why ``key: value`` (plain JSON-like values) cannot be a field of a term, or ``""``."""
    if key not in FIELDS:
        return f"unknown field {key!r}"
    if key in LIST_FIELDS:
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    elif key in BOOL_FIELDS:
        ok = isinstance(value, bool) or (key == "case_sensitive" and value is None)
    elif key in ENUM_FIELDS:
        ok = value in ENUM_FIELDS[key]
    else:
        ok = isinstance(value, str) and bool(value.strip() or key != "term")
    return "" if ok else f"{key!r} {expectation(key)}"


def field_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Checked plain ``values`` of fields as a :class:`.model.Term` holds them (lists as
    tuples, enum values as enums)."""
    converted = dict(values)
    for key in LIST_FIELDS:
        if key in converted:
            converted[key] = tuple(converted[key])
    for key, enum in ENUM_TYPES.items():
        if key in converted:
            converted[key] = enum(converted[key])
    return converted


def with_fields(term: Term, values: Mapping[str, Any]) -> Term:
    """``term`` with checked plain ``values`` of fields (lists, enum values) set."""
    return replace(term, **field_values(values))


def _plain(value: Any) -> Any:
    """A field value as the data file writes it: enums by value, tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    return list(value) if isinstance(value, tuple) else value


#: Every field's default, as a term holds it.
_HELD_DEFAULTS: dict[str, Any] = {name: getattr(Term(term=""), name) for name in FIELDS}
#: Every field's default, as written.
DEFAULTS: dict[str, Any] = {name: _plain(value) for name, value in _HELD_DEFAULTS.items()}


def term_dict(term: Term) -> dict[str, Any]:
    """The term as a data file entry: fields in :data:`FIELDS` order, defaults left out.

    Compared with the defaults as held (a tuple, an enum compare as their written forms
    do), so only the fields that are written are converted: a glossary of thousands of
    terms is written at every HTML build (``glossary.json``).
    """
    entry: dict[str, Any] = {}
    for name, default in _HELD_DEFAULTS.items():
        value = getattr(term, name)
        if value != default:
            entry[name] = _plain(value)
    return entry


#: Gives what a term's JSON entry has besides its fields (``glossary.json``: where it lives).
JsonExtra = Callable[[Term], dict[str, Any]]


def json_entries(terms: Iterable[Term], extra: JsonExtra | None = None) -> Iterator[dict[str, Any]]:
    """Each term's JSON entry: the data file's field names, plus ``extra``."""
    for term in terms:
        yield (term_dict(term) | extra(term)) if extra else term_dict(term)


def json_version_text() -> str:
    """The ``glossary.json`` version as written: ``"1.2"``."""
    return ".".join(map(str, JSON_VERSION))


def dump_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _entry_text(entry: Mapping[str, Any], encoder: json.JSONEncoder) -> str:
    """``encoder.encode(entry)`` (indented, not ASCII-only), written here for the usual entry
    of strings, booleans and lists of strings: json's encoder is pure Python when it
    indents, and ``glossary.json`` has an entry per term at every build. Strings still go
    through json's own (C) escaping; any other entry goes to ``encoder``."""
    lines = []
    for key, value in entry.items():
        kind = type(value)
        if type(key) is not str:  # json writes other keys its own way
            return encoder.encode(entry)
        if kind is str:
            text = encode_basestring(value)
        elif kind is bool:
            text = "true" if value else "false"
        elif kind is list and all(type(item) is str for item in value):
            items = ",\n    ".join(map(encode_basestring, value))
            text = f"[\n    {items}\n  ]" if value else "[]"
        else:
            return encoder.encode(entry)
        lines.append(f"  {encode_basestring(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"


def json_pieces(
    entries: Iterable[dict[str, Any]], head: Mapping[str, Any] | None = None
) -> Iterator[str]:
    """The text of :func:`dump_json` of ``{**head, "terms": [*entries]}`` (``head``: the data
    file's ``{"version": 1}`` unless given), an entry at a time: a document of thousands of
    terms is never held whole, nor its text (at the end of a build, when memory use is
    highest)."""
    head = {"version": FORMAT_VERSION} if head is None else head
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    opening = encoder.encode({**head, "terms": []})
    assert opening.endswith("[]\n}")
    yield opening[: -len("]\n}")]
    separator = "\n"
    for entry in entries:
        # an entry's lines, indented as the list's items are (no text holds a line break)
        yield separator + "    " + _entry_text(entry, encoder).replace("\n", "\n    ")
        separator = ",\n"
    yield "]\n}\n" if separator == "\n" else "\n  ]\n}\n"
