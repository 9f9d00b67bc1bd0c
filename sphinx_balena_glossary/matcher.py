"""Find mentions of glossary names in running text, in time independent of the glossary size.

The auto-linking transform calls :meth:`Matcher.find` on every text node of
every document, so the matcher is built once per build and the names are
compiled into a *trie regex*: the names (case-folded, whitespace collapsed)
go into a character trie, which is written out as one prefix-factored
regular expression.  At each position the regex engine follows at most one
path through the trie, whatever the number of names, so the cost per
character depends on the text, not on the size of the glossary (no loop over
names, no flat alternation of them).

Matching rules, and why:

* **Leftmost first, then longest.**  Mentions never overlap; the scan goes
  left to right and goes on after each mention.  At a position the longest
  name wins ("balenaOS image" over "balenaOS"), then the longest ending that
  fits.  That is the longest mention except in one corner: with names "X"
  and "Xs", the text "Xs'" gives the whole name "Xs" (the apostrophe left
  out) rather than "X" + "s'".
* **Whole words.**  The character before a mention and the character after
  it must not be a word character (``\\w``).  Only the two ends are checked,
  so names with inner punctuation ("config.json", "D-Bus") match whole, and
  a name that begins or ends with punctuation is checked outside it (".NET"
  is not found in "ASP.NET"; "C++" is found in "C++ code").
* **Plural and possessive.**  ``s``, ``es``, ``'s`` and ``s'`` right after
  a name belong to the mention when a word boundary follows (see
  :mod:`.inflection`).  Other spellings ("cities" for "city", irregular
  forms) are patterns of their own, marked ``inflected``.
  A span that is itself a name resolves to that name, not to a shorter
  name + ending or an inflected pattern ("fleets", if a name, beats "fleet" + "s").
* **Case.**  Names match case-insensitively, by a per-character case fold
  that never changes the length (so offsets stay valid), except patterns
  marked ``case_sensitive`` ("HUP" but not "hup").  The two kinds get a trie
  regex each; :meth:`Matcher.find` merges their matches so that the rules
  above hold across the mix.  Equal spans go to a whole name over a name +
  ending, then to the earlier pattern.
* **Quotes.**  Typographic single and double quotes (U+2018, U+2019,
  U+201C, U+201D) match their straight forms, in names, endings and text
  alike: text that went through smart quotes ("Chesterton’s Fence",
  "Supervisor’s") still matches the names as the data spells them.
* **Whitespace** inside a name matches any run of Unicode whitespace
  (wrapped source lines, non-breaking spaces).
* **Inverted names** "Beast, the" / "X, a" / "X, an" also match in natural
  order ("the Beast"; for a case-sensitive name also "The Beast").
* **Unicode.**  Names and text are compared in NFC, so composed and
  decomposed spellings match each other; offsets always index the text as
  passed in.  Word boundaries follow Python's ``\\w``, which counts CJK
  ideographs as word characters: in CJK text written without spaces a name
  is found only where non-word characters (punctuation, spaces, the text's
  ends) delimit it.  Finding a CJK name *inside* a run of CJK characters
  would need a word segmenter and would make false links in every other
  script, so it is deliberately not done.
* **Duplicates.**  When patterns give the same name (after folding, for
  case-insensitive ones), the first pattern wins; so results are
  deterministic and the caller sets priority by order.

Regex metacharacters in names are literal; empty names are ignored.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .collector import without_collection
from .inflection import ENDINGS, ENDINGS_REGEX
from .kept_regex import KeptCode, compile_keepable, restore

if TYPE_CHECKING:
    from .model import Glossary

__all__ = ["Matcher", "Mention", "NamePattern", "build_matcher"]


@dataclass(frozen=True, slots=True)
class NamePattern:
    """One spelling to look for: a term name or alias, and the key it links to."""

    text: str
    key: str
    case_sensitive: bool
    #: Another spelling of a name (a plural, a form): loses a tie to a real name.
    inflected: bool = False


class Mention(NamedTuple):
    """A found mention; ``start``/``end`` index the text given to :meth:`Matcher.find`.

    A named tuple: one is made per mention found, and a tuple is the
    cheapest immutable record to make.
    """

    start: int
    end: int
    key: str


_new_tuple = tuple.__new__


def _mention(start: int, end: int, key: str) -> Mention:
    """``Mention(start, end, key)`` at a quarter of the cost (no Python-level ``__new__``)."""
    return _new_tuple(Mention, (start, end, key))


#: Typographic quotes and the straight ones they stand for (one character each: offsets survive).
_STRAIGHT_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))

_INVERTED = re.compile(r"(?P<name>.+?)\s*,\s*(?P<article>the|an|a)", re.IGNORECASE | re.DOTALL)
#: Starts with a plain character set (not a repeat), so that the regex engine
#: skips ASCII in its fast C loop.
_NON_ASCII = re.compile(r"[^\x00-\x7f][^\x00-\x7f]*")
_WORD = re.compile(r"\w")
#: The ASCII non-word characters and all non-ASCII ones (a superset of \\W).
_BEFORE_NAME = r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\U0010ffff]"
#: Trie edge standing for "one or more whitespace characters".
_SPACE = " "
#: Trie key marking "a name ends here" (never a real one-character edge).
_END = ""
#: The only character whose single-character ``casefold()`` changes whether it
#: is a word character (U+0345 folds to U+03B9); the fast folding path avoids it.
_FOLD_UNSAFE = "\u0345"


def _fold_char(char: str) -> str:
    """Case-fold one character to exactly one character (so offsets survive).

    Full case folding can expand ("ß" → "ss", "İ" → "i̇"); those characters fall
    back to their one-character lower case or stay as they are.  A fold that
    would turn a non-word character into a word character (or change
    whitespace) is refused, so word boundaries are the same in the folded text.
    """
    is_word = _WORD.match(char) is not None
    is_space = char.isspace()
    lowered = char.lower()
    for candidate in (char.casefold(), lowered, lowered[:1]):
        if (
            len(candidate) == 1
            and (_WORD.match(candidate) is not None) == is_word
            and candidate.isspace() == is_space
        ):
            return candidate
    return char


class _FoldTable(dict[int, int]):
    """``str.translate`` table that folds characters lazily, caching each answer."""

    def __missing__(self, code: int) -> int:
        folded = ord(_fold_char(chr(code)))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """Fold ``text`` character by character; the result has the same length.

    ``str.casefold`` is fast and, when it does not change the length, it is a
    per-character fold equal to :func:`_fold_char`, so it is used when it can be.
    """
    folded = text.casefold()
    if len(folded) == len(text) and _FOLD_UNSAFE not in text:
        return folded
    return text.translate(_FOLD_TABLE)


def _straight_quotes(text: str) -> str:
    """``text`` with typographic quotes made straight (``in`` and ``replace`` run at C speed)."""
    if not text.isascii():
        for curly, straight in _STRAIGHT_QUOTES:
            if curly in text:
                text = text.replace(curly, straight)
    return text


def _collapse(text: str) -> str:
    """Collapse whitespace runs to one space: the form names are keyed by."""
    return " ".join(text.split())


class _OffsetMap:
    """Maps offsets in the NFC form of a text back to offsets in the original.

    Only the pieces that normalisation changed are stored; elsewhere the two
    texts differ by a constant shift.  An offset that falls inside a changed
    piece maps to the end of that piece, which keeps the map monotonic (so
    mentions cannot come to overlap).
    """

    __slots__ = ("_changes", "_starts")

    def __init__(self, changes: list[tuple[int, int, int, int]]) -> None:
        self._changes = changes  # (norm_start, norm_end, orig_start, orig_end)
        self._starts = [change[0] for change in changes]

    def __call__(self, pos: int) -> int:
        index = bisect.bisect_right(self._starts, pos) - 1
        if index < 0:
            return pos
        norm_start, norm_end, orig_start, orig_end = self._changes[index]
        if pos == norm_start:
            return orig_start
        if pos >= norm_end:
            return orig_end + (pos - norm_end)
        return orig_end


def _clusters(region: str) -> list[str]:
    """Split ``region`` before each character of combining class 0."""
    pieces: list[str] = []
    start = 0
    for index in range(1, len(region)):
        if unicodedata.combining(region[index]) == 0:
            pieces.append(region[start:index])
            start = index
    pieces.append(region[start:])
    return pieces


def _changed_part(
    original: str, result: str, orig_pos: int, norm_pos: int
) -> tuple[int, int, int, int]:
    """The (norm_start, norm_end, orig_start, orig_end) of what NFC really changed.

    Unchanged characters at either end are left out, so that a name starting
    or ending next to them keeps exact offsets (the ASCII character kept in
    front of a run is often one of them).
    """
    limit = min(len(original), len(result))
    head = 0
    while head < limit and original[head] == result[head]:
        head += 1
    tail = 0
    while tail < limit - head and original[-1 - tail] == result[-1 - tail]:
        tail += 1
    return (
        norm_pos + head,
        norm_pos + len(result) - tail,
        orig_pos + head,
        orig_pos + len(original) - tail,
    )


def _nfc_with_map(text: str) -> tuple[str, _OffsetMap]:
    """NFC-normalise ``text`` and say where each normalised offset came from.

    NFC never composes across an ASCII character (it is a starter that blocks
    composition and is never the second half of a composite), so each run of
    non-ASCII characters, together with the ASCII character before it, can be
    normalised on its own.  Inside a run, characters are grouped before each
    starter when that grouping normalises to the same result, for precise
    offsets; otherwise the run is one piece.
    """
    out: list[str] = []
    changes: list[tuple[int, int, int, int]] = []
    done = 0  # offset in text up to which out is written
    norm_len = 0
    for match in _NON_ASCII.finditer(text):
        start = max(match.start() - 1, done)
        end = match.end()
        out.append(text[done:start])
        norm_len += start - done
        region = text[start:end]
        normalized = unicodedata.normalize("NFC", region)
        if normalized == region:
            out.append(region)
            norm_len += len(region)
        else:
            originals = _clusters(region)
            results = [unicodedata.normalize("NFC", piece) for piece in originals]
            if "".join(results) != normalized:
                originals, results = [region], [normalized]
            orig_pos = start
            for original, result in zip(originals, results, strict=True):
                if original != result:
                    changes.append(_changed_part(original, result, orig_pos, norm_len))
                out.append(result)
                norm_len += len(result)
                orig_pos += len(original)
        done = end
    out.append(text[done:])
    return "".join(out), _OffsetMap(changes)


_Trie = dict[str, "_Trie"]


def _trie_regex(
    names: Iterable[str], *, skip_to_non_word: bool
) -> tuple[re.Pattern[str], KeptCode] | None:
    """Compile ``names`` (whitespace collapsed) into one prefix-factored regex, with the
    form it is kept in between builds (:mod:`.kept_regex`).

    Every trie node offers its child edges (all different characters, so at
    most one can match) before stopping, and the optional plural/possessive
    ending and the right word boundary come after the trie: the regex engine
    therefore tries the deepest name first and backtracks to shorter ones
    only when the ending or the boundary after it fails.  Keeping the ending
    out of the trie keeps the pattern small (compiling is the slow part).

    How the left word boundary is checked decides the speed, because the
    regex engine can skip in C to the next character of a known set but
    otherwise tries a match at every position (2 to 3 times slower):

    * ``skip_to_non_word``: the match starts with the character *before* the
      name (the caller puts a space in front of the text), from a set of all
      ASCII non-word characters and all non-ASCII characters; that set is
      checked twice as fast as ``\\W``.  The caller must reject a match
      whose first character is a non-ASCII word character.  Right for the
      case-insensitive names, whose first letters are common.
    * otherwise the match starts with the name's first character and the
      boundary is a look-behind after it.  Right for the case-sensitive
      names (acronyms), whose capital first letters are rare in text.
    """
    root: _Trie = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        return None
    tail = ENDINGS_REGEX + r"?(?!\w)"
    if skip_to_non_word:
        return compile_keepable(_BEFORE_NAME + _node_regex(root) + tail)
    starts = [_branch_regex(char, child, r"(?<!\w[\s\S])") for char, child in root.items()]
    return compile_keepable("(?:" + "|".join(starts) + ")" + tail)


class _EdgeRegexes(dict[str, str]):
    """The regex of each trie edge (``re.escape`` of its character), worked out once each."""

    def __missing__(self, char: str) -> str:
        regex = r"\s+" if char == _SPACE else re.escape(char)
        self[char] = regex
        return regex


_edge_regex = _EdgeRegexes().__getitem__


def _branch_regex(char: str, child: _Trie, after_first: str = "") -> str:
    """Regex for the edge ``char`` and all below it."""
    # Follow single-child, non-terminal chains without nesting groups.
    literal = [_edge_regex(char), after_first]
    while len(child) == 1 and _END not in child:
        ((char, child),) = child.items()
        literal.append(_edge_regex(char))
    return "".join(literal) + _node_regex(child)


def _node_regex(node: _Trie) -> str:
    """Regex for everything that can follow ``node`` in the trie."""
    alternatives = [_branch_regex(char, child) for char, child in node.items() if char != _END]
    if not alternatives:
        return ""
    group = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if _END in node:
        return ("(?:" + group + ")" if len(alternatives) == 1 else group) + "?"
    return group


def _base_forms(text: str, case_sensitive: bool) -> list[str]:
    """The spellings a pattern is found as: itself, plus natural order if inverted."""
    forms = [text]
    inverted = _INVERTED.fullmatch(text)
    if inverted is not None:
        name, article = inverted["name"], inverted["article"]
        forms.append(f"{article.lower()} {name}")
        if case_sensitive:
            forms.append(f"{article.capitalize()} {name}")
    return forms


# (is name + ending, pattern index): the smaller wins between equal spans.
_Priority = tuple[bool, int]


class _Names:
    """The names of one case mode, their regex, and what each matched span resolves to."""

    __slots__ = ("_kept", "count", "names", "regex")

    def __init__(self, names: dict[str, tuple[_Priority, str]], *, skip_to_non_word: bool) -> None:
        """``names``: collapsed (for case-insensitive: folded) name -> (priority, key)."""
        compiled = _trie_regex(names, skip_to_non_word=skip_to_non_word)
        assert compiled is not None
        self.regex, self._kept = compiled
        self.count = len(names)
        self.names = names

    def __getstate__(self) -> tuple[KeptCode, dict[str, tuple[_Priority, str]]]:
        """Pickled with the regex's compiled code: unpickling does not compile it again."""
        return self._kept, self.names

    def __setstate__(self, state: tuple[KeptCode, dict[str, tuple[_Priority, str]]]) -> None:
        self._kept, self.names = state
        self.regex = restore(self._kept)
        self.count = len(self.names)

    def _lookup(self, span: str) -> tuple[_Priority, str] | None:
        """A whole name beats a shorter name + ending; among the latter the longest name wins.

        That is the shortest ending first, and it is also the name the regex
        matched (it tries deeper trie nodes first).  Endings are stripped here
        rather than stored with every name: that would multiply the table by
        seven on large glossaries.
        """
        hit = self.names.get(span)
        if hit is not None:
            return hit
        for suffix in ENDINGS:
            if span.endswith(suffix):
                hit = self.names.get(span[: -len(suffix)])
                if hit is not None:
                    return (True, hit[0][1]), hit[1]
        return None

    def resolve(self, matched: str) -> tuple[_Priority, str]:
        """Priority and key of a matched span (whitespace runs allowed inside)."""
        hit = self._lookup(matched) or self._lookup(_collapse(matched))
        assert hit is not None, matched  # the regex only matches names and their endings
        return hit

    def key(self, matched: str) -> str:
        """Key of a matched span: :meth:`resolve`, quicker for the usual whole name."""
        hit = self.names.get(matched)
        return hit[1] if hit is not None else self.resolve(matched)[1]


#: Start offset standing for "no further match".
_NEVER = sys.maxsize


class Matcher:
    """All glossary names compiled for fast, repeated searching of text.

    Case-insensitive names are searched in a folded copy of the text and
    case-sensitive ones in the text itself, each with one trie regex;
    :meth:`find` merges the two streams so that the leftmost mention wins,
    and among mentions at the same position the longest, whatever the case
    modes in the mix.  A tie between equal spans goes to the whole name over
    a name + ending, then to the earlier pattern.

    Build it once (compiling is the slow part) and call :meth:`find` on each
    text node.
    """

    __slots__ = ("_insensitive", "_min_len", "_sensitive")

    def __init__(self, patterns: Iterable[NamePattern]) -> None:
        insensitive: dict[str, tuple[_Priority, str]] = {}
        sensitive: dict[str, tuple[_Priority, str]] = {}
        for index, pattern in enumerate(patterns):
            text = _collapse(unicodedata.normalize("NFC", _straight_quotes(pattern.text)))
            if not text:
                continue
            hit = ((pattern.inflected, index), pattern.key)
            for form in _base_forms(text, pattern.case_sensitive):
                if pattern.case_sensitive:
                    sensitive.setdefault(form, hit)
                else:
                    insensitive.setdefault(_fold(form), hit)
        self._insensitive = _Names(insensitive, skip_to_non_word=True) if insensitive else None
        self._sensitive = _Names(sensitive, skip_to_non_word=False) if sensitive else None
        self._min_len = min(map(len, (*insensitive, *sensitive)), default=0)

    def __bool__(self) -> bool:
        """False when there is nothing to find, so callers can skip the work."""
        return self._min_len > 0

    def __len__(self) -> int:
        """Number of distinct spellings searched for (inverted names count twice)."""
        return sum(names.count for names in (self._insensitive, self._sensitive) if names)

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text``: non-overlapping, in order of position."""
        min_len = self._min_len
        if not min_len or (len(text) < min_len and text.isascii()):
            return []
        if text.isascii():
            return self._scan(text)
        text = _straight_quotes(text)
        if unicodedata.is_normalized("NFC", text):
            return self._scan(text)
        normalized, offsets = _nfc_with_map(text)
        mentions = []
        for mention in self._scan(normalized):
            start, end = offsets(mention.start), offsets(mention.end)
            if start < end:
                mentions.append(Mention(start, end, mention.key))
        return mentions

    def _scan(self, text: str) -> list[Mention]:
        """Mentions in NFC ``text``, merging the two case modes.

        Each regex proposes its next match; the leftmost (then longest, then
        higher-priority) one is taken, and a proposal it overlaps is searched
        again from its end.  In the folded text the search restarts one
        character early, because the non-word character the regex needs
        before the next name may be this mention's own last character.
        """
        mentions: list[Mention] = []
        if len(text) < self._min_len:
            return mentions
        append = mentions.append
        insensitive, sensitive = self._insensitive, self._sensitive
        near = exact = None
        if insensitive is not None:
            # folded[i + 1] is the fold of text[i]: the leading space is the
            # non-word character the regex needs before a name at offset 0.
            folded = " " + _fold(text)
            near_search, near_key = insensitive.regex.search, insensitive.key
            near = near_search(folded)
        if sensitive is not None:
            exact_search, exact_key = sensitive.regex.search, sensitive.key
            exact = exact_search(text)
        exact_start = exact.start() if exact is not None else _NEVER
        while True:
            if near is not None:
                start, end = near.span()  # starts one character early, in folded
                if folded[start] > "\x7f" and _WORD.match(folded, start):
                    near = near_search(folded, start + 1)  # not a word start after all
                    continue
                end -= 1
                if start < exact_start or (
                    exact is not None and start == exact_start and self._prefer_near(near, exact)
                ):
                    append(_mention(start, end, near_key(folded[start + 1 : end + 1])))
                    near = near_search(folded, end)
                    if exact_start < end:
                        exact = exact_search(text, end)
                        exact_start = exact.start() if exact is not None else _NEVER
                    continue
            if exact is None:
                return mentions
            start, end = exact.span()
            append(_mention(start, end, exact_key(exact.group())))
            exact = exact_search(text, end)
            exact_start = exact.start() if exact is not None else _NEVER
            if near is not None and near.start() < end:
                near = near_search(folded, end)

    def _prefer_near(self, near: re.Match[str], exact: re.Match[str]) -> bool:
        """Whether a case-insensitive match beats a case-sensitive one at the same start."""
        near_end = near.end() - 1
        if near_end != exact.end():
            return near_end > exact.end()
        assert self._insensitive is not None and self._sensitive is not None
        near_priority = self._insensitive.resolve(near.string[near.start() + 1 : near.end()])[0]
        return near_priority <= self._sensitive.resolve(exact.group())[0]


@without_collection
def build_matcher(glossary: Glossary) -> Matcher:
    """One matcher per build: every name and alias of the terms that allow autolinking,
    then their other forms (which never win over a name)."""
    linkable = [term for term in glossary if term.autolink]
    names = [
        NamePattern(name, term.key, term.is_case_sensitive(name))
        for term in linkable
        for name in term.names
    ]
    forms = [
        NamePattern(form, term.key, term.is_case_sensitive(form), inflected=True)
        for term in linkable
        for form in term.other_forms
    ]
    return Matcher([*names, *forms])
