"""The glossary as immutable data: terms, lookup by name or alias, A–Z groups, anchor ids.

Nothing here knows about Sphinx or YAML, so the same model serves the build,
the command line and the tests.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from functools import cached_property
from types import MappingProxyType
from typing import Any

from .inflection import derived_forms, without_ending
from .problems import close_matches


class Scope(str, Enum):
    """Whose word a term is; drives the scope note on the page and in tooltips."""

    BALENA = "balena"
    BALENA_USAGE = "balena-usage"
    GENERAL = "general"


class Match(str, Enum):
    """How readily plain mentions of a term are auto-linked.

    ``strict`` is for a term that is also an everyday word with other senses
    ("Service", "Release"): a mention right after a product name or another
    ALL-CAPS or camelCase word ("the OS release", "NetworkManager service"),
    or used as a verb ("can release"), is not linked.
    """

    NORMAL = "normal"
    STRICT = "strict"


class Spelling(str, Enum):
    """How strictly a term's names must be written; matching (``case_sensitive``) is apart.

    ``strict`` is for names with a fixed form, such as product names: "balenaOS",
    never "BalenaOS" or "BALENAOS". It changes what checkers and term-base exports
    say, not what links.
    """

    NORMAL = "normal"
    STRICT = "strict"


class Status(str, Enum):
    """Whether a name is still in use; anything but ``current`` gets a badge."""

    CURRENT = "current"
    FORMER = "former"
    DEPRECATED = "deprecated"
    DISCONTINUED = "discontinued"


#: The balena wording of scopes and statuses: the scope note of ``scope: balena`` entries, the
#: usage note of ``scope: balena-usage`` ones without a ``note``, and the status badges. The
#: handbook's Markdown page, the glossary page and the tooltips all say it this way.
DEFAULT_ORGANISATION = "balena"
#: The scope note of ``scope: balena`` entries and the usage note of ``scope: balena-usage``
#: ones, for the organisation a data file declares (``organisation: Acme``).
SCOPE_NOTE = "{organisation} specific term"
USAGE_NOTE = (
    "Not unique to {organisation}, but in this instance it's a reference specific to {organisation}"
)
BALENA_NOTE = SCOPE_NOTE.format(organisation=DEFAULT_ORGANISATION)
DEFAULT_USAGE_NOTE = USAGE_NOTE.format(organisation=DEFAULT_ORGANISATION)


def organisation_of(term: Term) -> str:
    """The organisation ``term``'s data file speaks for."""
    return term.organisation or DEFAULT_ORGANISATION


def scope_notes(term: Term) -> tuple[str, str]:
    """(scope note, usage note) in the words of ``term``'s organisation, untranslated."""
    organisation = organisation_of(term)
    return SCOPE_NOTE.format(organisation=organisation), USAGE_NOTE.format(
        organisation=organisation
    )


STATUS_LABELS = {
    Status.FORMER: "former name",
    Status.DEPRECATED: "deprecated",
    Status.DISCONTINUED: "discontinued",
}


def entry_note(term: Term) -> str:
    """The note before a term's definition: its own ``note``, else the scope's wording in
    its organisation's words ("balena specific term"), else ``""``."""
    scope_note, usage_note = scope_notes(term)
    notes = {Scope.BALENA: scope_note, Scope.BALENA_USAGE: usage_note}
    return term.note or notes.get(term.scope, "")


def fold(name: str) -> str:
    """The comparison key of a name: NFKC, case-folded, inner whitespace collapsed.

    NFKC makes full-width and composed/decomposed spellings collide, so two
    names a reader cannot tell apart are detected as duplicates.
    """
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def is_all_caps(name: str) -> bool:
    """True for acronyms such as ``HUP`` or ``PR``, which match case-sensitively."""
    if not name.isupper():  # no cased letter, or a lower-case one: the common, quick answer
        return False
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


_NOT_IN_SLUG = re.compile(r"[^\w]+|_+")


def slugify(name: str) -> str:
    """A readable, URL-safe id part: ``Host os UPdater`` → ``host-os-updater``.

    Latin letters lose their accents; other scripts keep their letters, so a
    Greek or CJK name still gets a meaningful id.
    """
    kept = name.casefold()
    if not kept.isascii():
        decomposed = unicodedata.normalize("NFKD", kept)
        kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_IN_SLUG.sub("-", kept).strip("-")
    return slug or "term"


def sort_key(name: str) -> tuple[str, str]:
    """Case-insensitive order that ignores leading punctuation (``.NET`` sorts under N)."""
    stripped = name.lstrip("".join(c for c in name if not c.isalnum()))
    return (fold(stripped or name), name)


def letter_of(name: str) -> str:
    """The A–Z section of a name; names not starting with a Latin letter go under ``#``."""
    for char in unicodedata.normalize("NFKD", name):
        if char.isalnum():
            upper = char.upper()
            return upper if "A" <= upper <= "Z" else "#"
    return "#"


@dataclass(frozen=True, slots=True)  # slots: thousands of terms stay in memory all build long
class Term:
    """One glossary entry, exactly as the data file gives it (after validation)."""

    #: Display name, e.g. ``Host os UPdater``.
    term: str
    #: Stable id used for anchors (``term-<key>``) and ``data-bterm``.
    key: str = ""
    aliases: tuple[str, ...] = ()
    qualifier: str = ""
    scope: Scope = Scope.GENERAL
    note: str = ""
    definition: str = ""
    #: What a tooltip shows instead of the definition (a long definition overflows one).
    summary: str = ""
    more: str = ""
    see: tuple[str, ...] = ()
    status: Status = Status.CURRENT
    replaced_by: str = ""
    autolink: bool = True
    #: Whether the first mention by an acronym alias reads "Host OS updater (HUP)" (where
    #: ``balena_glossary_expand`` asks for it).
    expand: bool = True
    #: Whether that first mention reads "HUP (Host OS updater)" instead.
    acronym_first: bool = False
    #: ``None`` means: all-caps names are case-sensitive, others not.
    case_sensitive: bool | None = None
    #: Other spellings that mean the term but are not shown ("knives" for "knife").
    forms: tuple[str, ...] = ()
    match: Match = Match.NORMAL
    #: Words after which a plain mention is another sense ("chrony" for "service").
    not_after: tuple[str, ...] = ()
    #: Words before which a plain mention is another sense ("provider" for "service").
    not_before: tuple[str, ...] = ()
    #: Whether the names must be written exactly as given (product names); not a matching rule.
    spelling: Spelling = Spelling.NORMAL
    #: Spellings writers must not use for the term ("Balena OS"): never names, never linked.
    avoid: tuple[str, ...] = ()
    #: Where the entry was defined, for messages.
    source: str = ""
    line: int = 0
    #: The URL of the entry on the site it comes from (another site's ``glossary.json``).
    home: str = ""
    #: What relative links in the definition are relative to: the data file's ``base_url``,
    #: or the address a remote glossary was fetched from; ``""``: the glossary page.
    base: str = ""
    #: The organisation its data file speaks for ("Acme specific term"); ``""``: balena.
    organisation: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The name first, then the aliases."""
        return (self.term, *self.aliases)

    @property
    def anchor(self) -> str:
        """The HTML id of the entry on the glossary page."""
        return f"term-{self.key}"

    @property
    def title(self) -> str:
        """The name with its qualifier: ``Container (docker)``."""
        return f"{self.term} ({self.qualifier})" if self.qualifier else self.term

    def __reduce__(self) -> tuple[type[Term], tuple[object, ...]]:
        """Pickled as its fields, unpickled through ``__init__``: a third faster than the
        dataclass's own per-field state, for the thousands of terms of a kept glossary."""
        return Term, tuple(map(self.__getattribute__, _TERM_FIELDS))

    def is_case_sensitive(self, name: str) -> bool:
        """Whether ``name`` (one of this term's names or forms) must match case exactly."""
        if self.case_sensitive is not None:
            return self.case_sensitive
        return is_all_caps(name)

    @property
    def other_forms(self) -> list[str]:
        """Spellings that mean the term without being its names: ``forms``, then derived
        plurals and singulars ("cities" for "city", "Delta" for "Deltas")."""
        forms = list(self.forms)
        for name in self.names:
            forms.extend(derived_forms(name))
        return forms


#: Term's fields in ``__init__`` order (all of them are ``__init__`` arguments).
_TERM_FIELDS = tuple(each.name for each in fields(Term) if each.init)
assert len(_TERM_FIELDS) == len(fields(Term))


@dataclass(frozen=True)
class Glossary:
    """An ordered, validated set of terms with name and alias lookup."""

    terms: tuple[Term, ...] = ()
    _by_key: Mapping[str, Term] = field(init=False, repr=False, compare=False)
    _exact: Mapping[str, Term] = field(init=False, repr=False, compare=False)
    _folded: Mapping[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact: dict[str, Term] = {}
        folded: dict[str, Term] = {}
        # names first, then the titles the page shows, then other forms: a name always wins
        for spellings in (_names, _titles, _other_forms):
            for term in self.terms:
                for name in spellings(term):
                    exact.setdefault(unicodedata.normalize("NFC", name), term)
                    if not term.is_case_sensitive(name):
                        folded.setdefault(fold(name), term)
        self._set_indexes(exact, folded)

    def _set_indexes(self, exact: dict[str, Term], folded: dict[str, Term]) -> None:
        """Keep the name indexes, and the key index made from the terms (the class is frozen)."""
        by_key = {term.key: term for term in self.terms}
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))
        object.__setattr__(self, "_exact", MappingProxyType(exact))
        object.__setattr__(self, "_folded", MappingProxyType(folded))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __reduce__(self) -> tuple[Callable[..., Glossary], tuple[object, ...]]:
        """Pickled with its name indexes: a kept glossary is unpickled at every rebuild, and
        unpickling them costs a fraction of building them (every name's plurals worked
        out, normalised and folded)."""
        return (_unpickled_glossary, (self.terms, dict(self._exact), dict(self._folded)))

    @property
    def alias_count(self) -> int:
        return sum(len(term.aliases) for term in self.terms)

    def by_key(self, key: str) -> Term | None:
        """The term whose id is ``key``."""
        return self._by_key.get(key)

    def lookup(self, name: str) -> Term | None:
        """The term named, aliased or titled ``name`` (or one of its forms), plural or not.

        An exact match always wins; otherwise the match is case-insensitive,
        except for case-sensitive names (``hup`` does not find ``HUP``). Then
        plural and possessive endings are tried ("Deploy Keys", "fleet's"), as
        auto-linking finds them.
        """
        name = " ".join(name.split())
        found = self._find(name)
        if found is None:
            found = next(filter(None, map(self._find, without_ending(name))), None)
        return found

    def _find(self, name: str) -> Term | None:
        return self._exact.get(unicodedata.normalize("NFC", name)) or self._folded.get(fold(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Names close to ``name``, for "did you mean" messages."""
        names = {fold(n): n for term in self.terms for n in term.names}
        return [names[n] for n in close_matches(fold(name), names, limit)]

    @cached_property
    def fingerprints(self) -> tuple[str, dict[str, str]]:
        """What reading depends on (names, forms, matching rules, status), and each term's content.

        A change to the first means every page must be read again (any page
        may mention any name); a change to a term's content only means the
        pages showing that term must be written again.
        """
        names = hashlib.sha256()
        content: dict[str, str] = {}
        for term in self.terms:
            names.update(
                repr(
                    (
                        term.key,
                        term.names,
                        term.qualifier,
                        term.forms,
                        term.autolink,
                        term.case_sensitive,
                        term.match.value,
                        term.not_after,
                        term.not_before,
                        term.status.value,
                        term.replaced_by,
                        # the terminology checks run while reading
                        term.spelling.value,
                        term.avoid,
                    )
                ).encode()
            )
            content[term.key] = hashlib.sha256(repr(term).encode()).hexdigest()[:16]
        return names.hexdigest()[:16], content

    def by_letter(self, terms: Iterable[Term] | None = None) -> dict[str, list[Term]]:
        """Terms grouped by letter, letters in order, ``#`` last."""
        groups: dict[str, list[Term]] = {}
        for term in sorted(self.terms if terms is None else terms, key=lambda t: sort_key(t.term)):
            groups.setdefault(letter_of(term.term), []).append(term)
        return dict(sorted(groups.items(), key=lambda item: (item[0] == "#", item[0])))


def _names(term: Term) -> Iterable[str]:
    return term.names


def _unpickled_glossary(
    terms: tuple[Term, ...], exact: dict[str, Term], folded: dict[str, Term]
) -> Glossary:
    """The glossary :meth:`Glossary.__reduce__` pickled, its indexes as they were."""
    glossary: Glossary = object.__new__(Glossary)
    object.__setattr__(glossary, "terms", terms)
    glossary._set_indexes(exact, folded)
    return glossary


def _titles(term: Term) -> Iterable[str]:
    """ "Container (docker)": how the glossary page shows a qualified term."""
    return (term.title,) if term.qualifier else ()


def _other_forms(term: Term) -> Iterable[str]:
    return term.other_forms


def updated(term: Term, **changes: Any) -> Term:
    """``term`` with ``changes``: the same object when nothing changes (copies add up on large glossaries)."""
    for name, value in changes.items():
        if getattr(term, name) != value:
            return replace(term, **changes)
    return term


@dataclass(frozen=True)
class NameClash:
    """A name an earlier entry already has: ``term``'s own name, or its alias number ``alias``."""

    term: Term
    alias: int | None
    #: The entry that has the name, and which of its names it is (``None``: its own).
    owner: Term
    owner_alias: int | None


def without_name_clashes(terms: Iterable[Term], report: Callable[[NameClash], None]) -> list[Term]:
    """Drop entries whose name an earlier entry has, and aliases any entry has; report each.

    Names compare by :func:`fold`. The data file loader and the Markdown
    importer share this rule; each words (and locates) the reports its own way.
    """
    owners: dict[str, tuple[Term, int | None]] = {}
    kept = []
    for term in terms:
        key = fold(term.term)
        if key in owners:
            report(NameClash(term, None, *owners[key]))
            continue
        owners[key] = (term, None)
        aliases = []
        for index, alias in enumerate(term.aliases):
            key = fold(alias)
            if key in owners:
                report(NameClash(term, index, *owners[key]))
                continue
            owners[key] = (term, index)
            aliases.append(alias)
        kept.append(updated(term, aliases=tuple(aliases)))
    return kept


def without_empty_entries(
    terms: Sequence[Term], on_drop: Callable[[Term], None] | None = None
) -> list[Term]:
    """Drop entries with neither a definition nor a ``see`` to a kept entry, and such ``see`` links.

    Dropping one redirect-only entry can leave another with nothing, so this
    repeats until nothing changes.
    """
    while True:
        names = {term.term for term in terms}
        kept = []
        for term in terms:
            see = tuple(name for name in term.see if name in names)
            if term.definition or see:
                kept.append(updated(term, see=see))
            elif on_drop is not None:
                on_drop(term)
        if len(kept) == len(terms):
            return kept
        terms = kept


def without_terms(glossary: Glossary, names: Iterable[str]) -> tuple[Glossary, list[str]]:
    """``glossary`` without the terms ``names`` name (and ``see`` links to them), and the
    names that name no term."""
    found = {name: glossary.lookup(name) for name in names}
    dropped = {term.key for term in found.values() if term is not None}
    if not dropped:
        return glossary, [name for name, term in found.items() if term is None]
    kept = without_empty_entries([term for term in glossary if term.key not in dropped])
    return Glossary(tuple(kept)), [name for name, term in found.items() if term is None]


def assign_keys(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Give each term a unique, stable key from its name (``-2``, ``-3`` on clashes).

    Keys depend only on names and file order, so anchors stay put when
    definitions change. The key is set in place: the terms must be new ones that
    nothing else holds yet (the loader's, just made), which spares a copy of
    every term at every load.
    """
    seen: set[str] = set()
    result = []
    for term in terms:
        base = slugify(term.term)
        key, n = base, 1
        while key in seen:
            n += 1
            key = f"{base}-{n}"
        seen.add(key)
        object.__setattr__(term, "key", key)
        result.append(term)
    return tuple(result)
