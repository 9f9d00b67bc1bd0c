"""Numbers for ``sphinx-balena-glossary stats``: the glossary's shape, and what the docs mention.

Mentions are found in the raw sources with the matcher and the context rules
the build's auto-linking uses (:func:`.matcher.build_matcher`,
:class:`.context.MentionRules`), after code is blanked out (fenced blocks,
reST literal and code blocks, inline code, URLs), so the counts are close to
what a build would link without running one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import MentionRules
from .files import FileError, read_text
from .matcher import build_matcher
from .model import Glossary, Scope, Status

SOURCE_SUFFIXES = (".rst", ".md", ".txt")
#: Directories never scanned, besides hidden ones: build output and installed packages.
SKIPPED_DIRS = frozenset({"_build", "node_modules", "site-packages"})
_CODE_DIRECTIVES = "code-block|code|sourcecode|literalinclude|highlight|parsed-literal"
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(\{?)([\w-]*)")
_RST_CODE = re.compile(rf"^(\s*)\.\.\s+(?:{_CODE_DIRECTIVES})::")
_RST_LITERAL = re.compile(r"^(\s*)(?!\.\.\s).*::\s*$")
_MD_CODE = re.compile(r"(?<![}:\w])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_RST_LITERAL_TEXT = re.compile(r"``.+?``")
_URLS = re.compile(r"\]\([^)\s]*\)|<(?:https?|mailto):[^>\s]*>|\bhttps?://\S+")


def glossary_counts(glossary: Glossary) -> dict[str, Any]:
    """Terms, aliases, and terms per scope and per status (every value listed, zeros too)."""
    return {
        "terms": len(glossary),
        "aliases": glossary.alias_count,
        "scope": {s.value: sum(t.scope is s for t in glossary) for s in Scope},
        "status": {s.value: sum(t.status is s for t in glossary) for s in Status},
    }


def source_files(srcdir: Path) -> list[Path]:
    """Documentation sources under ``srcdir``, sorted; hidden and build directories skipped."""
    return sorted(
        path
        for path in srcdir.rglob("*")
        if path.suffix in SOURCE_SUFFIXES
        and path.is_file()
        and not any(
            part.startswith(".") or part in SKIPPED_DIRS
            for part in path.relative_to(srcdir).parts[:-1]
        )
    )


def _skip_block(lines: list[str], start: int, indent: int) -> int:
    """Index after the indented block that follows ``lines[start]`` (blank lines included)."""
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return end


def prose(text: str, suffix: str) -> str:
    """``text`` with code blanked out; directives other than code keep their content."""
    lines = text.splitlines()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence and (not fence[2] or re.fullmatch(_CODE_DIRECTIVES, fence[3])):
            close = index + 1
            while close < len(lines) and not lines[close].strip().startswith(fence[1]):
                close += 1
            index = close + 1
            continue
        block = _RST_CODE.match(line) or (suffix == ".rst" and _RST_LITERAL.match(line))
        if block:
            kept.append(line.rstrip(":"))
            index = _skip_block(lines, index, len(block[1]))
            continue
        kept.append(line)
        index += 1
    result = _URLS.sub(" ", "\n".join(kept))
    return (_RST_LITERAL_TEXT if suffix == ".rst" else _MD_CODE).sub(" ", result)


@dataclass
class DocsScan:
    """Mentions of each term (by key) in the sources under one directory."""

    files: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    problems: list[FileError] = field(default_factory=list)

    def mentioned(self, glossary: Glossary) -> list[tuple[str, int]]:
        """(term, count) of mentioned terms, most mentioned first."""
        counts = [(t.term, self.mentions[t.key]) for t in glossary if self.mentions[t.key]]
        return sorted(counts, key=lambda item: -item[1])

    def unmentioned(self, glossary: Glossary) -> list[str]:
        """Terms no source mentions, in glossary order (terms with ``autolink: false`` are not looked for)."""
        return [t.term for t in glossary if t.autolink and not self.mentions[t.key]]


def scan_docs(glossary: Glossary, srcdir: Path) -> DocsScan:
    """Count mentions in every source under ``srcdir``; unreadable files become problems."""
    matcher, rules = build_matcher(glossary), MentionRules(glossary)
    scan = DocsScan()
    for path in source_files(srcdir):
        try:
            text = read_text(path)
        except FileError as exc:
            scan.problems.append(exc)
            continue
        scan.files += 1
        text = prose(text, path.suffix)
        scan.mentions.update(m.key for m in rules.keep(text, matcher.find(text)))
    return scan
