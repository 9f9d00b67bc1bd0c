"""The ``balena-glossary`` directive: structure, badges, links, std:term targets, options."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.loader import load_bundled

from conftest import DATA, MakeProject, read_html, warnings_of


def entry(html: BeautifulSoup, anchor: str) -> tuple[str, BeautifulSoup]:
    """The visible name line and the definition block of one entry."""
    dt = html.select_one(f"dt#{anchor}")
    assert dt is not None, anchor
    return dt.get_text(" ", strip=True).rstrip("¶").strip(), dt.find_next_sibling("dd")


def inventory(app: SphinxTestApp) -> dict[tuple[str, str], str]:
    """``objects.inv`` as {(role, name): uri}, with Sphinx's ``$`` shorthand expanded."""
    data = Path(app.outdir, "objects.inv").read_bytes()
    body = zlib.decompress(data.split(b"\n", 4)[4]).decode()
    entries = {}
    for line in body.splitlines():
        match = re.fullmatch(r"(.+?)\s+(\S+:\S+)\s+-?\d+\s+(\S+)\s+.*", line)
        assert match, line
        name, role, uri = match.groups()
        entries[role, name] = uri.replace("$", name) if uri.endswith("$") else uri
    return entries


@pytest.mark.sphinx("html", testroot="basic")
def test_page_structure(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "glossary")
    letters = [h.get_text() for h in html.select("h2.bterm-letter")]
    assert letters == [chr(c) for c in range(ord("A"), ord("Z") + 1)]  # :empty-letters:
    bar = html.select_one("p.bterm-jumpbar")
    assert [a.get_text() for a in bar.select("a")] == ["A", "B", "C", "D", "F", "H", "N", "R"]
    assert "Q" in [s.get_text() for s in bar.select("span.bterm-letter-empty")]
    # case-insensitive, leading punctuation ignored: ".NET" sorts under N, "apple" under A
    assert [dt["id"] for dt in html.select("dt")] == [
        "term-apple",
        "term-balenavpn",
        "term-cloudlink",
        "term-container",
        "term-devices-proxy",
        "term-docker",
        "term-fleet",
        "term-host-os-updater",
        "term-net",
        "term-resin",
    ]
    n_section = html.select_one("#bterm-letter-n").find_next_sibling("dl")
    assert n_section.select_one("dt")["id"] == "term-net"


@pytest.mark.sphinx("html", testroot="basic")
def test_entry_contents(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "glossary")
    name, body = entry(html, "term-host-os-updater")
    assert name == "Host os UPdater aka. HUP balena specific term"
    dt = html.select_one("dt#term-host-os-updater")
    assert dt.select_one("a.headerlink")["href"] == "#term-host-os-updater"
    assert body.select_one("p.bterm-definition em").get_text() == "host OS updates"
    assert body.select_one("p.bterm-definition code").get_text() == "hostapp-update"
    assert (
        body.select_one("p.bterm-definition a")["href"] == "https://github.com/balena-os/balenahup"
    )
    assert body.select_one("a.bterm-more")["href"] == "https://github.com/balena-os/balenahup"

    name, body = entry(html, "term-container")
    assert name == "Container (docker)"
    see = body.select_one("p.bterm-see a.bterm")
    assert (see["href"], see["data-bterm"], see.get_text()) == ("#term-docker", "docker", "Docker")

    _, body = entry(html, "term-fleet")
    assert body.select_one("p.bterm-scope-note").get_text().replace("’", "'") == (
        "Fleets are not unique to balena, but in this instance it's a reference specific to balena"
    )

    name, body = entry(html, "term-resin")
    assert name == "Resin former name"
    assert body.select_one("p.bterm-status").get_text() == "Now: balena"  # plain text: not a term

    name, body = entry(html, "term-balenavpn")
    assert name == "balenaVPN former name"
    status_link = body.select_one("p.bterm-status a.bterm")
    assert status_link["href"] == "#term-cloudlink"
    # "See: Cloudlink" would name the replacement a second time
    assert body.get_text(" ", strip=True) == "Now: Cloudlink"


@pytest.mark.sphinx("html", testroot="basic")
def test_terms_are_sphinx_glossary_terms(app: SphinxTestApp) -> None:
    app.build()
    usage = read_html(app, "usage")
    std_link = usage.select_one("a.reference.internal:not(.bterm) span.std-term")
    assert std_link is not None and std_link.parent["href"] == "glossary.html#term-host-os-updater"
    inv = inventory(app)
    assert inv["std:term", "HUP"] == "glossary.html#term-host-os-updater"
    assert inv["std:term", "Host os UPdater"] == "glossary.html#term-host-os-updater"
    genindex = Path(app.outdir, "genindex.html").read_text(encoding="utf-8")
    assert re.search(r'href="glossary.html#term-host-os-updater"><strong>HUP</strong>', genindex)


@pytest.mark.sphinx("html", testroot="basic")
def test_filter_box_only_with_javascript(app: SphinxTestApp) -> None:
    app.build()
    box = read_html(app, "glossary").select_one("p.bterm-filter")
    assert box is not None and box.has_attr("hidden")
    assert box.select_one("input[type=search]") is not None


@pytest.mark.sphinx("html", testroot="basic")
def test_filtered_excerpts(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "excerpt")
    lists = html.select("div.bterm-glossary-page")
    by_scope, by_terms, by_letters = (
        [dt.get_text(" ", strip=True).split(" ")[0] for dt in div.select("dt")] for div in lists
    )
    assert by_scope == ["Cloudlink", "Devices", "Host"]
    assert by_terms == ["Docker", "Host"]
    assert by_letters == ["apple", "balenaVPN", "Cloudlink", "Container"]
    # excerpts are not the glossary page: term links still go to glossary.html
    assert {a["href"].split("#")[0] for a in html.select("a.bterm")} == {"glossary.html"}
    assert not any(
        uri.startswith("excerpt") for (role, _), uri in inventory(app).items() if role == "std:term"
    )


@pytest.mark.sphinx("html", testroot="bundled")
def test_bundled_glossary_page_holds_every_term(app: SphinxTestApp) -> None:
    app.build()
    glossary, _ = load_bundled()
    html = read_html(app, "glossary")
    ids = [dt["id"] for dt in html.select("dt")]
    assert len(ids) == len(glossary) >= 96
    assert len(set(ids)) == len(ids)
    assert set(ids) == {t.anchor for t in glossary}
    inv = inventory(app)
    for term in glossary:
        for name in term.names:
            assert inv["std:term", name] == f"glossary.html#{term.anchor}"


@pytest.mark.sphinx("html", testroot="two-pages")
def test_second_unfiltered_page_is_a_located_warning(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(
        "second.rst:4: WARNING: a second unfiltered balena-glossary directive; term links go to the first, at "
    )
    assert "first.rst:4" in warnings[0]
    assert (
        read_html(app, "index").select_one("a.bterm")["href"] == "first.html#term-host-os-updater"
    )


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"root_doc": "index"})
def test_bad_options_warn(app: SphinxTestApp, tmp_path: Path) -> None:
    Path(app.srcdir, "excerpt.rst").write_text(
        "Excerpts\n========\n\n.. balena-glossary::\n   :terms: Dokker\n   :scope: balna\n   :letters: 7\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    warnings = [w for w in warnings_of(app) if "excerpt.rst" in w]
    assert (
        "excerpt.rst:4: WARNING: :terms: names unknown term 'Dokker'; did you mean 'Docker'?"
        in warnings
    )
    assert (
        "excerpt.rst:4: WARNING: :scope: 'balna' is not one of balena, balena-usage, general"
        in warnings
    )
    assert "excerpt.rst:4: WARNING: :letters: '7' is not a letter A-Z or #" in warnings


def test_handbook_headings_are_all_bundled() -> None:
    glossary, problems = load_bundled()
    assert problems == []
    headings = [
        line
        for line in (DATA / "handbook-headings.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(headings) >= 96
    for heading in headings:
        names = re.split(
            r"\s+aka\.\s*|\s*/\s*", re.sub(r"\s*\(aka\.\s*(.+)\)$", r" aka. \1", heading)
        )
        name = re.sub(r"\s*\((docker|balena|computing|balena architecture)\)$|\(s\)$", "", names[0])
        term = glossary.lookup(name)
        assert term is not None, heading
        for alias in names[1:]:
            assert glossary.lookup(alias) is term, (heading, alias)


def test_the_letters_are_in_the_page_table_of_contents(project: MakeProject) -> None:
    docs = project()
    docs.write("conf.py", 'extensions = ["sphinx_balena_glossary"]\nhtml_theme = "furo"\n')
    docs.write("index.rst", "Home\n====\n\n.. toctree::\n\n   glossary\n   excerpt\n")
    docs.write(
        "glossary.rst",
        "Handbook\n========\n\nTerms\n-----\n\n.. balena-glossary::\n   :letters: A-C\n\n"
        "Later\n-----\n\n.. balena-glossary::\n",
    )
    docs.write("excerpt.rst", "Excerpt\n=======\n\n.. balena-glossary::\n   :letters: B\n")
    app = docs.build()
    toc = app.env.tocs["glossary"]
    later = [r for r in toc.findall(nodes.reference) if r["anchorname"] == "#later"]
    assert len(later) == 1
    letters = [r["anchorname"] for r in later[0].parent.parent.findall(nodes.reference)][1:]
    assert letters[:3] == ["#bterm-letter-a", "#bterm-letter-b", "#bterm-letter-c"]
    # the filtered excerpt above it and on its own page adds no letters
    terms = [r for r in toc.findall(nodes.reference) if r["anchorname"] == "#terms"]
    assert [r["anchorname"] for r in terms[0].parent.parent.findall(nodes.reference)] == ["#terms"]
    assert len(list(app.env.tocs["excerpt"].findall(nodes.reference))) == 1
    # furo shows them under "On this page", linking to the letter headings
    html = read_html(app, "glossary")
    toc_links = [a["href"] for a in html.select(".toc-tree a")]
    assert "#bterm-letter-b" in toc_links and html.select_one("#bterm-letter-b") is not None


def test_a_data_file_speaks_for_its_organisation(project: MakeProject) -> None:
    docs = project()
    docs.write(
        "conf.py", 'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = ["acme.yaml"]\n'
    )
    docs.write(
        "acme.yaml",
        "version: 1\norganisation: Acme\nterms:\n"
        "  - term: Rocket\n    scope: balena\n    definition: Our product.\n"
        "  - term: Fleet\n    scope: balena-usage\n    definition: Our rockets.\n",
    )
    docs.write("index.rst", "Home\n====\n\nA Rocket.\n\n.. toctree::\n\n   glossary\n")
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    app = docs.build()
    assert warnings_of(app) == []
    page = read_html(app, "glossary")
    assert page.select_one("#term-rocket .bterm-badge").get_text() == "Acme specific term"
    assert (
        page.select_one("#term-fleet").find_next("dd").select_one(".bterm-scope-note").get_text()
        == "Not unique to Acme, but in this instance it’s a reference specific to Acme"
    )  # smartquotes
    tip = read_html(app, "index").select_one("#bterm-tip-rocket .bterm-badge")
    assert tip.get_text() == "Acme specific term"
    published = json.loads(Path(app.outdir, "glossary.json").read_text("utf-8"))
    assert {t["term"]: t.get("organisation") for t in published["terms"]} == {
        "Fleet": "Acme",
        "Rocket": "Acme",
    }


def test_a_glossary_in_a_second_top_level_section_lists_its_letters_there(
    project: MakeProject,
) -> None:
    docs = project()
    docs.write("conf.py", 'extensions = ["sphinx_balena_glossary"]\n')
    docs.write("index.rst", "Home\n====\n\n.. toctree::\n\n   glossary\n")
    docs.write(
        "glossary.rst",
        "Intro\n=====\n\nText.\n\nTerms\n=====\n\n.. balena-glossary::\n",
    )
    app = docs.build()
    toc = app.env.tocs["glossary"]
    items = {r["anchorname"]: r.parent.parent for r in toc.findall(nodes.reference)}
    assert [r["anchorname"] for r in items["#terms"].findall(nodes.reference)][1] == (
        "#bterm-letter-a"
    )
    intro = [r["anchorname"] for r in items[""].findall(nodes.reference)]
    assert "#bterm-letter-a" not in intro


def test_an_excerpt_in_another_folder_keeps_its_relative_links_working(
    project: MakeProject,
) -> None:
    docs = project()
    docs.write(
        "conf.py", 'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = "g.yaml"\n'
    )
    docs.write(
        "g.yaml",
        "version: 1\nterms:\n  - term: Fleet\n    definition: See [the guide](guide.html#fleets)"
        " or [above](#term-device).\n    more: guide.html\n"
        "  - term: Device\n    definition: A board.\n",
    )
    docs.write("index.rst", "Home\n====\n\n.. toctree::\n\n   glossary\n   sub/page\n   guide\n")
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    docs.write("guide.rst", "Guide\n=====\n\n.. _fleets:\n\nFleets\n------\n\nText.\n")
    docs.write("sub/page.rst", "Page\n====\n\n.. balena-glossary::\n   :terms: Fleet\n")
    app = docs.build()
    assert warnings_of(app) == []
    entry = read_html(app, "sub/page").select_one("dl.bterm-entries dd")
    assert [a["href"] for a in entry.select("a")] == [
        "../guide.html#fleets",
        "../glossary.html#term-device",
        "../guide.html",
    ]
    on_the_page = read_html(app, "glossary").select_one("#term-fleet").find_next("dd")
    assert [a["href"] for a in on_the_page.select("a")][:3] == [
        "guide.html#fleets",
        "#term-device",
        "guide.html",
    ]
