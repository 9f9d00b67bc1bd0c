"""Hostile glossary data renders as inert text everywhere: HTML page, tooltips, LaTeX, text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, read_html, warnings_of

PAYLOAD = "<script>window.__pwned=5</script>"
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def assert_inert(html: BeautifulSoup) -> None:
    """No element, attribute or URL that the data could have injected."""
    assert html.find_all(["img", "iframe", "object", "embed"]) == []
    for tag in html.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for attribute in ("href", "src", "action", "formaction"):
            value = str(tag.get(attribute, "")).strip().lower()
            assert not value.startswith(BAD_SCHEMES), tag
    for script in html.find_all("script"):
        if script.get("type") == "application/ld+json":  # data, never run: it must stay data
            assert "<" not in script.string and json.loads(script.string)
        else:
            assert "pwned" not in (script.string or ""), script


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_html_pages_and_tooltips_are_inert(app: SphinxTestApp) -> None:
    app.build()
    for page in ("index", "glossary"):
        assert_inert(read_html(app, page))
    index = read_html(app, "index")
    tip = index.select_one("#bterm-tip-quote-and-both")
    assert PAYLOAD in tip.get_text()  # shown as text, not run
    assert '<img src=x onerror="window.__pwned=6">' in tip.get_text()
    assert "{{ template }} {% raw %}" in tip.get_text()
    assert "\u202eRTL\u202c zero\u200bwidth \U0001f389" in tip.get_text()
    assert (
        tip.select_one(".bterm-qualifier").get_text()
        == ' ("><img src=x onerror="window.__pwned=4">)'
    )
    assert [a.get_text() for a in tip.select("a")] == []  # every link in it was unsafe
    link = index.select_one('a[data-bterm="quote-and-both"]')
    assert set(link.attrs) == {"class", "href", "data-bterm", "aria-describedby"}
    huge = index.select_one("#bterm-tip-huge").get_text()
    # a tooltip shows a long definition trimmed at a sentence end (the page shows it whole)
    assert len(huge) < 400 and huge.strip().endswith(". …") and "<b>markup</b>" in huge


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_every_unsafe_url_is_reported_with_its_line(app: SphinxTestApp) -> None:
    app.build()
    warnings = [w for w in warnings_of(app) if "glossary.yaml" in w]
    assert len(warnings) == 5
    assert all(w.startswith("glossary.yaml:1") for w in warnings)  # lines 10 and 13
    assert any("'more' URL 'JaVaScRiPt:window.__pwned=10'" in w for w in warnings)


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo", "xml"])
def test_other_builders_escape_the_data(project: MakeProject, builder: str) -> None:
    app = project("hostile").build(builder)
    assert [
        w for w in warnings_of(app) if "unsafe_url" not in w and "is not http(s)" not in w
    ] == []
    if builder == "latex":
        tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
        assert r"\{\{ template \}\} \{\% raw \%\}" in tex
        assert r"\textless{}script\textgreater{}window.\_\_pwned=5" in tex
