"""What the glossary leaves to Python's garbage collector: no collections while it is built,
and few objects for every later collection of the build to scan."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from sphinx_balena_glossary.collector import without_collection
from sphinx_balena_glossary.context import MentionRules
from sphinx_balena_glossary.definitions import _parsed, definition_text
from sphinx_balena_glossary.glossary_cache import MatcherCache
from sphinx_balena_glossary.loader import BUNDLED_FILE, load_glossary
from sphinx_balena_glossary.matcher import build_matcher


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection that starts while the test runs."""
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield started
    finally:
        gc.callbacks.remove(note)


def _data_file(path: Path, terms: int) -> Path:
    lines = ["version: 1", "terms:"]
    for i in range(terms):
        lines += [f"  - term: Widget number {i}", f"    definition: The *widget* number {i}."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loading_compiling_and_unpickling_run_no_collection(
    tmp_path: Path, collections: list[int]
) -> None:
    """2,000 terms start about 95 collections when the collector runs all along; with it
    held off, each of the three steps is followed by at most the one collection its
    allocations call for once the collector is back."""
    glossary, problems = load_glossary([_data_file(tmp_path / "g.yaml", 2000)])
    matcher = build_matcher(glossary)
    kept = MatcherCache(tmp_path)
    kept.save("key", matcher)
    again = kept.load_matcher("key")
    assert (len(glossary), problems) == (2000, [])
    assert len(collections) <= 3
    assert again is not None and [m.key for m in again.find("a widget number 7")] == [
        "widget-number-7"
    ]
    assert gc.isenabled()
    before = len(collections)
    gc.collect()
    assert collections[before:] == [2]  # the callback sees collections: the count above holds


def test_the_collector_is_left_as_it_was() -> None:
    @without_collection
    def fails() -> None:
        assert not gc.isenabled()
        raise ValueError

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()
    gc.disable()
    try:
        load_glossary([BUNDLED_FILE])
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_parsed_definitions_are_not_scanned_by_the_collector() -> None:
    """Every definition of a build stays parsed; plain tuples of strings leave the
    collector's lists at its next runs, tuple subclasses never do."""
    glossary, _ = load_glossary([BUNDLED_FILE])
    with_markup = [term.definition for term in glossary if "*" in term.definition]
    assert with_markup
    for text in with_markup:
        definition_text(text)
    gc.collect()
    gc.collect()
    assert [text for text in with_markup if gc.is_tracked(_parsed(text))] == []


def test_terms_with_the_same_rules_share_one_object() -> None:
    glossary, _ = load_glossary([BUNDLED_FILE])
    rules = MentionRules(glossary)._rules
    assert len(rules) == len(glossary)
    assert len({id(rule) for rule in rules.values()}) < len(glossary) / 3
