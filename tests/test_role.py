"""The ``:bterm:`` role: lookup rules, the HTML contract, and where links go."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, read_html, warnings_of


def links(html: BeautifulSoup) -> list[tuple[str, str | None, str]]:
    """(text, href, data-bterm) of every term link or term text of a page body."""
    body = html.select_one("div.body") or html
    return [
        (el.get_text(), el.get("href"), el["data-bterm"])
        for el in body.select(".bterm[data-bterm]")
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_role_in_rest_by_name_alias_and_title(app: SphinxTestApp) -> None:
    app.build()
    target = "glossary.html#term-host-os-updater"
    assert links(read_html(app, "usage")) == [
        ("HUP", target, "host-os-updater"),
        ("the updater", target, "host-os-updater"),
        ("host os updater", target, "host-os-updater"),  # names are case-insensitive
    ]
    for link in read_html(app, "usage").select("a.bterm"):
        assert link.name == "a" and "bterm" in link["class"]


@pytest.mark.sphinx("html", testroot="basic")
def test_role_in_myst(app: SphinxTestApp) -> None:
    app.build()
    assert links(read_html(app, "myst")) == [
        ("Fleet", "glossary.html#term-fleet", "fleet"),
        ("the thing", "glossary.html#term-container", "container"),
    ]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_unknown_terms_warn_at_file_and_line_and_render_as_text(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert "usage.rst:8: WARNING: unknown glossary term 'hup'; did you mean 'HUP'?" in warnings
    assert "usage.rst:10: WARNING: unknown glossary term 'Nope'" in warnings
    body = read_html(app, "usage").select_one("div.body")
    assert "Acronyms are case-sensitive: hup." in body.get_text()
    assert "Unknown: Nope." in body.get_text()


@pytest.mark.sphinx("dirhtml", testroot="basic")
def test_dirhtml_links(app: SphinxTestApp) -> None:
    app.build()
    html = BeautifulSoup(
        Path(app.outdir, "usage", "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert links(html)[0] == ("HUP", "../glossary/#term-host-os-updater", "host-os-updater")


@pytest.mark.sphinx("singlehtml", testroot="basic")
def test_singlehtml_links(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "index")
    first = links(html)[0]
    assert first[1] == "#term-host-os-updater"
    assert html.select_one("#term-host-os-updater") is not None


@pytest.mark.sphinx(
    "html",
    testroot="no-page",
    confoverrides={"balena_glossary_url": "https://handbook.example/glossary/#top"},
)
def test_no_glossary_page_links_to_published_url(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    assert links(read_html(app, "index")) == [
        ("HUP", "https://handbook.example/glossary/#term-host-os-updater", "host-os-updater"),
        ("the Supervisor", "https://handbook.example/glossary/#term-supervisor", "supervisor"),
    ]


@pytest.mark.sphinx("html", testroot="no-page")
def test_no_page_and_no_url_renders_text(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    html = read_html(app, "index")
    assert links(html) == [("HUP", None, "host-os-updater"), ("the Supervisor", None, "supervisor")]
    assert html.select("div.body a.bterm") == []
    assert "Updated by HUP and the Supervisor." in html.select_one("div.body").get_text()


@pytest.mark.sphinx("text", testroot="basic")
def test_text_builder_shows_link_text(app: SphinxTestApp) -> None:
    app.build()
    text = Path(app.outdir, "usage.txt").read_text(encoding="utf-8")
    assert "Update with HUP or the updater." in text


def test_an_unknown_term_is_reported_at_the_role_line_not_the_paragraph(
    project: MakeProject,
) -> None:
    docs = project()
    docs.write("conf.py", 'extensions = ["sphinx_balena_glossary"]\n')
    docs.write(
        "index.rst",
        "Home\n====\n\nA paragraph that starts here,\ngoes on here,\nand names :bterm:`Nope`"
        " on its third line.\n",
    )
    app = docs.build()
    assert warnings_of(app) == ["index.rst:6: WARNING: unknown glossary term 'Nope'"]
