"""Glossary terms → the data file (YAML), JSON, CSV, and the handbook's Markdown page; and
the registry of every export format.

These formats start from :func:`term_dict`, the data file's fields in their
order with defaults left out, so the formats agree with each other and with
hand-written data files, and a regenerated file only changes where a term did.
The terminology formats (TBX, SKOS, textlint, Vale) have modules of their own,
which start from :mod:`.terminology`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import yaml

from .data_format import DEFAULTS, FIELDS, FORMAT_VERSION, json_entries, json_pieces, term_dict
from .definitions import definition_text, replace_term_links
from .export_skos import to_skos
from .export_tbx import to_tbx
from .export_textlint import to_textlint
from .export_vale import vale_files
from .importer import (
    COMMENT_TAG,
    STATUS_MARKERS,
    Slugger,
    escape_entities,
    github_slug,
    heading_text,
    read_entries,
)
from .model import Term, entry_note, fold, letter_of

#: The title of an exported Markdown page.
PAGE_TITLE = "Glossary"
_NOTICE = "<!-- Written by sphinx-balena-glossary export: edit the data file, not this page. -->"
#: Lines of a definition that would end an entry or open a code block on the page.
_STRUCTURAL = re.compile(r"^( {0,3})(#|`{3}|~{3}|<!--\s*bterm:)")


def _by_letter(terms: Iterable[Term]) -> list[tuple[str, list[Term]]]:
    """Terms grouped by letter, letters A–Z then ``#``, terms in their given order."""
    groups: dict[str, list[Term]] = {chr(c): [] for c in range(ord("A"), ord("Z") + 1)}
    groups["#"] = []
    for term in terms:
        groups[letter_of(term.term)].append(term)
    return list(groups.items())


# -- YAML ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Entries as block mappings, name lists as ``[A, B]``, long text as ``>-`` and ``|-`` blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ">" if len(value) > 80 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)
#: Entries are indented by 4 in the file; lines stay within about 100 characters.
_WIDTH = 84


def _entry(term: Term) -> str:
    """One ``- term: ...`` item, indented for the ``terms`` list."""
    text = yaml.dump(term_dict(term), Dumper=_Dumper, allow_unicode=True, width=_WIDTH)
    first, *rest = text.splitlines()
    return f"  - {first}\n" + "".join(f"    {line}\n" if line else "\n" for line in rest)


def to_yaml(terms: Sequence[Term], header: str = "") -> str:
    """A data file (format version 1) with the terms in the given order, a comment per letter;
    with ``organisation`` and ``base_url`` when all the terms share one (an import, a fetched
    glossary)."""
    out = [f"# {line}".rstrip() + "\n" for line in header.splitlines()]
    out.append(f"version: {FORMAT_VERSION}\n")
    for key, values in (
        ("organisation", {term.organisation for term in terms}),
        ("base_url", {term.base for term in terms}),
    ):
        if len(values) == 1 and "" not in values:  # one for all: the file's own
            out.append(yaml.dump({key: values.pop()}, Dumper=_Dumper, width=1000))
    out.append("terms:\n")
    letters = [letter_of(term.term) for term in terms]
    # a comment per letter only where the terms are grouped by letter: "# A" twice would
    # say the wrong thing
    runs = [x for i, x in enumerate(letters) if i == 0 or letters[i - 1] != x]
    grouped = len(runs) == len(set(runs))
    for index, term in enumerate(terms):
        if grouped and (index == 0 or letters[index - 1] != letters[index]):
            out.append(f"\n  # {letters[index]}\n")
        out.append("\n" + _entry(term))
    return "".join(out)


# -- JSON and CSV ------------------------------------------------------------------------


def to_json(terms: Sequence[Term]) -> str:
    return "".join(json_pieces(json_entries(terms)))


#: CSV columns: every field, plus the definition as plain text for reading in a spreadsheet.
CSV_COLUMNS = (
    *FIELDS[: FIELDS.index("definition") + 1],
    "definition_text",
    *FIELDS[FIELDS.index("definition") + 1 :],
)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def to_csv(terms: Sequence[Term]) -> str:
    """One row per term; lists joined with ``"; "``; every column on every row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for term in terms:
        values = DEFAULTS | term_dict(term)
        values["definition_text"] = definition_text(term.definition)
        writer.writerow(_cell(values[column]) for column in CSV_COLUMNS)
    return buffer.getvalue()


# -- Markdown ------------------------------------------------------------------------------


def _heading(term: Term) -> str:
    """``Container (docker) aka. C, D``."""
    text = f"{term.term} ({term.qualifier})" if term.qualifier else term.term
    text = f"{text} aka. {', '.join(term.aliases)}" if term.aliases else text
    return text[:-1] + "\\#" if text.endswith("#") else text  # "### C #" would lose its "#"


def _anchor(name: str, anchors: dict[str, str]) -> str | None:
    """``#slug`` of the entry ``name`` names (its name or an alias, folded as ``anchors``'
    keys are) on the page, else None."""
    found = anchors.get(fold(name))
    return f"#{found}" if found else None


def _body(term: Term, anchors: dict[str, str]) -> str:
    """Scope note, status, definition, ``[more](…)`` and ``[see _X_](#x)`` as the handbook writes them."""
    note = entry_note(term)
    parts = [f"**({note})**"] if note else []
    if term.status in STATUS_MARKERS:
        parts.append(f"**{STATUS_MARKERS[term.status]}**")
    definition = replace_term_links(term.definition, lambda name: _anchor(name, anchors))
    definition = "\n".join(_STRUCTURAL.sub(r"\1\\\2", line) for line in definition.split("\n"))
    parts.append(definition)
    if term.more:
        parts.append(f"[more]({term.more})")
    parts.extend(
        f"[see _{name}_]({_anchor(name, anchors) or '#' + github_slug(name)})" for name in term.see
    )
    return escape_entities(" ".join(part for part in parts if part))


def _differing(term: Term, read: Term) -> set[str]:
    """The fields the page shows differently from the data."""
    wanted, shown = DEFAULTS | term_dict(term), DEFAULTS | term_dict(read)
    return {name for name in FIELDS if wanted[name] != shown[name]}


def _comment(term: Term, fields: set[str]) -> str:
    """``<!-- bterm: {...} -->`` with ``fields`` of the data, or ``""``."""
    if not fields:
        return ""
    wanted = DEFAULTS | term_dict(term)
    payload = json.dumps(
        {name: wanted[name] for name in FIELDS if name in fields}, ensure_ascii=False
    )
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e")  # no "-->" inside
    return f"<!-- {COMMENT_TAG} {payload} -->"


def _letter_heading(letter: str) -> str:
    return "\\#" if letter == "#" else letter  # "## #" would be an empty heading


def _page(groups: list[tuple[str, list[Term]]], bodies: list[str], comments: list[str]) -> str:
    out = [f"---\ntitle: {PAGE_TITLE}\n---\n\n# {PAGE_TITLE}\n\n{_NOTICE}\n"]
    index = 0
    for letter, terms in groups:
        if letter == "#" and not terms:
            continue
        out.append(f"\n## {_letter_heading(letter)}\n")
        for term in terms:
            comment = f"{comments[index]}\n\n" if comments[index] else ""
            out.append(f"\n### {_heading(term)}\n\n{comment}{bodies[index]}\n")
            index += 1
    return "".join(out)


def to_markdown(terms: Sequence[Term]) -> str:
    """The handbook's glossary page; :func:`.importer.import_markdown` reads it back exactly.

    Fields the page format cannot show (``autolink``, ``case_sensitive``,
    ``replaced_by``, a ``former`` status, names with Markdown in them …) go
    into a ``<!-- bterm: {...} -->`` comment after the heading: the page is
    written once, read back, and every field that reads differently from the
    data is put in the comment.
    """
    groups = _by_letter(terms)
    slug = Slugger()
    slug(PAGE_TITLE)
    anchors: dict[str, str] = {}
    for letter, group in groups:
        if letter != "#" or group:
            slug(heading_text(_letter_heading(letter)))
        for term in group:
            anchor = slug(heading_text(_heading(term)))
            for name in term.names:
                anchors.setdefault(fold(name), anchor)
    ordered = [term for _, group in groups for term in group]
    bodies = [_body(term, anchors) for term in ordered]
    fields: list[set[str]] = [set() for _ in ordered]
    # a field read from the comment can change a default the page derives from it (a
    # qualifier makes the match strict): read the page again until nothing differs
    for _ in range(len(FIELDS)):
        comments = [_comment(term, kept) for term, kept in zip(ordered, fields, strict=True)]
        page = _page(groups, bodies, comments)
        read, _ = read_entries(page)
        if len(read) != len(ordered):  # pragma: no cover - every heading is an entry
            raise AssertionError("the Markdown page lost an entry")
        more = [
            _differing(term, back) - kept
            for term, back, kept in zip(ordered, read, fields, strict=True)
        ]
        if not any(more):
            return page
        for kept, extra in zip(fields, more, strict=True):
            kept |= extra
    raise AssertionError("the Markdown page does not settle")  # pragma: no cover


#: Export formats by name (the ``--format`` choices) that are one text.
FORMATS: dict[str, Callable[[Sequence[Term]], str]] = {
    "yaml": to_yaml,
    "json": to_json,
    "markdown": to_markdown,
    "csv": to_csv,
    "tbx": to_tbx,
    "skos": to_skos,
    "textlint": to_textlint,
}
#: Export formats that are a folder of files: each file's text by its path in the folder.
FOLDER_FORMATS: dict[str, Callable[[Sequence[Term]], dict[str, str]]] = {
    "vale": vale_files,
}
