"""Glossary terms → the ``terms`` list of textlint-rule-terminology.

That rule reads a plain string as a word to write in exactly that case (it finds any case
and reports the others), and ``[pattern, replacement]`` as a regular expression, matched in
any case, whose matches are replaced. So: the allowed spellings of ``spelling: strict``
terms become strings, and ``avoid`` spellings and replaced names become pairs with the name
to write instead. The rule joins the strings into one regular expression without escaping
them, so a spelling with regular-expression syntax in it (``Pine.js``) is written as a pair,
escaped, instead; ``$`` in a replacement is doubled, as JavaScript's ``replace`` wants.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .model import Glossary, Term
from .terminology import (
    allowed_spellings,
    has_regex_syntax,
    is_strict,
    regex_escape,
    substitutions,
)

#: One entry of the ``terms`` option.
Entry = str | list[str]


def _pair(wrong: str, right: str) -> list[str]:
    return [regex_escape(wrong), right.replace("$", "$$")]


def _exact(spelling: str) -> Entry:
    """A spelling to write in exactly this case."""
    return _pair(spelling, spelling) if has_regex_syntax(spelling) else spelling


def textlint_terms(terms: Sequence[Term]) -> list[Entry]:
    """Strict spellings first (glossary order), then the substitutions."""
    strict = [term for term in terms if is_strict(term)]
    entries = [_exact(spelling) for term in strict for spelling in allowed_spellings(term)]
    glossary = Glossary(tuple(terms))
    entries.extend(_pair(sub.wrong, sub.right) for sub in substitutions(glossary))
    return entries


def to_textlint(terms: Sequence[Term]) -> str:
    """The list as JSON, an entry a line."""
    entries = (json.dumps(entry, ensure_ascii=False) for entry in textlint_terms(terms))
    return "[\n" + ",\n".join(f"  {entry}" for entry in entries) + "\n]\n"
