"""Every docutils node and the common MyST extensions, auto-linked everywhere, under every builder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import BUILDERS, MakeProject, assert_no_forbidden_links, read_html, warnings_of


def build(project: MakeProject, builder: str, mode: str) -> SphinxTestApp:
    docs = project("kitchen-sink", folder=f"src-{mode}")
    return docs.build(builder, confoverrides={"balena_glossary_autolink": mode})


@pytest.mark.parametrize("builder", BUILDERS)
def test_kitchen_sink_builds_clean(project: MakeProject, builder: str) -> None:
    app = build(project, builder, "all")
    assert warnings_of(app) == []
    assert app.statuscode == 0


def test_links_only_where_allowed(project: MakeProject) -> None:
    app = build(project, "html", "all")
    for page in ("index", "myst"):
        html = read_html(app, page)
        assert len(html.select("div.body .bterm-auto")) > 15
        assert_no_forbidden_links(html)
    myst = read_html(app, "myst")
    assert myst.select_one("h2").get_text().startswith("HUP in a title")
    assert myst.select_one('a[href="https://balena.io/hup"]').select("a") == []


def test_reader_sees_the_same_text(project: MakeProject) -> None:
    """Text output is the same with and without auto-linking: only links were added."""
    outputs = []
    for mode in ("all", "off"):
        app = build(project, "text", mode)
        outputs.append(
            {p.name: p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.txt")}
        )
        app.cleanup()
    linked, plain = outputs
    assert linked.keys() == plain.keys() and len(linked) == 3
    for name in linked:
        if name != "glossary.txt":  # the glossary's "Mentioned in" lines differ by design
            assert linked[name] == plain[name], name
