"""``check --fix``: findings turned into edits of the reST or Markdown source they came from.

A finding knows its line and the exact text written; the edit replaces that text on that
line with the preferred spelling. Never inside code (``` `code` ```, ``` ``literal`` ```),
link targets (``](url)``, ``<url>``) or addresses: text in a role (``:bterm:`BalenaOS```,
``{bterm}`BalenaOS```) is prose and is fixed. A finding the edit cannot place safely (its
text spans lines, or the line holds it only inside code) is left to fix by hand.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .files import read_text, write_atomic
from .spelling import Finding, word_pattern

#: Where a line holds no prose: code spans that are not a role's text, link targets, URLs.
_NOT_PROSE = re.compile(
    # code: `x`, ``x``; not a role's `text` (after ':' or '}') nor a reST link's (`text <u>`_)
    r"(?<![:}])(`+)(?:.+?)\1(?!_)"
    r"|\]\([^)]*\)"  # Markdown link target: ](https://…)
    r"|<[^<>\s][^<>]*>"  # <https://…>, a role's <target>
    r"|\b[a-z][a-z0-9+.-]*://\S+"  # a bare URL
)


@dataclass
class Edit:
    """The new text of one file, and the findings it fixes."""

    path: Path
    old: str
    new: str
    findings: list[Finding] = field(default_factory=list)


def _prose_spans(line: str) -> list[tuple[int, int]]:
    """The parts of ``line`` outside code, link targets and URLs."""
    spans, position = [], 0
    for match in _NOT_PROSE.finditer(line):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(line)))
    return spans


def _fix_line(line: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """``line`` with each finding's text replaced at its first place in prose."""
    fixed: list[Finding] = []
    for finding in findings:
        if not finding.preferred or "\n" in finding.found:
            continue
        prose = _prose_spans(line)
        for match in word_pattern(finding.found).finditer(line):
            if any(start <= match.start() and match.end() <= end for start, end in prose):
                line = line[: match.start()] + finding.preferred + line[match.end() :]
                fixed.append(finding)
                break
    return line, fixed


def plan_edits(findings: Iterable[tuple[Path, int, Finding]]) -> list[Edit]:
    """One edit per file that has findings it can fix, in path order."""
    by_file: dict[Path, dict[int, list[Finding]]] = {}
    for path, line, finding in findings:
        by_file.setdefault(path, {}).setdefault(line, []).append(finding)
    edits = []
    for path in sorted(by_file):
        old = read_text(path)
        lines = old.splitlines(keepends=True)
        edit = Edit(path, old, old)
        for number, on_line in sorted(by_file[path].items()):
            if 1 <= number <= len(lines):
                lines[number - 1], fixed = _fix_line(lines[number - 1], on_line)
                edit.findings += fixed
        if edit.findings:
            edit.new = "".join(lines)
            edits.append(edit)
    return edits


def diff_of(edits: Iterable[Edit]) -> str:
    """The edits as one unified diff (``a/`` and ``b/`` prefixes, as ``git apply`` takes)."""
    return "".join(
        "".join(
            difflib.unified_diff(
                edit.old.splitlines(keepends=True),
                edit.new.splitlines(keepends=True),
                f"a/{edit.path}",
                f"b/{edit.path}",
            )
        )
        for edit in edits
    )


def apply_edits(edits: Iterable[Edit]) -> None:
    for edit in edits:
        write_atomic(edit.path, edit.new)
