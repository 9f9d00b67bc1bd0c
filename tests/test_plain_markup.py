"""The plain subset of definition Markdown gives exactly markdown-it's tokens, on generated
texts that mix every delimiter with the characters that change how it reads, and on real
glossaries, whose marked-up definitions all fall within it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_balena_glossary.definitions import markdown_it_pieces as markdown_it
from sphinx_balena_glossary.importer import import_markdown
from sphinx_balena_glossary.loader import BUNDLED_FILE, load_glossary
from sphinx_balena_glossary.plain_markup import plain_pieces

DATA = Path(__file__).parent / "data"


#: Words and the characters around delimiters that decide whether they open or close:
#: Unicode letters, punctuation and spaces, symbols, control characters, line ends.
WORDS = [
    *("a", "Zb", "x9", "it's", "a-b", "a, b", "a.b", "é", "’s", "#", "%20", "$", "+", "=", "|"),
    *("\xa0", "\u2003", "\u3000", "\x1c", "\x7f", "(", ")", '"', "'", ".", ",", ";", ":", "?"),
    *("/", "-", " ", "  ", "\t", "\n", " \n", "  \n", "\n ", "*", "_", "`", "\\", "&amp;", "<"),
]
TARGETS = [
    *("https://example.com/a_b?c=d#e", "term:Device", "<term:Docker image>", "../x/#y"),
    *("a*b", "é", "a%2", "<a b>", "x)", "", "<>", "x 'title'", "a\\b", "a&amp;b"),
]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("".join)
delimiter = st.sampled_from(["*", "**", "_", "__", "`", "``"])
pieces = st.one_of(
    words,
    st.tuples(delimiter, words).map(lambda pair: pair[0] + pair[1] + pair[0]),
    st.tuples(words, st.sampled_from(TARGETS)).map(lambda pair: f"[{pair[0]}]({pair[1]})"),
)
texts = st.lists(pieces, min_size=1, max_size=6).map("".join)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_the_plain_reading_is_markdown_its_or_none(text: str) -> None:
    plain = plain_pieces(text)
    assert plain is None or plain == markdown_it(text)


#: What stands right before and right after a piece of markup in the grid test below.
CONTEXTS = ["", "a", "é", " ", "\t", "\n", " \n", "  \n", "(", ")", ".", "’", "$", "\x1c", "\xa0"]
CONTEXTS += ["*", "_", "`", "[", "]", "\\", "&"]
MARKED = [
    f"{mark}{word}{mark}"
    for mark in ("*", "**", "_", "__", "`", "``")
    for word in ("b", "b c", "b.", " b", "b ", "it's", "é", "b\nc")
]
LINKS = [f"[{label}]({target})" for label in ("b", " b ", "b*", "(b)") for target in TARGETS]


def test_every_piece_of_markup_in_every_context() -> None:
    """Each delimited piece and link between each pair of contexts (~21,000 texts)."""
    read = 0
    for piece in MARKED + LINKS:
        for before in CONTEXTS:
            for after in CONTEXTS:
                text = before + piece + after
                plain = plain_pieces(text)
                if plain is not None:
                    read += 1
                    assert plain == markdown_it(text), repr(text)
    assert read > 2000


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("a *b* c", ["text", "em_open", "text", "em_close", "text"]),
        ("**b**", ["text", "strong_open", "text", "strong_close", "text"]),
        ("use `x = 1`.", ["text", "code_inline", "text"]),
        ("see [Docker](<term:Docker image>)", ["text", "link_open", "text", "link_close"]),
        ("one  \ntwo\nthree", ["text", "hardbreak", "text", "softbreak", "text"]),
    ],
)
def test_common_markup_is_read_plainly(text: str, tokens: list[str]) -> None:
    plain = plain_pieces(text)
    assert plain is not None
    assert [piece[0] for piece in plain] == tokens
    assert plain == markdown_it(text)


@pytest.mark.parametrize(
    "text",
    ["*a **b** c*", "a\\*b", "a &amp; b", "![alt](x.png)", "[a](x 'title')", "snake_case", "<b>"],
)
def test_anything_else_goes_to_markdown_it(text: str) -> None:
    assert plain_pieces(text) is None


def _definitions_with_markup(texts: list[str]) -> list[str]:
    return [text for text in texts if text and any(mark in text for mark in "*_`[\n")]


@pytest.mark.parametrize("source", ["bundled", "balena-docs-glossary-full.md"])
def test_real_definitions_with_markup_are_all_read_plainly(source: str) -> None:
    if source == "bundled":
        glossary, problems = load_glossary([BUNDLED_FILE])
        assert problems == []
        terms = list(glossary)
    else:
        path = DATA / source
        terms = list(import_markdown(path.read_text("utf-8"), str(path)).terms)
    texts = _definitions_with_markup([t.definition for t in terms] + [t.summary for t in terms])
    assert len(texts) >= 7
    for text in texts:
        assert plain_pieces(text) == markdown_it(text), text
