"""PyYAML's syntax errors said as what to change, at the line to change.

PyYAML reports where its parser gave up ("while parsing a block collection,
did not find expected '-' indicator"), which is often a line after the slip
and never says how to fix it. The common slips in a data file are few: a key
indented differently from its neighbours, a missing ``-`` before ``term:``,
a quote or bracket never closed, a colon inside an unquoted value, a tab.
"""

from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_above(lines: list[str], number: int) -> tuple[int, str] | None:
    """The line number and text of the nearest key line above line ``number`` (1-based)."""
    for index in range(number - 2, -1, -1):
        if _KEY.match(lines[index]):
            return index + 1, lines[index]
    return None


def _key_column(line: str) -> int:
    match = _KEY.match(line)
    if match is None:
        return _indent(line)
    return len(match["indent"]) + len(match["dash"] or "")


def advice(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line to fix and what to do, for a YAML syntax error in ``text`` (PyYAML's own
    words when the slip is not one of the common ones)."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    if "quoted scalar" in context and "end of stream" in problem:
        return opened, "a quote opened on this line is never closed: close it, or drop the quotes"
    if "flow sequence" in context or "flow mapping" in context:
        what, pair = ("list", "[]") if "sequence" in context else ("mapping", "{}")
        return (
            opened,
            f"a {what} opened with '{pair[0]}' on this line is never closed with '{pair[1]}'",
        )
    if "tab" in problem:
        return line, "a tab character in the indentation: indent with spaces only"
    above = _key_above(lines, line)
    match = _KEY.match(here)
    if "expected '-' indicator" in problem and match and above:
        if match["key"] == "term" and not match["dash"]:
            return line, "each entry starts with '- ': write '- term:' (the '-' is missing)"
        return line, _indentation(here, above)
    if "mapping values are not allowed" in problem:
        value = here[match.end() :] if match else ""
        if match and above and ": " not in value and _key_column(here) != _key_column(above[1]):
            return line, _indentation(here, above)
        return line, (
            "this value holds ': ', which YAML reads as another key: put the whole value in "
            'quotes (definition: "Note: …") or write it as a block (definition: >-)'
        )
    parts = [" ".join(str(part).split()) for part in (context, problem) if part]
    return line, ", ".join(parts) or "invalid YAML"


def _indentation(here: str, above: tuple[int, str]) -> str:
    number, text = above
    mine, theirs = _key_column(here), _key_column(text)
    side = "more" if mine > theirs else "less"
    return (
        f"this key is indented {side} than the key on line {number} ({mine} spaces, not "
        f"{theirs}): keys of one entry line up"
    )
