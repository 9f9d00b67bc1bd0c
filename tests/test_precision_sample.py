"""Auto-linking held to sentences from real documentation, each judged by a technical editor.

``tests/data/precision-sample.yaml`` holds sentences from balena's public docs
(Markdown, linked with the bundled glossary) and from the Python Packaging
User Guide (reST, linked with its glossary converted as a writer would, in
``tests/data/ppug-glossary.yaml``), each with the judged mention in
``[[double brackets]]`` and whether an editor keeps an automatic link there.
Each sentence becomes a paragraph of a page built in ``"all"`` mode, so only
the sentence decides. Entries marked ``miss`` are judged cases the extension
still gets wrong (the reason is given); the test fails when one of them
starts going right, so the file stays true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import DATA, MakeProject

SAMPLE = DATA / "precision-sample.yaml"
_MENTION = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class Judged:
    text: str
    link: bool
    term: str
    why: str
    source: str
    miss: str

    @property
    def mention(self) -> str:
        found = _MENTION.search(self.text)
        assert found is not None, self.text
        return found[1]

    @property
    def plain(self) -> str:
        """The sentence as written in the page, without the brackets."""
        return _MENTION.sub(r"\1", self.text)

    @property
    def occurrence(self) -> int:
        """Which occurrence (0-based) of the mentioned words is the judged one."""
        before = self.text[: self.text.index("[[")]
        return len(_word(self.mention).findall(before))


def _word(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words.split())) + r"(?!\w)")


def _load(name: str) -> list[Judged]:
    entries = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))[name]
    return [
        Judged(e["text"], e["link"], e.get("term", ""), e["why"], e["source"], e.get("miss", ""))
        for e in entries
    ]


SETS = {
    "balena": ("md", "@bundled", _load("balena")),
    "ppug": ("rst", str(DATA / "ppug-glossary.yaml"), _load("ppug")),
}


def _page(suffix: str, entries: list[Judged]) -> str:
    if suffix == "md":
        return "# Sample\n\n" + "".join(f"{entry.plain}\n\n" for entry in entries)
    return "Sample\n======\n\n" + "".join(f"{entry.plain}\n\n" for entry in entries)


def _linked_spans(paragraph: Tag) -> tuple[str, list[tuple[int, int, str]]]:
    """The paragraph's text and the (start, end, term key) of its automatic links."""
    text, spans = "", []
    for string in paragraph.find_all(string=True):
        assert isinstance(string, NavigableString)
        link = string.find_parent(class_="bterm-auto")
        if link is not None and paragraph in link.parents:
            spans.append((len(text), len(text) + len(string), link["data-bterm"]))
        text += str(string)
    return text, spans


def _outcome(paragraph: Tag, entry: Judged) -> str | None:
    """The term the judged mention links to, or None."""
    text, spans = _linked_spans(paragraph)
    found = list(_word(entry.mention).finditer(text))
    assert len(found) > entry.occurrence, (entry.mention, text)
    start, end = found[entry.occurrence].span()
    return next((key for s, e, key in spans if s <= start and end <= e), None)


def _outcomes(project: MakeProject, name: str) -> list[str | None]:
    """Build the set's page; the term the judged mention of each entry links to."""
    suffix, glossary, entries = SETS[name]
    docs = project()
    docs.write(f"index.{suffix}", _page(suffix, entries))
    docs.write(
        "conf.py",
        'extensions = ["myst_parser", "sphinx_balena_glossary"]\n'
        f"balena_glossary_file = {glossary!r}\n"
        'balena_glossary_autolink = "all"\n',
    )
    app = docs.build()
    html = BeautifulSoup(Path(app.outdir, "index.html").read_text("utf-8"), "html.parser")
    paragraphs = html.select("div.body section > p")
    assert len(paragraphs) == len(entries)
    return [_outcome(p, e) for p, e in zip(paragraphs, entries, strict=True)]


@pytest.mark.parametrize("name", list(SETS))
def test_judged_sentences(project: MakeProject, name: str) -> None:
    entries = SETS[name][2]
    wrong = []
    for entry, linked in zip(entries, _outcomes(project, name), strict=True):
        right = (linked == entry.term) if entry.link else (linked is None)
        if right == bool(entry.miss):
            wrong.append(f"{entry.source}: {entry.text!r} -> {linked} ({entry.miss or entry.why})")
    assert wrong == []


def test_the_sample_covers_every_kind_of_judgement() -> None:
    """Both verdicts in both sets, and misses are few: the file is a sample, not a wish list.

    The sample was chosen to hold every kind of wrong link the editors found, so hard cases
    are many more here than in real pages (where 97-98% of the links are right).
    """
    for _suffix, _glossary, entries in SETS.values():
        assert sum(e.link for e in entries) >= 20
        assert sum(not e.link for e in entries) >= 20
        assert sum(bool(e.miss) for e in entries) <= len(entries) // 6
