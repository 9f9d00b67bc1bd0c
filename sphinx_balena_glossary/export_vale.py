"""Glossary terms → a Vale style: a substitution rule and a vocabulary (Vale 3's layout).

``<Style>/Terms.yml`` swaps each ``avoid`` spelling and each replaced name for the name to
write, and each wrongly cased name of a ``spelling: strict`` term for the name as the data
writes it. The rule is case-sensitive (``ignorecase: false``); keys that are wrong in any
case carry their own ``(?i:…)`` group, and Vale reports a match only when it differs from its
replacement, so ``(?i:balenaOS)`` → ``balenaOS`` reports "BalenaOS" and not "balenaOS".
``vocab: false`` keeps the vocabulary from silencing the rule.

``config/vocabularies/<Style>/accept.txt`` lists every allowed spelling, one regular
expression a line, so Vale's spelling check accepts them; those of strict terms match only
their exact case, the others any case. That is a scoped ``(?i:…)`` group, not a leading
``(?i)``: Vale joins the entries into one expression, where a bare ``(?i)`` would make the
entries after it case-insensitive too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from .model import Glossary, Term
from .terminology import (
    allowed_spellings,
    is_strict,
    regex_escape,
    shared_organisation,
    substitutions,
)

#: The style's name when the terms' organisations differ (or name no letters).
DEFAULT_STYLE = "Glossary"
RULE_COMMENT = (
    "# Written by sphinx-balena-glossary export --format vale: change the glossary's data, "
    "not this file.\n"
)


def style_name(terms: Sequence[Term]) -> str:
    """The organisation's name as a Vale style name: ``balena`` → ``Balena``."""
    words = re.findall(r"[A-Za-z0-9]+", shared_organisation(terms))
    return "".join(word[0].upper() + word[1:] for word in words) or DEFAULT_STYLE


def _any_case(spelling: str) -> str:
    return f"(?i:{regex_escape(spelling)})"


def swaps(terms: Sequence[Term]) -> dict[str, str]:
    """The rule's ``swap`` map: a regular expression of a wrong spelling → the right one."""
    swap = {
        _any_case(sub.wrong) if sub.any_case else regex_escape(sub.wrong): sub.right
        for sub in substitutions(Glossary(tuple(terms)))
    }
    for term in terms:
        if is_strict(term):
            swap.update((_any_case(name), name) for name in allowed_spellings(term))
    return swap


def rule(terms: Sequence[Term]) -> str:
    """``Terms.yml``: an ``extends: substitution`` rule."""
    document: dict[str, Any] = {
        "extends": "substitution",
        "message": "Use '%s' instead of '%s'.",
        "level": "warning",
        "ignorecase": False,
        "vocab": False,
        "action": {"name": "replace"},
        "swap": swaps(terms),
    }
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)
    return RULE_COMMENT + text


def accept(terms: Sequence[Term]) -> str:
    """``accept.txt``: each allowed spelling once, in glossary order."""
    lines = {
        regex_escape(spelling) if is_strict(term) else _any_case(spelling): None
        for term in terms
        for spelling in allowed_spellings(term)
    }
    return "".join(f"{line}\n" for line in lines)


def vale_files(terms: Sequence[Term]) -> dict[str, str]:
    """The style's files by their path in Vale's ``StylesPath``."""
    style = style_name(terms)
    return {
        f"{style}/Terms.yml": rule(terms),
        f"config/vocabularies/{style}/accept.txt": accept(terms),
    }
