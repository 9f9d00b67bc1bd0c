"""Tooltip markup in the built HTML: one body per term and page, ARIA wiring, escaping, where assets go."""

from __future__ import annotations

import subprocess
import sys
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
    # nothing to click or focus in a tooltip: the term link leads to the entry and its "more"
    assert hup.select("a, button, input, select, textarea, [tabindex]") == []
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


def test_a_summary_or_a_trimmed_definition_in_the_tooltip(project: MakeProject) -> None:
    docs = project("tooltips")
    long = " ".join(f"Sentence {i} about fleets and their many devices." for i in range(20))
    docs.write(
        "glossary.yaml",
        "version: 1\nterms:\n"
        "  - term: Fleet\n"
        f"    definition: {long}\n"
        "    summary: A group of *devices* running one [release](https://example.com/r).\n"
        "  - term: Device\n"
        f"    definition: {long}\n",
    )
    docs.write(
        "index.rst",
        "Home\n====\n\n:bterm:`Fleet` and :bterm:`Device`.\n\n.. toctree::\n\n   glossary\n   plain\n",
    )
    app = docs.build()
    assert warnings_of(app) == []
    index = read_html(app, "index")
    fleet = index.select_one("#bterm-tip-fleet .bterm-definition")
    assert str(fleet) == (
        '<p class="bterm-definition">A group of <em>devices</em> running one release.</p>'
    )
    device = index.select_one("#bterm-tip-device .bterm-definition").get_text()
    assert len(device) <= 330 and device.endswith("devices. …")
    assert device.startswith("Sentence 0 about fleets")
    # the glossary page shows the whole definition, never the summary
    page = read_html(app, "glossary").select_one("#term-fleet").find_next("dd").get_text()
    assert "Sentence 19 about fleets" in page and "running one release" not in page


def test_rebuilding_reports_no_configuration_change(project: MakeProject) -> None:
    """sphinx-build run twice, as a user (or sphinx-autobuild) does: the extension adds its
    files without changing a setting, so the second build has nothing to say."""
    docs = project("tooltips")
    out = docs.srcdir / "_build" / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(docs.srcdir), str(out)]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "configuration has changed" not in first.stdout
    static = {p.name for p in (out / "_static").iterdir()}
    assert {"bterm.css", "bterm.js", "bterm-glossary.js"} <= static
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "configuration has changed" not in again.stdout
    assert "0 added, 0 changed, 0 removed" in again.stdout
