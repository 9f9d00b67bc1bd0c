"""The terms the search page's definition card reads: a static script, URLs as seen from
the search page, written for HTML builds with a search page only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeProject


def terms_of(outdir: str | Path) -> dict[str, Any]:
    text = Path(outdir, "_static", "bterm-terms.js").read_text("utf-8")
    assert text.startswith("window.btermTerms = ") and text.endswith(";\n")
    data: dict[str, Any] = json.loads(text.removeprefix("window.btermTerms = ")[:-2])
    return data


@pytest.mark.parametrize(
    ("builder", "url"),
    [
        ("html", "reference/glossary.html#term-host-os-updater"),
        ("dirhtml", "../reference/glossary/#term-host-os-updater"),  # from search/
    ],
)
def test_each_term_with_its_entry_as_seen_from_the_search_page(
    project: MakeProject, builder: str, url: str
) -> None:
    app = project("json").build(builder)
    data = terms_of(app.outdir)
    assert data["terms"][0] == {
        "name": "Host os UPdater",
        "aliases": ["HUP"],
        "text": "Tool for balena host OS updates.",
        "url": url,
    }
    assert data["labels"] == {"kicker": "Glossary", "aka": "aka.", "go": "Read the entry"}
    search = "search/index.html" if builder == "dirhtml" else "search.html"
    page = Path(app.outdir, search).read_text("utf-8")
    assert "bterm-terms.js" in page and "bterm-search.js" in page
    index = Path(app.outdir, "index.html").read_text("utf-8")
    assert "bterm-terms.js" not in index and "bterm-search.js" not in index


def test_hostile_text_cannot_end_the_script(project: MakeProject) -> None:
    app = project("hostile").build()
    text = Path(app.outdir, "_static", "bterm-terms.js").read_text("utf-8")
    assert "<" not in text and ">" not in text and "&" not in text
    definitions = [term["text"] for term in terms_of(app.outdir)["terms"]]
    assert any("<script>" in definition for definition in definitions)
    assert any("<b>markup</b> & entities" in definition for definition in definitions)


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text"])
def test_no_search_page_no_terms_script(project: MakeProject, builder: str) -> None:
    app = project("json").build(builder)
    assert not Path(app.outdir, "_static", "bterm-terms.js").exists()
