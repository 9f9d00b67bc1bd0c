"""The glossary read as terminology: which spellings are preferred, admitted, deprecated or
superseded, and which name to write instead of a wrong one.

The data gives no status per spelling: it follows from the term's ``status``, its aliases and
its ``avoid`` list (the README's table says how). The term-base and style-checker exports,
and anything else that checks spelling, take it from here so that they never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from .model import STATUS_LABELS, Glossary, Scope, Spelling, Status, Term, fold, organisation_of

#: The language of the glossary's names and definitions.
LANGUAGE = "en"


class UsageStatus(str, Enum):
    """What a spelling is to a writer (ISO 12620's administrative statuses)."""

    #: The term's name: write this.
    PREFERRED = "preferred"
    #: An alias: fine to write, the name is better.
    ADMITTED = "admitted"
    #: Do not write it: an ``avoid`` spelling, or a name of a ``deprecated`` term.
    DEPRECATED = "deprecated"
    #: A name of a ``former`` term: it was right once, another name replaced it.
    SUPERSEDED = "superseded"


#: Allowed statuses: a writer may use these spellings.
ALLOWED = frozenset((UsageStatus.PREFERRED, UsageStatus.ADMITTED))

#: (the name's status, the aliases' status) by the term's status. A ``discontinued`` thing no
#: longer exists, but its name is still the right one to write about it.
_NAME_STATUSES = {
    Status.CURRENT: (UsageStatus.PREFERRED, UsageStatus.ADMITTED),
    Status.DISCONTINUED: (UsageStatus.PREFERRED, UsageStatus.ADMITTED),
    Status.FORMER: (UsageStatus.SUPERSEDED, UsageStatus.SUPERSEDED),
    Status.DEPRECATED: (UsageStatus.DEPRECATED, UsageStatus.DEPRECATED),
}


class Designation(NamedTuple):
    """One spelling of a term and what it is to a writer."""

    text: str
    status: UsageStatus


def designations(term: Term) -> list[Designation]:
    """The term's name, its aliases, then its ``avoid`` spellings, each with its status.

    A spelling the list has already (case-insensitively) is left out, so a term built by hand
    cannot give one spelling two statuses.
    """
    name_status, alias_status = _NAME_STATUSES[term.status]
    listed = [Designation(term.term, name_status)]
    listed += [Designation(alias, alias_status) for alias in term.aliases]
    listed += [Designation(spelling, UsageStatus.DEPRECATED) for spelling in term.avoid]
    seen: set[str] = set()
    result = []
    for designation in listed:
        key = fold(designation.text)
        if key not in seen:
            seen.add(key)
            result.append(designation)
    return result


def allowed_spellings(term: Term) -> tuple[str, ...]:
    """What a writer may write for the term, exactly so when its ``spelling`` is strict: its
    preferred and admitted names, then its ``forms``."""
    names = [d.text for d in designations(term) if d.status in ALLOWED]
    return tuple(dict.fromkeys((*names, *term.forms)))


def is_strict(term: Term) -> bool:
    """Whether the term's names must be written with exactly the data's letters and case."""
    return term.spelling is Spelling.STRICT


def successor(term: Term, glossary: Glossary) -> str:
    """The name to write instead of ``term``'s: its own name while it is current (or
    discontinued), else where ``replaced_by`` leads (through former names of former names,
    "Rulemotion" → "Resin" → "balena"); its own name when nothing replaces it."""
    seen = {term.key or term.term}
    current = term
    while current.status in (Status.FORMER, Status.DEPRECATED) and current.replaced_by:
        target = glossary.lookup(current.replaced_by)
        if target is None:
            return current.replaced_by
        if (target.key or target.term) in seen:
            return target.term  # a loop of replacements: stop at the first repeat
        seen.add(target.key or target.term)
        current = target
    return current.term


def history_note(term: Term, glossary: Glossary) -> str:
    """``former name; replaced by Cloudlink``, ``discontinued`` …; ``""`` for a current term."""
    if term.status is Status.CURRENT:
        return ""
    label = STATUS_LABELS[term.status]
    if term.status is Status.DISCONTINUED:
        replacement = term.replaced_by  # the thing was replaced, not its name
    else:
        replacement = successor(term, glossary)
    return f"{label}; replaced by {replacement}" if replacement not in ("", term.term) else label


@dataclass(frozen=True)
class Substitution:
    """A spelling not to write, and the name to write instead."""

    wrong: str
    right: str
    status: UsageStatus
    #: Whether ``wrong`` is wrong in any case ("BALENA OS" too), or only as written.
    any_case: bool
    term: Term


def substitutions(glossary: Glossary) -> list[Substitution]:
    """Every ``avoid`` spelling, and every name of a former or deprecated term that something
    replaces, with the name to write instead; in glossary order.

    ``avoid`` spellings are wrong in any case; a replaced name as the term matches
    (``case_sensitive``). Names of a deprecated term that nothing replaces have nothing to
    offer instead, so they are not listed.
    """
    result = []
    for term in glossary:
        right = successor(term, glossary)
        for text, status in designations(term):
            is_avoided = text in term.avoid
            if status in ALLOWED or text == right or (not is_avoided and right == term.term):
                continue
            any_case = is_avoided or not term.is_case_sensitive(text)
            result.append(Substitution(text, right, status, any_case, term))
    return result


def avoid_map(glossary: Glossary) -> dict[str, str]:
    """Folded (:func:`.model.fold`) ``avoid`` spelling → the name to write instead."""
    return {
        fold(sub.wrong): sub.right for sub in substitutions(glossary) if sub.wrong in sub.term.avoid
    }


def do_not_translate(term: Term) -> bool:
    """Whether the term is one of its organisation's product names, kept as they are in
    every language: a ``scope: balena`` term whose ``spelling`` is strict."""
    return is_strict(term) and term.scope is Scope.BALENA


def product_note(term: Term) -> str:
    """What translators are told of a product name."""
    return f"{organisation_of(term)} product name: do not translate"


def shared_organisation(terms: Iterable[Term]) -> str:
    """The organisation every term speaks for, or ``""`` when they come from several."""
    organisations = {organisation_of(term) for term in terms}
    return organisations.pop() if len(organisations) == 1 else ""


def glossary_title(terms: Sequence[Term]) -> str:
    """``balena glossary``; ``Glossary`` for the terms of several organisations."""
    organisation = shared_organisation(terms)
    return f"{organisation} glossary" if organisation else "Glossary"


#: Characters with a meaning in JavaScript, Go and Python regular expressions, and ``#``,
#: which starts a comment line in some tools' word lists.
_REGEX_SPECIAL = re.compile(r"[\\^$.|?*+\[\]{}/#]")
#: Parentheses as hexadecimal escapes (Vale refuses a swap key holding both a ``(?i:``
#: group and an escaped ``\(``; all three engines read ``\x28`` alike); line breaks and tabs
#: escaped, so that one expression stays on one line.
_SPELLED_OUT = {"(": r"\x28", ")": r"\x29", "\n": r"\n", "\r": r"\r", "\t": r"\t"}


def regex_escape(text: str) -> str:
    """``text`` as a regular expression that matches exactly it, the same in JavaScript
    (textlint), Go (Vale) and Python; spaces stay spaces."""
    escaped = _REGEX_SPECIAL.sub(lambda match: "\\" + match.group(), text)
    return "".join(_SPELLED_OUT.get(char, char) for char in escaped)


def has_regex_syntax(text: str) -> bool:
    """Whether :func:`regex_escape` would change ``text``."""
    return regex_escape(text) != text
