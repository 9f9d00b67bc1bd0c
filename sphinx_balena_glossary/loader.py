"""YAML data files → a validated :class:`~.model.Glossary`, every problem with ``PATH:LINE``.

The file is read with PyYAML's *safe* machinery only and never constructed
into Python objects blindly: it is parsed to events (refusing YAML aliases,
which make expansion bombs possible) and composed to nodes, which keep their
line numbers, so every later check can say where the writer went wrong.
Problems never raise: the loader returns the valid entries and a list of
:class:`Problem`; callers decide whether to print, warn or fail.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .data_format import (
    BOOL_FIELDS,
    ENUM_FIELDS,
    FIELDS,
    FORMAT_VERSION,
    LIST_FIELDS,
    with_fields,
)
from .definitions import unsafe_urls
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
from .urls import is_safe_url
from .warnings_ import BtermWarning as W

__all__ = ["BUNDLED", "MAX_BYTES", "Problem", "data_paths", "load_bundled", "load_glossary"]

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
class _YamlEntry:
    """A term being read, with the line of each field and list item."""

    values: dict[str, Any]
    line: int
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)


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
        for event in yaml.parse(text, Loader=_Loader):
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
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        parts = [str(part) for part in (exc.context, exc.problem) if part]
        message = " ".join(", ".join(parts or ["invalid YAML"]).split())
        if "tab" in message:
            message += " (indent with spaces, not tabs)"
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


def _read_entry(node: yaml.Node, reader: _YamlReader) -> _YamlEntry | None:
    if not isinstance(node, yaml.MappingNode):
        reader.at(
            node,
            W.SCHEMA,
            f"each item of 'terms' must be a mapping with a 'term' key, got {_describe(node)}",
        )
        return None
    entry = _YamlEntry(values={}, line=node.start_mark.line + 1)
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
    node: yaml.Node, name: str, reader: _YamlReader, entry: _YamlEntry
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


def _read_file(path: Path, text: str | None = None) -> tuple[list[_YamlEntry], list[Problem]]:
    """The entries of one data file (its ``text``, if given, instead of reading it)."""
    reader = _YamlReader(str(path))
    if text is None:
        text = _read_text(path, reader)
    root = _compose(text, reader) if text is not None else None
    if text is not None and root is None and not reader.problems:
        reader.problem(1, W.SCHEMA, "the file is empty; expected 'version: 1' and a 'terms' list")
    if root is None:
        return [], reader.problems
    _check_tags(root, reader)
    if not isinstance(root, yaml.MappingNode):
        reader.at(
            root, W.SCHEMA, "the top level must be a mapping with 'version: 1' and a 'terms' list"
        )
        return [], reader.problems
    top = _mapping_items(root, reader, ("version", "terms"), "the top level")
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
            return [], reader.problems
    if "terms" not in top:
        reader.at(root, W.SCHEMA, "missing the 'terms' list")
        return [], reader.problems
    terms_node = top["terms"][1]
    if not isinstance(terms_node, yaml.SequenceNode):
        reader.at(
            terms_node, W.SCHEMA, f"'terms' must be a list of entries, got {_describe(terms_node)}"
        )
        return [], reader.problems
    entries = [e for e in (_read_entry(n, reader) for n in terms_node.value) if e is not None]
    return entries, reader.problems


#: Fields whose surrounding whitespace means nothing.
_STRIPPED = ("qualifier", "note", "more", "replaced_by")


def _to_term(entry: _YamlEntry, path: str) -> Term:
    values = {
        key: value.strip() if key in _STRIPPED else value for key, value in entry.values.items()
    }
    return with_fields(Term(term=values.pop("term"), source=path, line=entry.line), values)


class _Checker:
    """Checks across entries (and files): duplicates, see targets, cycles, URLs."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, line: int, subtype: W, message: str) -> None:
        self.problems.append(Problem(path, line, message, subtype))

    def unique_names(self, entries: list[tuple[_YamlEntry, Term]]) -> list[tuple[_YamlEntry, Term]]:
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

    def urls(self, entry: _YamlEntry, term: Term) -> Term:
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

    def forms(self, entry: _YamlEntry, term: Term, owners: dict[str, Term]) -> Term:
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

    def see_targets(self, entries: list[tuple[_YamlEntry, Term]], glossary: Glossary) -> list[Term]:
        """Resolve ``see`` names to canonical term names; drop (and report) the dangling ones."""
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


def load_glossary(
    paths: Sequence[str | os.PathLike[str]], texts: Mapping[str, str] | None = None
) -> tuple[Glossary, list[Problem]]:
    """Load and merge data files in order; a later file overrides a term of the same name.

    ``texts`` gives the text of some of them (by path) instead of reading the file: the
    command line checks a data file it is about to write.
    """
    problems: list[Problem] = []
    merged: dict[str, tuple[_YamlEntry, Term]] = {}
    for path in paths:
        entries, file_problems = _read_file(Path(path), (texts or {}).get(str(path)))
        problems.extend(file_problems)
        seen_here: dict[str, int] = {}
        for entry in entries:
            term = _to_term(entry, str(path))
            key = fold(term.term)
            if key in seen_here:
                problems.append(
                    Problem(
                        str(path),
                        entry.lines["term"],
                        f"{term.term!r} is already defined at {path}:{seen_here[key]}",
                        W.DUPLICATE,
                    )
                )
                continue
            seen_here[key] = entry.lines["term"]
            merged[key] = (entry, term)  # overrides an earlier file's term in place
    checker = _Checker()
    unique = checker.unique_names(list(merged.values()))
    owners = {fold(name): term for _, term in unique for name in term.names}
    checked = [
        (entry, checker.forms(entry, checker.urls(entry, term), owners)) for entry, term in unique
    ]
    draft = Glossary(assign_keys(term for _, term in checked))
    terms = checker.see_targets(list(zip((e for e, _ in checked), draft.terms, strict=True)), draft)
    checker.cycles(terms)
    # entries left empty were reported already (see_targets)
    glossary = Glossary(tuple(without_empty_entries(terms)))
    order = {str(path): i for i, path in enumerate(paths)}
    problems = sorted(problems + checker.problems, key=lambda p: (order.get(p.path, 0), p.line))
    return glossary, problems


def data_paths(names: Sequence[str], base: str | os.PathLike[str] | None = None) -> list[str]:
    """Data file names as paths: ``@bundled`` → the shipped file; others as given, or resolved
    against ``base`` (the conf dir in a build; the command line keeps what the user typed)."""
    return [
        str(BUNDLED_FILE)
        if name == BUNDLED
        else (str(Path(base, name).resolve()) if base is not None else name)
        for name in names
    ]


def load_bundled() -> tuple[Glossary, list[Problem]]:
    """The glossary that ships with the extension (the balena handbook's)."""
    return load_glossary([BUNDLED_FILE])
