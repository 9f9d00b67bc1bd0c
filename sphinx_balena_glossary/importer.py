"""Glossary pages in balena's Markdown format → terms, with a located warning for what does not map.

The balena handbook and the balena-io/docs glossary are Markdown pages: front
matter and an intro, ``## A`` letter sections, and one ``### Term`` heading per
entry, whose text starts with a bold scope note and ends with ``[more](URL)``
and ``[see _X_](glossary.md#x)`` links. Reading them into the data format lets
a team move its glossary here without retyping it, and the Markdown exporter
writes the same format back (see :mod:`.exporters`).

Nothing is dropped silently: what cannot be mapped is reported as
``SOURCE:LINE: warning: ...`` and, where possible, kept as definition text.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from .data_format import value_problem, with_fields
from .definitions import TERM_SCHEME, definition_text, unsafe_urls
from .model import (
    BALENA_NOTE,
    DEFAULT_USAGE_NOTE,
    Match,
    NameClash,
    Scope,
    Status,
    Term,
    fold,
    letter_of,
    without_empty_entries,
    without_name_clashes,
)
from .problems import Problem
from .urls import is_safe_url, url_scheme

#: Bold markers that set a status (the handbook has no marker for ``former``).
STATUS_MARKERS = {Status.DEPRECATED: "DEPRECATED", Status.DISCONTINUED: "DISCONTINUED"}
#: ``<!-- bterm: {JSON} -->`` after a heading carries fields the page format cannot show.
COMMENT_TAG = "bterm:"

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
_LETTER = re.compile(r"^(?:\\?#|[A-Za-z])$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"^ {0,3}<!--\s*bterm:(.*?)-->\s*$", re.DOTALL)
_AKA = re.compile(
    r"^(?P<name>.*?)\s*(?:\(\s*aka\b\.?\s*(?P<paren>[^()]*?)\s*\)|(?<!\S)aka\b\.?\s*(?P<plain>.*?))\s*$",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"^(?P<name>.*\w)\((?:s|es)\)$")
_QUALIFIER = re.compile(r"^(?P<name>.+?)\s+\((?P<qualifier>[^()]+)\)$")
_STATUS_WORD = "|".join(STATUS_MARKERS.values())
_SCOPE_NOTE = re.compile(
    r"^(\*\*|__)\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\)"
    rf"(?:\s*(?P<status>{_STATUS_WORD})[.,:;]?)?\1[.,:;]?\s*"
)
_STATUS = re.compile(rf"^(\*\*|__)(?P<status>{_STATUS_WORD})[.,:;]?\1[.,:;]?\s*")
_USAGE = re.compile(r"\bnot unique to balena\b", re.IGNORECASE)
_BALENA_TYPO = re.compile(r"^balena[ -]specific\s+\w+$", re.IGNORECASE)
_URL = r"(?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
_SEE = re.compile(rf"\[(?i:see)\s+(?P<text>[^\]\n]+?)\]\((?P<href>{_URL})\)[.,;:]?")
_GLOSSARY_ANCHOR = re.compile(
    r"^(?:[^#]*?glossary(?:\.mdx?)?/?)?#(?P<anchor>[^#]+)$", re.IGNORECASE
)
_LINK = re.compile(
    rf"(?<![!\\])\[(?P<text>[^\]\n]*)\]\((?P<href>{_URL})(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
)
_MORE = re.compile(rf"(?:^|(?<=\s))\[(?i:more)\]\((?P<url>{_URL})\)\.?$")
_CODE_OR_ENTITY = re.compile(r"(`+)[\s\S]*?\1|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_BLOCKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^ {0,3}(?:`{3,}|~{3,})"), "a code block"),
    (re.compile(r"^ {0,3}>"), "a block quote"),
    (re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"), "a list"),
    (re.compile(r"^ {0,3}\|"), "a table"),
    (re.compile(r"^ {0,3}<(?:[A-Za-z/!?])"), "raw HTML"),
    (re.compile(r"^ {0,3}#{4,6}(?:[ \t]|$)"), "a sub-heading"),
    (re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)$"), "a rule"),
)


@dataclass(frozen=True)
class ImportResult:
    """The terms of a page in source order, and what could not be mapped."""

    terms: tuple[Term, ...]
    warnings: tuple[Problem, ...]
    #: What is worth knowing but changes nothing (see :class:`.problems.Problem`'s ``note``).
    notes: tuple[Problem, ...] = ()


@dataclass
class _PageEntry:
    """One ``### Term`` heading and the lines up to the next heading."""

    line: int
    heading: str
    letter: str
    slug: str = ""
    body: list[tuple[int, str]] = field(default_factory=list)


def github_slug(text: str) -> str:
    """A heading's anchor as GitHub and Docusaurus make it: ``Container (docker)`` → ``container-docker``."""
    kept = (c for c in text.lower() if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return "".join(kept).replace(" ", "-")


class Slugger:
    """Anchors of a page's headings in order; repeats get ``-1``, ``-2`` as in github-slugger."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slug = github_slug(text)
        while slug in self.seen:
            self.seen[base] += 1
            slug = f"{base}-{self.seen[base]}"
        self.seen[slug] = 0
        return slug


def heading_text(content: str) -> str:
    """What a reader sees of a heading: markup removed, entities decoded."""
    return definition_text(content)


def decode_entities(text: str) -> str:
    """``&amp;``, ``&#x20;`` … decoded, except inside code spans (where Markdown keeps them)."""
    return _CODE_OR_ENTITY.sub(lambda m: m[0] if m[1] else html.unescape(m[0]), text)


def escape_entities(text: str) -> str:
    """The inverse of :func:`decode_entities`: protect text that looks like an entity."""
    return _CODE_OR_ENTITY.sub(lambda m: m[0] if m[1] else "&amp;" + m[0][1:], text)


def split_heading(text: str) -> tuple[str, list[str], str]:
    """``Container (docker) aka. C`` → name, aliases, qualifier; ``balenista(s)`` → ``balenista``."""
    name, aliases = text, []
    aka = _AKA.match(text)
    if aka and aka["name"]:
        name = aka["name"]
        listed = aka["paren"] if aka["paren"] is not None else aka["plain"]
        aliases = [alias.strip() for alias in listed.split(",")]
    qualifier = ""
    plural = _PLURAL.match(name)
    qualified = _QUALIFIER.match(name)
    if plural:
        name = plural["name"]
    elif qualified:
        name, qualifier = qualified["name"], qualified["qualifier"].strip()
    return name.strip(), aliases, qualifier


def _cut(text: str, start: int, end: int) -> str:
    """``text`` without ``[start:end]``, joining what is left with at most one space."""
    left, right = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    glue = " " if left and right and not left.endswith("\n") and not right.startswith("\n") else ""
    return left + glue + right


def _url(raw: str) -> str:
    return decode_entities(raw[1:-1] if raw.startswith("<") else raw)


def page_url(href: str) -> str:
    """A relative link to a Markdown source as the built site's URL: ``../a/b.md#x`` →
    ``../a/b/#x``, ``a/README.md`` → ``a/``; any other link as it is."""
    if url_scheme(href):
        return href
    cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    path, rest = href[:cut], href[cut:]
    stem, dot, suffix = path.rpartition(".")
    if not dot or suffix.lower() not in ("md", "mdx"):
        return href
    folder, _, name = stem.rpartition("/")
    if name.lower() in ("readme", "index"):
        return (f"{folder}/" if folder else "./") + rest
    return f"{stem}/{rest}"


def _destination(href: str) -> str:
    """A link destination as Markdown writes it: in ``<…>`` when it holds a space or a bracket."""
    return f"<{href}>" if re.search(r"[\s()<>]", href) else href


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CODE_OR_ENTITY.finditer(text) if m[0].startswith("`")]


class _PageReader:
    """Reads one page; collects warnings as it goes."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.warnings: list[Problem] = []
        self.entries: list[_PageEntry] = []
        #: Lines of relative links in definitions (they need the page's base URL).
        self.relative: list[int] = []
        #: What is worth knowing but loses nothing (relative links without a base URL).
        self.notes: list[Problem] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Problem(self.path, line, message, warning=True))

    # -- page structure -------------------------------------------------------

    def _front_matter_end(self) -> int:
        if not self.lines or self.lines[0].strip() != "---":
            return 0
        for index in range(1, len(self.lines)):
            if self.lines[index].strip() in ("---", "..."):
                return index + 1
        self.warn(1, "front matter is never closed with '---'; read as page text")
        return 0

    def _numbered_lines(self) -> Iterator[tuple[int, str, re.Match[str] | None]]:
        """Lines after the front matter, with their heading match (none inside code fences)."""
        fence = ""
        for index in range(self._front_matter_end(), len(self.lines)):
            line = self.lines[index]
            opening = _FENCE.match(line)
            if fence:
                if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                    fence = ""
                yield index + 1, line, None
                continue
            if opening:
                fence = opening[1]
            yield index + 1, line, None if fence else _HEADING.match(line)

    def scan(self) -> None:
        """Split the page into entries; report what lies outside them."""
        slugger = Slugger()
        letter, title_seen, section_seen = "", False, False
        entry: _PageEntry | None = None
        stray: int | None = None  # line of text outside any entry, reported once per section
        for number, line, heading in self._numbered_lines():
            if heading is None or len(heading[1]) > 3:
                if entry is not None:
                    entry.body.append((number, line))
                elif section_seen and stray is None and line.strip():
                    stray = number
                    self.warn(number, "text outside any '### Term' entry is skipped")
                continue
            level, content = len(heading[1]), (heading[2] or "").strip()
            slug = slugger(heading_text(content))
            entry, stray = None, None
            if level == 3:
                entry = _PageEntry(number, content, letter, slug)
                self.entries.append(entry)
            elif level == 2 and _LETTER.match(content):
                letter, section_seen = content[-1].upper(), True
            elif level == 1 and not title_seen and not section_seen:
                title_seen = True  # the page title; the intro below it is not glossary data
            else:
                section_seen = True
                stray = number  # the heading's text is skipped with it
                self.warn(
                    number,
                    f"heading {content!r} is neither a letter section ('## A') nor an entry "
                    "('### Term'); it and its text are skipped",
                )

    # -- one entry -------------------------------------------------------------

    def _name(self, raw: str, line: int, what: str) -> str:
        name = " ".join(raw.split())
        cleaned = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
        if cleaned != name:
            self.warn(line, f"invisible characters removed from the {what} {cleaned!r}")
        return " ".join(cleaned.split())

    def read_heading(self, entry: _PageEntry) -> Term:
        """Name, aliases and qualifier; the name may be empty (reported once overrides are known)."""
        name, aliases, qualifier = split_heading(heading_text(entry.heading))
        kept = []
        for alias in aliases:
            cleaned = self._name(alias, entry.line, "alias")
            if cleaned:
                kept.append(cleaned)
            else:
                self.warn(entry.line, f"empty alias after 'aka.' in {entry.heading!r} is skipped")
        term = self._name(name, entry.line, "name")
        return Term(term=term, aliases=tuple(kept), qualifier=qualifier, line=entry.line)

    def check_name(self, entry: _PageEntry, term: Term) -> None:
        """Report a heading without a name, and a name under another letter's section."""
        if not term.term:
            self.warn(entry.line, f"heading {entry.heading!r} gives no term name; entry skipped")
        elif entry.letter and letter_of(term.term) != entry.letter:
            self.warn(
                entry.line,
                f"{term.term!r} is under '## {entry.letter}' but sorts under "
                f"{letter_of(term.term)!r}; an export lists it there",
            )

    def overrides(self, entry: _PageEntry) -> dict[str, Any]:
        """The ``<!-- bterm: {...} -->`` comment right after the heading, checked field by field."""
        body = [(n, text) for n, text in entry.body if text.strip()]
        match = _COMMENT.match(body[0][1]) if body else None
        if match is None:
            return {}
        number = body[0][0]
        entry.body = [(n, text) for n, text in entry.body if n != number]
        try:
            values = json.loads(match[1].strip())
        except ValueError as exc:
            self.warn(number, f"bterm comment is not valid JSON ({exc}); ignored")
            return {}
        if not isinstance(values, dict):
            self.warn(number, "bterm comment must hold a JSON object; ignored")
            return {}
        checked = {}
        for key, value in values.items():
            problem = value_problem(key, value)
            if problem:
                self.warn(number, f"bterm comment: {problem}; ignored")
            else:
                checked[key] = value
        return checked

    def _block_content(self, entry: _PageEntry, name: str) -> None:
        """Warn once per kind about block Markdown, which definitions (inline only) cannot show."""
        found: dict[str, int] = {}
        after_blank = False
        for number, text in entry.body:
            kinds = [kind for pattern, kind in _BLOCKS if pattern.match(text)]
            if after_blank and (text.startswith(("    ", "\t"))):
                kinds.append("an indented code block")
            for kind in kinds:
                found.setdefault(kind, number)
            after_blank = not text.strip()
        for kind, number in found.items():
            self.warn(
                number,
                f"the entry {name!r} has {kind}; definitions are inline Markdown, "
                "so it is kept as plain text",
            )

    def _scope_note(self, note: str, line: int, name: str) -> tuple[Scope, str]:
        note = " ".join(note.split())
        if fold(note) == BALENA_NOTE:
            return Scope.BALENA, ""
        if _USAGE.search(note):
            return Scope.BALENA_USAGE, "" if note == DEFAULT_USAGE_NOTE else note
        if _BALENA_TYPO.match(note):
            self.warn(line, f"scope note '({note})' of {name!r} read as '({BALENA_NOTE})'")
            return Scope.BALENA, ""
        self.warn(
            line,
            f"scope note '({note})' of {name!r} is neither '({BALENA_NOTE})' nor "
            "'(… not unique to balena …)'; kept as its note, scope general",
        )
        return Scope.GENERAL, note

    def _links(
        self,
        text: str,
        name: str,
        resolve: Callable[[str, str], str],
        line_at: Callable[[int], int],
    ) -> str:
        """Inline links as they travel with the definition: to an entry of this page, a
        ``term:`` link; to another Markdown page, the built page's URL (see :func:`page_url`)."""
        code = _code_spans(text)
        out: list[str] = []
        done = 0
        for link in _LINK.finditer(text):
            if any(start < link.end() and link.start() < end for start, end in code):
                continue
            href = _url(link["href"])
            anchor = _GLOSSARY_ANCHOR.match(href)
            label = decode_entities(link["text"]).strip().strip("*_").strip()
            target = resolve(unquote(anchor["anchor"]), label) if anchor else ""
            if target:
                new = f"{TERM_SCHEME}{target}"
            elif anchor and not _SEE.fullmatch(link[0]):  # an unknown "see" link: reported
                self.warn(
                    line_at(link.start()),
                    f"link {link[0]!r} in the definition of {name!r} names no entry of this "
                    "page; kept as a link to the page",
                )
                new = page_url(href)
            else:
                new = page_url(href)
            if not url_scheme(new) and not new.startswith("#"):
                self.relative.append(line_at(link.start()))
            if new != href:
                out.append(text[done : link.start("href")] + _destination(new))
                done = link.end("href")
        return "".join(out) + text[done:]

    def read_body(self, entry: _PageEntry, term: Term, resolve: Callable[[str, str], str]) -> Term:
        """Scope note, status, definition, ``more`` and ``see`` of one entry."""
        self._block_content(entry, term.term)
        lines = entry.body
        while lines and not lines[0][1].strip():
            lines = lines[1:]
        first = lines[0][0] if lines else entry.line
        text = "\n".join(line for _, line in lines).strip()

        def line_at(offset: int) -> int:
            return first + text.count("\n", 0, offset)

        values: dict[str, Any] = {}
        note = _SCOPE_NOTE.match(text)
        if note:
            values["scope"], values["note"] = self._scope_note(
                decode_entities(note["note"]), first, term.term
            )
            text = text[note.end() :]
            first += note[0].count("\n")
        status = note if note and note["status"] else _STATUS.match(text)
        if status and status["status"]:
            values["status"] = next(s for s, w in STATUS_MARKERS.items() if w == status["status"])
            if status is not note:
                text = text[status.end() :]
                first += status[0].count("\n")
        see: list[str] = []
        for link in reversed(list(_SEE.finditer(text))):
            anchor = _GLOSSARY_ANCHOR.match(_url(link["href"]))
            if anchor is None:
                continue  # a "see" link to another page: an ordinary inline link
            label = decode_entities(link["text"]).strip().strip("*_").strip()
            target = resolve(unquote(anchor["anchor"]), label)
            if target:
                see.insert(0, target)
                text = _cut(text, link.start(), link.end())
            else:
                self.warn(
                    line_at(link.start()),
                    f"'see' link {link[0]!r} of {term.term!r} names no entry of this page; "
                    "kept in the definition",
                )
        text = text.strip()
        more = _MORE.search(text)
        if more:
            url = page_url(_url(more["url"]))
            if is_safe_url(url):
                values["more"] = url
                if not url_scheme(url) and not url.startswith("#"):
                    self.relative.append(line_at(more.start()))
            else:
                self.warn(
                    line_at(more.start()),
                    f"'more' link {url!r} of {term.term!r} is not http(s), mailto or relative; dropped",
                )
            text = _cut(text, more.start(), more.end())
        definition = decode_entities(self._links(text.strip(), term.term, resolve, line_at))
        for url in unsafe_urls(definition):
            self.warn(
                first,
                f"link {url!r} in the definition of {term.term!r} is not http(s), mailto or "
                "relative; builds show its text without the link",
            )
        values.update(definition=definition, see=tuple(see))
        if term.qualifier or values.get("scope") is Scope.BALENA_USAGE:
            # the page itself says the word has other senses ("Service (balena)",
            # "not unique to balena"): link only where it is clearly this one
            values["match"] = Match.STRICT
        return replace(term, **values)


def read_entries(
    text: str, path: str = "<page>", base_url: str = ""
) -> tuple[list[Term], list[Problem]]:
    """Every ``### Term`` entry of a page as read, in page order, before any cross-entry check.

    Relative links of definitions are relative to ``base_url`` (the published folder of
    the page); without one, they are reported once. The Markdown exporter reads its own
    output with this to find what the page format cannot show (see
    :func:`.exporters.to_markdown`).
    """
    reader = _PageReader(text, path)
    reader.scan()
    headed: list[tuple[_PageEntry, Term, dict[str, Any]]] = []
    for entry in reader.entries:
        overrides = reader.overrides(entry)
        names = {k: v for k, v in overrides.items() if k in ("term", "aliases", "qualifier")}
        term = with_fields(reader.read_heading(entry), names)
        reader.check_name(entry, term)
        headed.append((entry, term, overrides))
    by_anchor = {entry.slug: term.term for entry, term, _ in headed}
    by_name = {fold(name): term.term for _, term, _ in headed for name in term.names}

    def resolve(anchor: str, label: str) -> str:
        """The entry a ``see`` link names: by its anchor, else by its text."""
        anchor = anchor.lower()
        return (
            by_anchor.get(anchor)
            or by_anchor.get(github_slug(anchor))
            or by_name.get(fold(label), "")
        )

    terms = [
        replace(with_fields(reader.read_body(entry, term, resolve), overrides), base=base_url)
        for entry, term, overrides in headed
    ]
    if reader.relative and not base_url:
        lines = sorted(set(reader.relative))
        reader.notes.append(
            Problem(
                path,
                lines[0],
                f"relative links in definitions (line {', '.join(map(str, lines[:5]))}"
                f"{', …' if len(lines) > 5 else ''}) point to pages of the site this page comes "
                "from; give --base-url (the URL of the page's folder on that site) so they work "
                "wherever the glossary is shown",
                note=True,
            )
        )
    return terms, reader.warnings + reader.notes


def import_markdown(text: str, path: str = "<page>", base_url: str = "") -> ImportResult:
    """The terms of a glossary page, valid as a data file, in page order (relative links of
    definitions relative to ``base_url``, the URL of the page's folder)."""
    terms, warnings = read_entries(text, path, base_url)
    warnings = list(warnings)

    def warn(line: int, message: str) -> None:
        warnings.append(Problem(path, line, message, warning=True))

    def clash(found: NameClash) -> None:
        term, owner = found.term, found.owner
        if found.alias is None:
            warn(term.line, f"{term.term!r} is already an entry at line {owner.line}; skipped")
            return
        what = "its own name" if owner is term else f"a name of {owner.term!r} (line {owner.line})"
        warn(term.line, f"alias {term.aliases[found.alias]!r} of {term.term!r} is {what}; dropped")

    def empty(term: Term) -> None:
        warn(term.line, f"{term.term!r} has no definition and no 'see'; skipped")

    terms = without_empty_entries(without_name_clashes([t for t in terms if t.term], clash), empty)
    warnings.sort(key=lambda w: w.line)
    notes = tuple(w for w in warnings if w.note)
    return ImportResult(tuple(terms), tuple(w for w in warnings if not w.note), notes)
