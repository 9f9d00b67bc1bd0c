"""Tooltips are written without the translator's tree walk: the HTML must be exactly what
the walk writes, for every term of real, hostile and every-feature glossaries, and a
translator with its own visitors must still be used."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import new_document

from sphinx_balena_glossary.domain import get_domain
from sphinx_balena_glossary.entry_nodes import tooltip_nodes
from sphinx_balena_glossary.fast_html import DirectWriter
from sphinx_balena_glossary.nodes import tooltip

from conftest import MakeProject, read_html


def _translator(app: SphinxTestApp):  # type: ignore[no-untyped-def]
    document = new_document("<test>", app.builder.docsettings)  # type: ignore[attr-defined]
    return app.builder.create_translator(document, app.builder)


def _tooltip(term, glossary) -> nodes.Element:  # type: ignore[no-untyped-def]
    tip = tooltip()
    tip.extend(tooltip_nodes(term, glossary))
    return tip


def _walked(translator, parent: nodes.Element) -> str:  # type: ignore[no-untyped-def]
    translator.body = []
    for child in parent.children:
        child.walkabout(translator)
    return "".join(translator.body)


@pytest.mark.parametrize("root", ["kitchen-sink", "hostile", "tooltips", "names", "sense"])
def test_every_tooltip_is_written_as_the_translator_writes_it(
    project: MakeProject, root: str
) -> None:
    app = project(root).build()
    glossary = get_domain(app.env).glossary
    assert len(glossary) >= 2
    walked = _translator(app)
    writer = DirectWriter(_translator(app))
    for term in glossary:
        expected = _walked(walked, _tooltip(term, glossary))
        assert writer.write_children(_tooltip(term, glossary)) == expected, term.term


def test_unusual_nodes_and_attributes_go_through_the_translator(project: MakeProject) -> None:
    app = project("tooltips").build()
    root = nodes.container(ids=["a", "b"], classes=["x"])
    root += nodes.paragraph("", "", nodes.Text("a & <b>\x00*"), classes=["one", "one"])
    root += nodes.paragraph("", "", nodes.literal("x  y", "x  y"), ids=["p"])
    item = nodes.list_item()
    item += nodes.paragraph("", "alone in an item", classes=["language-python"])
    root += nodes.bullet_list("", item)
    root += nodes.inline("", "", nodes.emphasis("", "", nodes.strong("", "deep")))
    expected = _walked(_translator(app), root)
    assert DirectWriter(_translator(app)).write_children(root) == expected


def test_a_translator_with_its_own_paragraphs_writes_the_tooltips(project: MakeProject) -> None:
    docs = project("tooltips")
    docs.write(
        "conf.py",
        (docs.srcdir / "conf.py").read_text() + "from docutils import nodes\n"
        "def visit(self, node):\n"
        "    self.body.append('<p data-own=\"yes\">')\n"
        "def depart(self, node):\n"
        "    self.body.append('</p>')\n"
        "def setup(app):\n"
        "    app.add_node(nodes.paragraph, override=True, html=(visit, depart))\n",
    )
    app = docs.build()
    tip = read_html(app, "index").select_one("#bterm-tip-hup")
    assert tip is not None
    assert [p.get("data-own") for p in tip.select("p")] == ["yes"] * len(tip.select("p"))
