"""Tooltip markup in the built HTML: one body per term and page, ARIA wiring, escaping, where assets go."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, read_html, warnings_of


@pytest.mark.sphinx("html", testroot="tooltips", freshenv=True)
def test_one_tooltip_per_term_and_page(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "index")
    links = html.select("div.body a.bterm")
    assert [a["aria-describedby"] for a in links] == [
        "bterm-tip-hup",
        "bterm-tip-hup",
        "bterm-tip-evil-quote-b",
    ]
    tips = html.select('[role="tooltip"]')
    assert [t["id"] for t in tips] == ["bterm-tip-hup", "bterm-tip-evil-quote-b"]
    assert all(t.has_attr("hidden") for t in tips)
    hup = html.select_one("#bterm-tip-hup")
    assert (
        hup.select_one(".bterm-tip-title").get_text(" ", strip=True) == "HUP balena specific term"
    )
    assert hup.select_one("em").get_text() == "host OS"
    assert hup.select_one("a.bterm-more")["href"] == "https://github.com/balena-os/balenahup"
    assert 'src="_static/bterm.js' in str(html) and "_static/bterm.css" in str(html)


@pytest.mark.sphinx("html", testroot="tooltips", freshenv=True)
def test_hostile_text_stays_text(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "index")
    tip = html.select_one("#bterm-tip-evil-quote-b")
    assert tip.select("script, img, [onerror], [onmouseover]") == []
    assert "<script>window.__pwned=1</script>" in tip.get_text()
    assert "javascript:" not in " ".join(a.get("href", "") for a in html.select("a"))
    link = html.select("div.body a.bterm")[2]
    assert set(link.attrs) == {"class", "href", "data-bterm", "aria-describedby"}
    assert any("link 'javascript:alert(1)' in the definition" in w for w in warnings_of(app))


@pytest.mark.sphinx("html", testroot="tooltips")
def test_assets_only_on_pages_with_terms(app: SphinxTestApp) -> None:
    app.build()
    plain = str(read_html(app, "plain"))
    assert "bterm" not in plain
    glossary = str(read_html(app, "glossary"))
    assert "_static/bterm-glossary.js" in glossary and "_static/bterm.css" in glossary


def test_assets_on_every_page_when_the_project_asks(project: MakeProject) -> None:
    """``app.set_html_assets_policy("always")`` (an extension's or conf.py's): every page links
    the styles and scripts, once, and tooltips still go only where terms are."""
    docs = project("tooltips")
    with (docs.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\n\ndef setup(app):\n    app.set_html_assets_policy("always")\n')
    app = docs.build()
    for page in ("plain", "index", "glossary"):
        html = str(read_html(app, page))
        for asset in ("bterm.css", "bterm.js", "bterm-glossary.js"):
            assert html.count(f"_static/{asset}") == 1, (page, asset)
    assert "bterm-tips" not in str(read_html(app, "plain"))
    assert "bterm-tips" in str(read_html(app, "index"))


@pytest.mark.sphinx("html", testroot="tooltips", confoverrides={"balena_glossary_tooltips": False})
def test_tooltips_can_be_turned_off(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "index")
    assert html.select('[role="tooltip"]') == []
    assert not any(a.has_attr("aria-describedby") for a in html.select("a.bterm"))
    assert "bterm.js" not in str(html)
    assert html.select_one("a.bterm")["data-bterm"] == "hup"


@pytest.mark.sphinx("html", testroot="no-page")
def test_unlinked_terms_are_focusable_for_their_tooltip(app: SphinxTestApp) -> None:
    app.build()
    span = read_html(app, "index").select_one("span.bterm")
    assert (span["tabindex"], span["aria-describedby"]) == ("0", "bterm-tip-host-os-updater")


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo", "epub", "xml"])
def test_other_builders_get_no_tooltips_or_assets(project: MakeProject, builder: str) -> None:
    app = project("tooltips").build(
        builder, confoverrides={"copyright": "2026, balena", "version": "1.0"}
    )
    unexpected = [w for w in warnings_of(app) if "javascript:alert(1)" not in w]
    assert unexpected == []
    out = Path(app.outdir)
    for path in (
        p
        for p in out.rglob("*")
        if p.is_file() and p.suffix not in {".png", ".gif", ".woff", ".zip", ".epub"}
    ):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "bterm-tip" not in text, path
        assert "bterm.js" not in text and "bterm.css" not in text, path
    assert not list(out.rglob("bterm.js")) and not list(out.rglob("bterm.css"))


@pytest.mark.sphinx("text", testroot="tooltips")
def test_text_output_shows_definitions_only_on_the_glossary_page(app: SphinxTestApp) -> None:
    app.build()
    assert "Updates the" not in Path(app.outdir, "index.txt").read_text(encoding="utf-8")
    assert "Updates the *host OS*" in Path(app.outdir, "glossary.txt").read_text(encoding="utf-8")
