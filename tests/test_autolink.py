"""Auto-linking on real builds: every tricky case links right, forbidden places never link."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from types import FunctionType, ModuleType

import pytest
from bs4 import BeautifulSoup
from docutils import nodes as docutils_nodes
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, assert_no_forbidden_links, read_html, warnings_of


def auto_links(html: BeautifulSoup) -> list[tuple[str, str]]:
    body = html.select_one("div.body")
    return [(a.get_text(), a["data-bterm"]) for a in body.select(".bterm-auto")]


@pytest.mark.sphinx("html", testroot="autolink")
def test_rest_page_links_every_tricky_case_and_nothing_else(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    html = read_html(app, "index")
    assert auto_links(html) == [
        ("balenaOS image", "balenaos-image"),  # longest match
        ("Docker images", "docker-image"),  # longest match + plural
        ("balenaOS", "balenaos"),
        ("Git", "git"),  # not in GitHub
        ("balenaCloud", "balenacloud"),  # not in balenaCloudy
        ("config.json", "config-json"),  # punctuation inside names
        ("D-Bus", "d-bus"),
        ("Pine.js", "pine-js"),
        ("balena-proxy", "balena-proxy"),
        ("HUP", "host-os-updater"),  # case-sensitive alias: "hup" stays plain
        ("Fleets", "fleet"),  # plural
        ("Supervisor’s", "supervisor"),  # possessive (after smart quotes)
        ("containers", "container"),  # the qualifier is not part of the name
        ("Container", "container"),
        ("the Beast", "beast-the"),  # inverted name in natural order
        ("Fin", "fin"),  # but not "FIN": all caps, and no all-caps name
        ("Chesterton’s Fence", "chesterton-s-fence"),  # the data's ' matches smart quotes' ’
        ("balenaCloud", "balenacloud"),  # in a substitution's replacement text
        ("Fleet", "fleet"),  # admonition body, not its title
        ("Docker", "docker"),  # table cell, not its caption
        ("balenaCloud", "balenacloud"),  # field body, not the field name
        ("Git", "git"),  # topic body, not its title
        ("Supervisor", "supervisor"),  # section body, not its title
    ]
    body = html.select_one("div.body").get_text()
    assert "A Pattern stays plain." in body  # autolink: false
    assert "hup does not" in body
    assert_no_forbidden_links(html)
    explicit = [a for a in html.select("div.body .bterm") if "bterm-auto" not in a["class"]]
    assert [a.get_text() for a in explicit] == ["the updater"]


@pytest.mark.sphinx("html", testroot="autolink")
def test_myst_page_and_inline_raw_html(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "myst")
    assert auto_links(html) == [
        ("balenaOS image", "balenaos-image"),
        ("Docker images", "docker-image"),
        ("HUP", "host-os-updater"),
        ("Fleet", "fleet"),  # after </kbd>: raw HTML tags closed again
        ("Fleet", "fleet"),  # inside a note
    ]
    assert_no_forbidden_links(html)
    text = " ".join(html.select_one("div.body").get_text().split())
    assert "Raw balenaOS and Supervisor and Git, then" in text


@pytest.mark.sphinx(
    "html", testroot="autolink", confoverrides={"balena_glossary_autolink": "first"}
)
def test_first_mode_links_each_term_once_and_explicit_links_count(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "first")
    links = [(a.get_text(), "bterm-auto" in a["class"]) for a in html.select("div.body .bterm")]
    assert links == [("HUP", False), ("Docker", True)]
    assert [t for t, _ in auto_links(read_html(app, "index"))].count("balenaCloud") == 1


@pytest.mark.sphinx("html", testroot="autolink", confoverrides={"balena_glossary_autolink": "off"})
def test_off_mode(app: SphinxTestApp) -> None:
    app.build()
    assert auto_links(read_html(app, "index")) == []
    assert [a.get_text() for a in read_html(app, "first").select("div.body .bterm")] == ["HUP"]


@pytest.mark.sphinx("html", testroot="autolink")
def test_exclude_globs_and_metadata_opt_outs(app: SphinxTestApp) -> None:
    app.build()
    for page in ("excluded", "optout", "optout_rest"):
        html = read_html(app, page)
        assert html.select("div.body .bterm") == []
        assert "balenaOS and Docker here stay plain." in html.select_one("div.body").get_text()


@pytest.mark.sphinx("html", testroot="autolink")
def test_glossary_entry_does_not_link_its_own_term(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "glossary")
    image = html.select_one("dt#term-balenaos-image").find_next_sibling("dd")
    assert [a["data-bterm"] for a in image.select(".bterm-auto")] == ["balenaos"]
    docker_image = html.select_one("dt#term-docker-image").find_next_sibling("dd")
    assert [a["data-bterm"] for a in docker_image.select(".bterm-auto")] == ["docker", "container"]
    assert html.select("dt .bterm") == []


@pytest.mark.sphinx("html", testroot="autolink")
def test_auto_links_get_tooltips(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "index")
    link = html.select_one("div.body a.bterm-auto")
    assert link["aria-describedby"] == "bterm-tip-balenaos-image"
    assert html.select_one("#bterm-tip-balenaos-image") is not None


@pytest.mark.sphinx(
    "html", testroot="autolink", confoverrides={"balena_glossary_autolink": "sometimes"}
)
def test_bad_mode_falls_back_to_first(app: SphinxTestApp) -> None:
    app.build()
    assert any(
        "balena_glossary_autolink must be 'first', 'section', 'all' or 'off', got 'sometimes'" in w
        for w in warnings_of(app)
    )


@pytest.mark.parametrize(
    ("builder", "page", "href"),
    [
        ("dirhtml", "index.html", "glossary/#term-balenaos-image"),
        ("singlehtml", "index.html", "#term-balenaos-image"),
    ],
)
def test_html_builders_write_auto_links_to_the_glossary_page(
    project: MakeProject, builder: str, page: str, href: str
) -> None:
    app = project("autolink").build(builder)
    assert warnings_of(app) == []
    html = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    first = html.select_one("a.bterm-auto")
    assert (first.get_text(), first["href"], first["data-bterm"]) == (
        "balenaOS image",
        href,
        "balenaos-image",
    )
    assert first["aria-describedby"] == "bterm-tip-balenaos-image"


@pytest.mark.sphinx("latex", testroot="autolink")
def test_other_builders_get_auto_links_as_link_nodes(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (
        r"\hyperref[\detokenize{glossary:term-balenaos-image}]{\sphinxcrossref{balenaOS image}}"
        in tex
    )


@pytest.mark.sphinx("html", testroot="autolink", freshenv=True)
def test_auto_links_are_written_like_role_links(app: SphinxTestApp) -> None:
    """Auto links are written without nodes: their tags must be the role's, plus ``bterm-auto``."""
    app.build()
    source = (app.outdir / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r'<a [^>]*data-bterm="host-os-updater"[^>]*>[^<]*</a>', source)
    role = [tag for tag in tags if "bterm-auto" not in tag]
    auto = [tag for tag in tags if "bterm-auto" in tag]
    assert len(role) == 1 and auto
    assert auto[0].replace(" bterm-auto", "").replace(">HUP<", ">the updater<") == role[0]


def test_auto_links_with_nowhere_to_go_are_focusable_text(project: MakeProject) -> None:
    """No glossary page and no URL: each auto link is a focusable span, as the role makes."""
    docs = project("autolink")
    (docs.srcdir / "glossary.rst").unlink()
    app = docs.build()
    html = read_html(app, "index")
    spans = html.select("div.body span.bterm-auto")
    assert [(s.get_text(), s["data-bterm"], s["tabindex"]) for s in spans[:2]] == [
        ("balenaOS image", "balenaos-image", "0"),
        ("Docker images", "docker-image", "0"),
    ]
    assert html.select("div.body a.bterm-auto") == []
    assert spans[0]["aria-describedby"] == "bterm-tip-balenaos-image"


@pytest.mark.parametrize(
    ("builder", "hrefs"),
    [
        ("html", ["glossary.html", "glossary.html", "../glossary.html", "../../glossary.html"]),
        ("dirhtml", ["glossary/", "../glossary/", "../../glossary/", "../../../glossary/"]),
    ],
)
def test_pages_in_every_folder_link_to_the_entry_and_carry_its_tooltip(
    project: MakeProject, builder: str, hrefs: list[str]
) -> None:
    """Auto-link tags are made once per place a page links from: pages side by side share
    them, pages elsewhere get their own, and every page still carries the tooltips it uses."""
    docs = project()
    docs.write(
        "conf.py", 'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = "g.yaml"\n'
    )
    docs.write("g.yaml", "version: 1\nterms:\n  - term: Fleet\n    definition: Devices.\n")
    pages = ["index", "beside", "sub/page", "sub/deeper/page"]
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    for page in pages:
        tree = "\n\n.. toctree::\n\n   glossary\n   beside\n   sub/page\n   sub/deeper/page\n"
        docs.write(
            f"{page}.rst", f"Page\n====\n\nA fleet of devices.{tree if page == 'index' else ''}\n"
        )
    app = docs.build(builder)
    assert warnings_of(app) == []
    for page, href in zip(pages, hrefs, strict=True):
        folder = app.outdir / page.removesuffix("index")
        file = folder / "index.html" if builder == "dirhtml" else app.outdir / f"{page}.html"
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        link = html.select_one("a.bterm-auto")
        assert (link.get_text(), link["href"]) == ("fleet", href + "#term-fleet"), page
        assert html.select_one(f"#{link['aria-describedby']}[role=tooltip]") is not None, page


def _reachable(start: object, limit: int = 100_000) -> Iterator[object]:
    """Objects ``start`` holds, directly or not; a function counts by its closure, not its module."""
    seen, todo = {id(start)}, [start]
    while todo and len(seen) < limit:
        for held in gc.get_referents(todo.pop()):
            if isinstance(held, FunctionType):
                held = held.__closure__ or ()
            if isinstance(held, (type, ModuleType)) or id(held) in seen:
                continue
            seen.add(id(held))
            todo.append(held)
            yield held


@pytest.mark.sphinx("html", testroot="autolink", freshenv=True)
def test_what_is_kept_per_written_page_does_not_hold_the_page(app: SphinxTestApp) -> None:
    """A page's state hangs off its document while it is written: it must not hold the document
    (or its translator), or a page could outlive its writing through it."""
    from sphinx.writers.html5 import HTML5Translator

    from sphinx_balena_glossary import html_output

    kept = []

    def grab(app, pagename, templatename, context, doctree) -> None:  # type: ignore[no-untyped-def]
        if doctree is not None:  # before the extension's own handler takes the state off
            kept.append(html_output.page_state(doctree))

    app.connect("html-page-context", grab, priority=100)
    app.build()
    assert any(isinstance(state.auto_links, html_output.AutoLinkTags) for state in kept)
    for value in kept:
        held = list(_reachable(value))
        assert not any(isinstance(o, (docutils_nodes.document, HTML5Translator)) for o in held)
