"""Compiled regexes kept between builds: the kept code makes the very pattern ``re.compile``
makes, and anything else is compiled again from the source."""

from __future__ import annotations

import pickle
import re

import pytest

from sphinx_balena_glossary import kept_regex
from sphinx_balena_glossary.kept_regex import compile_keepable, restore
from sphinx_balena_glossary.matcher import Matcher, NamePattern

PATTERNS = [
    r"[\x00-\x2f](?:ba(?:lena(?:OS|Cloud)?|sh)|HUP)(?:'s|s)?(?!\w)",
    r"(?P<name>.+?)\s*,\s*(?P<article>the|an|a)",
    r"(?:é|e\u0301)\s+(?<!\w[\s\S])x",
]


@pytest.mark.parametrize("source", PATTERNS)
def test_the_kept_code_makes_the_pattern_re_compile_makes(source: str) -> None:
    pattern, kept = compile_keepable(source)
    again = restore(pickle.loads(pickle.dumps(kept)))
    assert pattern == again == re.compile(source)  # equal: same source, flags and code
    assert again.groupindex == re.compile(source).groupindex


def test_code_of_another_interpreter_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    _, kept = compile_keepable(PATTERNS[0])
    assert kept.code is not None
    made_from_code: list[object] = []
    monkeypatch.setattr(kept_regex, "_from_code", made_from_code.append)
    assert restore(kept._replace(interpreter=("another",))) == re.compile(PATTERNS[0])
    assert made_from_code == []


def test_damaged_code_is_compiled_again() -> None:
    _, kept = compile_keepable(PATTERNS[1])
    assert kept.code is not None
    damaged = kept.code[:]
    damaged[len(damaged) // 2] = 0xFFFF  # no such opcode: the regex engine refuses it
    assert restore(kept._replace(code=damaged)) == re.compile(PATTERNS[1])


def test_an_unpickled_matcher_finds_what_the_built_one_finds() -> None:
    matcher = Matcher(
        [
            NamePattern("balenaOS", "balenaos", False),
            NamePattern("HUP", "hup", True),
            NamePattern("device", "device", False),
            NamePattern("Beast, the", "beast", False),
        ]
    )
    text = "The Beast’s devices run balenaOS; HUP updates them, hup does not."
    kept = pickle.loads(pickle.dumps(matcher))
    assert kept.find(text) == matcher.find(text) and len(matcher.find(text)) == 4
    assert len(kept) == len(matcher)
