"""Compiled regular expressions that can be kept between builds without compiling them again.

Python pickles a compiled pattern as its source and compiles it again when it is
unpickled. For the matcher's trie regexes (tens of thousands of characters for a large
glossary) compiling is most of the cost of building the matcher, which a live-preview
rebuild would pay for every edit. CPython's regex compiler is pure Python up to its last
step, which turns a list of integers (the "code") into a pattern object and checks that
code. :func:`compile_keepable` compiles as ``re.compile`` does and keeps that list;
:func:`restore` hands it straight to the last step in a later process, when the
interpreter is the same kind that produced it, and otherwise simply compiles again.
"""

from __future__ import annotations

import importlib
import re
import sys
from array import array
from typing import Any, NamedTuple


def _compiler_parts() -> tuple[Any, Any, Any] | None:
    """CPython's regex engine, parser and compiler (``re._parser``/``re._compiler`` since
    3.11, ``sre_parse``/``sre_compile`` before); None elsewhere."""
    if sys.implementation.name != "cpython":
        return None
    names = (
        ("re._parser", "re._compiler")
        if sys.version_info >= (3, 11)
        else ("sre_parse", "sre_compile")
    )
    try:
        parser, compiler = map(importlib.import_module, names)
        return importlib.import_module("_sre"), parser, compiler
    except ImportError:  # pragma: no cover - a CPython without them
        return None


_PARTS = _compiler_parts()
#: The interpreter whose compiler made a code: it is only reused by the same kind.
_INTERPRETER: tuple[Any, ...] = (
    sys.implementation.cache_tag,
    *((_PARTS[0].MAGIC, _PARTS[0].CODESIZE) if _PARTS else ()),
)
#: Array type code of one code word (``_sre.CODESIZE`` is 4 bytes on CPython).
_WORD = "I"


class KeptCode(NamedTuple):
    """What a later process needs to make the pattern without compiling it."""

    source: str
    flags: int
    interpreter: tuple[Any, ...]
    code: array[int] | None
    groups: int
    groupindex: dict[str, int]
    indexgroup: tuple[str | None, ...]


def compile_keepable(source: str) -> tuple[re.Pattern[str], KeptCode]:
    """``re.compile(source)`` and what :func:`restore` needs to make it again cheaply."""
    if _PARTS is None:
        return re.compile(source), KeptCode(source, 0, _INTERPRETER, None, 0, {}, ())
    _engine, parser, compiler = _PARTS
    parsed = parser.parse(source, 0)
    code = compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    kept = KeptCode(
        source,
        parsed.state.flags,
        _INTERPRETER,
        array(_WORD, code),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    return _from_code(kept), kept


def _from_code(kept: KeptCode) -> re.Pattern[str]:
    assert kept.code is not None and _PARTS is not None
    pattern: re.Pattern[str] = _PARTS[0].compile(
        kept.source, kept.flags, kept.code.tolist(), kept.groups, kept.groupindex, kept.indexgroup
    )
    return pattern


def restore(kept: KeptCode) -> re.Pattern[str]:
    """The pattern ``kept`` describes: from its code when this interpreter made it (the
    regex engine checks the code), else compiled again from its source."""
    if kept.code is not None and kept.interpreter == _INTERPRETER:
        try:
            return _from_code(kept)
        except (RuntimeError, TypeError, ValueError, OverflowError):
            pass  # not code this engine accepts: compile as usual
    return re.compile(kept.source)
