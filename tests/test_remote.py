"""Glossaries from other places: URLs (fetched once per build, cached, usable offline),
another site's ``glossary.json`` (terms link home), installed packages (``@name``)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.cli import main
from sphinx_balena_glossary.loader import DataText, load_glossary
from sphinx_balena_glossary.remote import RemoteCache

from conftest import MakeProject, Project, read_html, warnings_of
from glossary_server import GlossaryServer, glossary_server

HANDBOOK = """\
version: 1
terms:
  - term: Fleet
    scope: balena
    definition: >-
      A group of [devices](<term:Device>) that run the same release
      ([fleet guide](guides/fleets.html)).
    more: https://handbook.example.com/fleets
  - term: Device
    definition: A single board computer running balenaOS.
  - term: Host os UPdater
    aliases: [HUP]
    definition: Tool for *host OS* updates.
"""
PAGE = "Home\n====\n\nEvery Fleet runs on boards. Update them with HUP.\n"


@pytest.fixture
def site() -> Iterator[GlossaryServer]:
    with glossary_server() as server:
        yield server


def consumer(
    project: MakeProject, sources: list[str], folder: str = "product", **conf: Any
) -> Project:
    docs = project(folder=folder)
    settings = {"balena_glossary_file": sources, "balena_glossary_timeout": 2, **conf}
    docs.write(
        "conf.py",
        'extensions = ["sphinx_balena_glossary"]\n'
        + "".join(f"{name} = {value!r}\n" for name, value in settings.items()),
    )
    docs.write("index.rst", PAGE)
    return docs


def links(app: SphinxTestApp, docname: str = "index") -> dict[str, str]:
    """Term mentions of a page: their text and where they link (``""``: text with a tooltip)."""
    body = read_html(app, docname).select_one("div.body")
    return {a.get_text(): a.get("href", "") for a in body.select(".bterm")}


def written(docs: Project) -> list[str]:
    """The pages the last build wrote, less the index and search pages every build writes."""
    return [page for page in docs.written if page not in ("genindex", "search")]


def published_term(app: SphinxTestApp, name: str) -> dict[str, Any]:
    """The term ``name`` of the build's ``glossary.json``."""
    document = json.loads(Path(app.outdir, "glossary.json").read_text("utf-8"))
    found: dict[str, Any] = next(t for t in document["terms"] if t["term"] == name)
    return found


def tip_text(app: SphinxTestApp, key: str, docname: str = "index") -> str:
    tip = read_html(app, docname).select_one(f"#bterm-tip-{key}")
    return tip.get_text(" ", strip=True) if tip is not None else ""


# -- a data file at a URL ---------------------------------------------------------------


def test_first_fetch_then_cached_then_304(project: MakeProject, site: GlossaryServer) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK)
    docs = consumer(project, [url], balena_glossary_url="https://handbook.example.com/glossary/")
    app = docs.build()
    assert warnings_of(app) == []
    assert links(app) == {
        "Fleet": "https://handbook.example.com/glossary/#term-fleet",
        "HUP": "https://handbook.example.com/glossary/#term-host-os-updater",
    }
    # relative links of a fetched data file are relative to its URL; term links go to entries
    fleet = published_term(app, "Fleet")
    assert fleet["definition_html"] == (
        'A group of <a href="https://handbook.example.com/glossary/#term-device">devices</a> '
        f'that run the same release (<a href="{site.url}/guides/fleets.html">fleet guide</a>).'
    )
    assert "A group of devices that run the same release (fleet guide)." in tip_text(app, "fleet")
    assert site.statuses("/glossary.yaml") == [200]

    docs.build()  # younger than the cache limit (60 minutes): not even asked
    assert site.statuses("/glossary.yaml") == [200]
    assert docs.read == [] and written(docs) == []

    again = docs.build(confoverrides={"balena_glossary_cache_limit": 0})  # ask every build
    assert site.statuses("/glossary.yaml") == [200, 304]
    assert site.log[-1].if_none_match == site.routes["/glossary.yaml"].etag
    assert warnings_of(again) == []
    assert docs.read == [] and written(docs) == []  # an unchanged glossary re-reads nothing


def test_changed_content_rewrites_only_what_shows_it(
    project: MakeProject, site: GlossaryServer
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK)
    docs = consumer(project, [url], balena_glossary_cache_limit=0)
    docs.write("other.rst", "Other\n=====\n\nNothing to link.\n")
    docs.write("index.rst", PAGE + "\n.. toctree::\n\n   other\n")
    docs.build()
    site.serve("/glossary.yaml", HANDBOOK.replace("Tool for *host OS* updates.", "Updates hosts."))
    app = docs.build()
    assert site.statuses("/glossary.yaml") == [200, 200]
    assert docs.read == []  # no name changed: nothing is read again
    assert written(docs) == ["index"]  # the page showing HUP's tooltip, not "other"
    assert "Updates hosts." in tip_text(app, "host-os-updater")


@pytest.mark.parametrize(
    ("route", "failure"),
    [
        ({"status": 404}, "the server answered 404 Not Found"),
        ({"status": 500}, "the server answered 500 Internal Server Error"),
        ({"text": "version: 1\nterms: [unclosed\n"}, "YAML syntax error"),
        ({"text": '{"version": "1.1", "terms": [}'}, "JSON syntax error"),
        (
            {"text": '{"version": "2.0", "terms": []}'},
            "glossary.json version '2.0' is not one this extension reads (1.x)",
        ),
        (
            {"location": "file:///etc/passwd", "status": 302},
            "the server answered 302 Found - Redirection to url 'file:///etc/passwd' is not allowed",
        ),
    ],
    ids=["404", "500", "bad-yaml", "bad-json", "major-version", "redirect-to-file"],
)
def test_a_failure_without_a_cache_leaves_the_terms_out(
    project: MakeProject, site: GlossaryServer, route: dict[str, Any], failure: str
) -> None:
    url = site.serve("/glossary.yaml", route.pop("text", ""), **route)
    docs = consumer(project, [url, "local.yaml"])
    docs.write("local.yaml", "version: 1\nterms:\n  - term: Fleet\n    definition: Ours.\n")
    app = docs.build()
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert warning.startswith("conf.py:2: WARNING: glossary http://127.0.0.1:")
    assert failure in warning
    assert warning.endswith("no copy is cached: its terms are left out of this build")
    assert list(links(app)) == ["Fleet"]  # the local term is still there


def test_a_failure_with_a_cache_uses_the_last_good_copy(
    project: MakeProject, site: GlossaryServer
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK)
    docs = consumer(project, [url], balena_glossary_cache_limit=0)
    docs.build()
    site.serve("/glossary.yaml", HANDBOOK.replace("version: 1", "version: 7"))  # broken publication
    app = docs.build()
    [warning] = warnings_of(app)
    assert "line 1: unsupported version a number ('7')" in warning
    assert warning.endswith("using the copy fetched less than a minute ago")
    assert list(links(app)) == ["Fleet", "HUP"]
    assert "Tool for host OS updates." in tip_text(app, "host-os-updater")
    # the broken copy did not replace the good one: the next failure still falls back to it
    site.routes["/glossary.yaml"].status = 500
    assert list(links(docs.build())) == ["Fleet", "HUP"]


def test_server_gone_with_a_cache(project: MakeProject) -> None:
    with glossary_server() as site:
        url = site.serve("/glossary.yaml", HANDBOOK)
        docs = consumer(project, [url], balena_glossary_cache_limit=0)
        docs.build()
    app = docs.build()  # the server is gone
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert "cannot reach it (" in warning
    assert warning.endswith("using the copy fetched less than a minute ago")
    assert list(links(app)) == ["Fleet", "HUP"]
    assert "A group of devices that run the same release" in tip_text(app, "fleet")


def test_server_gone_without_a_cache(project: MakeProject) -> None:
    with glossary_server() as site:
        url = site.url + "/glossary.yaml"
    # an excluded name may be in the missing source: not reported as naming no term
    docs = consumer(project, [url], balena_glossary_exclude=["HUP"])
    docs.write("index.rst", PAGE + "\nRole: :bterm:`Fleet`.\n")
    app = docs.build()
    assert app.statuscode == 0
    warnings = warnings_of(app)
    assert len(warnings) == 2
    assert "cannot reach it (" in warnings[0]
    assert warnings[0].endswith("no copy is cached: its terms are left out of this build")
    assert warnings[1] == "index.rst:6: WARNING: unknown glossary term 'Fleet'"
    assert links(app) == {}


def test_a_server_that_never_answers_costs_the_timeout_and_no_more(
    project: MakeProject, site: GlossaryServer
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK, hang=True)
    docs = consumer(project, [url], balena_glossary_timeout=1)
    started = time.monotonic()
    app = docs.build()
    elapsed = time.monotonic() - started
    [warning] = warnings_of(app)
    assert "no answer" in warning and "1 s" in warning
    assert elapsed < 20  # a bound, not a benchmark: a hang would take the server's 60 s


@pytest.mark.parametrize(
    ("route", "failure"),
    [
        ({"raw": b"GARBAGE\r\n\r\n"}, "cannot fetch it (BadStatusLine"),
        ({"trickle": 0.3}, "no complete answer within 1 s"),
    ],
    ids=["garbage-status-line", "trickling-server"],
)
def test_a_misbehaving_server_costs_one_warning_and_the_timeout(
    project: MakeProject, site: GlossaryServer, route: dict[str, Any], failure: str
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK, **route)
    docs = consumer(project, [url], balena_glossary_timeout=1)
    started = time.monotonic()
    app = docs.build()
    elapsed = time.monotonic() - started
    [warning] = warnings_of(app)
    assert failure in warning, warning
    assert elapsed < 15  # the trickle alone would take 0.3 s per byte of 400: two minutes


def test_a_304_never_bypasses_a_pin_or_a_changed_copy(site: GlossaryServer, tmp_path: Path) -> None:
    import hashlib

    cache = RemoteCache(tmp_path, max_age=0, timeout=2)
    url = site.serve("/g.yaml", HANDBOOK.replace("\n", "\r\n"))  # CRLF: stored as sent
    assert cache.fetch(url, lambda text: "").text is not None
    other = hashlib.sha256(b"another glossary").hexdigest()
    pinned = cache.fetch(f"{url}#sha256={other}", lambda text: "")
    assert pinned.text is None and "not the pinned" in pinned.failure
    assert site.log[-1].if_none_match is None  # no validators for a copy it cannot use
    # a copy changed on disk is not "not modified": asked again without validators
    body = next(tmp_path.glob("*.body"))
    body.write_bytes(b"tampered")
    again = cache.fetch(url, lambda text: "")
    assert again.text == HANDBOOK.replace("\n", "\r\n") and site.log[-1].if_none_match is None
    assert site.statuses("/g.yaml") == [200, 200, 200]


def test_a_pinned_hash_must_match(project: MakeProject, site: GlossaryServer) -> None:
    import hashlib

    url = site.serve("/glossary.yaml", HANDBOOK)
    good = hashlib.sha256(HANDBOOK.encode()).hexdigest()
    app = consumer(project, [f"{url}#sha256={good}"], folder="pinned").build()
    assert warnings_of(app) == [] and list(links(app)) == ["Fleet", "HUP"]
    app.cleanup()
    wrong = consumer(project, [f"{url}#sha256={'0' * 64}"], folder="wrong").build()
    [warning] = warnings_of(wrong)
    assert f"its SHA-256 is {good}, not the pinned {'0' * 64}" in warning
    assert links(wrong) == {}


def test_larger_than_the_size_limit(
    project: MakeProject, site: GlossaryServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sphinx_balena_glossary.remote.MAX_BYTES", 1000)
    url = site.serve("/glossary.yaml", HANDBOOK + "#" * 2000)
    [warning] = warnings_of(consumer(project, [url]).build())
    assert "it is larger than 1000 bytes" in warning


def test_a_hostile_remote_glossary_runs_no_script(
    project: MakeProject, site: GlossaryServer
) -> None:
    hostile = {
        "version": "1.1",
        "terms": [
            {
                "term": "Fleet",
                "definition": '<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror="alert(3)">',
                "url": "javascript:alert(4)",
                "more": "javascript:alert(5)",
            }
        ],
    }
    url = site.serve("/glossary.json", json.dumps(hostile))
    app = consumer(project, [url]).build()
    html = str(read_html(app, "index"))
    assert "<script>alert" not in html and "javascript:" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert any("javascript:alert(2)" in w and "its text stays" in w for w in warnings_of(app))


def test_every_fetch_happens_once_per_build_not_per_worker(
    project: MakeProject, site: GlossaryServer
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK)
    outputs = []
    for jobs in (1, 2):
        docs = consumer(project, [url], folder=f"j{jobs}", balena_glossary_autolink="all")
        toc = "\n".join(f"   p{i}" for i in range(24))
        docs.write("index.rst", PAGE + f"\n.. toctree::\n\n{toc}\n")
        for i in range(24):
            docs.write(f"p{i}.rst", f"Page {i}\n=======\n\nA Fleet of boards gets HUP {i}.\n")
        app = docs.build(parallel=jobs)
        assert warnings_of(app) == []
        outputs.append({p.name: p.read_bytes() for p in Path(app.outdir).glob("*.html")})
        app.cleanup()
    assert outputs[0] == outputs[1] and len(outputs[0]) == 27
    assert site.statuses("/glossary.yaml") == [200, 200]  # one per build (each its own cache)


# -- two sites: one publishes glossary.json, the other uses it ----------------------------


def publish_handbook(project: MakeProject) -> SphinxTestApp:
    handbook = project(folder="handbook")
    handbook.write(
        "conf.py",
        'project = "Handbook"\nextensions = ["sphinx_balena_glossary"]\n'
        'balena_glossary_file = "glossary.yaml"\nhtml_baseurl = "https://handbook.example.com/"\n',
    )
    handbook.write("glossary.yaml", HANDBOOK)
    handbook.write("index.rst", "Handbook\n========\n\n.. toctree::\n\n   reference/glossary\n")
    handbook.write("reference/glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    app = handbook.build()
    assert warnings_of(app) == []
    app.cleanup()
    return app


def test_terms_from_another_site_link_home(project: MakeProject, site: GlossaryServer) -> None:
    handbook = publish_handbook(project)
    published = Path(handbook.outdir, "glossary.json").read_text("utf-8")
    url = site.serve("/glossary.json", published)
    docs = consumer(project, [url, "local.yaml"])
    docs.write(
        "local.yaml",
        "version: 1\nterms:\n  - term: Release\n    definition: A built version of a [fleet](<term:Fleet>).\n",
    )
    docs.write("index.rst", PAGE + "\nA Release. Role: :bterm:`the updater <HUP>`.\n")
    app = docs.build()
    assert warnings_of(app) == []
    home = "https://handbook.example.com/reference/glossary.html"
    assert links(app) == {
        "Fleet": f"{home}#term-fleet",
        "HUP": f"{home}#term-host-os-updater",
        "the updater": f"{home}#term-host-os-updater",
        "Release": "",  # a local term with no glossary page anywhere: text with a tooltip
    }
    # the tooltip shows the handbook's definition; its relative link is made absolute
    assert "A group of devices that run the same release" in tip_text(app, "fleet")
    assert (
        'href="https://handbook.example.com/reference/guides/fleets.html"'
        in (published_term(app, "Fleet")["definition_html"])
    )
    # this site's glossary.json says where each term lives
    ours = json.loads(Path(app.outdir, "glossary.json").read_text("utf-8"))
    urls = {t["term"]: t["url"] for t in ours["terms"]}
    assert urls["Fleet"] == f"{home}#term-fleet"
    assert urls["Release"] is None
    release = next(t for t in ours["terms"] if t["term"] == "Release")
    assert f'<a href="{home}#term-fleet">fleet</a>' in release["definition_html"]


def test_a_local_glossary_page_lists_remote_terms_and_links_to_itself(
    project: MakeProject, site: GlossaryServer
) -> None:
    handbook = publish_handbook(project)
    url = site.serve("/glossary.json", Path(handbook.outdir, "glossary.json").read_bytes())
    docs = consumer(project, [url])
    docs.write("index.rst", PAGE + "\n.. toctree::\n\n   glossary\n")
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    app = docs.build()
    assert warnings_of(app) == []
    assert links(app)["Fleet"] == "glossary.html#term-fleet"
    entry = read_html(app, "glossary").select_one("#term-fleet").find_next("dd")
    hrefs = [a["href"] for a in entry.select("a")]
    assert "#term-device" in hrefs  # the term link inside the definition stays on this page
    assert "https://handbook.example.com/reference/guides/fleets.html" in hrefs


def test_overrides_are_noted_and_exclude_drops_terms(
    project: MakeProject, site: GlossaryServer
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK)
    docs = consumer(
        project,
        [url, "local.yaml"],
        balena_glossary_exclude=["HUP"],
        balena_glossary_warn_override=True,
    )
    docs.write("local.yaml", "version: 1\nterms:\n  - term: fleet\n    definition: Ours.\n")
    app = docs.build()
    [warning] = warnings_of(app)
    assert warning == f"local.yaml:3: WARNING: 'fleet' overrides the entry of {url}:3"
    assert list(links(app)) == ["Fleet"]
    assert tip_text(app, "fleet").endswith("Ours.")
    app.cleanup()
    quiet = docs.build(confoverrides={"balena_glossary_warn_override": False})
    assert warnings_of(quiet) == []
    assert f"'fleet' overrides the entry of {url}:3" in quiet._status.getvalue()


def test_exclude_names_no_term(project: MakeProject, site: GlossaryServer) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK)
    app = consumer(project, [url], balena_glossary_exclude=["Fleat"]).build()
    [warning] = warnings_of(app)
    assert "balena_glossary_exclude names 'Fleat', which is no term of the glossary" in warning


# -- glossaries shipped by installed packages ---------------------------------------------


@pytest.fixture
def acme_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed package declaring the glossary ``@acme`` (a real dist-info on sys.path)."""
    root = tmp_path / "site-packages"
    package = root / "acme_glossary"
    package.mkdir(parents=True)
    (package / "glossary.yaml").write_text(HANDBOOK, encoding="utf-8")
    (package / "__init__.py").write_text(
        "from pathlib import Path\nGLOSSARY = Path(__file__).with_name('glossary.yaml')\n",
        encoding="utf-8",
    )
    info = root / "acme_glossary-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-glossary\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[sphinx_balena_glossary.glossaries]\nacme = acme_glossary:GLOSSARY\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(root))
    yield root
    sys.modules.pop("acme_glossary", None)


def test_a_glossary_from_an_installed_package(project: MakeProject, acme_package: Path) -> None:
    app = consumer(project, ["@acme"]).build()
    assert warnings_of(app) == []
    assert list(links(app)) == ["Fleet", "HUP"]


def test_an_unknown_package_glossary_is_named_with_a_hint(
    project: MakeProject, acme_package: Path
) -> None:
    app = consumer(project, ["@acmee"]).build()
    [warning] = warnings_of(app)
    assert warning.startswith("conf.py:2: WARNING: '@acmee' names no installed glossary")
    assert "did you mean '@acme'?" in warning


# -- the command line takes the same sources ----------------------------------------------


def test_cli_validates_and_exports_a_url(
    site: GlossaryServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    url = site.serve("/glossary.yaml", HANDBOOK)
    assert main(["validate", url]) == 0
    assert capsys.readouterr().out == f"{url}: valid; 3 terms, 1 aliases\n"
    assert main(["export", url, "--format", "yaml", "-o", str(tmp_path / "copy.yaml")]) == 0
    copy = (tmp_path / "copy.yaml").read_text("utf-8")
    assert f"base_url: {site.url}/glossary.yaml\n" in copy  # its relative links still work
    site.routes["/glossary.yaml"].status = 500
    assert main(["validate", url]) == 1
    out = capsys.readouterr().out
    assert "the server answered 500 Internal Server Error; using the copy fetched" in out


def test_the_cache_is_written_only_after_the_content_is_accepted(
    tmp_path: Path, site: GlossaryServer
) -> None:
    cache = RemoteCache(tmp_path, max_age=0, timeout=2)
    url = site.serve("/g.yaml", "not a glossary")
    fetched = cache.fetch(url, lambda text: "not a glossary" if "terms" not in text else "")
    assert (fetched.text, fetched.failure) == (None, "not a glossary")
    assert list(tmp_path.iterdir()) == []


# -- links inside definitions travel with them --------------------------------------------


def broken_internal_links(outdir: Path, page: Path, scope: Any) -> list[str]:
    """Links under ``scope`` (HTML of ``page``) to a file or an id that the build lacks."""
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup

    broken = []
    for link in scope.select("a[href]"):
        href = link["href"]
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            continue
        target = (page.parent / parts.path).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or outdir.resolve() not in target.parents:
            broken.append(href)
            continue
        if parts.fragment:
            html = BeautifulSoup(target.read_text("utf-8"), "html.parser")
            if html.find(id=parts.fragment) is None:
                broken.append(href)
    return broken


def test_the_imported_balena_glossary_has_no_broken_internal_link(
    project: MakeProject, tmp_path: Path
) -> None:
    data = tmp_path / "balena.yaml"
    source = Path(__file__).parent / "data" / "balena-docs-glossary-full.md"
    base = "https://docs.balena.io/learn/more/"
    assert main(["import", str(source), "-o", str(data), "--base-url", base]) == 1  # one warning
    assert f"base_url: {base}\n" in data.read_text("utf-8")
    glossary, problems = load_glossary([data])
    assert problems == []
    docs = consumer(project, [str(data)], balena_glossary_autolink="all")
    roles = " ".join(f":bterm:`{term.term}`" for term in glossary)
    docs.write(
        "index.rst", "Home\n====\n\n.. toctree::\n\n   reference/glossary\n   deep/er/page\n"
    )
    docs.write("reference/glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    docs.write("deep/er/page.rst", f"Every term\n==========\n\n{roles}\n")
    app = docs.build()
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    glossary_page = outdir / "reference" / "glossary.html"
    deep_page = outdir / "deep" / "er" / "page.html"
    page_html = read_html(app, "reference/glossary")
    deep_html = read_html(app, "deep/er/page")
    assert broken_internal_links(outdir, glossary_page, page_html.select_one("div.body")) == []
    tips = deep_html.select('[role="tooltip"]')
    assert len(tips) == len(glossary)
    assert broken_internal_links(outdir, deep_page, deep_html.select_one(".bterm-tips")) == []
    # the page's links to entries are term links; its relative links went to the real site
    cloudlink = page_html.select_one("#term-cloudlink").find_next("dd")
    assert (
        "https://docs.balena.io/learn/develop/local-mode/#ssh-into-the-running-app-container-or-host-os"
        in [a["href"] for a in cloudlink.select("a")]
    )
    docker = page_html.select_one("#term-docker").find_next("dd")
    assert "#term-container" in [a["href"] for a in docker.select("a")]


# -- reading glossary.json ----------------------------------------------------------------


def read_json_glossary(
    document: dict[str, Any], url: str = "https://docs.example.com/g.json"
) -> tuple[Any, list[Any]]:
    return load_glossary([DataText(url, json.dumps(document, indent=2), url)])


def test_a_newer_minor_version_is_read_and_its_new_fields_skipped() -> None:
    glossary, problems = read_json_glossary(
        {
            "version": "1.7",
            "site": {"name": "Docs", "glossary_url": "learn/glossary/"},
            "terms": [
                {
                    "term": "Fleet",
                    "definition": "See [guide](../fleets/).",
                    "url": "learn/glossary/#term-fleet",
                    "colour": "blue",
                }
            ],
        }
    )
    assert problems == []
    [fleet] = glossary.terms
    assert fleet.home == "https://docs.example.com/learn/glossary/#term-fleet"
    assert fleet.base == "https://docs.example.com/learn/glossary/"


def test_the_first_version_and_unknown_fields_of_this_version() -> None:
    glossary, problems = read_json_glossary(
        {"version": 1, "terms": [{"term": "Fleet", "definition": "x", "colour": "blue"}]}
    )
    assert [t.term for t in glossary] == ["Fleet"]
    assert [(p.line, p.message) for p in problems] == [(5, "unknown field 'colour' (term 'Fleet')")]


def test_unsafe_urls_of_a_glossary_json_are_refused() -> None:
    glossary, problems = read_json_glossary(
        {
            "version": "1.1",
            "site": {"glossary_url": "javascript:alert(1)"},
            "terms": [{"term": "Fleet", "definition": "x", "url": "javascript:alert(2)"}],
        }
    )
    [fleet] = glossary.terms
    assert (fleet.home, fleet.base) == ("", "https://docs.example.com/g.json")
    assert [(p.line, p.subtype.value) for p in problems] == [(1, "unsafe_url"), (8, "unsafe_url")]


def test_deep_json_is_a_syntax_error_not_a_crash() -> None:
    deep = '{"version": "1.1", "terms": ' + "[" * 100_000 + "]" * 100_000 + "}"
    glossary, problems = load_glossary([DataText("g.json", deep)])
    assert len(glossary) == 0
    assert [(p.line, p.message) for p in problems] == [(1, "JSON syntax error: nesting too deep")]


def test_one_bad_entry_does_not_refuse_a_fetched_glossary(
    project: MakeProject, site: GlossaryServer
) -> None:
    url = site.serve("/glossary.yaml", HANDBOOK + "  - definition: an entry without a name\n")
    app = consumer(project, [url]).build()
    [warning] = warnings_of(app)
    assert "entry has no 'term'" in warning
    assert list(links(app)) == ["Fleet", "HUP"]  # the good entries are used


def test_relative_urls_of_a_local_copy_of_a_glossary_json_are_left_out() -> None:
    text = json.dumps(
        {"version": "1.1", "terms": [{"term": "Fleet", "definition": "x", "url": "g.html#f"}]}
    )
    glossary, problems = load_glossary([DataText("copy.json", text)])
    assert problems == [] and glossary.terms[0].home == ""
