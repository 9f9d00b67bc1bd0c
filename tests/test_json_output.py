"""``glossary.json`` in HTML builds: the export's JSON plus each entry's URL and anchor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.data_format import json_document
from sphinx_balena_glossary.loader import load_glossary

from conftest import MakeProject, warnings_of


def glossary_json(app: SphinxTestApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(app.outdir, "glossary.json").read_text("utf-8"))
    return data


@pytest.mark.sphinx("html", testroot="json")
def test_html_build_writes_the_export_with_urls(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    data = glossary_json(app)
    glossary, problems = load_glossary([Path(app.srcdir, "glossary.yaml")])
    assert problems == []
    expected = json_document(glossary)
    assert data["version"] == 1
    assert [{k: v for k, v in t.items() if k not in ("url", "anchor")} for t in data["terms"]] == (
        expected["terms"]
    )
    hup = data["terms"][0]
    assert hup["term"] == "Host os UPdater"
    assert hup["aliases"] == ["HUP"]
    assert hup["anchor"] == "term-host-os-updater"
    assert hup["url"] == "reference/glossary.html#term-host-os-updater"
    assert data["terms"][2] == {
        "term": "Docker",
        "definition": "A set of platform as a service products.",
        "autolink": False,
        "anchor": "term-docker",
        "url": "reference/glossary.html#term-docker",
    }
    # the anchor really is the entry on the page
    page = Path(app.outdir, "reference", "glossary.html").read_text("utf-8")
    assert 'id="term-host-os-updater"' in page


@pytest.mark.sphinx("dirhtml", testroot="json")
def test_dirhtml_urls(app: SphinxTestApp) -> None:
    app.build()
    assert glossary_json(app)["terms"][1]["url"] == "reference/glossary/#term-container"


@pytest.mark.sphinx("singlehtml", testroot="json")
def test_singlehtml_urls(app: SphinxTestApp) -> None:
    app.build()
    assert glossary_json(app)["terms"][1]["url"] == "index.html#term-container"


@pytest.mark.sphinx(
    "html",
    testroot="json",
    confoverrides={"html_baseurl": "https://docs.example.com/handbook"},
)
def test_html_baseurl_makes_urls_absolute(app: SphinxTestApp) -> None:
    app.build()
    assert glossary_json(app)["terms"][0]["url"] == (
        "https://docs.example.com/handbook/reference/glossary.html#term-host-os-updater"
    )


@pytest.mark.sphinx(
    "html",
    testroot="json",
    confoverrides={
        "exclude_patterns": ["_build", "reference"],
        "balena_glossary_url": "https://handbook.example.com/glossary/#top",
    },
)
def test_without_a_glossary_page_urls_go_to_the_published_one(app: SphinxTestApp) -> None:
    app.build()
    assert glossary_json(app)["terms"][0]["url"] == (
        "https://handbook.example.com/glossary/#term-host-os-updater"
    )


@pytest.mark.sphinx(
    "html",
    testroot="json",
    confoverrides={"exclude_patterns": ["_build", "reference"]},
)
def test_without_page_or_published_url_the_url_is_null(app: SphinxTestApp) -> None:
    app.build()
    terms = glossary_json(app)["terms"]
    assert [t["url"] for t in terms] == [None, None, None]
    assert terms[0]["anchor"] == "term-host-os-updater"


@pytest.mark.sphinx("html", testroot="json", confoverrides={"balena_glossary_json": False})
def test_can_be_turned_off(app: SphinxTestApp) -> None:
    app.build()
    assert not Path(app.outdir, "glossary.json").exists()


@pytest.mark.parametrize("builder", ["epub", "text", "latex"])
def test_only_html_builders_write_it(project: MakeProject, builder: str) -> None:
    app = project("json").build(builder)
    assert not Path(app.outdir, "glossary.json").exists()


@pytest.mark.sphinx("html", testroot="json")
def test_no_file_after_a_failed_build(app: SphinxTestApp) -> None:
    app.events.emit("build-finished", RuntimeError("boom"))
    assert not Path(app.outdir, "glossary.json").exists()


@pytest.mark.sphinx("html", testroot="json")
def test_a_write_failure_is_a_warning_not_a_crash(app: SphinxTestApp) -> None:
    Path(app.outdir, "glossary.json").mkdir(parents=True)  # a directory where the file goes
    app.build()
    assert any("glossary.json" in line and "cannot write" in line for line in warnings_of(app))
    assert [p.name for p in Path(app.outdir).glob(".glossary.json.*")] == []
