"""The name matcher: one case per matching rule, then properties over random input.

The matcher decides which words of every page become glossary links, so each
rule from the module docstring has a small, exact example here; the
hypothesis properties then check the invariants the auto-linker relies on
(sorted, non-overlapping, word-bounded mentions that really are names).
"""

from __future__ import annotations

import pickle
import re
import sys
import time
import unicodedata
from collections.abc import Iterable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sphinx_balena_glossary.matcher import (
    Matcher,
    Mention,
    NamePattern,
    _fold,
    _fold_char,
    _nfc_with_map,
)


def ci(text: str, key: str | None = None) -> NamePattern:
    """A case-insensitive pattern; the key defaults to the name itself."""
    return NamePattern(text, key if key is not None else text, case_sensitive=False)


def cs(text: str, key: str | None = None) -> NamePattern:
    """A case-sensitive pattern; the key defaults to the name itself."""
    return NamePattern(text, key if key is not None else text, case_sensitive=True)


def found(patterns: Iterable[NamePattern], text: str) -> list[tuple[str, str]]:
    """(matched text, key) of each mention: the readable form of most assertions."""
    return [(text[m.start : m.end], m.key) for m in Matcher(patterns).find(text)]


# Rule 1: longest match at a position, leftmost first.


def test_longest_match_wins() -> None:
    patterns = [ci("balenaOS"), ci("balenaOS image"), ci("Docker"), ci("Docker image")]
    text = "Flash a balenaOS image, not a Docker image; balenaOS runs Docker."
    assert found(patterns, text) == [
        ("balenaOS image", "balenaOS image"),
        ("Docker image", "Docker image"),
        ("balenaOS", "balenaOS"),
        ("Docker", "Docker"),
    ]


def test_leftmost_first_then_continue_after_the_mention() -> None:
    # "b c" overlaps "a b", which starts first; "c" after it is free.
    assert found([ci("a b"), ci("b c"), ci("c")], "a b c") == [("a b", "a b"), ("c", "c")]


def test_exact_offsets() -> None:
    assert Matcher([ci("fleet", "k")]).find("A fleet.") == [Mention(2, 7, "k")]


# Rule 2: whole words only; punctuation inside names; only the ends are checked.


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Git", "GitHub"),
        ("balenaCloud", "balenaCloudy"),
        ("term", "terminal"),
        ("OS", "balenaOS"),
        (".NET", "ASP.NET"),
        ("C++", "C++code"),
        ("fleet", "fleet_id"),
        ("fleet", "2fleet"),
        ("fleet", "\u00e9fleet"),  # a non-ASCII letter before
        ("fleet", "\u6771fleet"),
        ("fleet", "fleet\u00e9"),
    ],
)
def test_no_match_inside_words(name: str, text: str) -> None:
    assert found([ci(name)], text) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("config.json", "Edit config.json, then reboot.", "config.json"),
        ("D-Bus", "over D-Bus.", "D-Bus"),
        ("Pine.js", "(Pine.js)", "Pine.js"),
        ("balena-proxy", "the balena-proxy's port", "balena-proxy's"),
        (".NET", "written in .NET.", ".NET"),
        ("C++", "C++ code", "C++"),
        ("C++", "in C++, too", "C++"),
        ("term", "two terms", "terms"),
        ("Docker", "\u201cDocker\u201d", "Docker"),  # typographic quotes
        ("Docker", "a\u2014Docker\u2014b", "Docker"),  # em dashes
        ("Docker", "\u00a0Docker\u00a0", "Docker"),
    ],
)
def test_whole_names_with_punctuation(name: str, text: str, expected: str) -> None:
    assert found([ci(name)], text) == [(expected, name)]


def test_one_letter_name_is_not_found_inside_a_longer_punctuated_name() -> None:
    patterns = [ci("C"), ci("C++")]
    assert found(patterns, "C++ and C and C#") == [("C++", "C++"), ("C", "C"), ("C", "C")]


def test_adjacent_mentions_joined_by_punctuation() -> None:
    assert found([ci("C++"), ci(".NET")], "C++.NET") == [("C++", "C++"), (".NET", ".NET")]


# Rule 3: case-insensitive unless case_sensitive; mixed sets keep the global longest.


def test_case_insensitive_by_default() -> None:
    text = "host OS updater, HOST OS UPDATER"
    assert [key for _, key in found([ci("Host os UPdater")], text)] == ["Host os UPdater"] * 2


def test_case_sensitive_pattern() -> None:
    assert found([cs("HUP")], "HUP, not hup or Hup") == [("HUP", "HUP")]


def test_mixed_case_modes_keep_the_longest_at_each_position() -> None:
    patterns = [cs("HUP", "hup-acronym"), ci("hup tool", "tool"), cs("HUP server", "server")]
    text = "HUP tool, HUP server, hup server, HUP."
    assert found(patterns, text) == [
        ("HUP tool", "tool"),  # a case-insensitive name longer than the acronym
        ("HUP server", "server"),  # a case-sensitive name longer than "HUP"
        # "hup server": neither case-sensitive name, and "hup tool" does not fit.
        ("HUP", "hup-acronym"),
    ]


def test_same_span_in_both_modes_goes_to_the_earlier_pattern() -> None:
    assert found([ci("hup", "first"), cs("HUP", "second")], "HUP") == [("HUP", "first")]
    assert found([cs("HUP", "first"), ci("hup", "second")], "HUP") == [("HUP", "first")]
    assert found([cs("HUP", "first"), ci("hup", "second")], "Hup") == [("Hup", "second")]


def test_case_folding_keeps_offsets() -> None:
    # "İ".lower() is two code points; offsets must still index the original.
    text = "İİ İstanbul and Docker"
    mentions = Matcher([ci("istanbul"), ci("Docker")]).find(text)
    assert [(text[m.start : m.end], m.key) for m in mentions] == [
        ("İstanbul", "istanbul"),
        ("Docker", "Docker"),
    ]


def test_sharp_s_and_final_sigma_fold() -> None:
    assert found([ci("STRASSE")], "Straße strasse") == [("strasse", "STRASSE")]
    assert found([ci("ΟΔΟΣ")], "η οδος") == [("οδος", "ΟΔΟΣ")]


# Rule 4: plural and possessive endings belong to the mention.


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Docker image", "two Docker images", "Docker images"),
        ("fleet", "all fleets", "fleets"),
        ("box", "boxes", "boxes"),
        ("Supervisor", "the Supervisor's API", "Supervisor's"),
        ("Supervisor", "the Supervisor\u2019s API", "Supervisor\u2019s"),
        ("fleet", "the fleets' devices", "fleets'"),
        ("fleet", "the fleets\u2019 devices", "fleets\u2019"),
        ("balenista", "dear balenistas", "balenistas"),
    ],
)
def test_plural_and_possessive(name: str, text: str, expected: str) -> None:
    assert found([ci(name)], text) == [(expected, name)]


@pytest.mark.parametrize(
    ("name", "case_sensitive", "text", "expected"),
    [
        (
            "Chesterton's Fence",
            False,
            "mind Chesterton\u2019s Fence here",
            "Chesterton\u2019s Fence",
        ),
        ("Chesterton\u2019s Fence", False, "mind Chesterton's Fence here", "Chesterton's Fence"),
        ("O'NEIL", True, "ask O\u2019NEIL today", "O\u2019NEIL"),
        ('"Magic" box', False, "the \u201cmagic\u201d boxes", "\u201cmagic\u201d boxes"),
    ],
)
def test_typographic_quotes_match_straight_ones(
    name: str, case_sensitive: bool, text: str, expected: str
) -> None:
    """Smart quotes turn the data's ' and " into ’ and “ ” in the text; both spellings match."""
    matcher = Matcher([NamePattern(name, "k", case_sensitive)])
    assert [text[m.start : m.end] for m in matcher.find(text)] == [expected]


def test_plural_of_case_sensitive_name() -> None:
    assert found([cs("HUP")], "two HUPs") == [("HUPs", "HUP")]


def test_ending_needs_a_word_boundary_after_it() -> None:
    assert found([ci("fleet")], "fleetsy fleetes2") == []


def test_no_y_to_ies_rule() -> None:
    assert found([ci("company")], "companies") == []


def test_a_name_beats_a_shorter_name_with_an_ending() -> None:
    assert found([ci("fleet", "f"), ci("fleets", "fs")], "fleets fleet's") == [
        ("fleets", "fs"),
        ("fleet's", "f"),
    ]


# Rule 5: whitespace inside names matches any whitespace run.


@pytest.mark.parametrize("gap", [" ", "\n", "\u00a0", "  \n\t ", "\r\n"])
def test_whitespace_inside_names(gap: str) -> None:
    text = f"run the Host os{gap}UPdater now"
    assert found([ci("Host os UPdater")], text) == [(f"Host os{gap}UPdater", "Host os UPdater")]


def test_whitespace_in_the_name_itself_is_collapsed() -> None:
    assert found([ci("  Host   os UPdater ")], "Host os UPdater") == [
        ("Host os UPdater", "  Host   os UPdater ")
    ]


# Rule 6: inverted names.


def test_inverted_name_matches_natural_and_inverted_order() -> None:
    text = "Meet the Beast. The Beast, the Beast"
    # Leftmost first: "The Beast" starts before the inverted "Beast, the".
    assert found([ci("Beast, the", "beast")], text) == [
        ("the Beast", "beast"),
        ("The Beast", "beast"),
        ("the Beast", "beast"),
    ]


def test_inverted_name_forms() -> None:
    patterns = [ci("Beast, the", "beast"), ci("Apple, an", "apple"), ci("Cat, a", "cat")]
    text = "the Beast; an apple; a cat; Beast, the"
    assert [key for _, key in found(patterns, text)] == ["beast", "apple", "cat", "beast"]
    assert found(patterns, "Beast, the")[0] == ("Beast, the", "beast")


def test_inverted_case_sensitive_name_also_matches_at_sentence_start() -> None:
    patterns = [cs("Beast, the", "beast")]
    assert found(patterns, "The Beast and the Beast; the beast") == [
        ("The Beast", "beast"),
        ("the Beast", "beast"),
    ]


# Rule 7: Unicode normalisation, other scripts, CJK.


def test_nfd_text_matches_nfc_name_with_original_offsets() -> None:
    text = "un cafe\u0301 noir, cafe\u0301s"
    mentions = Matcher([ci("caf\u00e9", "cafe")]).find(text)
    assert [(m.start, m.end, text[m.start : m.end]) for m in mentions] == [
        (3, 8, "cafe\u0301"),
        (15, 21, "cafe\u0301s"),
    ]


def test_nfc_text_matches_nfd_name() -> None:
    assert found([ci("cafe\u0301", "cafe")], "un caf\u00e9") == [("caf\u00e9", "cafe")]


def test_decomposed_accent_is_not_a_word_boundary() -> None:
    # NFD "café" must not give a mention of "cafe" (U+0301 alone is not \w).
    assert found([ci("cafe")], "cafe\u0301") == []


def test_greek_and_cyrillic() -> None:
    patterns = [ci("Ελλάδα", "gr"), ci("Москва", "ru")]
    # Greek ς and Cyrillic с are letters, not the English plural "s".
    text = "ΕΛΛΆΔΑ, Ελλάδας, μεγάλη Ελλάδα; МОСКВА и Москвас, Москвабад"
    assert found(patterns, text) == [("ΕΛΛΆΔΑ", "gr"), ("Ελλάδα", "gr"), ("МОСКВА", "ru")]


def test_cjk_names_need_non_word_boundaries() -> None:
    patterns = [ci("東京", "tokyo")]
    assert found(patterns, "東京都に住む") == []  # inside a run of CJK word characters
    assert found(patterns, "東京、大阪。") == [("東京", "tokyo")]  # CJK punctuation
    assert found(patterns, "in 東京 today") == [("東京", "tokyo")]


# Rule 8: metacharacters are literal; empty names ignored; duplicates: first wins.


@pytest.mark.parametrize("name", ["C++", ".NET", "a|b", "(x)", "[y]", "*", "\\", "^$", "a.c", "?"])
def test_regex_metacharacters_are_literal(name: str) -> None:
    text = f"use {name} here, not abc or a or b"
    assert found([ci(name)], text) == [(name, name)]


def test_dot_is_not_a_wildcard() -> None:
    assert found([ci("a.c")], "abc") == []


def test_empty_names_are_ignored() -> None:
    matcher = Matcher([ci(""), ci("   "), ci("\n")])
    assert not matcher
    assert len(matcher) == 0
    assert matcher.find("anything at all") == []
    assert not Matcher([])


def test_duplicate_names_first_pattern_wins() -> None:
    patterns = [ci("Fleet", "first"), ci("fleet", "second"), ci("FLEET", "third")]
    assert found(patterns, "fleet") == [("fleet", "first")]
    assert len(Matcher(patterns)) == 1


# Rule 9: prefixes, suffixes, one-letter names, many names.


def test_names_that_are_prefixes_and_suffixes_of_each_other() -> None:
    patterns = [ci("a"), ci("a b"), ci("a b c"), ci("b c"), ci("c")]
    assert found(patterns, "a b c. a b. b c. a") == [
        ("a b c", "a b c"),
        ("a b", "a b"),
        ("b c", "b c"),
        ("a", "a"),
    ]


def test_one_letter_names() -> None:
    assert found([ci("R"), cs("C")], "R and C, r and c") == [("R", "R"), ("C", "C"), ("r", "R")]


def test_twenty_thousand_names() -> None:
    patterns = [ci(f"term{n}", f"k{n}") for n in range(20_000)]
    started = time.perf_counter()
    matcher = Matcher(patterns)
    build = time.perf_counter() - started
    assert len(matcher) == 20_000
    assert found(patterns, "see term0, term19999s and term123456") == [
        ("term0", "k0"),
        ("term19999s", "k19999"),
    ]
    assert build < 30  # seconds; a generous bound, the benchmark measures it


def test_short_text_precheck_still_finds_expanding_nfc() -> None:
    # U+0958 is excluded from composition, so NFC turns one char into two.
    name = unicodedata.normalize("NFC", "\u0958")
    assert len(name) == 2
    assert [m.key for m in Matcher([ci(name, "k")]).find("\u0958")] == ["k"]


def test_lone_surrogates_do_not_crash() -> None:
    assert [m.key for m in Matcher([ci("a")]).find("\ud800 a \udfff")] == ["a"]


def test_matcher_pickles() -> None:
    """Parallel Sphinx builds pickle what the environment holds."""
    matcher = pickle.loads(pickle.dumps(Matcher([cs("HUP", "h"), ci("fleet", "f")])))
    assert matcher.find("HUP fleets") == [Mention(0, 3, "h"), Mention(4, 10, "f")]


# Properties.

#: Characters that exercise the tricky paths: case folding (İ, ß, ς/Σ,
#: U+0345), NFC (combining acute), endings (s, e, apostrophes), punctuation
#: at name edges, whitespace and CJK.
NAME_CHARS = "abAB sSe'\u2019.+-_1\u0130\u00dfς\u03a3\u0345\u0301\u00e9\u6771"
TEXT_CHARS = NAME_CHARS + "\n\u00a0,x"

names_st = st.text(alphabet=NAME_CHARS, min_size=1, max_size=6)
patterns_st = st.lists(st.tuples(names_st, st.booleans()), min_size=1, max_size=5).map(
    lambda pairs: [NamePattern(text, f"k{i}", sens) for i, (text, sens) in enumerate(pairs)]
)
WORD = re.compile(r"\w")
INVERTED = re.compile(r"(.+?)\s*,\s*(the|an|a)", re.IGNORECASE | re.DOTALL)
ENDINGS = ("", "s", "es", "'s", "s'")
#: Typographic quotes count as the straight ones.
STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def base_forms(pattern: NamePattern) -> list[str]:
    """The spellings a pattern stands for (collapsed NFC, not folded)."""
    text = " ".join(unicodedata.normalize("NFC", pattern.text).split())
    if not text:
        return []  # ignored by the matcher
    forms = [text]
    inverted = INVERTED.fullmatch(text)
    if inverted:
        forms += [
            f"{inverted[2].lower()} {inverted[1]}",
            f"{inverted[2].capitalize()} {inverted[1]}",
        ]
    return forms


def spells(pattern: NamePattern, span: str, endings: tuple[str, ...] = ENDINGS) -> bool:
    """Whether ``span`` (any text) is a spelling of ``pattern``, plus one of ``endings``."""
    span = " ".join(unicodedata.normalize("NFC", span.translate(STRAIGHT)).split())
    for form in base_forms(pattern):
        form = form.translate(STRAIGHT)
        for ending in endings:
            if pattern.case_sensitive:
                if span == form + ending:
                    return True
            elif _fold(span) == _fold(form + ending):
                return True
    return False


def check_order(text: str, mentions: list[Mention]) -> None:
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        previous_end = mention.end


@settings(max_examples=200, deadline=None)
@given(patterns=patterns_st, text=st.text(max_size=40))
def test_any_text_gives_ordered_non_overlapping_mentions(
    patterns: list[NamePattern], text: str
) -> None:
    check_order(text, Matcher(patterns).find(text))


@settings(max_examples=200, deadline=None)
@given(patterns=patterns_st, text=st.text(alphabet=TEXT_CHARS, max_size=40))
def test_mentions_are_word_bounded_names(patterns: list[NamePattern], text: str) -> None:
    """In NFC text, the characters just outside a mention are not word characters.

    (Names starting or ending with punctuation still need a non-word
    character, or the text edge, beyond that punctuation.)  Each mention,
    normalised, is a spelling of a pattern with its key, maybe plus an ending.
    """
    text = unicodedata.normalize("NFC", text)
    mentions = Matcher(patterns).find(text)
    check_order(text, mentions)
    by_key = {p.key: p for p in patterns}
    for mention in mentions:
        assert mention.start == 0 or not WORD.match(text[mention.start - 1])
        assert mention.end == len(text) or not WORD.match(text[mention.end])
        assert spells(by_key[mention.key], text[mention.start : mention.end])


def candidates(patterns: list[NamePattern], text: str, start: int) -> list[int]:
    """Brute force: every end of a valid mention starting at ``start``."""
    if (start > 0 and WORD.match(text[start - 1])) or text[start].isspace():
        return []
    return [
        end
        for end in range(start + 1, len(text) + 1)
        if not text[end - 1].isspace()
        and (end == len(text) or not WORD.match(text[end]))
        and any(spells(p, text[start:end]) for p in patterns)
    ]


@settings(max_examples=200, deadline=None)
@given(patterns=patterns_st, text=st.text(alphabet=TEXT_CHARS, max_size=25))
def test_leftmost_longest_against_brute_force(patterns: list[NamePattern], text: str) -> None:
    """No valid mention starts in a gap between mentions, none at a mention's start is longer.

    The one allowed exception: a whole name "Xs" is kept, and the apostrophe
    after it left out, even though "X" + "s'" would be one character longer.
    """
    text = unicodedata.normalize("NFC", text)
    mentions = Matcher(patterns).find(text)
    gap_start = 0
    for mention in [*mentions, Mention(len(text), len(text), "")]:
        for start in range(gap_start, mention.start):
            assert candidates(patterns, text, start) == []
        if mention.start < len(text):
            longer = [e for e in candidates(patterns, text, mention.start) if e > mention.end]
            assert longer in ([], [mention.end + 1])
            if longer:
                assert text[mention.end] in "'\u2019"
                assert any(spells(p, text[mention.start : mention.end], ("",)) for p in patterns)
        gap_start = mention.end


def test_a_whole_name_keeps_its_apostrophe_out() -> None:
    # "Xs" + "'" rather than "X" + "s'": the whole name is the better reading.
    assert found([ci("fleet", "f"), ci("fleets", "fs")], "the fleets' devices") == [
        ("fleets", "fs")
    ]


@settings(max_examples=200, deadline=None)
@given(patterns=patterns_st, data=st.data())
def test_names_joined_in_text_are_each_found(
    patterns: list[NamePattern], data: st.DataObject
) -> None:
    """Writing names (as in the data, so maybe NFD) between separators finds each one."""
    real = [p for p in patterns if p.text.strip()]
    assume(real)
    chosen = data.draw(st.lists(st.sampled_from(real), min_size=1, max_size=6))
    separator = "\n\u2014\n"  # an em dash, never in a name, between line breaks
    text = separator.join(p.text.strip() for p in chosen)
    mentions = Matcher(patterns).find(text)
    expected = []
    pos = 0
    for pattern in chosen:
        written = pattern.text.strip()
        # The earliest pattern that has this exact spelling owns it.
        owner = next(p for p in patterns if spells(p, written, endings=("",)))
        expected.append((pos, pos + len(written), owner.key))
        pos += len(written) + len(separator)
    assert [(m.start, m.end, m.key) for m in mentions] == expected


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_nfc_with_map_normalises_and_maps_monotonically(text: str) -> None:
    normalized, offsets = _nfc_with_map(text)
    assert normalized == unicodedata.normalize("NFC", text)
    mapped = [offsets(i) for i in range(len(normalized) + 1)]
    assert mapped[0] == 0
    assert mapped[-1] == len(text)
    assert mapped == sorted(mapped)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_fold_keeps_length_and_word_boundaries(text: str) -> None:
    folded = _fold(text)
    assert len(folded) == len(text)
    for original, fold in zip(text, folded, strict=True):
        assert bool(WORD.match(original)) == bool(WORD.match(fold))
        assert original.isspace() == fold.isspace()


def test_fast_fold_path_agrees_with_per_character_fold() -> None:
    """``str.casefold`` is used when it keeps the length, so it must agree char by char."""
    changed = [
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if len(folded := char.casefold()) == 1 and folded != char
    ]
    disagree = [char for char in changed if _fold_char(char) != char.casefold()]
    assert disagree == ["\u0345"]  # so the fast path refuses texts with U+0345
    assert _fold("\u0345") == "\u0345"


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("City", ["Cities"]),  # consonant + y: -ies
        ("Deploy Key", []),  # vowel + y: "Keys" is an ending already
        ("Deltas", ["Delta"]),  # the singular of a plural-named entry
        ("Deploy Keys", ["Deploy Key"]),
        ("Utilities", ["Utility"]),
        ("News", []),  # too short to be sure: "New" is another word
        ("Status", []),
        ("Analysis", []),
        ("Address", []),
        ("APIs", []),  # capitals: no guessing
    ],
)
def test_derived_forms(name: str, forms: list[str]) -> None:
    from sphinx_balena_glossary.inflection import derived_forms

    assert derived_forms(name) == forms


def test_an_inflected_form_never_beats_a_name() -> None:
    """ "Deltas" (a name) and "Delta" (the singular of another entry's name) both exist."""
    matcher = Matcher(
        [ci("Delta", "delta"), ci("Deltas", "deltas"), NamePattern("Delta", "deltas", False, True)]
    )
    assert [(m.key) for m in matcher.find("a delta, two deltas")] == ["delta", "deltas"]
