"""YAML data files → a validated :class:`~.model.Glossary`, every problem with ``PATH:LINE``.

The file is read with PyYAML's *safe* machinery only and never constructed
into Python objects blindly: it is parsed to events (refusing YAML aliases,
which make expansion bombs possible) and composed to nodes, which keep their
line numbers, so every later check can say where the writer went wrong.
Problems never raise: the loader returns the valid entries and a list of
:class:`Problem`; callers decide whether to print, warn or fail.
"""

from __future__ import annotations

import json
import operator
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .collector import without_collection
from .data_format import (
    BOOL_FIELDS,
    ENUM_FIELDS,
    FIELDS,
    FORMAT_VERSION,
    JSON_TERM_EXTRAS,
    JSON_VERSION,
    LIST_FIELDS,
    TOP_LEVEL,
    field_values,
    value_problem,
)
from .definitions import term_links, unsafe_urls
from .files import MAX_BYTES, FileError, read_text
from .model import (
    Glossary,
    NameClash,
    Status,
    Term,
    assign_keys,
    fold,
    updated,
    without_empty_entries,
    without_name_clashes,
)
from .problems import Problem, close_matches, did_you_mean
from .urls import is_safe_url, url_scheme
from .warnings_ import BtermWarning as W
from .yaml_errors import advice

__all__ = [
    "BUNDLED",
    "MAX_BYTES",
    "DataText",
    "Problem",
    "load_bundled",
    "load_glossary",
]

BUNDLED_FILE = Path(__file__).parent / "data" / "balena.yaml"
#: In a list of data files (conf.py or the command line), stands for the bundled glossary.
BUNDLED = "@bundled"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _TAG + t for t in ("str", "bool", "int", "float", "null", "timestamp", "seq", "map")
}
_TYPE_NAMES = {
    _TAG + "bool": "a boolean",
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "null": "empty",
    _TAG + "timestamp": "a date",
    _TAG + "seq": "a list",
    _TAG + "map": "a mapping",
    _TAG + "str": "a string",
}


@dataclass
class _DataEntry:
    """A term being read, with the line of each field and list item."""

    values: dict[str, Any]
    line: int
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    #: The entry's URL on the site it comes from (a ``glossary.json`` says it).
    home: str = ""
    #: What its relative links are relative to, when not the source's (a ``glossary.json``
    #: term's ``base_url``).
    base: str = ""
    #: Its organisation, when not the source's (a ``glossary.json`` term's ``organisation``).
    organisation: str = ""


@dataclass(frozen=True)
class DataText:
    """A glossary source already in hand: fetched from a URL, or text about to be written."""

    #: How messages name it: a file path or the URL.
    path: str
    text: str
    #: Where it was fetched from (relative links in definitions resolve against it).
    url: str = ""


@dataclass
class _Read:
    """What one source gives: its entries, its problems, and the base of its relative links."""

    entries: list[_DataEntry]
    problems: list[Problem]
    base: str = ""
    #: The organisation the source declares (``organisation: Acme``).
    organisation: str = ""


class _YamlReader:
    """Collects problems while walking one file's nodes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int, subtype: W, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, subtype))

    def at(self, node: yaml.Node, subtype: W, message: str) -> None:
        self.problem(node.start_mark.line + 1, subtype, message)


def _describe(node: yaml.Node) -> str:
    kind = _TYPE_NAMES.get(node.tag, f"tagged {node.tag}")
    if isinstance(node, yaml.ScalarNode):
        return f"{kind} ({node.value!r})" if node.value else kind
    return kind


def _suggest(word: str, choices: Iterable[str]) -> str:
    hint = did_you_mean(close_matches(word, choices))
    return f" ({hint})" if hint else ""


def _bad_name_chars(name: str) -> list[str]:
    """Control, bidi and zero-width characters, which make look-alike names."""
    if name.isprintable():  # none of them is printable: the common, quick answer
        return []
    return [
        f"U+{ord(c):04X}"
        for c in name
        if unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\n"
    ]


def _read_text(path: Path, reader: _YamlReader) -> str | None:
    try:
        return read_text(path, "glossary data file")
    except FileError as exc:
        reader.problems.append(exc.problem)
        return None


def _compose(text: str, reader: _YamlReader) -> yaml.Node | None:
    """Parse to nodes, refusing aliases first so nothing can expand."""
    try:
        # an alias needs an anchor ("&name"): text without "&" has none, and skips a pass
        for event in yaml.parse(text, Loader=_Loader) if "&" in text else ():
            if isinstance(event, yaml.AliasEvent):
                reader.problem(
                    event.start_mark.line + 1 if event.start_mark else 1,
                    W.YAML_ALIAS,
                    f"YAML aliases (*{event.anchor}) are not allowed; repeat the text instead",
                )
                return None
        node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
        return node
    except yaml.MarkedYAMLError as exc:
        line, message = advice(exc, text)
        reader.problem(line, W.SYNTAX, f"YAML syntax error: {message}")
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        reader.problem(
            line, W.SYNTAX, f"YAML syntax error: {exc.reason} (character 0x{exc.character:x})"
        )
    except yaml.YAMLError as exc:
        reader.problem(1, W.SYNTAX, f"YAML syntax error: {exc}")
    except RecursionError:
        reader.problem(1, W.SYNTAX, "YAML syntax error: nesting too deep")
    return None


def _check_tags(node: yaml.Node, reader: _YamlReader) -> None:
    """Report explicit tags (``!include``, ``!!python/...``) anywhere in the file.

    Tagged values are never constructed; the entry holding one is read
    without that value.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag not in _ALLOWED_TAGS:
            reader.at(current, W.TAG, f"unsupported YAML tag {current.tag!r}")
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))


def _mapping_items(
    node: yaml.MappingNode, reader: _YamlReader, known: Sequence[str], what: str
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys of a mapping, with duplicate and unknown keys reported."""
    items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
            reader.at(
                key_node, W.TYPE, f"keys of {what} must be plain words, got {_describe(key_node)}"
            )
            continue
        key = key_node.value
        if key in items:
            first = items[key][0].start_mark.line + 1
            reader.at(
                key_node,
                W.DUPLICATE_KEY,
                f"key {key!r} given twice in {what} (first at line {first})",
            )
            continue
        if key not in known:
            reader.at(
                key_node, W.UNKNOWN_KEY, f"unknown key {key!r} in {what}{_suggest(key, known)}"
            )
            continue
        items[key] = (key_node, value_node)
    return items


def _string(node: yaml.Node, name: str, reader: _YamlReader) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "str":
        return str(node.value)
    hint = " (quote it)" if isinstance(node, yaml.ScalarNode) and node.value else ""
    reader.at(node, W.TYPE, f"{name!r} must be a string, got {_describe(node)}{hint}")
    return None


def _name(node: yaml.Node, name: str, reader: _YamlReader) -> str | None:
    """A term name or alias: a non-empty string without invisible characters."""
    value = _string(node, name, reader)
    if value is None:
        return None
    value = " ".join(value.split())
    if not value:
        reader.at(node, W.TYPE, f"{name!r} must not be empty")
        return None
    bad = _bad_name_chars(value)
    if bad:
        reader.at(
            node, W.NAME, f"{name} {value!r} contains invisible characters ({', '.join(bad)})"
        )
        return None
    return value


def _read_entry(node: yaml.Node, reader: _YamlReader) -> _DataEntry | None:
    if not isinstance(node, yaml.MappingNode):
        reader.at(
            node,
            W.SCHEMA,
            f"each item of 'terms' must be a mapping with a 'term' key, got {_describe(node)}",
        )
        return None
    entry = _DataEntry(values={}, line=node.start_mark.line + 1)
    items = _mapping_items(node, reader, FIELDS, "a term")
    for key, (key_node, value_node) in items.items():
        entry.lines[key] = key_node.start_mark.line + 1
        if value_node.tag not in _ALLOWED_TAGS:
            continue  # reported by _check_tags
        if key == "term":
            value: Any = _name(value_node, key, reader)
        elif key in LIST_FIELDS:
            value = _name_list(value_node, key, reader, entry)
        elif key in BOOL_FIELDS:
            value = _bool(value_node, key, reader)
        elif key in ENUM_FIELDS:
            value = _enum(value_node, key, reader)
        else:
            value = _string(value_node, key, reader)
        if value is not None:
            entry.values[key] = value
    if "term" not in entry.values:
        if "term" not in items:
            reader.at(node, W.SCHEMA, "entry has no 'term' (its name)")
        return None
    return _with_definition(entry, reader)


def _with_definition(entry: _DataEntry, reader: _YamlReader) -> _DataEntry | None:
    """The entry, its definition stripped; None (reported) when it has neither one nor a ``see``."""
    definition = entry.values.get("definition", "").strip()
    entry.values["definition"] = definition
    if not definition and not entry.values.get("see"):
        reader.problem(
            entry.lines.get("definition", entry.line),
            W.EMPTY_DEFINITION,
            f"{entry.values['term']!r} has no definition (give 'definition' or 'see')",
        )
        return None
    return entry


def _name_list(
    node: yaml.Node, name: str, reader: _YamlReader, entry: _DataEntry
) -> list[str] | None:
    if not isinstance(node, yaml.SequenceNode):
        hint = (
            f" (write [{node.value}])" if isinstance(node, yaml.ScalarNode) and node.value else ""
        )
        reader.at(node, W.TYPE, f"{name!r} must be a list, got {_describe(node)}{hint}")
        return None
    values, lines = [], []
    for item in node.value:
        value = _name(item, f"an item of {name!r}", reader)
        if value is not None:
            values.append(value)
            lines.append(item.start_mark.line + 1)
    entry.item_lines[name] = lines
    return values


def _bool(node: yaml.Node, name: str, reader: _YamlReader) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "bool":
        return bool(yaml.safe_load(node.value))
    reader.at(node, W.TYPE, f"{name!r} must be true or false, got {_describe(node)}")
    return None


def _enum(node: yaml.Node, name: str, reader: _YamlReader) -> str | None:
    value = _string(node, name, reader)
    allowed = ENUM_FIELDS[name]
    if value is None or value in allowed:
        return value
    reader.at(
        node,
        W.VALUE,
        f"{name} {value!r} is not one of {', '.join(allowed)}{_suggest(value, allowed)}",
    )
    return None


def _json_version(value: object) -> tuple[int, int] | None:
    """``1`` (the first ``glossary.json``) → (1, 0); ``"1.1"`` → (1, 1); anything else → None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value, 0
    if isinstance(value, str) and re.fullmatch(r"\d+\.\d+", value):
        major, minor = value.split(".")
        return int(major), int(minor)
    return None


_TERM_KEY = re.compile(r'"term"\s*:')


def _json_lines(text: str) -> list[int]:
    """The line of each ``"term":`` key in a JSON document, in order: the line of each term
    of a ``glossary.json`` (one pass: a search per term would be quadratic)."""
    lines, line, position = [], 1, 0
    for match in _TERM_KEY.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _read_json(text: str, path: str, url: str) -> _Read:
    """The entries of a ``glossary.json`` another site publishes (or a JSON export).

    Any 1.x version is read (fields of a newer minor version are skipped); each
    term's ``url`` is where it lives, and relative links in definitions are
    relative to the site's glossary page.
    """
    reader = _YamlReader(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        reader.problem(exc.lineno, W.SYNTAX, f"JSON syntax error: {exc.msg}")
        return _Read([], reader.problems)
    except RecursionError:
        reader.problem(1, W.SYNTAX, "JSON syntax error: nesting too deep")
        return _Read([], reader.problems)
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        reader.problem(1, W.SCHEMA, "expected an object with 'version' and a 'terms' list")
        return _Read([], reader.problems)
    version = _json_version(document.get("version"))
    if version is None or version[0] != JSON_VERSION[0]:
        reader.problem(
            1,
            W.SCHEMA,
            f"glossary.json version {document.get('version')!r} is not one this extension "
            f"reads ({JSON_VERSION[0]}.x): it was written by another major version of "
            "sphinx-balena-glossary; install the same major version as the publishing site",
        )
        return _Read([], reader.problems)
    site = document.get("site")
    base = str(site.get("glossary_url") or "") if isinstance(site, dict) else ""
    if not is_safe_url(base):
        reader.problem(1, W.UNSAFE_URL, f"site glossary_url {base!r} is not http(s) or relative")
        base = ""
    entries = []
    lines = _json_lines(text)
    for number, item in enumerate(document["terms"], 1):
        name = item.get("term") if isinstance(item, dict) else None
        # the n-th "term" key is the n-th term's while every term has one
        line = lines[number - 1] if len(lines) == len(document["terms"]) else 1
        if not isinstance(name, str) or not name.strip():
            reader.problem(line, W.SCHEMA, f"term number {number} has no 'term' (its name)")
            continue
        entry = _json_entry(item, line, version > JSON_VERSION, reader, url)
        if entry is not None:
            entries.append(entry)
    return _Read(entries, reader.problems, urljoin(url, base) if base else url)


def _json_entry(
    item: dict[str, Any], line: int, newer: bool, reader: _YamlReader, url: str
) -> _DataEntry | None:
    """One term of a ``glossary.json`` (its URLs relative to ``url``, the file's)."""
    entry = _DataEntry(values={}, line=line)
    for key, value in item.items():
        entry.lines[key] = line
        if key in ("url", "base_url") and isinstance(value, str):
            if not url and not url_scheme(value):
                continue  # relative to a site this copy no longer knows: of no use
            if is_safe_url(value):
                setattr(entry, "home" if key == "url" else "base", urljoin(url, value))
            else:
                reader.problem(
                    line,
                    W.UNSAFE_URL,
                    f"{key} {value!r} of {item['term']!r} is not http(s) or relative; ignored",
                )
            continue
        if key == "organisation" and isinstance(value, str):
            entry.organisation = value.strip()
            continue
        if key in JSON_TERM_EXTRAS:
            continue
        if key not in FIELDS and newer:
            continue  # a field of a later minor version
        why = value_problem(key, value)
        if why:
            subtype = W.UNKNOWN_KEY if key not in FIELDS else W.TYPE
            reader.problem(line, subtype, f"{why} (term {item['term']!r})")
            continue
        if key in LIST_FIELDS:
            entry.item_lines[key] = [line] * len(value)
        entry.values[key] = " ".join(value.split()) if key == "term" else value
    bad = [
        c
        for name in (entry.values["term"], *entry.values.get("aliases", ()))
        for c in _bad_name_chars(name)
    ]
    if bad:
        reader.problem(
            line,
            W.NAME,
            f"{entry.values['term']!r} has invisible characters in a name ({', '.join(bad)})",
        )
        return None
    return _with_definition(entry, reader)


def _read_file(name: str, text: str | None = None, url: str = "") -> _Read:
    """The entries of one data file or ``glossary.json``: the file ``name``, or ``text``
    (fetched from ``url``, or about to be written) that messages call ``name``."""
    reader = _YamlReader(name)
    if text is None:
        text = _read_text(Path(name), reader)
    if text is not None and text.lstrip().startswith("{"):
        return _read_json(text, reader.path, url)
    root = _compose(text, reader) if text is not None else None
    if text is not None and root is None and not reader.problems:
        reader.problem(1, W.SCHEMA, "the file is empty; expected 'version: 1' and a 'terms' list")
    if root is None:
        return _Read([], reader.problems)
    _check_tags(root, reader)
    if not isinstance(root, yaml.MappingNode):
        reader.at(
            root, W.SCHEMA, "the top level must be a mapping with 'version: 1' and a 'terms' list"
        )
        return _Read([], reader.problems)
    top = _mapping_items(root, reader, TOP_LEVEL, "the top level")
    if "version" not in top:
        reader.at(root, W.SCHEMA, "missing 'version: 1' at the top level")
    else:
        version = top["version"][1]
        if not (version.tag == _TAG + "int" and version.value == str(FORMAT_VERSION)):
            reader.at(
                version,
                W.SCHEMA,
                f"unsupported version {_describe(version)}; this extension reads version {FORMAT_VERSION}",
            )
            return _Read([], reader.problems)
    base = url
    if "base_url" in top:
        value = _string(top["base_url"][1], "base_url", reader)
        if value is not None and is_safe_url(value) and url_scheme(value):
            base = value.strip()
        elif value is not None:
            reader.at(top["base_url"][1], W.UNSAFE_URL, "'base_url' must be an http(s) URL")
    organisation = ""
    if "organisation" in top:
        organisation = (_string(top["organisation"][1], "organisation", reader) or "").strip()
    if "terms" not in top:
        reader.at(root, W.SCHEMA, "missing the 'terms' list")
        return _Read([], reader.problems, base)
    terms_node = top["terms"][1]
    if not isinstance(terms_node, yaml.SequenceNode):
        reader.at(
            terms_node, W.SCHEMA, f"'terms' must be a list of entries, got {_describe(terms_node)}"
        )
        return _Read([], reader.problems, base)
    entries = [e for e in (_read_entry(n, reader) for n in terms_node.value) if e is not None]
    return _Read(entries, reader.problems, base, organisation)


#: Fields whose surrounding whitespace means nothing.
_STRIPPED = ("qualifier", "note", "summary", "more", "replaced_by")


def _to_term(entry: _DataEntry, path: str, read: _Read) -> Term:
    values = {
        key: value.strip() if key in _STRIPPED else value for key, value in entry.values.items()
    }
    # one Term made with every field: copies of a frozen term add up on large glossaries
    return Term(
        term=values.pop("term"),
        source=path,
        line=entry.line,
        home=entry.home,
        base=entry.base or read.base,
        organisation=entry.organisation or read.organisation,
        **field_values(values),
    )


class _Checker:
    """Checks across entries (and files): duplicates, see targets, cycles, URLs."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, line: int, subtype: W, message: str) -> None:
        self.problems.append(Problem(path, line, message, subtype))

    def unique_names(self, entries: list[tuple[_DataEntry, Term]]) -> list[tuple[_DataEntry, Term]]:
        """Drop aliases (and whole entries) whose name another term already has."""
        entry_of = {(term.source, term.line): entry for entry, term in entries}

        def line_of(term: Term, alias: int | None) -> int:
            entry = entry_of[(term.source, term.line)]
            if alias is None:
                return entry.lines.get("term", term.line)
            lines = entry.item_lines.get("aliases", [])
            return lines[alias] if alias < len(lines) else term.line

        def report(clash: NameClash) -> None:
            term, owner = clash.term, clash.owner
            where = f"{owner.source}:{line_of(owner, clash.owner_alias)}"
            if clash.alias is None:
                message = f"{term.term!r} is already defined at {where}"
            else:
                what = (
                    "its own name"
                    if owner is term
                    else f"already used by {owner.term!r} at {where}"
                )
                message = f"alias {term.aliases[clash.alias]!r} of {term.term!r} is {what}"
            self.problem(term.source, line_of(term, clash.alias), W.DUPLICATE, message)

        kept = without_name_clashes((term for _, term in entries), report)
        return [(entry_of[(term.source, term.line)], term) for term in kept]

    def urls(self, entry: _DataEntry, term: Term) -> Term:
        if term.more and not is_safe_url(term.more):
            self.problem(
                term.source,
                entry.lines["more"],
                W.UNSAFE_URL,
                f"'more' URL {term.more!r} of {term.term!r} is not http(s), mailto or relative; it is dropped",
            )
            term = updated(term, more="")
        for url in unsafe_urls(term.definition):
            self.problem(
                term.source,
                entry.lines["definition"],
                W.UNSAFE_URL,
                f"link {url!r} in the definition of {term.term!r} is not http(s), mailto or relative; its text stays, the link goes",
            )
        if term.replaced_by and term.status is Status.CURRENT:
            self.problem(
                term.source,
                entry.lines["replaced_by"],
                W.VALUE,
                f"{term.term!r} has 'replaced_by' but its status is current; set status: former, deprecated or discontinued",
            )
        return term

    def forms(self, entry: _DataEntry, term: Term, owners: dict[str, Term]) -> Term:
        """Drop (and report) forms that are a name or alias of a term: a name always wins."""
        kept = []
        for form, line in zip(term.forms, entry.item_lines.get("forms", []), strict=False):
            owner = owners.get(fold(form))
            if owner is None:
                kept.append(form)
                continue
            own = (owner.source, owner.line) == (term.source, term.line)
            whose = "its own name" if own else f"a name of {owner.term!r}"
            self.problem(
                term.source,
                line,
                W.DUPLICATE,
                f"form {form!r} of {term.term!r} is {whose}; dropped",
            )
        return updated(term, forms=tuple(kept))

    def avoided(self, entries: list[tuple[_DataEntry, Term]]) -> list[tuple[_DataEntry, Term]]:
        """Drop (and report) ``avoid`` spellings that are a name, alias or form of a term, or
        that an entry avoids already: a spelling cannot be both right and wrong, nor wrong for
        two terms (a checker could not say which name to write instead)."""
        spellings = {fold(form): (term, "a form") for _, term in entries for form in term.forms}
        spellings |= {fold(name): (term, "a name") for _, term in entries for name in term.names}
        taken: dict[str, tuple[Term, int]] = {}
        result = []
        for entry, term in entries:
            kept = []
            for spelling, line in zip(term.avoid, entry.item_lines.get("avoid", []), strict=False):
                key = fold(spelling)
                if key in spellings:
                    owner, kind = spellings[key]
                    own = kind == "a name" and owner is term
                    whose = "its own name" if own else f"{kind} of {owner.term!r}"
                    why = f"is {whose}"
                elif key in taken:
                    first, first_line = taken[key]
                    why = f"is avoided already for {first.term!r} at {first.source}:{first_line}"
                else:
                    taken[key] = (term, line)
                    kept.append(spelling)
                    continue
                self.problem(
                    term.source,
                    line,
                    W.DUPLICATE,
                    f"avoid spelling {spelling!r} of {term.term!r} {why}; dropped",
                )
            result.append((entry, updated(term, avoid=tuple(kept))))
        return result

    def see_targets(self, entries: list[tuple[_DataEntry, Term]], glossary: Glossary) -> list[Term]:
        """Resolve ``see`` names to canonical term names; drop (and report) the dangling ones
        and report ``term:`` links of definitions that name no term."""
        result = []
        for entry, term in entries:
            see = []
            for name, line in zip(term.see, entry.item_lines.get("see", []), strict=False):
                target = glossary.lookup(name)
                if target is None:
                    self.problem(
                        term.source,
                        line,
                        W.SEE_MISSING,
                        f"{term.term!r} sees {name!r}, which is no term of the glossary{_suggest_terms(name, glossary)}",
                    )
                else:
                    see.append(target.term)
            for name in term_links(term.definition):
                if glossary.lookup(name) is None:
                    self.problem(
                        term.source,
                        entry.lines.get("definition", term.line),
                        W.SEE_MISSING,
                        f"the definition of {term.term!r} links to the term {name!r}, which is no "
                        f"term of the glossary{_suggest_terms(name, glossary)}; its text stays",
                    )
            if not see and not term.definition:
                self.problem(
                    term.source,
                    entry.lines.get("see", term.line),
                    W.EMPTY_DEFINITION,
                    f"{term.term!r} has no definition and no valid 'see'",
                )
            result.append(updated(term, see=tuple(see)))
        return result

    def cycles(self, terms: Sequence[Term]) -> None:
        """Report loops of redirect-only entries once, at their first member."""
        redirect = {t.term: t for t in terms if not t.definition and t.see}
        reported: set[str] = set()
        for start in redirect.values():
            path = [start.term]
            current = start
            while True:
                nxt = next((s for s in current.see if s in redirect), None)
                if nxt is None or nxt in reported:
                    break
                if nxt in path:
                    loop = [*path[path.index(nxt) :], nxt]
                    self.problem(
                        start.source,
                        start.line,
                        W.SEE_CYCLE,
                        "see-cycle with no definition: " + " -> ".join(loop),
                    )
                    reported.update(loop)
                    break
                path.append(nxt)
                current = redirect[nxt]
            reported.add(start.term)


def _suggest_terms(name: str, glossary: Glossary) -> str:
    hint = did_you_mean(glossary.suggest(name, limit=1))
    return f" ({hint})" if hint else ""


@without_collection
def load_glossary(
    sources: Sequence[str | os.PathLike[str] | DataText],
) -> tuple[Glossary, list[Problem]]:
    """Load and merge glossary sources in order; a later one overrides a term of the same name.

    A source is a data file (a path), or a :class:`DataText` already in hand (a fetched
    remote glossary, a data file about to be written). Each override is reported as a
    note, naming both sources.
    """
    problems: list[Problem] = []
    merged: dict[str, tuple[_DataEntry, Term]] = {}
    order: dict[str, int] = {}
    for number, source in enumerate(sources):
        if isinstance(source, DataText):
            name, read = source.path, _read_file(source.path, source.text, source.url)
        else:
            name = str(source)
            read = _read_file(name)
        order[name] = number
        problems.extend(read.problems)
        seen_here: dict[str, int] = {}
        for entry in read.entries:
            term = _to_term(entry, name, read)
            key = fold(term.term)
            if key in seen_here:
                problems.append(
                    Problem(
                        name,
                        entry.lines["term"],
                        f"{term.term!r} is already defined at {name}:{seen_here[key]}",
                        W.DUPLICATE,
                    )
                )
                continue
            seen_here[key] = entry.lines["term"]
            if key in merged:
                earlier = merged[key][1]
                problems.append(
                    Problem(
                        name,
                        entry.lines["term"],
                        f"{term.term!r} overrides the entry of {earlier.source}:{earlier.line}",
                        W.OVERRIDE,
                        note=True,
                    )
                )
            merged[key] = (entry, term)  # overrides an earlier source's term in place
    checker = _Checker()
    unique = checker.unique_names(list(merged.values()))
    owners = {fold(name): term for _, term in unique for name in term.names}
    checked = checker.avoided(
        [(entry, checker.forms(entry, checker.urls(entry, term), owners)) for entry, term in unique]
    )
    draft = Glossary(assign_keys(term for _, term in checked))
    terms = checker.see_targets(list(zip((e for e, _ in checked), draft.terms, strict=True)), draft)
    checker.cycles(terms)
    # entries left empty were reported already (see_targets)
    final = tuple(without_empty_entries(terms))
    unchanged = len(final) == len(draft.terms) and all(map(operator.is_, final, draft.terms))
    glossary = draft if unchanged else Glossary(final)  # its indexes cost a second time
    problems = sorted(problems + checker.problems, key=lambda p: (order.get(p.path, 0), p.line))
    return glossary, problems


#: Problems after which nothing of a file can be used.
FATAL = frozenset((W.SYNTAX, W.SCHEMA, W.YAML_ALIAS, W.ENCODING, W.TOO_LARGE, W.FILE))


def readable(text: str, name: str) -> str:
    """``""`` when ``text`` reads as a glossary (a data file or a ``glossary.json``), else why
    not: the first problem after which nothing of it could be used."""
    read = _read_file(name, text)
    fatal = [p for p in read.problems if p.subtype in FATAL]
    # an entry without a name is a schema problem too, but the others are fine to use
    if not fatal or read.entries:
        return ""
    return f"line {fatal[0].line}: {fatal[0].message}"


def load_bundled() -> tuple[Glossary, list[Problem]]:
    """The glossary that ships with the extension (the balena handbook's)."""
    return load_glossary([BUNDLED_FILE])
