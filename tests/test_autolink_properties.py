"""Properties of auto-linking on parsed documents (hypothesis): what a reader sees never changes,
no word is split, and linking twice changes nothing."""

from __future__ import annotations

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.restructuredtext import parse
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.autolink import AutoLink, make_auto_links
from sphinx_balena_glossary.nodes import AUTO_CLASS, term_mentions

from conftest import MakeProject

NAMES = [
    "balenaOS",
    "balenaOS image",
    "Docker",
    "Docker image",
    "config.json",
    "D-Bus",
    "HUP",
    "Fleet",
    "Git",
]
FILLER = [
    "the",
    "a",
    "image",
    "images",
    "GitHub",
    "balenaOSx",
    "hup",
    "fleets",
    "Docker's",
    "config",
    "json",
    "bus",
    "D",
    "of",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", " - ", "\n", "; "]

SUFFIXES = {"s", "es", "'s", "’s", "s'", "s’"}

words = st.lists(st.sampled_from(NAMES + FILLER), min_size=1, max_size=30)
separators = st.lists(st.sampled_from(SEPARATORS), min_size=30, max_size=30)


@pytest.fixture
def apps(project: MakeProject) -> dict[str, SphinxTestApp]:
    """One app linking everything, one linking nothing, on the autolink test root.

    Text builders: they get link nodes in the doctree (HTML writes the links straight out).
    """
    return {
        mode: project("autolink", folder=mode).new_app(
            "text", confoverrides={"balena_glossary_autolink": mode}
        )
        for mode in ("all", "off")
    }


def paragraph_text(document: nodes.document) -> str:
    return "\n".join(p.astext() for p in document.findall(nodes.paragraph))


def auto_links(document: nodes.document) -> list[tuple[str, str, str]]:
    """(text before, linked text, text after) of each mention found, within its paragraph."""
    found = []
    for paragraph in document.findall(nodes.paragraph):
        offset, spans = 0, []
        for text in paragraph.findall(nodes.Text):
            if isinstance(text, term_mentions):
                spans += [(offset + start, offset + end) for start, end, _key in text.spans]
            offset += len(text.astext())
        whole = paragraph.astext()
        found += [(whole[:start], whole[start:end], whole[end:]) for start, end in spans]
    return found


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=words, separators=separators)
def test_linking_keeps_text_whole_words_and_is_idempotent(
    apps, words: list[str], separators: list[str]
) -> None:  # type: ignore[no-untyped-def]
    source = "".join(w + s for w, s in zip(words, separators, strict=False)).strip() + "\n"
    linked = parse(apps["all"], source, docname="index")
    plain = parse(apps["off"], source, docname="index")
    assert paragraph_text(linked) == paragraph_text(plain)  # the text a reader sees is unchanged

    for before, text, after in auto_links(linked):
        assert not (before[-1:].isalnum() and text[:1].isalnum()), (before[-10:], text)
        assert not (after[:1].isalnum() and text[-1:].isalnum()), (text, after[:10])
        folded = " ".join(text.split()).casefold()
        assert any(
            folded == name.casefold()
            or (folded.startswith(name.casefold()) and folded[len(name) :] in SUFFIXES)
            for name in NAMES
        ), text

    found = auto_links(linked)
    snapshot = linked.pformat()
    env = apps["all"].env
    if hasattr(env, "current_document"):  # Sphinx 8.2+
        env.current_document.docname = "index"
    else:
        env.temp_data["docname"] = "index"
    AutoLink(linked).apply()  # a second pass finds nothing new
    assert (auto_links(linked), linked.pformat()) == (found, snapshot)

    # writing makes exactly those mentions links, and the text stays the same
    make_auto_links(apps["all"], linked, "index")
    links = [n for n in linked.findall(nodes.Element) if AUTO_CLASS in n.get("classes", ())]
    assert [link.astext() for link in links] == [text for _before, text, _after in found]
    assert paragraph_text(linked) == paragraph_text(plain)
    assert not any(isinstance(text, term_mentions) for text in linked.findall(nodes.Text))
