"""Every docutils node and the common MyST extensions, auto-linked everywhere, under every builder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import BUILDERS, assert_no_forbidden_links, copy_root, read_html, warnings_of


def build(make_app, rootdir: Path, tmp_path: Path, builder: str, mode: str) -> SphinxTestApp:  # type: ignore[no-untyped-def]
    srcdir = copy_root(rootdir / "test-kitchen-sink", tmp_path / f"src-{mode}")
    app = make_app(builder, srcdir=srcdir, confoverrides={"balena_glossary_autolink": mode})
    app.build()
    return app


@pytest.mark.parametrize("builder", BUILDERS)
def test_kitchen_sink_builds_clean(make_app, rootdir: Path, tmp_path: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = build(make_app, rootdir, tmp_path, builder, "all")
    assert warnings_of(app) == []
    assert app.statuscode == 0


def test_links_only_where_allowed(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = build(make_app, rootdir, tmp_path, "html", "all")
    for page in ("index", "myst"):
        html = read_html(app, page)
        assert len(html.select("div.body .bterm-auto")) > 15
        assert_no_forbidden_links(html)
    myst = read_html(app, "myst")
    assert myst.select_one("h2").get_text().startswith("HUP in a title")
    assert myst.select_one('a[href="https://balena.io/hup"]').select("a") == []


def test_reader_sees_the_same_text(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Text output is the same with and without auto-linking: only links were added."""
    outputs = []
    for mode in ("all", "off"):
        app = build(make_app, rootdir, tmp_path, "text", mode)
        outputs.append(
            {p.name: p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.txt")}
        )
        app.cleanup()
    linked, plain = outputs
    assert linked.keys() == plain.keys() and len(linked) == 3
    for name in linked:
        if name != "glossary.txt":  # the glossary's "Mentioned in" lines differ by design
            assert linked[name] == plain[name], name
