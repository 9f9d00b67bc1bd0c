"""Which names the matcher found are really the term: the rules that read the words around them.

The matcher finds a glossary name wherever it stands as a whole word; a
careful editor would still not link many of those places. Each rule here
looks only at the text around one mention, so the build (which gives the
text of a paragraph, and a little of its neighbours) and ``stats`` (which
reads sources) judge mentions alike. In order:

1. **Template syntax** a docs tree leaves unrendered (``{% tab title="CLI" %}``,
   ``{{ device.name }}``) is not prose.
2. **Glued to other text**: a name joined to a letter by ``-``, ``–``, ``.``,
   ``/`` or ``\\`` is part of another word ("pre-release", "docker-compose.yml",
   "pypa.io", "--fleet", which smart quotes make "–fleet"), and a token that is
   a URL or a path ("https://…", "/var/…", "./…", "~/…") is never prose. Kept:
   compounds whose second half is an adjective-making word ("fleet-wide",
   "Docker-compatible"), two words joined by one slash ("fleet/device"), an
   em dash between words (prose punctuation), and characters inside a name
   ("D-Bus", "config.json").
3. **Shouted**: a mention in capitals is linked only when that spelling is
   one of the term's names ("HUP"); "SUPERVISOR" in a table of checks is a
   label, not the term ("SV" being an alias does not change that). An
   explicit ``case_sensitive: false`` turns the rule off for the term.
4. **Labels**: a capitalised mention that runs into a longer capitalised
   name ("Docker Hub", "Google Container Registry", "ASUS Tinker Edge T"), or
   that is in a short label opening a paragraph ("Release segment: …") or in a
   short quoted title that says more than the term ("the ‘List balenaOS
   releases’ page"). The build applies the same to short emphasis.
5. **Another sense**: words the data says introduce another sense
   (``not_after: [chrony]``, ``not_before: [provider]``), and for
   ``match: strict`` terms, a mention right after a camelCase or ALL-CAPS
   word or a balena-specific term ("macOS release", "NetworkManager service",
   "the OS release", "Cloudlink service") or used as a verb ("can release",
   "we release").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .inflection import without_ending
from .matcher import Mention
from .model import Glossary, Match, Scope, Term, fold, is_all_caps

#: Characters that join a name to the word beside it.
_JOINERS = frozenset("-–—./\\@")
#: Second halves of a hyphenated compound that keep the first half's meaning.
KEPT_SUFFIXES = frozenset(
    (
        "agnostic",
        "aware",
        "based",
        "capable",
        "centric",
        "compatible",
        "dependent",
        "driven",
        "enabled",
        "facing",
        "friendly",
        "independent",
        "level",
        "like",
        "native",
        "only",
        "oriented",
        "ready",
        "related",
        "side",
        "specific",
        "style",
        "wide",
    )
)
#: A word before a ``strict`` term that makes the term a verb ("can release").
VERB_CUES = frozenset(
    (
        *("to", "can", "cannot", "could", "may", "might", "must", "shall", "should"),
        *("will", "would", "we", "you", "they", "i", "please"),
        *("not", "don't", "doesn't", "didn't", "won't"),
    )
)
_TEMPLATE = re.compile(r"\{%.*?(?:%\}|\Z)|\{\{.*?(?:\}\}|\Z)|\{#.*?(?:#\}|\Z)", re.DOTALL)
_TEMPLATE_START = re.compile(r"\{[%{#]")
_CAMEL = re.compile(r"[a-z][A-Z]")
#: The word before a mention, with nothing but spaces between them.
_WORD_BEFORE = re.compile(r"([\w'’.+-]*\w)\s+\Z")
_WORD_AFTER = re.compile(r"\s*([\w'’]*)")
#: What may come before the first word of a sentence (or a heading-like label).
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;(\[\n•*-])\s*\Z")
_SLASHES = re.compile(r"[/\\]")
#: A label of one or two words and a colon at the start of a text.
_LABEL = re.compile(r"\s*((?:[^\s:]+[ \t]+)?[^\s:]+):(?:\s|\Z)")
#: Characters trimmed off a whitespace-delimited token before it is judged.
_TOKEN_EDGES = "\"'“”‘’`()[]{}<>,;:!?*_"
#: How much text around a mention the rules read.
WINDOW = 80
#: Emphasis or quotes of at most this many words are a label or a name when they say more
#: than the term ("click **Add device**", "the ‘List balenaOS releases’ page").
SHORT_PHRASE = 5
#: Typographic opening quotes and their closing ones (smart quotes made them of straight ones).
_CLOSING_QUOTE = {"“": "”", "‘": "’", "«": "»"}
#: Any opening quote: most texts have none, and their mentions skip the quote check.
_OPENING_QUOTE = re.compile("[" + "".join(_CLOSING_QUOTE) + "]")
#: What is left of a phrase with the term taken out, when the phrase is just the term.
_NOT_MORE = re.compile(r"[\W_]*")


@dataclass(frozen=True, slots=True)
class _TermRules:
    """What the rules need to know of one term, worked out once per build."""

    strict: bool
    #: ``not_after`` / ``not_before`` as regexes over folded text, or None.
    not_after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    #: The term's ALL-CAPS spellings: the only capitals that may be linked.
    capitals: frozenset[str]
    #: ``case_sensitive: false``: capitals are fine.
    any_case: bool
    #: A balena-specific term: a mention of it names a product.
    product: bool


def _phrases(phrases: tuple[str, ...], template: str) -> re.Pattern[str] | None:
    """One regex for a term's block phrases, whole words, whitespace runs as one space."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(fold(phrase)).replace("\\ ", " ") for phrase in phrases)
    return re.compile(template.format(alternatives))


def _rules_of(term: Term) -> _TermRules:
    spellings = (*term.names, *term.other_forms)
    return _TermRules(
        strict=term.match is Match.STRICT,
        not_after=_phrases(term.not_after, r"(?<!\w)(?:{})\Z"),
        not_before=_phrases(term.not_before, r"\A(?:{})(?!\w)"),
        capitals=frozenset(name for name in spellings if is_all_caps(name)),
        any_case=term.case_sensitive is False,
        product=term.scope is Scope.BALENA,
    )


class MentionRules:
    """The rules above for one glossary; built once per build, next to the matcher."""

    __slots__ = ("_rules",)

    def __init__(self, glossary: Glossary) -> None:
        # Most terms have the same rules: one object each kind, not one per term, since the
        # garbage collector scans every object that lives all build long at each of its runs.
        shared: dict[_TermRules, _TermRules] = {}
        self._rules: dict[str, _TermRules] = {}
        for term in glossary:
            rules = _rules_of(term)
            self._rules[term.key] = shared.setdefault(rules, rules)

    def keep(
        self, text: str, found: Sequence[Mention], before: str = "", after: str = ""
    ) -> list[Mention]:
        """The ``found`` mentions in ``text`` that are the term.

        ``before`` and ``after`` are the text just outside ``text`` (the end of
        the previous sibling, the start of the next), read for the words
        around a mention at either end.
        """
        templates = _template_spans(text, before)
        quoted = _OPENING_QUOTE.search(text) is not None
        kept = []
        for index, mention in enumerate(found):
            start, end, key = mention
            rules = self._rules.get(key)
            if rules is None:
                continue
            if templates and any(s <= start < e for s, e in templates):
                continue
            if _glued(text, start, end) or _shouted(text[start:end], rules):
                continue
            if (
                _in_longer_name(text, start, end, after)
                or _in_label(text, start, before)
                or (quoted and _in_short_quote(text, start, end))
            ):
                continue
            previous = found[index - 1] if index else None
            if self._other_sense(text, mention, rules, previous, before, after):
                continue
            kept.append(mention)
        return kept

    def _other_sense(
        self,
        text: str,
        mention: Mention,
        rules: _TermRules,
        previous: Mention | None,
        before: str,
        after: str,
    ) -> bool:
        if not (rules.strict or rules.not_after or rules.not_before):
            return False
        start, end, _key = mention
        head = _before(text, start, before)
        if rules.not_after and _ends_with_words(head, rules.not_after):
            return True
        if rules.not_before and _starts_with_words(_after(text, end, after), rules.not_before):
            return True
        if not rules.strict:
            return False
        if previous is not None and not text[previous.end : start].strip():
            previous_rules = self._rules.get(previous.key)
            if previous_rules is not None and previous_rules.product:
                return True  # "Cloudlink service", "supervisor releases"
        word = _WORD_BEFORE.search(head)
        if word is None:
            return False
        word_text = word[1]
        return (
            _CAMEL.search(word_text) is not None
            or is_all_caps(word_text)
            or word_text.casefold() in VERB_CUES
            or (
                text[start].isupper()  # "Extended Support Release": a name
                and _is_titlecase(word_text)
                and _SENTENCE_START.search(head, 0, word.start()) is None
            )
        )


def _template_spans(text: str, before: str) -> list[tuple[int, int]]:
    """Where template syntax is in ``text``, one that opened in ``before`` included
    (``{% tab title="**CLI**" %}``: the bold text is inside the tag)."""
    if "{" not in before and _TEMPLATE_START.search(text) is None:
        return []
    shift = len(before)
    return [
        (max(0, start - shift), end - shift)
        for start, end in (match.span() for match in _TEMPLATE.finditer(before + text))
        if end > shift
    ]


def _ends_with_words(head: str, phrases: re.Pattern[str]) -> bool:
    """Whether ``head`` ends with one of the phrases, then only spaces."""
    return head[-1:].isspace() and phrases.search(fold(head)) is not None


def _starts_with_words(tail: str, phrases: re.Pattern[str]) -> bool:
    """Whether ``tail`` starts with spaces, then one of the phrases."""
    return tail[:1].isspace() and phrases.match(fold(tail)) is not None


def _token(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token holding ``text[start:end]``, quotes and brackets trimmed."""
    left = start
    while left and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right].strip(_TOKEN_EDGES).rstrip(".")


def _is_path(token: str) -> bool:
    """A URL or a path: never prose, whatever names it holds."""
    return "://" in token or token.startswith(("/", "./", "../", "~/", "\\"))


def _slash_joins(token: str) -> bool:
    """Whether the slash beside a name makes a path ("src/compose/x.ts", "docs/conf.py"), not a
    list of two alike ("fleet/device", "setup.py/setup.cfg")."""
    parts = _SLASHES.split(token)
    return len(parts) > 2 or ("." in parts[0]) != ("." in parts[-1])


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the mention ``text[start:end]`` is part of a larger token that is not prose."""
    left = text[start - 1] if start else ""
    right = text[end] if end < len(text) else ""
    if left not in _JOINERS and right not in _JOINERS:
        return False
    token = _token(text, start, end)
    if _is_path(token):
        return True
    if left:
        outside = text[start - 2] if start > 1 else ""
        if left in "-–@":
            return True  # "pre-release", "multi-container", "--fleet" (smart: "–fleet")
        if left == "—" and not outside.isalnum():
            return True  # "---fleet"; "devices—fleets" is prose
        if left == "." and outside.isalnum():
            return True  # "www.balena.io", "foo.service"
        if left in "/\\" and outside.isalnum() and _slash_joins(token):
            return True
    if right and end + 1 < len(text) and text[end + 1].isalnum():
        if right in "-–":
            word = _WORD_AFTER.match(text, end + 1)
            return word is None or word[1].casefold() not in KEPT_SUFFIXES
        if right == ".":
            return True  # "docker-compose.yml", "pypa.io"
        if right in "/\\":
            return _slash_joins(token)
    return False


def _is_titlecase(word: str) -> bool:
    """Whether ``word`` is a capital then small letters: "Hub", not "API" or "macOS"."""
    return word[:1].isupper() and word[1:].islower()


def _in_longer_name(text: str, start: int, end: int, after: str) -> bool:
    """Whether a capitalised mention is the first words of a longer capitalised name or label.

    "Docker Hub", "Google Container Registry", "ASUS Tinker Edge T", "Set Up
    Service Provider": the name of another thing. ALL-CAPS mentions ("NUC
    Kit") are names of their own.
    """
    mention = text[start:end]
    if not mention[:1].isupper() or is_all_caps(mention):
        return False
    tail = _after(text, end, after)
    following = _WORD_AFTER.match(tail)
    return following is not None and tail[:1].isspace() and _is_titlecase(following[1])


def _in_label(text: str, start: int, before: str) -> bool:
    """Whether the mention is in a label of one or two words that opens a paragraph or list
    item and ends in a colon ("Release segment: N(.N)*"): a label names, it does not say."""
    if before.strip():
        return False
    label = _LABEL.match(text)
    return label is not None and start < label.end(1)


def says_more(phrase: str, mention: str) -> bool:
    """Whether ``phrase`` holds words besides ``mention`` (punctuation does not count)."""
    rest = phrase.replace(mention, "", 1)
    return _NOT_MORE.fullmatch(rest) is None


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Whether the mention is in a short quoted phrase that says more than the term, as a
    quoted title or label does ("the ‘List balenaOS releases’ page", “Add device”)."""
    head = text[max(0, start - WINDOW) : start]
    opened = max(head.rfind(quote) for quote in _CLOSING_QUOTE)
    if opened < 0:
        return False
    closing = _CLOSING_QUOTE[head[opened]]
    if closing in head[opened + 1 :]:
        return False  # closed before the mention
    tail = text[end : end + WINDOW]
    closed = tail.find(closing)
    while closed >= 0 and tail[closed + 1 : closed + 2].isalpha():  # an apostrophe: "fleet’s"
        closed = tail.find(closing, closed + 1)
    if closed < 0:
        return False
    phrase = head[opened + 1 :] + text[start:end] + tail[:closed]
    return len(phrase.split()) <= SHORT_PHRASE and says_more(phrase, text[start:end])


def _before(text: str, start: int, before: str) -> str:
    """The text before a mention, from the previous sibling on if the mention is near the start."""
    head = text[max(0, start - WINDOW) : start]
    return before[-WINDOW:] + head if start < WINDOW else head


def _after(text: str, end: int, after: str) -> str:
    """The text after a mention, into the next sibling if the mention is near the end."""
    tail = text[end : end + WINDOW]
    return tail + after[:WINDOW] if len(text) - end < WINDOW else tail


def _shouted(mention: str, rules: _TermRules) -> bool:
    """A mention in capitals that is not one of the term's ALL-CAPS spellings."""
    if rules.any_case or not is_all_caps(mention):
        return False
    return mention not in rules.capitals and not any(
        stem in rules.capitals for stem in without_ending(mention)
    )
