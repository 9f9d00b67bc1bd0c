"""The auto-linking rules that read a mention's context, each in reST and MyST, each with a case
where it must not fire (the ``sense`` test root's glossary has the terms)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, read_html, warnings_of

#: (paragraph, the automatic links it gets in "all" mode), for reST and MyST alike.
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # glued to other text: no link; compounds that keep the meaning, lists and names: links
    ("The docker-compose.yml file and a fleet-wide setting.", [("fleet", "fleet")]),
    ("Paths /var/run/docker.sock, src/compose/fleet-manager.ts, ./fleet and ~/fleet.", []),
    ("See https://example.com/dolor/fleet/page and pypa.io/fleet or www.docker.io.", []),
    ("Pass --fleet to the command, or ---fleet.", []),
    ("A pre-fleet check, a multi-fleet setup and Docker-in-Docker.", []),
    (
        "A fleet/device list, the D-Bus, the config.json file, Docker-compatible tools.",
        [
            ("fleet", "fleet"),
            ("D-Bus", "d-bus"),
            ("config.json", "config-json"),
            ("Docker", "docker"),
        ],
    ),
    ("Devices—and the fleet—update.", [("fleet", "fleet")]),
    # template syntax a docs tree leaves unrendered
    ('{% tab title="Docker" %} Docker runs here. {% endtab %}', [("Docker", "docker")]),
    ("Hello {{ fleet.name }} and {# fleet #} here.", []),
    ('{% tab title="**Docker**" %} Docker runs here. {% endtab %}', [("Docker", "docker")]),
    # labels and product names: short emphasis saying more than the term, longer capitalised names
    ("Click **Add fleet** to start, then **Fleet** again.", [("Fleet", "fleet")]),
    ("Setting up your **ASUS Tinker Edge T** board.", []),
    (
        "*The fleet is updated when a new release is deployed to it.*",
        [("fleet", "fleet"), ("release", "release")],
    ),
    ("Pulled from Docker Hub, not from Docker.", [("Docker", "docker")]),
    ('Open the "Add fleet" page to set the "fleet" name.', [("fleet", "fleet")]),
    ("Fleet settings: the options of a fleet.", [("fleet", "fleet")]),
    ("The fleet has two parts: devices and users.", [("fleet", "fleet")]),
    # capitals: linked only as a spelling the term has; case_sensitive: false turns that off
    (
        "SUPERVISOR - the Supervisor, SV for short.",
        [("Supervisor", "supervisor"), ("SV", "supervisor")],
    ),
    ("A FIN board, a Fin board.", [("FIN", "fin"), ("Fin", "fin")]),
    ("HUP runs; hup does not.", [("HUP", "host-os-updater")]),
    # another sense: strict terms after product, camelCase, ALL-CAPS words or as verbs; block words
    (
        "Restart the NetworkManager service, the chrony service and the Cloudlink service.",
        [("Cloudlink", "cloudlink")],
    ),
    ("Pick a macOS release or the OS release; we can release it later.", []),
    ("Deploy your service with a new release.", [("service", "service"), ("release", "release")]),
    ("Ask your service provider.", []),
    ("The Extended Support Release process.", []),
    ("A Python project, a Python Project.", [("project", "project"), ("Project", "project")]),
    # forms: -ies plurals, irregular forms from the data, the singular of a plural-named entry
    (
        "Two cities, three knives, a delta and more Deltas.",
        [("cities", "city"), ("knives", "knife"), ("delta", "deltas"), ("Deltas", "deltas")],
    ),
    # wrapped over two source lines
    (
        "The Host OS\nupdater and machine\nlearning.",
        [("Host OS updater", "host-os-updater"), ("machine learning", "machine-learning")],
    ),
]

#: Cases whose markup differs: (reST, MyST, links).
MARKUP_CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        ":guilabel:`Fleet settings` and :menuselection:`Fleet --> Devices` are labels.",
        "{guilabel}`Fleet settings` and {menuselection}`Fleet --> Devices` are labels.",
        [],
    ),
    (
        "The ``chrony`` service and the ``app`` service.",
        "The `chrony` service and the `app` service.",
        [("service", "service")],
    ),
]


def _write_pages(srcdir: Path) -> None:
    rest = [":orphan:", "", "Rules in reST", "=============", ""]
    myst = ["---", "orphan: true", "---", "", "# Rules in MyST", ""]
    for text, _links in CASES:
        rest += [text, ""]
        myst += [text, ""]
    for rest_text, myst_text, _links in MARKUP_CASES:
        rest += [rest_text, ""]
        myst += [myst_text, ""]
    (srcdir / "rules_rst.rst").write_text("\n".join(rest), encoding="utf-8")
    (srcdir / "rules_md.md").write_text("\n".join(myst), encoding="utf-8")


@pytest.fixture
def built(project: MakeProject) -> SphinxTestApp:
    docs = project("sense")
    _write_pages(docs.srcdir)
    return docs.build()


def _links(paragraph: Tag) -> list[tuple[str, str]]:
    return [
        (" ".join(a.get_text().split()), a["data-bterm"]) for a in paragraph.select(".bterm-auto")
    ]


def _paragraphs(html: BeautifulSoup) -> list[Tag]:
    return html.select("div.body section > p")


@pytest.mark.parametrize("page", ["rules_rst", "rules_md"])
def test_each_rule_links_what_it_must_and_nothing_else(built: SphinxTestApp, page: str) -> None:
    assert warnings_of(built) == []
    paragraphs = _paragraphs(read_html(built, page))
    expected = [links for _text, links in CASES] + [links for *_markup, links in MARKUP_CASES]
    assert len(paragraphs) == len(expected)
    for paragraph, links in zip(paragraphs, expected, strict=True):
        assert _links(paragraph) == links, paragraph.get_text()


def _page_links(app: SphinxTestApp, page: str) -> list[tuple[str, str, bool]]:
    """(text, term key, automatic?) of every term link on a page, in reading order."""
    body = read_html(app, page).select_one("div.body")
    return [
        (" ".join(a.get_text().split()), a["data-bterm"], "bterm-auto" in a["class"])
        for a in body.select("[data-bterm]")
    ]


@pytest.mark.sphinx("html", testroot="sense", confoverrides={"balena_glossary_autolink": "first"})
def test_first_mode_follows_reading_order_and_counts_the_authors_links(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    # the plain mention before an explicit link links; after one, none does
    assert _page_links(app, "order") == [("fleet", "fleet", True), ("Fleet", "fleet", False)]
    # a {term} link and a link to the entry's anchor (here the published glossary) count too
    assert _page_links(app, "order_md") == [
        ("Supervisor", "supervisor", True),
        ("Supervisor", "supervisor", False),
    ]


@pytest.mark.parametrize(("mode", "count"), [("first", 1), ("section", 3), ("all", 6)])
def test_modes_link_per_page_per_section_or_all(
    project: MakeProject, mode: str, count: int
) -> None:
    app = project("sense").build(confoverrides={"balena_glossary_autolink": mode})
    for page in ("sections", "sections_md"):
        html = read_html(app, page)
        assert len(html.select("div.body a.bterm-auto")) == count
        if mode == "section":  # the first mention in each section's own text
            for section in html.select("div.body section"):
                own = section.find_all("p", recursive=False)
                assert [len(p.select("a.bterm-auto")) for p in own] == [1]


@pytest.mark.sphinx("html", testroot="sense", confoverrides={"balena_glossary_autolink": "first"})
def test_only_what_the_builder_writes_counts(app: SphinxTestApp) -> None:
    """``.. only:: latex`` content uses up no link in HTML and puts no page in "Mentioned in"."""
    app.build()
    assert _page_links(app, "only") == _page_links(app, "only_md") == [("Docker", "docker", True)]
    knife = read_html(app, "glossary").select_one("dt#term-knife").find_next_sibling("dd")
    assert [a.get_text() for a in knife.select(".bterm-backrefs a")] == ["Roles", "Roles in MyST"]
    docker = read_html(app, "glossary").select_one("dt#term-docker").find_next_sibling("dd")
    pages = [a.get_text() for a in docker.select(".bterm-backrefs a")]
    assert "Only" in pages and "Only in MyST" in pages


@pytest.mark.sphinx("latex", testroot="sense", confoverrides={"balena_glossary_autolink": "first"})
def test_only_content_links_in_the_builder_that_writes_it(app: SphinxTestApp) -> None:
    app.build()
    lines = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8").splitlines()
    printed = [line for line in lines if "in print only" in line]
    everywhere = [line for line in lines if "in every output" in line]
    # in print, the page's first Docker is the one in the print-only paragraph (reST and MyST)
    assert len(printed) == 2
    assert all("{knife}" in line and r"\sphinxcrossref{Docker}" in line for line in printed)
    assert everywhere == ["The Docker in every output."] * 2


@pytest.mark.sphinx("html", testroot="sense")
def test_docinfo_and_front_matter_are_not_prose(app: SphinxTestApp) -> None:
    app.build()
    for page in ("docinfo", "docinfo_md"):
        assert app.env.metadata[page]["author"] == "the Supervisor team"
        assert read_html(app, page).select("[data-bterm]") == []
    supervisor = read_html(app, "glossary").select_one("dt#term-supervisor").find_next_sibling("dd")
    pages = [a.get_text() for a in supervisor.select(".bterm-backrefs a")]
    assert pages == ["Reading order", "Reading order in MyST"]


@pytest.mark.sphinx("html", testroot="sense")
def test_the_role_takes_the_forms_auto_linking_finds(app: SphinxTestApp) -> None:
    """Plurals, irregular forms, singulars of plural-named entries and titles with qualifiers."""
    app.build()
    assert warnings_of(app) == []
    for page in ("roles", "roles_md"):
        assert _page_links(app, page) == [
            ("Deploy Keys", "deploy-key", False),
            ("Gateway (network)", "gateway", False),
            ("knives", "knife", False),
            ("cities", "city", False),
            ("the delta", "deltas", False),
        ]


def test_parallel_builds_choose_the_same_links(project: MakeProject) -> None:
    """Links are chosen once a page is resolved: ``-j 2`` writes the same pages as ``-j 1``."""
    pages = []
    for jobs in (1, 2):
        docs = project("sense", folder=f"src{jobs}")
        _write_pages(docs.srcdir)
        app = docs.build(parallel=jobs)
        pages.append({p.name: p.read_bytes() for p in sorted(Path(app.outdir).glob("*.html"))})
    assert pages[0] == pages[1] and len(pages[0]) > 10
