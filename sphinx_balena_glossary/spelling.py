"""Terminology checks on prose: wrongly cased product names, avoided spellings, former names.

Sphinx-free: the build (:mod:`.spelling_check`) and the command line give it text and get
findings back. What is allowed, avoided or replaced comes from :mod:`.terminology`, as the
Vale and textlint exports do, so the checks and the exports never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from .model import Glossary, Status, fold
from .terminology import allowed_spellings, is_strict, substitutions, successor

#: The attribute of a build's warning record holding (path, line, :class:`Finding`), which
#: ``check`` on the command line collects.
FINDING = "bterm_finding"


class Check(str, Enum):
    """``balena_glossary_check`` values, each reported under its own warning subtype."""

    #: A strict term's name in another case: "BalenaOS", "Balenacloud".
    CASE = "case"
    #: A spelling the data lists under ``avoid``: "Balena OS".
    AVOID = "avoid"
    #: A name of a former or deprecated term that another replaces: "resin.io".
    FORMER = "former"


@dataclass(frozen=True)
class Finding:
    """One wrong spelling in a text: where, what was written, and what to write."""

    start: int
    end: int
    found: str
    #: What to write instead; ``""`` for a deprecated name nothing replaces.
    preferred: str
    check: Check
    #: Why a former-check name is wrong: ``former`` or ``deprecated``.
    status: Status = Status.CURRENT

    @property
    def message(self) -> str:
        if self.check is Check.CASE:
            return f"{self.found!r} is written {self.preferred!r}"
        if self.check is Check.AVOID:
            return f"{self.found!r} is a spelling to avoid: write {self.preferred!r}"
        said = "a former name" if self.status is Status.FORMER else "deprecated"
        return f"{self.found!r} is {said}" + (
            f": write {self.preferred!r}" if self.preferred else ""
        )


@dataclass(frozen=True)
class _Rule:
    """What a spelling (by its folded form) means when found."""

    check: Check
    preferred: str
    #: Exact spellings that are fine (a strict name as the data writes it).
    allowed: frozenset[str] = frozenset()
    #: For a replaced name matched case-sensitively: the only spelling that is reported.
    exact: str = ""
    #: The status of a former or deprecated term.
    status: Status = Status.CURRENT


#: A quoted command in prose: "the 'balena os configure' command" (straight or curly quotes
#: opening after a space, lower-case letters only inside).
_QUOTED_COMMAND = re.compile(r"""(?<!\w)['"‘“]([a-z][^A-Z'"‘’“”\n]*?)['"’”](?!\w)""")
#: Not inside a word, a file name, a path or an address: "balena-os.io", "/BalenaOS".
_BEFORE = r"(?<![\w/@.\-])"
_AFTER = r"(?![\w/@]|[.\-]\w)"


class SpellingChecker:
    """Finds the spellings the glossary rules out, for the checks asked for."""

    def __init__(self, glossary: Glossary, checks: Iterable[Check]) -> None:
        wanted = frozenset(checks)
        rules: dict[str, _Rule] = {}
        # the most specific rule first: an avoided spelling, a replaced name, then case
        if Check.AVOID in wanted:
            for sub in substitutions(glossary):
                if sub.wrong in sub.term.avoid:
                    rules.setdefault(fold(sub.wrong), _Rule(Check.AVOID, sub.right))
        if Check.FORMER in wanted:
            for term in glossary:
                right = successor(term, glossary)
                right = "" if right == term.term else right
                # a deprecated thing that nothing replaces is still written about by its name
                if not (
                    term.status is Status.FORMER or (term.status is Status.DEPRECATED and right)
                ):
                    continue
                for name in term.names:
                    exact = name if term.is_case_sensitive(name) else ""
                    rule = _Rule(Check.FORMER, right, exact=exact, status=term.status)
                    rules.setdefault(fold(name), rule)
        if Check.CASE in wanted:
            for term in glossary:
                if not is_strict(term):
                    continue
                spellings = allowed_spellings(term)
                for spelling in spellings:
                    allowed = frozenset(s for s in spellings if fold(s) == fold(spelling))
                    rules.setdefault(fold(spelling), _Rule(Check.CASE, spelling, allowed))
        self._rules = rules
        names = sorted(rules, key=len, reverse=True)
        self._pattern = (
            re.compile(
                _BEFORE + "(" + "|".join(_loose(name) for name in names) + ")" + _AFTER,
                re.IGNORECASE,
            )
            if names
            else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def findings(self, text: str) -> Iterator[Finding]:
        """The wrong spellings in ``text``, in order."""
        if self._pattern is None:
            return
        commands: list[tuple[int, int]] | None = None
        for match in self._pattern.finditer(text):
            if commands is None:  # worked out once, for a text that has a finding at all
                commands = [m.span(1) for m in _QUOTED_COMMAND.finditer(text)]
            if any(start <= match.start(1) and match.end(1) <= end for start, end in commands):
                continue
            found = match.group(1)
            rule = self._rules.get(fold(found))
            if rule is None or found in rule.allowed or (rule.exact and found != rule.exact):
                continue
            if rule.check is Check.CASE and found.isupper() and not _has_lower(text):
                continue  # text set in capitals: "WELCOME TO BALENACLOUD"
            yield Finding(
                match.start(1), match.end(1), found, rule.preferred, rule.check, rule.status
            )


def word_pattern(text: str) -> re.Pattern[str]:
    """Where ``text`` stands, exactly so, as a word of its own (as :class:`SpellingChecker`
    finds names)."""
    return re.compile(_BEFORE + re.escape(text) + _AFTER)


def _loose(name: str) -> str:
    """``name`` as a pattern in which any run of spaces matches any whitespace (a line
    break inside a paragraph)."""
    return r"\s+".join(re.escape(part) for part in name.split())


def _has_lower(text: str) -> bool:
    return any(char.islower() for char in text)
