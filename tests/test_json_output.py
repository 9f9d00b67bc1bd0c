"""``glossary.json`` in HTML builds: the export's JSON plus each entry's URL and anchor."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.data_format import (
    JSON_TERM_EXTRAS,
    dump_json,
    json_entries,
    json_pieces,
)
from sphinx_balena_glossary.domain import get_domain
from sphinx_balena_glossary.json_output import glossary_json_pieces
from sphinx_balena_glossary.loader import BUNDLED_FILE, DataText, load_glossary

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
    expected = list(json_entries(glossary))
    assert data["version"] == "1.2"
    assert data["site"] == {"name": "Handbook", "glossary_url": "reference/glossary.html"}
    assert [{k: v for k, v in t.items() if k not in JSON_TERM_EXTRAS} for t in data["terms"]] == (
        expected
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
        "definition_text": "A set of platform as a service products.",
        "definition_html": "A set of platform as a service products.",
    }
    assert hup["definition_html"] == "Tool for balena <em>host OS updates</em>."
    container = data["terms"][1]
    # a term link goes to the entry; a relative link is relative to the glossary page, and
    # written relative to glossary.json, as every URL of the file
    assert container["definition_html"] == (
        "A lightweight, standalone, executable package of software, built from a "
        '<a href="reference/glossary.html#term-docker">Docker</a> image '
        '(<a href="spec/containers.html#image">specification</a>).'
    )
    assert container["definition_text"].endswith("built from a Docker image (specification).")
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
    data = glossary_json(app)
    assert data["terms"][0]["url"] == (
        "https://docs.example.com/handbook/reference/glossary.html#term-host-os-updater"
    )
    assert data["site"]["glossary_url"] == (
        "https://docs.example.com/handbook/reference/glossary.html"
    )
    assert (
        'href="https://docs.example.com/handbook/spec/containers.html#image"'
        in (data["terms"][1]["definition_html"])
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
    # nowhere to link a term to: its text stays
    assert "built from a Docker image" in terms[1]["definition_html"]


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


def _schema_validator(name: str) -> Any:
    """A validator of the schema ``name`` shipped in the package, knowing its sibling."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    folder = Path(BUNDLED_FILE).parent
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in folder.glob("*.schema.json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return Draft202012Validator(schemas[name], registry=registry)


@pytest.mark.sphinx("html", testroot="json")
def test_the_file_matches_its_shipped_schema(app: SphinxTestApp) -> None:
    app.build()
    validator = _schema_validator("glossary-json.schema.json")
    data = glossary_json(app)
    assert list(validator.iter_errors(data)) == []
    # the schema is no rubber stamp: a term without a name, or a bad version, fails it
    data["terms"][0].pop("term")
    data["version"] = "2.0"
    assert len(list(validator.iter_errors(data))) == 2


def test_the_data_schema_accepts_the_bundled_glossary_and_rejects_unknown_fields() -> None:
    import yaml

    validator = _schema_validator("glossary.schema.json")
    data = yaml.safe_load(BUNDLED_FILE.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["base_url"] = "https://docs.example.com/learn/"
    assert list(validator.iter_errors(data)) == []
    data["terms"][0]["defintion"] = "typo"
    assert len(list(validator.iter_errors(data))) == 1
    del data["terms"][0]["defintion"]
    data["terms"][0] |= {"spelling": "exact", "avoid": "Amplitde"}
    assert len(list(validator.iter_errors(data))) == 2


def test_other_sites_get_spelling_and_avoid() -> None:
    glossary, _ = load_glossary([BUNDLED_FILE])
    text = "".join(glossary_json_pieces(glossary, "glossary.html", True, "Handbook"))
    document = json.loads(text)
    assert document["version"] == "1.2"
    term = next(t for t in document["terms"] if t["term"] == "balenaOS")
    assert (term["spelling"], term["avoid"]) == ("strict", ["Balena OS"])
    url = "https://handbook.example.com/glossary.json"
    again, problems = load_glossary([DataText(url, text, url)])
    assert problems == []
    read = again.lookup("balenaOS")
    assert read is not None and (read.spelling.value, read.avoid) == ("strict", ("Balena OS",))


@pytest.mark.sphinx("html", testroot="kitchen-sink")
def test_the_written_file_is_its_document_as_json(app: SphinxTestApp) -> None:
    """The file is written a term at a time: its text must be what dumping the whole document
    gives, with every kind of field (lists, nested objects, non-ASCII, escapes)."""
    app.build()
    text = Path(app.outdir, "glossary.json").read_text("utf-8")
    document = json.loads(text)
    assert text == dump_json(document)
    assert len(document["terms"]) == len(get_domain(app.env).glossary)
    assert any(isinstance(value, list) for entry in document["terms"] for value in entry.values())


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [{}],
        [{"a": []}],
        [{"term": 'Ünïcode \u2028 "q" \\ <b>', "see": ["x", "y"]}] * 3,
        [{"term": "T", "autolink": False, "expand": True, "forms": [], "aliases": ["\t"]}],
        # not strings, booleans or lists of strings: written by json's own encoder
        [{"term": "T", "line": 3, "none": None, "site": {"name": "S"}}, {"mixed": ["x", 1]}],
        [{"term": "T", "ratio": 0.5}, {"term": "U", "nested": [["x"]]}],
    ],
)
def test_json_pieces_make_the_text_of_the_whole_document(entries: list[dict[str, Any]]) -> None:
    head = {"version": "1.2", "site": {"name": "S", "glossary_url": None}}
    assert "".join(json_pieces(iter(entries), head)) == dump_json({**head, "terms": entries})
    assert "".join(json_pieces(iter(entries))) == dump_json({"version": 1, "terms": entries})


def structured_data(app: SphinxTestApp, docname: str) -> dict[str, Any] | None:
    page = Path(app.outdir, f"{docname}.html").read_text("utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert len(blocks) <= 1
    return json.loads(blocks[0]) if blocks else None


@pytest.mark.sphinx(
    "html", testroot="json", confoverrides={"html_baseurl": "https://docs.example.com/"}
)
def test_the_glossary_page_carries_schema_org_terms(app: SphinxTestApp) -> None:
    app.build()
    data = structured_data(app, "reference/glossary")
    assert data is not None
    page = "https://docs.example.com/reference/glossary.html"
    assert {k: data[k] for k in ("@context", "@type", "name", "url")} == {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "name": "Handbook glossary",
        "url": page,
    }
    assert data["hasDefinedTerm"][0] == {
        "@type": "DefinedTerm",
        "name": "Host os UPdater",
        "alternateName": ["HUP"],
        "description": "Tool for balena host OS updates.",
        "url": f"{page}#term-host-os-updater",
    }
    assert structured_data(app, "index") is None  # only on the glossary page


@pytest.mark.sphinx("html", testroot="json")
def test_without_a_base_url_the_terms_link_to_their_anchors(app: SphinxTestApp) -> None:
    app.build()
    data = structured_data(app, "reference/glossary")
    assert data is not None and "url" not in data
    assert [t["url"] for t in data["hasDefinedTerm"]] == [
        "#term-host-os-updater",
        "#term-container",
        "#term-docker",
    ]
